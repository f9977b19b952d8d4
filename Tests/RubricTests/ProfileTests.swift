import Foundation
import Testing
@testable import Rubric

@Suite("Profiles")
struct ProfileTests {
    let catalog: Catalog

    init() throws {
        catalog = try RuleSet.load(directory: FixturePaths.path("starter")).catalog
    }

    func resolve(_ name: String) throws -> ResolvedProfile {
        ProfileResolver(catalog: catalog).resolve(try Profile.load(path: FixturePaths.path("profiles/\(name)")))
    }

    @Test("The therapist's example profile is accepted as is and resolves every term")
    func exampleProfile() throws {
        let path = FixturePaths.packageRoot.appendingPathComponent("examples/profiles/c-0412.yaml").path
        let r = ProfileResolver(catalog: catalog).resolve(try Profile.load(path: path))
        #expect(r.warnings.isEmpty, "\(r.warnings)")
        #expect(r.conditions.map(\.id) == ["lumbar_spinal_stenosis", "sciatica"])
        #expect(r.conditions[1].side == "left")
        #expect(r.conditions[0].icd10 == "M48.062" && r.conditions[0].course == "chronic")
        #expect(r.symptoms == ["buttock_pain", "numbness"])
        #expect(r.medications.first?.id == "rivaroxaban")
        #expect(r.medications.first?.classID == "anticoagulant")
        #expect(r.medications.first?.dose == "20 mg")
        #expect(r.flags == ["fragile_bone"])
        #expect(r.surgeries.first?.procedureID == "knee_replacement" && r.surgeries.first?.weeksAgo == 30)
        #expect(r.pressure == .firm && r.goals == ["mobility", "sleep"] && r.requested == "deep_tissue")
        #expect(r.oilSensitivity == true)
    }

    @Test("A typo in a condition name is a warning with a suggestion, and the term is kept")
    func typoSuggestion() throws {
        let r = try resolve("typo.yaml")
        let w = try #require(r.warnings.first { $0.field == "conditions[1].name" })
        #expect(w.code == "unknown_term")
        #expect(w.suggestion == "Sciatica")
        #expect(w.message.contains("did you mean 'Sciatica'?"))
        #expect(w.line == 3)
        #expect(r.conditions.contains { $0.id == nil && $0.input == "sciatca" })
        #expect(r.conditions.contains { $0.id == "lumbar_spinal_stenosis" })
        #expect(r.warnings.contains { $0.field == "symptoms[1]" && $0.suggestion == "Numbness" })
    }

