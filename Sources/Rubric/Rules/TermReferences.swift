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
        public var term: String
        public var file: String
        public var line: Int
        public var column: Int
    }

    /// Every literal term, in file and line order.
    public let uses: [Use]
    private let named: Set<String>

    /// (vocabulary, pattern whose first capture is the term)
    static let patterns: [(String, String)] = [
        ("technique", #"\b(?:points|exclude)\s*\(\s*["']([^"']+)["']"#),
        ("technique", #"\bcaution\s*\(\s*["']([^"']+)["']\s*,"#),
        ("technique", #"\bcatalog\.techniques\.([A-Za-z_][A-Za-z0-9_]*)"#),
        ("technique", #"\bcatalog\.techniques\[\s*["']([^"']+)["']"#),
        ("condition", #":\s*(?:has_condition|condition)\s*\(\s*["']([^"']+)["']"#),
        ("symptom", #":\s*(?:has_symptom|onset)\s*\(\s*["']([^"']+)["']"#),
        ("flag", #":\s*has_flag\s*\(\s*["']([^"']+)["']"#),
        ("medication class", #":\s*(?:takes|medications_in)\s*\(\s*["']([^"']+)["']"#),
        ("goal", #":\s*has_goal\s*\(\s*["']([^"']+)["']"#),
        ("procedure", #"\bprocedure\s*=\s*["']([^"']+)["']"#),
        ("region", #"\bregion\s*=\s*["']([^"']+)["']"#),
        ("client field", #"\bclient\s*[.:]\s*([A-Za-z_][A-Za-z0-9_]*)"#),
    ]

    /// Scans every plugin of `ruleSet`.
    public init(ruleSet: RuleSet) {
        var uses: [Use] = []
        let regexes = Self.patterns.map { ($0.0, try! Regex($0.1)) }
        for plugin in ruleSet.plugins {
            for (i, rawLine) in plugin.source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = Self.stripComment(String(rawLine))
                for (vocab, regex) in regexes {
                    for match in line.matches(of: regex) {
                        guard let range = match.output[1].range else { continue }
                        let column = line.distance(from: line.startIndex, to: range.lowerBound) + 1
                        uses.append(Use(vocabulary: vocab, term: String(line[range]), file: plugin.path, line: i + 1, column: column))
                    }
                }
            }
        }
        self.uses = uses
        named = Set(uses.map { "\($0.vocabulary)/\($0.term)" })
    }

    /// Whether some plugin names `term` of `vocabulary` literally.
    public func names(_ term: String, in vocabulary: String) -> Bool { named.contains("\(vocabulary)/\(term)") }

    /// The line without a trailing `--` comment (outside string literals).
    static func stripComment(_ line: String) -> String {
        var quote: Character?
        var previous: Character?
        for (offset, ch) in line.enumerated() {
            if let q = quote {
                if ch == q && previous != "\\" { quote = nil }
            } else if ch == "\"" || ch == "'" {
                quote = ch
            } else if ch == "-" && previous == "-" {
                return String(line.prefix(offset - 1))
            }
            previous = ch
        }
        return line
    }
}
