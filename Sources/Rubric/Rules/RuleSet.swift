import Foundation

/// The rules a recommendation runs on: the plugin sources and the catalog,
/// read from a rules folder, with a content hash that identifies them exactly.
///
/// Immutable and `Sendable`: share one between workers, each of which compiles
/// it into its own ``Evaluator``.
public struct RuleSet: Sendable {
    /// One plugin file.
    public struct Plugin: Sendable, Hashable {
        /// The chunk name used in errors, e.g. `rules/stenosis.lua`.
        public var path: String
        /// The file's Lua source text.
        public var source: String
    }

    /// The folder as named by the user (e.g. `rules`).
    public var directory: String
    /// The rule plugins, sorted by path: the order they load in.
    public var plugins: [Plugin]
    /// Helper modules (`lib/NAME.lua`) that plugins load with `use "NAME"`; not plugins themselves.
    public var modules: [Plugin] = []
    /// The catalog read from `directory/catalog`.
    public var catalog: Catalog
    /// `sha256:` of every plugin and catalog file (path and content), in path order.
    public var hash: String
    /// The version named in `manifest.yaml`, if any.
    public var version: String?

    /// Reads every `*.lua` file under `directory` (sorted by path; `tests/`, `types/`,
    /// hidden folders and `*.d.lua` definition files are skipped; files under `lib/` are helper
    /// modules, see ``modules``) and the catalog in `directory/catalog`.
    /// - Throws: ``InputError`` for an unreadable file or a bad catalog.
    public static func load(directory: String) throws(InputError) -> RuleSet {
        let root = URL(fileURLWithPath: directory)
        let display = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDir), isDir.boolValue else {
            throw InputError(file: display, message: "no such rules folder")
        }
        var files: [String] = []
        if let walker = FileManager.default.enumerator(atPath: root.path) {
            while let rel = walker.nextObject() as? String {
                let parts = rel.split(separator: "/")
                if parts.contains(where: { $0.hasPrefix(".") }) || parts.first == "tests" || parts.first == "types"
                    || rel.hasSuffix(".d.lua") { continue }
                if rel.hasSuffix(".lua") || (rel.hasPrefix("catalog/") && rel.hasSuffix(".yaml")) || rel == "manifest.yaml" {
                    files.append(rel)
                }
            }
        }
        files.sort()
        var plugins: [Plugin] = []
        var modules: [Plugin] = []
        var hashed: [UInt8] = []
        for rel in files {
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(rel).path),
                  let text = String(data: data, encoding: .utf8)
            else { throw InputError(file: "\(display)/\(rel)", message: "cannot read the file as UTF-8 text") }
            hashed += Array("\(rel)\u{0}\(data.count)\u{0}".utf8) + Array(data)
            if rel.hasPrefix("lib/") && rel.hasSuffix(".lua") {
                modules.append(Plugin(path: "\(display)/\(rel)", source: text))
            } else if rel.hasSuffix(".lua") {
                plugins.append(Plugin(path: "\(display)/\(rel)", source: text))
            }
        }
        let catalog = try Catalog.load(directory: root.appendingPathComponent("catalog").path, displayPath: "\(display)/catalog")
        var version: String?
        if files.contains("manifest.yaml"),
           let text = try? String(contentsOf: root.appendingPathComponent("manifest.yaml"), encoding: .utf8),
           let node = try YAMLNode.parse(text, file: "\(display)/manifest.yaml"), !node.isNull {
            version = try node.mapping().first { $0.key == "version" }?.value.text()
        }
        var ruleSet = RuleSet(directory: display, plugins: plugins, catalog: catalog,
                              hash: "sha256:" + SHA256.hex(hashed), version: version)
        ruleSet.modules = modules
        return ruleSet
    }

    /// The rule set's identity for any output: `{"hash": …, "version": …}`.
    public var provenance: JSONValue {
        .object([("hash", .string(hash)), ("version", .optional(version))])
    }

    /// The rule set's identity in one short line: `sha256:1a2b3c4d5e6f v0.1.0`.
    public var provenanceLine: String {
        String(hash.prefix(19)) + (version.map { " v\($0)" } ?? "")
    }
}
