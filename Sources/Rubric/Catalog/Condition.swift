/// A diagnosis the rules can ask about.
public struct Condition: Sendable, Hashable {
    /// The condition's id, e.g. `lumbar_spinal_stenosis`, as rules ask for it
    /// (`client:has_condition(id)`).
    public var id: String
    /// The condition's name, e.g. `Lumbar spinal stenosis`.
    public var name: String
    /// Other names a profile may use for it (`LSS`).
    public var aliases: [String]
    /// The ICD-10-CM codes that name it, e.g. `M48.061` and `M48.062`.
    public var icd10: [String]
    /// The SNOMED CT concept ids that name it (exact ids only; no hierarchy).
    public var snomed: [String]
    /// The ids of the body regions it affects, each an entry of ``Catalog/regions``.
    public var regions: [String]
    /// Why no rule covers the condition, on purpose (catalog key `uncovered`): `rules check` does
    /// not warn that no rule uses it, and a profile with it is still for a person to review.
    public var uncovered: String? = nil
}
