import Foundation
import Testing
@testable import Rubric

@Suite("The fast one-line JSON reader")
struct OneLineJSONTests {
    let evaluator: Evaluator

    init() throws {
        evaluator = try Evaluator(ruleSet: try RuleSet.load(directory: FixturePaths.packageRoot.appendingPathComponent("rules").path))
    }

    /// The file reader's result and the fast reader's, when the fast one takes the text.
    func both(_ text: String, source: String = "line") throws -> (file: String, fast: String?) {
        let file = evaluator.evaluate(try Profile.load(data: Data(text.utf8), source: source, json: true)).serializedJSON()
        let fast = Profile.parse(oneLineJSON: text, source: source).map { evaluator.evaluate($0).serializedJSON() }
        return (file, fast)
    }

    @Test("On 400 generated profiles and the JSON examples it gives the file reader's bytes, warnings' lines included")
    func sameAsFileReader() throws {
        var generator = ProfileGenerator(catalog: evaluator.ruleSet.catalog, seed: 11)
        var texts = (0..<400).map { generator.nextProfile(index: $0) }
        let root = FixturePaths.packageRoot
        for dir in ["examples/profiles", "examples/profiles/edge", "examples/fhir"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(dir).path).sorted()
            where name.hasSuffix(".json") {
                let data = try Data(contentsOf: root.appendingPathComponent("\(dir)/\(name)"))
                // one line, keys sorted: what a program sends
                let object = try JSONSerialization.jsonObject(with: data)
                texts.append(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self))
            }
        }
        var taken = 0
        for (i, text) in texts.enumerated() {
            let (file, fast) = try both(text)
            if let fast {
                taken += 1
                #expect(fast == file, "text \(i) differs: \(text.prefix(200))")
            }
        }
        #expect(taken >= 400, "the fast reader took only \(taken) of \(texts.count)")
    }

    @Test("A null list is no list, whichever reader reads it")
    func nullLists() throws {
        let text = "{\"client\": {\"age\": 40}, \"medications\": null, \"conditions\": null}"
        let (file, fast) = try both(text)
        #expect(fast == file)
        #expect(try Profile.load(data: Data(text.utf8), source: "x", json: true).medications.isEmpty)
    }

    @Test("It declines what it cannot read the same way: line breaks, rewritten numbers, escapes, trailing commas, errors")
    func declines() {
        for text in [
            "{\"client\": {\"age\": 40},\n\"conditions\": [\"sciatica\"]}",
            "{\"client\": {\"age\": 4e1}}",
            "{\"client\": {\"id\": \"c\\u0031\"}}",
            "{\"conditions\": [\"sciatica\",]}",
            "{\"client\": {\"age\": 400}}",
            "\t{\"client\": {\"age\": 40}}",
            "{\"conditions\": [\"deep\u{2028}vein thrombosis\"]}",
            "{\"conditions\": [\"sciatica\u{85}\"]}",
            "{\"conditions\": [\"sciatica\u{7F}\"]}",
        ] {
            #expect(Profile.parse(oneLineJSON: text, source: "x") == nil, "\(text)")
        }
        #expect(Profile.parse(oneLineJSON: "{\"client\": {\"age\": 40}, \"conditions\": [\"sciatica\"]}\n", source: "x") != nil)
        // document order, as the file reader: the warnings come in the order the fields are written
        let p = Profile.parse(oneLineJSON: "{\"zeta\": 1, \"alpha\": 2}", source: "x")
        #expect(p?.warnings.map(\.field) == ["zeta", "alpha"] && p?.warnings.first?.line == 1)
    }
}
