public import LuaSandbox

@_spi(Benchmarks)
extension Evaluator {
    /// The rule host's Lua chunks in load order (`host.lua` first; the others are included into
    /// it with `H.include`), for the bare-Lua floor benchmark (`Benchmarks/bare-lua`), which runs
    /// the same code under stock lua5.4. Chunk names are the files' paths in the package.
    public static var hostChunks: [(chunk: String, source: String)] { HostAPI.chunks }

    /// The contract the host's `set_contract` takes (see ``Verb``).
    public static var hostContract: LuaValue { HostAPI.contract }

    /// A resolved profile as the table rules read, for the bare-Lua floor.
    public static func luaTable(for profile: ResolvedProfile) -> LuaValue { profile.luaValue }

    /// The rule state's memory: once every plugin had loaded, and now; and the full collections
    /// evaluations have needed so far (the scaling benchmark reports them).
    public var stateMemory: (baseline: Int, now: Int, fullCollections: Int) { (baselineMemory, sandbox.memoryUsed, fullCollections) }

    /// The catalog as the table rules read, for the bare-Lua floor.
    public static func luaTable(for catalog: Catalog) -> LuaValue { catalog.luaValue }
}
