/// A citable source: a seed article (by file name) or a key from the clinical brief.
public struct Source: Sendable, Hashable {
    /// The key rules cite in `evidence`, e.g. `NCCIH` or `001_2442861526bc30ee.txt`.
    public var key: String
    /// What sort of source it is, as `sources.yaml` gives it: `seed`, `guideline`, `review`,
    /// `trial`, `safety`, `case_report` or `practice` (not checked when the catalog loads).
    public var kind: String
    /// The source's title.
    public var title: String
    /// A remark on the source, when the catalog gives one (what it supports, how far to trust it).
    public var note: String?
}