    @Test("A malformed YAML file is an error with line and column")
    func malformed() throws {
        #expect {
            try Profile.load(path: FixturePaths.path("profiles/malformed.yaml"))
        } throws: { error in
            guard let e = error as? InputError else { return false }
            return e.line == 4 && e.column != nil && e.description.contains("malformed.yaml:4:") && e.message.contains("malformed YAML")
        }
    }

    @Test("A key given twice in one mapping, plain and quoted, is an error with its line")
    func duplicateKey() throws {
        #expect {
            try Profile.load(path: FixturePaths.path("profiles/duplicate-key.yaml"))
        } throws: { error in
            guard let e = error as? InputError else { return false }
            return e.line != nil && e.description.contains("duplicate-key.yaml:") && e.message.contains("duplicate key 'age'")
        }
    }

    @Test("A value of the wrong type is an error naming the field and line")
    func wrongType() throws {
        #expect {
            try Profile.load(path: FixturePaths.path("profiles/wrong-type.yaml"))
        } throws: { error in
            guard let e = error as? InputError else { return false }
            return e.field == "client.age" && e.line == 3 && e.message.contains("whole number")
        }
    }

    @Test("An impossible age is an error; an implausible one is a warning naming the field")
    func ages() throws {
        #expect(throws: InputError.self) { try Profile.load(path: FixturePaths.path("profiles/impossible-age.yaml")) }
        let r = try resolve("implausible.yaml")
        #expect(r.warnings.contains { $0.code == "implausible_value" && $0.field == "client.age" })
        #expect(r.warnings.contains { $0.code == "invalid_value" && $0.field == "client.sex" && $0.suggestion == "female" })
        #expect(r.warnings.contains { $0.code == "invalid_value" && $0.field == "conditions[1].course" && $0.suggestion == "chronic" })
        #expect(r.warnings.contains { $0.code == "implausible_value" && $0.field == "pregnancy.weeks" })
        #expect(r.warnings.contains { $0.code == "implausible_value" && $0.field == "surgeries[1].weeks_ago" })
        #expect(r.warnings.contains { $0.code == "unknown_field" && $0.field == "prefernces" && $0.suggestion == "preferences" })
        #expect(r.surgeries.first?.weeksAgo == nil)
    }

    @Test("An empty profile is valid and says what information is missing")
    func empty() throws {
        let r = try resolve("empty.yaml")
        #expect(r.conditions.isEmpty && r.warnings.isEmpty)
        #expect(r.missing.contains { $0.hasPrefix("client.age") })
        #expect(r.missing.contains { $0.hasPrefix("conditions") })
    }

    @Test("Terms in the wrong list are read where they belong, with a warning")
    func reclassified() throws {
        let r = try resolve("reclassified.yaml")
        #expect(r.symptoms == ["numbness"])
        #expect(r.conditions.compactMap(\.id).contains("sciatica"))
        #expect(r.warnings.filter { $0.code == "reclassified" }.count == 2)
        #expect(r.medications[0].id == "warfarin" && r.medications[0].classID == "anticoagulant")
        #expect(r.medications[2].id == nil && r.medications[2].classID == "anticoagulant")
        #expect(r.warnings.contains { $0.code == "unknown_term" && $0.field == "medications[2]" })
    }

    @Test("Contradictory facts are kept, the stricter one wins, and a warning says so")
    func contradictory() throws {
        let r = try resolve("contradictory.yaml")
        #expect(r.conditions.first?.id == "lumbar_spinal_stenosis")
        #expect(r.warnings.contains { $0.code == "contradictory" && $0.field == "conditions[1]" })
        #expect(r.warnings.contains { $0.code == "contradictory" && $0.field == "pregnancy" })
        #expect(r.pregnancy?.weeks == 20)
    }

    @Test("ICD-10-CM codes resolve exactly, by category and by a unique parent", arguments: [
        ("M48.062", "lumbar_spinal_stenosis"), ("m48062", "lumbar_spinal_stenosis"), ("M48.06", "lumbar_spinal_stenosis"),
        ("M54.32", "sciatica"), ("M54.50", "low_back_pain"), ("M51.16", "lumbar_disc_herniation"), ("I82.401", "deep_vein_thrombosis"),
    ])
    func codes(code: String, id: String) {
        #expect(catalog.conditionID(forICD10: code) == id)
    }

    @Test("client: and preferences: left empty, or given as {}, are errors naming the line", arguments: [
        ("empty-client.yaml", "client", 2, "expected a mapping (key: value pairs), found nothing; fill in client or leave it out"),
        ("empty-client-braces.yaml", "client", 3, "the mapping is empty; fill in client or leave it out"),
        ("empty-preferences.yaml", "preferences", 3, "expected a mapping (key: value pairs), found nothing; fill in preferences or leave it out"),
    ])
    func emptySections(file: String, field: String, line: Int, message: String) throws {
        #expect {
            try Profile.load(path: FixturePaths.path("limits/\(file)"))
        } throws: { error in
            guard let e = error as? InputError else { return false }
            return e.field == field && e.line == line && e.message == message
        }
        #expect(throws: InputError.self) { try Profile.parse(json: #"{"\#(field)": {}}"#, source: "x") }
    }

    @Test("A malformed .json profile says malformed JSON, with line and column")
    func malformedJSONFile() throws {
        let path = FixturePaths.path("limits/malformed.json")
        #expect(throws: InputError(file: path, line: 2, column: 37,
                                   message: "malformed JSON: while parsing a flow node did not find expected node content")) {
            try Profile.load(path: path)
        }
    }

    @Test("A profile that is not UTF-8 is an error naming the line, column and byte offset of the first bad byte")
    func notUTF8() throws {
        let path = FixturePaths.path("profiles/latin1.yaml")
        #expect(throws: InputError(file: path, line: 2, column: 17, message: "not UTF-8 text (invalid byte at byte offset 84)")) {
            try Profile.load(path: path)
        }
    }

    @Test("A JSON profile may spell characters beyond U+FFFF as escaped surrogate pairs, as JSON does")
    func surrogatePairs() throws {
        let profile = try Profile.load(path: FixturePaths.path("json/surrogate-pairs.json"))
        #expect(profile.clientID == "c-\u{1F600}")
        #expect(profile.notes.map(\.text) == ["likes \u{1F33F} oils", "a backslash then u: \\ud83d\\ude00"])
    }
}
