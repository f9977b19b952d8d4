import Foundation
import Testing
@testable import Rubric

@Suite("Input limits")
struct InputLimitsTests {
    let catalog: Catalog

    init() throws {
        catalog = try RuleSet.load(directory: FixturePaths.path("starter")).catalog
    }

    func load(_ name: String) throws(InputError) -> Profile { try Profile.load(path: FixturePaths.path("limits/\(name)")) }

    /// The error `load(name)` throws, or nil if it reads.
    func error(_ name: String) -> InputError? {
        do { _ = try load(name); return nil } catch { return error }
    }

    /// Seconds `body` takes.
    func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }

    @Test("An alias bomb used as a mapping key is refused at once, at the alias, instead of hanging", .timeLimit(.minutes(1)))
    func aliasBombKey() throws {
        var e: InputError?
        let t = seconds { e = error("alias-bomb-key.yaml") }
        let err = try #require(e)
        #expect(err.message == "aliases expand to more than \(InputLimits.maximumAliasNodes) nodes", "\(err)")
        // Caught where the expansion passes the budget: in a3's definition, long before the key.
        #expect(err.line == 6 && err.column != nil && err.description.hasPrefix(FixturePaths.path("limits/alias-bomb-key.yaml") + ":6:"))
        #expect(t < 5, "took \(t) s")
    }

    @Test("An alias bomb used as a value is refused before anything walks it", .timeLimit(.minutes(1)))
    func aliasBombValue() throws {
        let err = try #require(error("alias-bomb-value.yaml"))
        #expect(err.message.hasPrefix("aliases expand to more than") && err.line == 5, "\(err)")
    }

    @Test("One alias bomb line in a batch is one error record, and the lines after it are evaluated", .timeLimit(.minutes(1)))
    func aliasBombInBatch() throws {
        let bomb = try String(contentsOfFile: FixturePaths.path("limits/alias-bomb-key.yaml"), encoding: .utf8)
        // The same bomb as one YAML flow mapping line.
        let flow = "{" + bomb.split(separator: "\n").filter { !$0.hasPrefix("#") && $0.hasPrefix("a") }.joined(separator: ", ")
            + ", client: {? *a8 : 1}}"
        let out = try BatchHarness.run(lines: [flow, #"{"client": {"id": "after"}}"#])
        #expect(out.count == 2)
        #expect(out[0].contains("\"rubric.batch-error/1\"") && out[0].contains("\"line\":1") && out[0].contains("aliases expand"), "\(out[0])")
        #expect(out[1].contains("\"client_id\":\"after\""))
    }

    @Test("Aliases within the limit read as the node they name")
    func smallAliases() throws {
        let p = try load("alias-small.yaml")
        #expect(p.clientID == "c-77" && p.symptoms.map(\.text) == ["numbness", "buttock pain"])
        #expect(p.conditions.map(\.side) == ["left", "left"] && p.flags.map(\.text) == ["c-77"])
    }

    @Test("A mapping key that is a list, or an alias of a mapping, is an error at the key")
    func nonScalarKeys() throws {
        let list = try #require(error("list-key.yaml"))
        #expect(list.message == "a mapping key must be text, not a list" && list.line == 3, "\(list)")
        let alias = try #require(error("alias-key.yaml"))
        #expect(alias.message == "a mapping key must be text, not a mapping" && alias.line == 2, "\(alias)")
    }

    @Test("A list of 501 items is an error naming the field and line")
    func tooManyItems() throws {
        let err = try #require(error("too-many-items.yaml"))
        #expect(err.field == "symptoms" && err.line == 3, "\(err)")
        #expect(err.message == "501 items, more than the \(InputLimits.maximumListItems) a list may have")
    }

    @Test("A client.id over 1,000 characters is a profile error naming client.id, and quotes none of it")
    func longClientID() throws {
        let err = try #require(error("long-client-id.json"))
        #expect(err.field == "client.id" && err.line == 1, "\(err)")
        #expect(err.message == "the text is 1001 characters long, more than the 1000 allowed")
        #expect(!err.description.contains("xxxxxxxxxx"))
    }

    @Test("Free text may be longer than a term: a 3,500-character dose is read")
    func longDose() throws {
        #expect(try load("long-dose.yaml").medications.first?.dose?.count == 3499)
    }

    @Test("A field name over 1,000 characters is an error, quoted only in part")
    func longKey() throws {
        let err = try #require(error("long-key.yaml"))
        #expect(err.field == "client" && err.message.contains("a field name ('kkkk"), "\(err)")
        #expect(err.description.count < 300)
    }

    @Test("A profile over 1 MiB is an error before it is parsed, from a file, as text and as JSON")
    func oversized() throws {
        let text = #"{"client": {"id": ""# + String(repeating: "x", count: InputLimits.maximumProfileBytes) + #""}}"#
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString).json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let expected = "the profile is \(text.utf8.count) bytes, more than the 1048576 bytes (1 MiB) a profile may have"
        #expect(throws: InputError(file: url.path, message: expected)) { try Profile.load(path: url.path) }
        #expect(throws: InputError(file: "t", message: expected)) { try Profile.parse(text, source: "t") }
        #expect(throws: InputError(file: "t", message: expected)) { try Profile.parse(json: text, source: "t") }
    }

    @Test("Every unknown term is still a warning; suggestions stop after 100, and the profile is read fast")
    func suggestionBudget() throws {
        var profile: Profile?
        let t = try seconds { profile = try load("many-unknown-terms.json") }
        let r = ProfileResolver(catalog: catalog).resolve(try #require(profile))
        let unknown = r.warnings.filter { $0.code == "unknown_term" }
        #expect(unknown.count == 510)
        #expect(unknown.prefix(100).allSatisfy { $0.suggestion == "Sciatica" })
        #expect(unknown.dropFirst(100).allSatisfy { $0.suggestion == nil })
        #expect(t < 5, "took \(t) s")
    }

    @Test("A term longer than 64 characters gets no suggestion, however close it is")
    func longTermNoSuggestion() {
        let vocabulary = catalog.conditionIndex
        #expect(vocabulary.suggest("sciatika") == "Sciatica")
        #expect(vocabulary.suggest(String(repeating: "sciatica ", count: 8)) == nil)
        #expect(Terms.suggestion(for: String(repeating: "q", count: 1_000_000), among: [("q", "Q")]) == nil)
    }

    @Test("The banded edit distance equals the full Levenshtein distance whenever it is within the limit")
    func bandedDistance() {
        func full(_ a: [Character], _ b: [Character]) -> Int {
            var row = Array(0...b.count)
            for i in 1...max(1, a.count) where !a.isEmpty {
                var next = [i] + Array(repeating: 0, count: b.count)
                for j in stride(from: 1, through: b.count, by: 1) {
                    next[j] = min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                row = next
            }
            return a.isEmpty ? b.count : row[b.count]
        }
        var rng = SystemRandomNumberGenerator()
        let letters = Array("abcd ")
        for _ in 0..<2_000 {
            let a = (0..<Int.random(in: 0...12, using: &rng)).map { _ in letters.randomElement(using: &rng)! }
            let b = (0..<Int.random(in: 0...12, using: &rng)).map { _ in letters.randomElement(using: &rng)! }
            let limit = Int.random(in: 0...5, using: &rng)
            let d = full(a, b), banded = Terms.distance(a, b, limit: limit)
            if d <= limit { #expect(banded == d, "\(String(a)) \(String(b)) \(limit)") } else { #expect(banded > limit) }
        }
    }

    @Test("Messages quote at most 80 characters of a term")
    func excerpt() {
        #expect(Terms.excerpt("short") == "short")
        let cut = Terms.excerpt(String(repeating: "é", count: 500))
        #expect(cut.count == 81 && cut.hasSuffix("…"))
    }
}
