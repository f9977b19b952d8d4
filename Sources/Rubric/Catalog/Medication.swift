/// A medication by generic name, with its brands and class.
public struct Medication: Sendable, Hashable {
    /// The medicine's id, e.g. `rivaroxaban`.
    public var id: String
    /// The generic name.
    public var name: String
    /// Brand names a profile may use for it instead (`Xarelto`).
    public var brands: [String]
    /// The id of its class in ``Catalog/medicationClasses``, e.g. `anticoagulant`: what rules
    /// ask about (`client:takes("anticoagulant")`).
    public var classID: String
    /// RxNorm ingredient concept ids (RXCUIs) that name it, for records coded in RxNorm (FHIR).
    public var rxnorm: [String] = []
}
