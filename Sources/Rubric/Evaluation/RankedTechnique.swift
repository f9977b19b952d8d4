/// A technique in the ranking.
public struct RankedTechnique: Sendable, Hashable {
    /// Its 1-based place; techniques with equal scores share a rank (1, 1, 3).
    public var rank: Int
    /// The technique's catalog id.
    public var technique: String
    /// The technique's name from the catalog.
    public var name: String
    /// Exactly the sum of ``contributions``.
    public var score: Int
    /// Every `points` call for this technique, in execution order; empty when no rule gave it points.
    public var contributions: [Contribution]
    /// Cautions rules gave for this technique (`caution(technique, text)`).
    public var cautions: [Finding]
}
