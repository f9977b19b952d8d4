/// A finding of `rubric rules check`, printed like a compiler diagnostic:
/// `rules/x.lua:12:5: error: unknown technique 'deep_tisue' (did you mean 'deep_tissue'?) [unknown-term]`.
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How serious a finding is: `rules check` fails on an error, and on a warning only with `--strict`.
    public enum Severity: String, Sendable, Hashable {
        /// The rules are broken or refer to something that does not exist.
        case error
        /// Something to look at (an unused catalog entry, an untested rule), not a failure.
        case warning
    }

    /// Whether it is an error or a warning.
    public var severity: Severity
    /// A stable kebab-case code, e.g. `syntax-error`, `unknown-term`, `untested-rule`.
    public var code: String
    /// What is wrong, e.g. `unknown technique 'deep_tisue' (did you mean 'deep_tissue'?)`.
    public var message: String
    /// The file it is about: a plugin, a catalog or test file, or the rules folder.
    public var file: String
    /// The 1-based line in ``file``, when known.
    public var line: Int?
    /// The 1-based column on ``line``, when known (a syntax error, a literal term).
    public var column: Int?

    /// A finding of `severity` with its stable `code` (one of ``codes``) and `message`, at `file` (and `line`, `column`).
    public init(_ severity: Severity, _ code: String, _ message: String, file: String, line: Int? = nil, column: Int? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// The compiler-style line: `file:line:column: severity: message [code]`.
    public var description: String {
        var place = file
        if let line { place += ":\(line)"; if let column { place += ":\(column)" } }
        return "\(place): \(severity.rawValue): \(message) [\(code)]"
    }

    /// Orders findings by file, line, column, code, then message: the order `rules check` prints them in.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.file, a.line ?? 0, a.column ?? 0, a.code, a.message) < (b.file, b.line ?? 0, b.column ?? 0, b.code, b.message)
    }

    /// What each code means (used for SARIF rule descriptions).
    public static let codes: [(code: String, summary: String)] = [
        ("syntax-error", "A plugin does not compile."),
        ("load-error", "A plugin raised an error while loading (a malformed or duplicate rule, an unknown source)."),
        ("unknown-term", "A technique, condition, symptom, flag, goal, region, procedure or medication class the catalog does not know."),
        ("unknown-client-field", "A read of a client field or method that does not exist."),
        ("rule-error", "A rule failed while the test cases ran."),
        ("untested-rule", "No test case fires this rule."),
        ("unused-catalog-entry", "No rule refers to this catalog entry."),
        ("no-tests", "The rules folder has no test cases."),
        ("no-rules", "A plugin loads but declares no rules."),
        ("trigger-misses", "A rule's `when` trigger would skip it on a profile where it acts, or leaves out a term it reads."),
    ]
}
