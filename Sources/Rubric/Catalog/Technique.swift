/// A massage technique.
public struct Technique: Sendable, Hashable {
    /// The technique's id, e.g. `deep_tissue`: lowercase snake_case, never renamed once shipped.
    /// Rules name techniques by it in `points`, `exclude` and `caution`.
    public var id: String
    /// The name shown to the therapist, e.g. `Deep tissue massage`.
    public var name: String
    /// Other names a profile's `preferences.requested` may use for it.
    public var aliases: [String]
    /// The pressure the technique is given with, from `min` to `max`. A pressure cap below
    /// its minimum excludes it.
    public var pressure: ClosedRange<Pressure>
    /// What the technique is (not a claim that it works); empty when the catalog gives none.
    public var description: String
}
