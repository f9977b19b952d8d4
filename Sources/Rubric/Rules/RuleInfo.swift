public import LuaSandbox

/// What a rule declares about itself.
///
/// A class (its fields never change once the rule set has loaded): every finding, trace and
/// outcome of every evaluation refers to its rule, and sharing one instance costs one
/// reference count where a copy would cost one per field.
public final class RuleInfo: Sendable, Hashable {
    /// The rule's kind; the first three are safety kinds. Part of the host contract: declared in
    /// execution order (rules run by kind, so every safety rule has acted before any preference).
    public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
        case referral, contraindication, caution, indication, preference

        /// Safety kinds fail the recommendation closed when they cannot run.
        public var isSafety: Bool { self == .referral || self == .contraindication || self == .caution }

        public static func < (a: Kind, b: Kind) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
    }

    public let id: String
    public let title: String
    public let kind: Kind
    /// How well its claim is supported (see `rules/README.md`).
    public let grade: Grade
    /// Source keys: seed file names or keys from the clinical brief.
    public let evidence: [String]
    /// Where `rule { … }` is declared.
    public let location: SourceLocation
    /// Where its `apply` function starts.
    public let applyLine: Int
    /// Its position in the host's rule table (execution order is by kind, then this).
    let index: Int

    init(id: String, title: String, kind: Kind, grade: Grade, evidence: [String], location: SourceLocation,
         applyLine: Int, index: Int) {
        self.id = id
        self.title = title
        self.kind = kind
        self.grade = grade
        self.evidence = evidence
        self.location = location
        self.applyLine = applyLine
        self.index = index
    }

    public static func == (a: RuleInfo, b: RuleInfo) -> Bool {
        a === b || (a.id == b.id && a.title == b.title && a.kind == b.kind && a.grade == b.grade
            && a.evidence == b.evidence && a.location == b.location && a.applyLine == b.applyLine && a.index == b.index)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(location)
    }
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

    /// What failed, as reports name it: "safety rule 'id'", "rule 'id'", or "the engine" when the
    /// failure is not one rule's (a budget shared by rules, a host-side failure).
    public var subject: String {
        guard let ruleID else { return "the engine" }
        return "\(kind?.isSafety ?? true ? "safety rule" : "rule") '\(ruleID)'"
    }

    public var description: String {
        let what = ruleID.map { "rule '\($0)': " } ?? ""
        let limit = error.isLimit ? " [\(error.kind.rawValue) limit]" : ""
        return "\(error.location.map { "\($0): " } ?? "")error: \(what)\(error.message)\(limit)"
    }
}
