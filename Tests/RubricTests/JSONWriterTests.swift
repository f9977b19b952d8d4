import Foundation
import Testing
@testable import Rubric

/// The direct writer against the old tree serializer (``LegacyJSON``): same bytes, compact and pretty.
@Suite("JSON writer")
struct JSONWriterTests {
    let shipped: Evaluator

    init() throws {
        shipped = try Evaluator(ruleSet: try RuleSet.load(directory: FixturePaths.packageRoot.appendingPathComponent("rules").path))
    }

    static let exampleProfiles: [String] = {
        let root = FixturePaths.packageRoot.appendingPathComponent("examples/profiles")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.map(\.path).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()
    }()

    /// Expects the writer's text to equal the old serializer's over the tree, in both layouts.
    func expectSameBytes(_ rec: Recommendation, _ comment: String) {
        let tree = rec.json
        for pretty in [false, true] {
            let direct = rec.serializedJSON(pretty: pretty)
            #expect(direct == LegacyJSON.serialize(tree, pretty: pretty), "\(comment), pretty: \(pretty)")
            #expect(tree.serialized(pretty: pretty) == direct, "\(comment), pretty: \(pretty)")
        }
    }

    @Test("Every example profile renders to the same bytes as the old tree serializer, compact and pretty")
    func exampleProfilesMatch() throws {
        #expect(Self.exampleProfiles.count >= 10)
        for path in Self.exampleProfiles {
            expectSameBytes(shipped.evaluate(try Profile.load(path: path)), path)
        }
    }

    @Test("Generated profiles render to the same bytes as the old tree serializer, compact and pretty")
    func generatedProfilesMatch() throws {
        var generator = ProfileGenerator(catalog: shipped.ruleSet.catalog, seed: 11)
        for i in 1...150 {
            let profile = try Profile.parse(json: generator.nextProfile(index: i), source: "gen.jsonl:\(i)")
            expectSameBytes(shipped.evaluate(profile), "generated profile \(i)")
        }
    }

    @Test("Failed rules, escapes, fractions and unicode in a profile render to the same bytes as before")
    func awkwardRecommendationMatches() throws {
        let dir = try makeRules(plugins: ["broken/cases/failing_safety.lua", "broken/cases/failing_indication.lua",
                                          "broken/cases/tie.lua"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let evaluator = try Evaluator(ruleSet: try RuleSet.load(directory: dir))
        let yaml = """
            client: {id: "a \\"quoted\\" id\\twith tab\\nand line", age: 41, sex: "fé\\u0001male"}
            conditions: [{name: "low back pain \\\\ \\u001f ü 🙂"}]
            surgeries: [{procedure: knee replacement, weeks_ago: 2.5}]
            preferences: {goals: [relaxation]}
            """
        let rec = evaluator.evaluate(try Profile.parse(yaml, source: "odd \"name\".yaml"))
        #expect(!rec.failures.isEmpty)
        expectSameBytes(rec, "awkward profile")
        expectSameBytes(shipped.evaluate(try Profile.parse(yaml, source: "odd.yaml")), "awkward profile, shipped rules")
    }

    @Test("Strings escape quotes, backslashes and control characters as before, at every length and position")
    func escapingMatches() {
        let specials: [Character] = ["\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1f}", " ", "~", "é", "🙂", "\u{7f}"]
        var samples = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        for length in 0...40 {
            for special in specials {
                for position in stride(from: 0, to: max(length, 1), by: max(1, length / 7)) {
                    var s = Array(repeating: Character("a"), count: length)
                    if position < length { s[position] = special }
                    samples.append(String(s))
                }
            }
        }
        for s in samples {
            #expect(JSONValue.string(s).serialized(pretty: false) == LegacyJSON.serialize(.string(s), pretty: false), "\(s.debugDescription)")
        }
    }

    @Test("Numbers print as before: whole doubles without a fraction, others as Swift prints them, non-finite as null")
    func numbersMatch() {
        let doubles: [Double] = [0, -0.0, 3, -2, 2.5, 0.1, -1e-7, 1e15 - 1, 1e15, 1e16, 123_456.75, .nan, .infinity, -.infinity]
        let ints = [0, 7, -7, 10, 1_000_000, Int.max, Int.min]
        let value = JSONValue.array(doubles.map(JSONValue.double) + ints.map(JSONValue.int))
        #expect(value.serialized(pretty: false) == LegacyJSON.serialize(value, pretty: false))
    }

    @Test("Empty containers stay on one line and nested ones indent by two spaces, as before")
    func layoutMatches() {
        let value = JSONValue.object([
            ("empty_array", .array([])), ("empty_object", .object([])),
            ("nested", .array([.array([]), .array([.int(1), .object([("k", .null)])]), .object([("deep", .object([("x", .bool(true))]))])])),
            ("", .string("")),
        ])
        for pretty in [false, true] {
            #expect(value.serialized(pretty: pretty) == LegacyJSON.serialize(value, pretty: pretty))
        }
        #expect(JSONValue.array([]).serialized() == "[]" && JSONValue.object([]).serialized() == "{}")
    }

    @Test("Several recommendations written into one array equal the old array of trees")
    func arrayOfRecommendationsMatches() throws {
        let recs = try Self.exampleProfiles.prefix(3).map { shipped.evaluate(try Profile.load(path: $0)) }
        var writer = JSONWriter(pretty: true, capacity: 16)   // small, so the buffer grows
        writer.array { w in for rec in recs { rec.write(to: &w) } }
        #expect(writer.text == LegacyJSON.serialize(.array(recs.map(\.json)), pretty: true))
    }
}
