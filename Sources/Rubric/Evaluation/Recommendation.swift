/// The result of running the rules over one profile: a referral, clearances,
/// exclusions and a ranking in which every score is the sum of its contributions.
public struct Recommendation: Sendable {
    /// What the therapist should do, most serious first.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// A safety rule could not run: no ranking is given.
        case failedClosed = "failed_closed"
        /// A red flag: refer to a physician, do not treat.
        case referral
        /// Treatment waits for clearance; the ranking is provisional.
        case clearanceRequired = "clearance_required"
        /// Something in the profile is not recognised or cannot be judged (``review``): a person
        /// checks it before treating; the ranking is provisional.
        case reviewRequired = "review_required"
        /// A ranking within what safety allows, for a profile the engine understood in full.
        case recommended
    }

    /// The overall outcome, the most serious that applies: a failed safety rule or engine failure,
    /// a referral, a required clearance, a review item, or else ``Status/recommended``.
    public var status: Status
    /// The profile as the rules saw it, with its terms resolved to catalog ids and its warnings.
    public var profile: ResolvedProfile
    /// The ``RuleSet/hash`` of the rules that made this recommendation.
    public var ruleSetHash: String
    /// The ``RuleSet/version`` of the rules that made this recommendation, if `manifest.yaml` names one.
    public var ruleSetVersion: String?
    /// How many rules the evaluator loaded; every one runs for every profile.
    public var ruleCount: Int
    /// How many plugin files the rule set has.
    public var pluginCount: Int
    /// Every `refer` a rule made: a red flag, with its urgency and advice. Any referral makes
    /// the status ``Status/referral`` (unless the result failed closed) and empties the ranking.
    public var referrals: [Finding] = []
    /// Every `require_clearance` a rule made: who must clear treatment, and why.
    public var clearances: [Finding] = []
    /// What a person must check before treating, said first: terms not understood, terms no
    /// rule covers, implausible or out-of-scope values, contradictions.
    public var review: [ReviewItem] = []
    /// The strictest pressure cap from the rules, with the rules that set it.
    public var pressureLimit: PressureLimit?
    /// Empty when the status is referral or failed closed.
    public var ranking: [RankedTechnique] = []
    /// The techniques ruled out (by `exclude`, or by a pressure cap below their minimum
    /// pressure), in technique id order; they are never ranked.
    public var excluded: [ExcludedTechnique] = []
    /// Cautions that belong to no single technique.
    public var cautions: [Finding] = []
    /// Notes for the therapist, the engine's own first (what safety overrode). Under a referral
    /// or a failed result, only the engine's and the referral and contraindication rules' notes are kept.
    public var notes: [Finding] = []
    /// Rules that failed to run (safety failures make the status failed closed).
    public var failures: [RuleError] = []
    /// Every rule that acted or failed: what it did and, when the evaluation traced reads,
    /// what it read (rules that ran without acting are left out).
    public var traces: [RuleTrace] = []
    /// What rules printed, with file:line.
    public var log: [String] = []

    /// The most urgent referral urgency.
    public var referralUrgency: Urgency? { referrals.compactMap(\.urgency).min() }

    /// The failed safety rules, if the recommendation failed closed.
    public var failedSafetyRules: [RuleError] { failures.filter { $0.kind?.isSafety == true } }
}
