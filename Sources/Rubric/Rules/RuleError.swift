public import LuaSandbox

/// A rule that could not load, or could not run.
public struct RuleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rule, when the failure belongs to one (a syntax error belongs to a file).
    public var ruleID: String?
    /// The rule's kind, when the failure belongs to a rule: a safety kind fails the
    /// recommendation closed.
    public var kind: RuleInfo.Kind?
    /// The underlying failure: its kind (syntax, runtime, a limit …), message and location.
    public var error: LuaError

    /// A failure of the rule `ruleID` (of kind `kind`), or of a file or the engine when `ruleID` is `nil`.
    public init(ruleID: String? = nil, kind: RuleInfo.Kind? = nil, error: LuaError) {
        self.ruleID = ruleID
        self.kind = kind
        self.error = error
    }

    /// Where it failed (plugin file and line), if known.
    public var location: SourceLocation? { error.location }

    /// What failed, as reports name it: "safety rule 'id'", "rule 'id'", or "the engine" when the
    /// failure is not one rule's (a budget shared by rules, a host-side failure).
    public var subject: String {
        guard let ruleID else { return "the engine" }
        return "\(kind?.isSafety ?? true ? "safety rule" : "rule") '\(ruleID)'"
    }

    /// The failure as a compiler-style diagnostic:
    /// `rules/stenosis.lua:12: error: rule 'stenosis.swedish': message`, with
    /// ` [instructions limit]` (or the limit's name) appended for a limit error.
    public var description: String {
        let what = ruleID.map { "rule '\($0)': " } ?? ""
        let limit = error.isLimit ? " [\(error.kind.rawValue) limit]" : ""
        return "\(error.location.map { "\($0): " } ?? "")error: \(what)\(error.message)\(limit)"
    }
}

extension RuleError {
    /// What went wrong, without the location.
    public var message: String { error.message }
    /// The file the failure is in, when it has one.
    public var file: String? { error.location?.file }
    /// The line, when known.
    public var line: Int? { error.location?.line }
}
