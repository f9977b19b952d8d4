/// A technique ruled out, with every reason.
public struct ExcludedTechnique: Sendable, Hashable {
    /// The technique's catalog id.
    public var technique: String
    /// The technique's name from the catalog.
    public var name: String
    /// Every exclusion: each `exclude` call and, when a pressure cap is below the technique's
    /// minimum pressure, the rule that set the cap.
    public var reasons: [Finding]
    /// Points rules gave it anyway; they do not count (shown by `explain`, not in the ranking).
    public var uncounted: [Contribution] = []
}
