public import LuaSandbox

extension Evaluator {
    /// The host API's Lua source, for the bare-Lua floor benchmark (`Benchmarks/bare-lua`),
    /// which runs the same code under stock lua5.4.
    public static var hostAPISource: String { HostAPI.source }

    /// A resolved profile as the table rules read, for the bare-Lua floor.
    public static func luaTable(for profile: ResolvedProfile) -> LuaValue { profile.luaValue }

    /// The catalog as the table rules read, for the bare-Lua floor.
    public static func luaTable(for catalog: Catalog) -> LuaValue { catalog.luaValue }
}
