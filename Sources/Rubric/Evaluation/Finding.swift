public import LuaSandbox

/// Something a rule said: an exclusion reason, a caution, a referral, a clearance or a note.
public struct Finding: Sendable, Hashable {
    /// The rule id, or `rubric` for what the engine derives itself.
    public var rule: String
    /// The kind of the rule that said it (``RuleInfo/Kind`` raw value, e.g. `contraindication`),
    /// or `engine` for the engine's own notes.
    public var kind: String
    /// The rule's evidence grade; `nil` for the engine's own findings.
    public var grade: Grade?
    /// The source keys the rule cites (for an engine note, those of the rules it is about).
    public var evidence: [String]
    /// What the rule said: the reason, caution, note or referral reason, shown to the therapist.
    public var text: String
    /// Where the verb was called (file and line); `nil` for the engine's own findings.
    public var location: SourceLocation?
    /// The technique id it is about, for an exclusion or a caution on one technique.
    public var technique: String?
    /// For referrals: how soon.
    public var urgency: Urgency?
    /// For referrals: what to do.
    public var advice: String?
    /// For clearances: who must clear.
    public var from: String?
}
