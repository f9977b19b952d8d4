public import LuaSandbox

/// The result of running the rules over one profile: a referral, clearances,
/// exclusions and a ranking in which every score is the sum of its contributions.
public struct Recommendation: Sendable {
    /// What the therapist should do, most serious first.
    public enum Status: String, Sendable, Hashable {
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

    public var status: Status
    public var profile: ResolvedProfile
    public var ruleSetHash: String
    public var ruleSetVersion: String?
    public var ruleCount: Int
    public var pluginCount: Int
    public var referrals: [Finding] = []
    public var clearances: [Finding] = []
    /// What a person must check before treating, said first: terms not understood, terms no
    /// rule covers, implausible or out-of-scope values, contradictions.
    public var review: [ReviewItem] = []
    /// The strictest pressure cap from the rules, with the rules that set it.
    public var pressureLimit: PressureLimit?
    /// Empty when the status is referral or failed closed.
    public var ranking: [RankedTechnique] = []
    public var excluded: [ExcludedTechnique] = []
    /// Cautions that belong to no single technique.
    public var cautions: [Finding] = []
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

/// Something a rule said: an exclusion reason, a caution, a referral, a clearance or a note.
public struct Finding: Sendable, Hashable {
    /// The rule id, or `rubric` for what the engine derives itself.
    public var rule: String
    public var kind: String
    public var grade: Grade?
    public var evidence: [String]
    public var text: String
    public var location: SourceLocation?
    public var technique: String?
    /// For referrals: how soon.
    public var urgency: Urgency?
    /// For referrals: what to do.
    public var advice: String?
    /// For clearances: who must clear.
    public var from: String?
}

/// Points one rule gave one technique, and why.
public struct Contribution: Sendable, Hashable {
    public var rule: String
    public var kind: String
    public var grade: Grade
    public var points: Int
    public var reason: String
    public var evidence: [String]
    public var location: SourceLocation
}

/// A technique in the ranking.
public struct RankedTechnique: Sendable, Hashable {
    public var rank: Int
    public var technique: String
    public var name: String
    /// Exactly the sum of ``contributions``.
    public var score: Int
    public var contributions: [Contribution]
    public var cautions: [Finding]
}

/// A technique ruled out, with every reason.
public struct ExcludedTechnique: Sendable, Hashable {
    public var technique: String
    public var name: String
    public var reasons: [Finding]
    /// Points rules gave it anyway; they do not count (shown by `explain`, not in the ranking).
    public var uncounted: [Contribution] = []
}

/// A pressure cap.
public struct PressureLimit: Sendable, Hashable {
    public var level: Pressure
    public var reasons: [Finding]
}

/// One rule's run: how many actions it took and, when it took any, the profile fields it read (with their values).
public struct RuleTrace: Sendable, Hashable {
    public var rule: RuleInfo
    public var reads: [Read]
    public var actions: Int
    public var failed: Bool

    public struct Read: Sendable, Hashable {
        public var field: String
        public var value: String
    }
}
