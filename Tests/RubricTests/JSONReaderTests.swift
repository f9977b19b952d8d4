import Foundation
import Testing
@testable import Rubric
import RubricRendering

@Suite("JSON reader")
struct JSONReaderTests {
    /// The value's string, or nil if it is something else.
    func string(_ json: String) throws -> String? {
        if case .string(let s) = try JSONReader.read(json) { return s }
        return nil
    }

    /// Where reading `json` stopped, or nil if it was read.
    func failureOffset(_ json: String) -> Int? {
        do { _ = try JSONReader.read(json); return nil } catch { return error.offset }
    }

    @Test("Every escape reads as its character, and \\u escapes pair surrogates", arguments: [
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
        (#""caf\u00e9 \u00E9""#, "café é"),
        (#""\ud83d\ude00 and \uD83D\uDE00""#, "😀 and 😀"),
        (#""nul \u0000 here""#, "nul \u{0} here"),
        (#""plain, then \n, then plain""#, "plain, then \n, then plain"),
    ])
    func escapes(json: String, expected: String) throws {
        #expect(try string(json) == expected)
    }

    @Test("UTF-8 text passes through unchanged, keys included")
    func unicode() throws {
        let json = #"{"名前": "Zoë 😀 ñ", "e\u0301": "combining"}"#
        guard case .object(let members) = try JSONReader.read(json) else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["e\u{301}", "名前"])
        if case .string(let s) = members[1].value { #expect(s == "Zoë 😀 ñ") } else { Issue.record("not a string") }
    }

    @Test("Broken strings are refused where they break", arguments: [
        (#""\ud83d""#, 7), (#""\ude00x""#, 3), (#""\ude00\ud83d""#, 3), (#""\ud83d\u0041""#, 9),
        (#""\u12""#, 5), (#""\uzzzz""#, 3), (#""\x""#, 2), ("\"tab\there\"", 4), (#""open"#, 5),
    ])
    func brokenStrings(json: String, offset: Int) {
        #expect(failureOffset(json) == offset)
    }

    @Test("Numbers keep the text Foundation gave them: integers as written, others as a Double prints", arguments: [
        ("3", "3"), ("-5", "-5"), ("-0", "0"), ("3.0", "3.0"), ("-0.0", "-0.0"), ("2.50", "2.5"), ("1e2", "100.0"),
        ("1E2", "100.0"), ("1E+2", "100.0"), ("1e-2", "0.01"), ("1e16", "1e+16"), ("1e-7", "1e-07"), ("1e-400", "0.0"),
        ("9223372036854775807", "9223372036854775807"), ("12345678901234567890", "12345678901234567890"),
        ("1.00000000000000000", "1"), ("100000000000000000000.0", "100000000000000000000"),
        ("0.30000000000000004", "0.30000000000000004"), ("1.7976931348623157e308", "1.7976931348623157e+308"),
    ])
    func numbers(json: String, expected: String) throws {
        guard case .number(let text) = try JSONReader.read(json) else { Issue.record("\(json) is not a number"); return }
        #expect(text == expected)
    }

    @Test("true and false are booleans, not numbers, and null is nothing")
    func literals() throws {
        guard case .array(let items) = try JSONReader.read("[true, false, null]") else { Issue.record("not a list"); return }
        guard case .bool(true) = items[0], case .bool(false) = items[1], case .null = items[2] else {
            Issue.record("\(items)"); return
        }
        let node = YAMLNode(json: items[0], file: "x", path: "")
        #expect(try node.text() == "true" && node.kind == "text 'true'")
    }

    @Test("Malformed numbers and numbers too large for a Double are refused",
          arguments: ["01", "-01", "1.", ".5", "+1", "-", "1e", "1e+", "1.e5", "0x1", "1e400", "-1e400", "NaN", "Infinity"])
    func badNumbers(json: String) {
        #expect(failureOffset(json) != nil)
        #expect(failureOffset("[\(json)]") != nil)
    }

    @Test("Lists and mappings nest 512 deep, not deeper")
    func nestingLimit() {
        func nested(_ depth: Int) -> String { String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }
        #expect(failureOffset(nested(JSONReader.maximumDepth)) == nil)
        #expect(failureOffset(nested(JSONReader.maximumDepth + 1)) == JSONReader.maximumDepth)
        let objects = String(repeating: #"{"a":"#, count: 513) + "1" + String(repeating: "}", count: 513)
        #expect(failureOffset(objects) == 512 * 5)
    }

    @Test("Keys come out sorted")
    func keys() throws {
        guard case .object(let members) = try JSONReader.read(#"{"b": 1, "a": 2, "c": 3}"#) else {
            Issue.record("not an object"); return
        }
        #expect(members.map(\.key) == ["a", "b", "c"])
    }

    @Test("A repeated key is an error at its first occurrence, naming every repeated key and the object's field")
    func repeatedKeys() {
        #expect(throws: JSONSyntaxError(offset: 1, message: "duplicate key 'b' in a mapping", isDuplicateKey: true)) {
            try JSONReader.read(#"{"b": 1, "a": 2, "c": 3, "b": 4}"#)
        }
        #expect(throws: JSONSyntaxError(offset: 24, message: "duplicate key 'age', 'id' in a mapping", isDuplicateKey: true,
                                        path: [.key("list"), .item(2)])) {
            try JSONReader.read(#"{"list": [{}, {"id": 1, "age": 2, "id": 3, "age": 4}]}"#)
        }
        #expect(throws: InputError(file: "x", column: 12, field: "client", message: "duplicate key 'age' in a mapping")) {
            try Profile.parse(json: #"{"client":{"age":60,"age":5}}"#, source: "x")
        }
        #expect(throws: InputError(file: "x", column: 2, message: "duplicate key 'medications' in a mapping")) {
            try Profile.parse(json: #"{"medications":["warfarin"],"medications":[]}"#, source: "x")
        }
    }

    @Test("A YAML line with a repeated key names the key, not the JSON reader's complaint about quotes")
    func repeatedKeysInYAMLLine() {
        #expect(throws: InputError(file: "x", line: 1, column: 11, message: "duplicate key 'age' in a mapping")) {
            try Profile.parse(json: "{client: {age: 60, age: 5}}", source: "x")
        }
    }

    @Test("Only whitespace may surround the value; a byte order mark and one trailing comma are allowed, as before",
          arguments: [
              (" \t\r\n{} \n", nil), ("\u{FEFF}{}", nil), ("[1,]", nil), (#"{"a": 1 , }"#, nil), ("\"text\"", nil),
              ("", 0), ("  ", 2), ("{} x", 3), ("{}\u{0}", 2), ("[1,,]", 3), ("[,]", 1), ("{,}", 1), ("[1 2]", 3),
              ("{'a': 1}", 1), ("{a: 1}", 1), (#"{"a" 1}"#, 5), ("\u{0B}{}", 0), (" \u{FEFF}{}", 1), ("[1]]", 3),
          ] as [(String, Int?)])
    func surroundings(json: String, offset: Int?) {
        #expect(failureOffset(json) == offset)
    }

    @Test("A line that is not JSON is read as YAML if it can be; otherwise the error is the JSON reader's, with its column")
    func malformedFallsBack() throws {
        let lines = try String(contentsOfFile: FixturePaths.path("json/malformed.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        for line in lines {
            let offset = try #require(failureOffset(line), "\(line)")
            let fast = Result { () throws(InputError) in try Profile.parse(json: line, source: "in.jsonl:3") }
            let yaml = Result { () throws(InputError) in try Profile.parse(line, source: "in.jsonl:3") }
            switch (fast, yaml) {
            case (.failure(let a), .failure):
                #expect(a.message.hasPrefix("malformed JSON: ") && a.column == offset + 1 && a.file == "in.jsonl:3", "\(a)")
            case (.success(let a), .success(let b)): #expect(a.clientID == b.clientID && a.flags == b.flags)
            default: Issue.record("\(line): \(fast) but \(yaml)")
            }
        }
        #expect(throws: InputError(file: "in.jsonl:3", column: 40, message: "malformed JSON: the text ends early (expected a value)")) {
            try Profile.parse(json: lines[0], source: "in.jsonl:3")
        }
    }

    @Test("Values read as before: numbers as text, wrong types named in the error")
    func profileValues() throws {
        let p = try Profile.parse(json: #"{"client": {"id": 12.50, "age": 40.0}, "pregnancy": true, "surgeries": [{"procedure": "x", "weeks_ago": 1e1}]}"#,
                                  source: "x")
        #expect(p.clientID == "12.5" && p.age == 40 && p.pregnancy != nil && p.surgeries.first?.weeksAgo == 10)
        #expect(throws: InputError(file: "x", field: "client", message: "expected a mapping (key: value pairs), found text 'true'")) {
            try Profile.parse(json: #"{"client": true}"#, source: "x")
        }
        #expect(throws: InputError(file: "x", field: "client.age", message: "expected text, found a list")) {
            try Profile.parse(json: #"{"client": {"age": [40]}}"#, source: "x")
        }
    }

    /// `value` without its `line` members: JSON values carry no positions, so warnings read by
    /// the fast path have no line (as before), where the YAML parser's have one.
    func withoutLines(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items): return .array(items.map(withoutLines))
        case .object(let members): return .object(members.filter { $0.0 != "line" }.map { ($0.0, withoutLines($0.1)) })
        default: return value
        }
    }

    @Test("The JSON fast path and the YAML parser recommend the same for every example JSON profile, lines aside")
    func examples() throws {
        let root = FixturePaths.packageRoot
        let evaluator = try Evaluator(ruleSet: try RuleSet.load(directory: root.appendingPathComponent("rules").path))
        let files = try FileManager.default.subpathsOfDirectory(atPath: root.appendingPathComponent("examples/profiles").path)
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent("examples/profiles/\(file)"), encoding: .utf8)
            let fast = withoutLines(evaluator.evaluate(try Profile.parse(json: text, source: file)).json).serialized()
            let yaml = withoutLines(evaluator.evaluate(try Profile.parse(text, source: file)).json).serialized()
            #expect(fast == yaml, "\(file)")
        }
    }
}
