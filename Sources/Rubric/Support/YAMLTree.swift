/// A YAML document as ``YAMLComposer`` builds it: scalars, lists and mappings whose keys are
/// text, each with its 1-based position. Aliases are already replaced by the node they name
/// (shared, not copied), within ``InputLimits/maximumAliasNodes``.
indirect enum YAMLTree: Sendable {
    case scalar(Scalar)
    case sequence([YAMLTree], Mark)
    /// Pairs in document order; keys are unique.
    case mapping([(key: String, value: YAMLTree)], Mark)

    /// A 1-based line and column.
    struct Mark: Sendable, Hashable {
        var line: Int
        var column: Int
    }

    struct Scalar: Sendable {
        var string: String
        /// Written without quotes and not as a block (`|`, `>`): only these can mean null.
        var isPlain: Bool
        /// Tagged `!!null` explicitly.
        var isNullTagged: Bool
        var mark: Mark
    }

    var mark: Mark {
        switch self {
        case .scalar(let s): s.mark
        case .sequence(_, let m), .mapping(_, let m): m
        }
    }
}
