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
        /// Red flags: stop and send the client to a physician (`refer`). A safety kind.
        case referral
        /// Something must not be done, or must wait: exclusions, pressure caps, clearance. A safety kind.
        case contraindication
        /// Do it, but with care: cautions, pressure caps, small score changes. A safety kind.
        case caution
        /// What may help this client: points for a technique.
        case indication
        /// What the client wants: points within what safety allows.
        case preference

        /// Safety kinds fail the recommendation closed when they cannot run.
        public var isSafety: Bool { self == .referral || self == .contraindication || self == .caution }

        /// Execution order: `.referral < .contraindication < … < .preference`.
        public static func < (a: Kind, b: Kind) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
    }

    /// The rule's unique id, e.g. `red_flag.cauda_equina`.
    public let id: String
    /// One line that says what the rule does (shown by `rubric rules list`).
    public let title: String
    /// What sort of statement the rule makes; it limits the verbs the rule may call.
    public let kind: Kind
    /// How well its claim is supported (see `rules/README.md`).
    public let grade: Grade
    /// Source keys: seed file names or keys from the clinical brief.
    public let evidence: [String]
    /// Where `rule { … }` is declared.
    public let location: SourceLocation
    /// Where its `apply` function starts.
    public let applyLine: Int
    /// What it needs to act (`when = { … }`), for a scoring rule that declares it: on a profile
    /// without any of these terms it is skipped. Nil for a rule that always runs.
    public let trigger: RuleTrigger?
    /// Its position in the host's rule table (execution order is by kind, then this).
    let index: Int

    init(id: String, title: String, kind: Kind, grade: Grade, evidence: [String], location: SourceLocation,
         applyLine: Int, index: Int, trigger: RuleTrigger? = nil) {
        self.trigger = trigger
        self.id = id
        self.title = title
        self.kind = kind
        self.grade = grade
        self.evidence = evidence
        self.location = location
        self.applyLine = applyLine
        self.index = index
    }

    /// Whether two values describe the same rule: the same instance, or every field equal.
    public static func == (a: RuleInfo, b: RuleInfo) -> Bool {
        a === b || (a.id == b.id && a.title == b.title && a.kind == b.kind && a.grade == b.grade
            && a.evidence == b.evidence && a.location == b.location && a.applyLine == b.applyLine && a.index == b.index
            && a.trigger == b.trigger)
    }

    /// Hashes the id and location (enough to tell rules apart).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(location)
    }
}
