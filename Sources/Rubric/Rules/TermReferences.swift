/// The catalog terms a rule set's plugins name literally: `has_condition("sciatica")`,
/// `takes("anticoagulant")`, `points("swedish", …)` and the like, each with its position.
///
/// Plugins write their ids out (rules/README.md asks them to), so a scan of the source finds
/// every term a rule can act on. `rubric rules check` uses it to report unknown terms; the
/// engine uses it to say which of a profile's terms no rule covers.
public struct TermReferences: Sendable {
    /// One literal term in a plugin.
    public struct Use: Sendable, Hashable {
        /// `technique`, `condition`, `symptom`, `flag`, `medication class`, `goal`, `procedure`,
        /// `region` or `client field`.
        public var vocabulary: String
        /// The term as written, e.g. `sciatica`.
        public var term: String
        /// The plugin or module file, as its chunk is named (e.g. `rules/sciatica.lua`).
        public var file: String
        /// The 1-based line of the term.
        public var line: Int
        /// The 1-based column of the term in its line.
        public var column: Int
    }

    /// Every literal term, in file and line order.
    public let uses: [Use]
    /// The terms plugins name literally, by vocabulary.
    private let named: [String: Set<String>]

    /// Methods called on the client (`client:has_symptom("x")`) and the vocabulary of their first argument.
    static let methods: [String: String] = [
        "has_condition": "condition", "condition": "condition", "has_symptom": "symptom", "onset": "symptom",
        "has_flag": "flag", "takes": "medication class", "medications_in": "medication class", "has_goal": "goal",
    ]

    /// Scans every plugin of `ruleSet`. A hand-written scanner rather than regular expressions:
    /// it runs whenever an evaluator is made, so it must cost next to nothing at start-up.
    public init(ruleSet: RuleSet) {
        var uses: [Use] = []
        for plugin in ruleSet.plugins + ruleSet.modules {
            let bytes = Array(plugin.source.utf8)
            var start = 0, number = 1
            while start <= bytes.count {
                let end = bytes[start...].firstIndex(of: 10) ?? bytes.count
                let line = Array(bytes[start..<Self.codeEnd(bytes, start, end)])
                var scanner = LineScanner(line)
                scanner.scan { vocabulary, term, offset in
                    let column = String(decoding: line[..<offset], as: UTF8.self).count + 1
                    uses.append(Use(vocabulary: vocabulary, term: term, file: plugin.path, line: number, column: column))
                }
                start = end + 1
                number += 1
            }
        }
        self.uses = uses
        named = Dictionary(grouping: uses, by: \.vocabulary).mapValues { Set($0.map(\.term)) }
    }

    /// Where the code of the line `start..<end` ends: before a `--` comment outside string literals.
    static func codeEnd(_ b: [UInt8], _ start: Int, _ end: Int) -> Int {
        var quote: UInt8 = 0
        var previous: UInt8 = 0
        var k = start
        while k < end {
            let c = b[k]
            if quote != 0 {
                if c == quote && previous != 92 { quote = 0 }
            } else if c == 34 || c == 39 {
                quote = c
            } else if c == 45 && previous == 45 {
                return k - 1
            }
            previous = c
            k += 1
        }
        return end
    }

    /// Finds the literal API terms on one line of Lua (its comment already stripped).
    struct LineScanner {
        let b: [UInt8]
        var i = 0
        init(_ bytes: [UInt8]) { b = bytes }

        static func isIdentStart(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c == 95 }
        static func isIdent(_ c: UInt8) -> Bool { isIdentStart(c) || (c >= 48 && c <= 57) }

        func skipSpace(_ j: Int) -> Int {
            var j = j
            while j < b.count, b[j] == 32 || b[j] == 9 || b[j] == 13 { j += 1 }
            return j
        }

        /// An identifier at `j`: its text and where it ends.
        func identifier(_ j: Int) -> (String, Int)? {
            guard j < b.count, Self.isIdentStart(b[j]) else { return nil }
            var k = j
            while k < b.count, Self.isIdent(b[k]) { k += 1 }
            return (String(decoding: b[j..<k], as: UTF8.self), k)
        }

        /// A quoted string at `j` (single or double quotes, no escapes): its text, its start, where it ends.
        func quoted(_ j: Int) -> (String, Int, Int)? {
            guard j < b.count, b[j] == 34 || b[j] == 39 else { return nil }
            let q = b[j]
            var k = j + 1
            while k < b.count, b[k] != q, b[k] != 34, b[k] != 39 { k += 1 }
            guard k < b.count, b[k] == q, k > j + 1 else { return nil }
            return (String(decoding: b[(j + 1)..<k], as: UTF8.self), j + 1, k + 1)
        }

        /// `( "term"` after position `j`.
        func firstArgument(_ j: Int) -> (String, Int, Int)? {
            var k = skipSpace(j)
            guard k < b.count, b[k] == 40 else { return nil }   // (
            k = skipSpace(k + 1)
            return quoted(k)
        }

        mutating func scan(_ found: (String, String, Int) -> Void) {
            var j = 0
            while j < b.count {
                guard let (word, end) = identifier(j) else { j += 1; continue }
                if j > 0, Self.isIdent(b[j - 1]) { j = end; continue }   // inside a longer word
                // a method on a value: `:has_symptom(` (":" and optional space before the name)
                var p = j - 1
                while p >= 0, b[p] == 32 || b[p] == 9 { p -= 1 }
                let afterColon = p >= 0 && b[p] == 58
                if afterColon, let vocabulary = TermReferences.methods[word], let (term, at, _) = firstArgument(end) {
                    found(vocabulary, term, at)
                }
                switch word {
                case "points", "exclude":
                    if let (term, at, _) = firstArgument(end) { found("technique", term, at) }
                case "caution":
                    if let (term, at, close) = firstArgument(end) {
                        let k = skipSpace(close)
                        if k < b.count, b[k] == 44 { found("technique", term, at) }   // caution("id", …)
                    }
                case "catalog":
                    var k = skipSpace(end)
                    if k < b.count, b[k] == 46, let (section, e2) = identifier(skipSpace(k + 1)), section == "techniques" {
                        k = skipSpace(e2)
                        if k < b.count, b[k] == 46, let (id, _) = identifier(skipSpace(k + 1)) {
                            found("technique", id, skipSpace(k + 1))
                        } else if k < b.count, b[k] == 91, let (term, at, _) = quoted(skipSpace(k + 1)) {
                            found("technique", term, at)
                        }
                    }
                case "procedure", "region":
                    let k = skipSpace(end)
                    if k < b.count, b[k] == 61, let (term, at, _) = quoted(skipSpace(k + 1)) { found(word, term, at) }
                case "client":
                    let k = skipSpace(end)
                    if k < b.count, b[k] == 46 || b[k] == 58, let (field, _) = identifier(skipSpace(k + 1)) {
                        found("client field", field, skipSpace(k + 1))
                    }
                default: break
                }
                j = end
            }
        }
    }

    /// Whether some plugin names `term` of `vocabulary` literally.
    public func names(_ term: String, in vocabulary: String) -> Bool { named[vocabulary]?.contains(term) ?? false }

}
