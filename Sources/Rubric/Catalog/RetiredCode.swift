/// An ICD-10-CM code that was deleted or split, and what replaces it.
public struct RetiredCode: Sendable, Hashable {
    /// The retired code as the catalog writes it (e.g. `M54.5`).
    public var code: String
    /// When it stopped being valid, as the catalog gives it (e.g. `2021-10-01`).
    public var retired: String
    /// The codes to use instead.
    public var replacedBy: [String]
}
