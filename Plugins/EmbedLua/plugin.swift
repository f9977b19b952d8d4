import Foundation
import PackagePlugin

/// Embeds a target's trusted Lua (`Lua/*.lua` in its folder, and the `.yaml` templates beside it)
/// at build time: the `LuaEmbed` tool writes one Swift file, `EmbeddedLua.swift`, with each file's
/// text and its chunk name (the file's path in the package, so Lua's messages give lines of the
/// real file).
@main
struct EmbedLua: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        guard let module = target as? SourceModuleTarget else { return [] }
        let folder = module.directoryURL.appending(path: "Lua")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".lua") || $0.hasSuffix(".yaml") }.sorted()
        let inputs = names.map { folder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedLua.swift")
        let root = context.package.directoryURL.standardizedFileURL.path + "/"
        var arguments = [output.path]
        for url in inputs {
            let path = url.standardizedFileURL.path
            arguments += [path, path.hasPrefix(root) ? String(path.dropFirst(root.count)) : url.lastPathComponent]
        }
        return [.buildCommand(
            displayName: "Embedding \(names.count) Lua files in \(target.name)",
            executable: try context.tool(named: "LuaEmbed").url,
            arguments: arguments, inputFiles: inputs, outputFiles: [output])]
    }
}
