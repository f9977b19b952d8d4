/// An entry of a simple vocabulary (symptom, flag, goal, region, procedure, medication class).
public struct Term: Sendable, Hashable {
    /// The entry's id, e.g. `buttock_pain` or `anticoagulant`, as rules name it.
    public var id: String
    /// The entry's name, as output shows it.
    public var name: String
    /// Other names a profile may use for it (for a flag, `osteoporosis` for `fragile_bone`).
    public var aliases: [String]
    /// A longer explanation, when the catalog gives one.
    public var description: String?
    /// The ids of the body regions the entry belongs to; often empty.
    public var regions: [String]
    /// Why no rule covers the entry, on purpose (catalog key `uncovered`): `rules check` does not
    /// warn that no rule uses it, and a profile with it is still for a person to review.
    public var uncovered: String? = nil
}
