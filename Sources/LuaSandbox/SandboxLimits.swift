/// Limits that bound every call into a ``LuaSandbox``.
///
/// The defaults are documented in `docs/sandbox.md`; every one can be changed.
/// With both ``instructions`` and ``seconds`` at 0 or below no count hook is
/// installed at all: that is for trusted code and for measuring the hook's cost only.
public struct SandboxLimits: Sendable, Hashable {
    /// Bytes the whole state may hold (counting allocator). Default 64 MiB.
    public var memoryBytes: Int = 64 << 20
    /// VM instructions per call, counted by a sticky hook. Default 1,000,000.
    public var instructions: Int = 1_000_000
    /// Instructions between two checks of the hook. Default 1,000.
    public var hookStep: Int = 1_000
    /// Wall-clock seconds per call, checked by the same hook (a call of a proven run ends within
    /// 100 µs or is counted again: ``LuaSandbox/callEachProven(_:_:_:groups:)``). Default 0.5 s.
    /// It guards against loops of expensive C calls that the instruction count undercounts.
    public var seconds: Double = 0.5
    /// Bytes of results one call may return. Default 4 MiB.
    public var outputBytes: Int = 4 << 20
    /// Wall-clock seconds all the items of one ``LuaSandbox/callEach(_:_:_:groups:)`` may take
    /// together (the engine: one evaluation, every rule). Default 2 s; 0 or below = none.
    public var totalSeconds: Double = 2
    /// Wall-clock seconds the items of one group may take together in one
    /// ``LuaSandbox/callEach(_:_:_:groups:)`` (the engine: one plugin's rules in one evaluation).
    /// Default 1 s; 0 or below = none.
    public var groupSeconds: Double = 1
    /// Bytes of results all the items of one ``LuaSandbox/callEach(_:_:_:groups:)`` may return
    /// together. Default 16 MiB; 0 = none.
    public var totalOutputBytes: Int = 16 << 20
    /// Bytes of results the items of one group may return together in one
    /// ``LuaSandbox/callEach(_:_:_:groups:)``. Default 8 MiB; 0 = none.
    public var groupOutputBytes: Int = 8 << 20
    /// Lines that `print` may write per evaluation. Default 100.
    public var logLines: Int = 100
    /// Bytes one `string.rep` may produce. Default 1 MiB.
    public var repeatBytes: Int = 1 << 20
    /// Upper bound on the backtracking work of one pattern call, estimated as
    /// `(length + 1) ^ (quantifiers + 1) × 2 ^ optionals`. Default 10,000,000.
    public var patternWork: Double = 10_000_000
    /// Elements one `table.move` may move. Default 1,000,000.
    public var moveElements: Int = 1_000_000

    /// The default limits.
    public init() {}
}
