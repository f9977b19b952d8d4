import Foundation

/// `rubric rules new NAME --kind KIND`: a documented plugin and a test case that
/// fails until the author makes the rule fire.
public struct Scaffold: Sendable {
    /// The plugin's name (lowercase snake_case): it names both files and prefixes the rule id.
    public var name: String
    /// The kind of the rule the template declares.
    public var kind: RuleInfo.Kind
    /// A source key from the catalog to start the evidence list with.
    public var evidence: String

    /// A scaffold for the plugin `name`, with one rule of `kind` citing `evidence`.
    public init(name: String, kind: RuleInfo.Kind, evidence: String) {
        self.name = name
        self.kind = kind
        self.evidence = evidence
    }

    /// Whether `name` can name a plugin (lowercase snake_case).
    public static func isValid(name: String) -> Bool {
        guard let first = name.first, first.isLetter, first.isLowercase else { return false }
        return name.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "_" }
    }

    /// The example for this kind from `Lua/template_examples.lua`: the lines of its section.
    var example: [Substring] {
        let lines = EmbeddedLua.templateExamples.source.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "-- kind: \(kind.rawValue)") else { return [] }
        let rest = lines[(start + 1)...]
        return rest.prefix { !$0.hasPrefix("-- kind: ") && !$0.isEmpty }.map { $0 }
    }

    /// `template` with its `{{name}}`, `{{kind}}`, `{{evidence}}` and `{{example}}` filled in.
    private func fill(_ template: String) -> String {
        let example = self.example.map { "    -- " + $0 }.joined(separator: "\n")
        var out = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else { rest = rest[open.lowerBound...]; break }
            switch rest[open.upperBound..<close.lowerBound] {
            case "name": out += name
            case "kind": out += kind.rawValue
            case "evidence": out += evidence
            case "example": out += example
            case let other: out += "{{\(other)}}"
            }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// The plugin's text (`Lua/template_plugin.lua`, filled in).
    public var plugin: String { fill(EmbeddedLua.templatePlugin.source) }

    /// The test file's text (`Lua/template_test.yaml`, filled in): a case that fails until the rule fires.
    public var testCase: String { fill(EmbeddedLua.templateTest.source) }

    /// Writes `rules/<name>.lua` and `rules/tests/<name>.yaml`, refusing to overwrite.
    /// - Returns: the two paths written.
    public func write(rulesDirectory dir: String) throws(InputError) -> [String] {
        let plugin = "\(dir)/\(name).lua", test = "\(dir)/tests/\(name).yaml"
        for path in [plugin, test] where FileManager.default.fileExists(atPath: path) {
            throw InputError(file: path, message: "already exists; choose another name")
        }
        do {
            try FileManager.default.createDirectory(atPath: "\(dir)/tests", withIntermediateDirectories: true)
            try self.plugin.write(toFile: plugin, atomically: true, encoding: .utf8)
            try testCase.write(toFile: test, atomically: true, encoding: .utf8)
        } catch {
            throw InputError(file: plugin, message: "cannot write: \(error)")
        }
        return [plugin, test]
    }
}
