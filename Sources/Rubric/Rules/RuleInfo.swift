public import LuaSandbox

/// What a rule declares about itself.
public struct RuleInfo: Sendable, Hashable {
    /// The rule's kind; the first three are safety kinds.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
        case referral, contraindication, caution, indication, preference

        /// Safety kinds fail the recommendation closed when they cannot run.
        public var isSafety: Bool { self == .referral || self == .contraindication || self == .caution }

        public static func < (a: Kind, b: Kind) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
    }

    public var id: String
    public var title: String
    public var kind: Kind
    /// supported | weak | unsupported | practice | tradition (see `rules/README.md`).
    public var grade: String
    /// Source keys: seed file names or keys from the clinical brief.
    public var evidence: [String]
    /// Where `rule { … }` is declared.
    public var location: SourceLocation
    /// Where its `apply` function starts.
    public var applyLine: Int
    /// Its position in the host's rule table (execution order is by kind, then this).
    var index: Int
}

/// A rule that could not load, or could not run.
public struct RuleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rule, when the failure belongs to one (a syntax error belongs to a file).
    public var ruleID: String?
    public var kind: RuleInfo.Kind?
    public var error: LuaError

    public init(ruleID: String? = nil, kind: RuleInfo.Kind? = nil, error: LuaError) {
        self.ruleID = ruleID
        self.kind = kind
        self.error = error
    }

    public var location: SourceLocation? { error.location }

    public var description: String {
        let what = ruleID.map { "rule '\($0)': " } ?? ""
        let limit = error.isLimit ? " [\(error.kind.rawValue) limit]" : ""
        return "\(error.location.map { "\($0): " } ?? "")error: \(what)\(error.message)\(limit)"
    }
}
