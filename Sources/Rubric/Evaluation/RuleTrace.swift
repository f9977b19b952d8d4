/// One rule's run: how many actions it took and, when it took any, the profile fields it read (with their values).
public struct RuleTrace: Sendable, Hashable {
    /// The rule that ran.
    public var rule: RuleInfo
    /// The profile fields it read, each once, when the evaluation traced reads
    /// (`tracingReads`); empty otherwise.
    public var reads: [Read]
    /// How many verb calls it made (0 when it failed: a failed rule's actions are discarded).
    public var actions: Int
    /// Whether it failed (its error is in ``Recommendation/failures``; its actions were discarded).
    public var failed: Bool

    /// One profile field a rule read, and what it found.
    public struct Read: Sendable, Hashable {
        /// The field read, e.g. `conditions.sciatica`.
        public var field: String
        /// What it found, as `rubric explain` shows it, e.g. `yes, side left`.
        public var value: String
    }
}
