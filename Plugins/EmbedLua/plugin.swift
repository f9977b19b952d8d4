import Foundation
import PackagePlugin

/// Embeds a target's trusted files at build time: `Lua/*.lua` (and the `.yaml` templates beside
/// them) as `enum EmbeddedLua`, and a server's `Web/` page (`.html`, `.css`, `.js`, `.json`) as
/// `enum EmbeddedWeb`. The `LuaEmbed` tool writes one Swift file per folder, with each file's text
/// and its chunk name (the file's path in the package, so Lua's messages give lines of the real
/// file).
@main
struct EmbedLua: BuildToolPlugin {
    /// The folders embedded, each with its enum and the file endings it holds.
    static let folders: [(folder: String, enumName: String, endings: [String])] = [
        ("Lua", "EmbeddedLua", [".lua", ".yaml"]),
        ("Web", "EmbeddedWeb", [".html", ".css", ".js", ".json"]),
    ]

    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        guard let module = target as? SourceModuleTarget else { return [] }
        let root = context.package.directoryURL.standardizedFileURL.path + "/"
        var commands: [Command] = []
        for (name, enumName, endings) in Self.folders {
            let folder = module.directoryURL.appending(path: name)
            guard let all = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            let names = all.filter { file in endings.contains { file.hasSuffix($0) } }.sorted()
            let inputs = names.map { folder.appending(path: $0) }
            let output = context.pluginWorkDirectoryURL.appending(path: "\(enumName).swift")
            var arguments = [output.path, enumName]
            for url in inputs {
                let path = url.standardizedFileURL.path
                arguments += [path, path.hasPrefix(root) ? String(path.dropFirst(root.count)) : url.lastPathComponent]
            }
            commands.append(.buildCommand(
                displayName: "Embedding \(names.count) \(name) files in \(target.name)",
                executable: try context.tool(named: "LuaEmbed").url,
                arguments: arguments, inputFiles: inputs, outputFiles: [output]))
        }
        return commands
    }
}
