import Foundation

/// `rubric rules new NAME --kind KIND`: a documented plugin and a test case that
/// fails until the author makes the rule fire.
public struct Scaffold: Sendable {
    public var name: String
    public var kind: RuleInfo.Kind
    /// A source key from the catalog to start the evidence list with.
    public var evidence: String

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

    var example: String {
        switch kind {
        case .referral:
            return """
                    if client:has_symptom("saddle_anaesthesia") then
                      refer { urgency = "emergency", reason = "Why the client must see a physician.",
                              advice = "What the client should do now." }
                    end
                """
        case .contraindication:
            return """
                    if client:takes("anticoagulant") then
                      exclude("deep_tissue", "Why this technique is unsafe for this client.")
                    end
                """
        case .caution:
            return """
                    if client:has_flag("broken_skin") then
                      caution("Avoid the affected area; say which area and why.")
                    end
                """
        case .indication:
            return """
                    if client:has_condition("low_back_pain") then
                      points("swedish", 1, "Why this technique suits this client, and how strong the evidence is.")
                    end
                """
        case .preference:
            return """
                    if client:has_goal("relaxation") then
                      points("swedish", 1, "How this technique meets the client's goal.")
                    end
                """
        }
    }

    /// The plugin's text.
    public var plugin: String {
        """
        -- \(name).lua: TODO say what this plugin covers and which sources it follows.
        -- The plugin API is documented in rules/README.md; run `rubric rules check` and
        -- `rubric test` after every edit.

        rule {
          id = "\(name).todo",                 -- lowercase letters, digits, "_" and "."
          title = "TODO: what this rule does, in a therapist's words",
          kind = "\(kind.rawValue)",            -- referral | contraindication | caution | indication | preference
          grade = "weak",                      -- supported | weak | insufficient | unsupported | practice | tradition
          evidence = { "\(evidence)" },        -- keys from rules/catalog/sources.yaml
          apply = function(client)
            -- TODO: read the client and call a verb. For example:
        \(example.split(separator: "\n").map { "    -- " + String($0.dropFirst(4)) }.joined(separator: "\n"))
          end,
        }

        """
    }

    /// The test file's text: a case that fails until the rule fires.
    public var testCase: String {
        """
        # Test cases for rules/\(name).lua. Run them with `rubric test --filter \(name)`.
        # This case fails until the rule fires: describe a client the rule is about.
        cases:
          - name: \(name).todo fires for a client it is about
            profile:
              client: {id: \(name)-1, age: 50}
              conditions: []        # TODO
            expect:
              fired: [\(name).todo]
          - name: \(name).todo stays quiet for a client it is not about
            profile:
              client: {id: \(name)-2, age: 50}
            expect:
              not_fired: [\(name).todo]

        """
    }

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
