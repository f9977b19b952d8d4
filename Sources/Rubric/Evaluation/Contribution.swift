public import LuaSandbox

/// Points one rule gave one technique, and why.
public struct Contribution: Sendable, Hashable {
    /// The id of the rule that called `points`.
    public var rule: String
    /// The rule's kind (``RuleInfo/Kind`` raw value): `caution`, `indication` or `preference`.
    public var kind: String
    /// The rule's evidence grade, shown beside the points so the therapist can weigh them.
    public var grade: Grade
    /// The points given: a whole number from −100 to 100, possibly 0 or negative.
    public var points: Int
    /// Why, as the rule wrote it.
    public var reason: String
    /// The source keys the rule cites.
    public var evidence: [String]
    /// Where `points` was called (file and line).
    public var location: SourceLocation
}
