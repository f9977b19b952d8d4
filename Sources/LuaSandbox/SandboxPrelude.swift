/// The trusted Lua code that builds what scripts may see: `Lua/prelude.lua` and its part
/// `Lua/sealing.lua`, embedded at build time.
///
/// It runs once per state, with the full standard globals, and leaves a table
/// `sandbox` in the (host-only) globals with:
/// - `newenv(api)`: a fresh environment for one script: the allow-listed builtins,
///   read-only library proxies and `api`; reading an unknown global is an error;
/// - `freeze(env)`: after the script has loaded, its globals become read-only;
/// - `load(source, chunkname, env)`: text-only load (mode "t");
/// - `readonly(t, label, fixed)`: a deep read-only proxy; `pairs` over it is sorted. With
///   `fixed`, the host promises that `t` and the tables in it never change (host data such as
///   the catalog or a profile), so `pairs` sorts each of their key sets only once;
/// - `frozen(t, label)`: the same read-only view of host data that never changes, built whole
///   up front: each proxy reads from a shadow table, so a lookup is one VM table access with no
///   Lua function call (for data read on every evaluation, such as the catalog);
/// - `take_log()`: what `print` wrote since the last take; `reset_log()` starts a new
///   budget of ``SandboxLimits/logLines`` lines (once per evaluation);
/// - `pairs`: the deterministic (sorted) `pairs` scripts get (`next` is withheld: its order is not);
/// - `seal(roots)` and `restore()`: what a script keeps between calls is made
///   read-only or put back before each evaluation (`Lua/sealing.lua`);
/// - `configure(limits)`: sets the limits enforced in Lua (see ``LuaSandbox/setLimits(_:)``);
/// - `include(source, chunkname)`: loads a part of the prelude (sealing.lua).
enum SandboxPrelude {
    /// The prelude's chunks in load order: the first is run, the others are included into it.
    static let chunks = [EmbeddedLua.prelude, EmbeddedLua.sealing]

    /// The limits the prelude enforces itself, as `configure` takes them.
    static func configuration(_ limits: SandboxLimits) -> LuaValue {
        .record([
            "rep": .integer(Int64(limits.repeatBytes)), "pattern": .number(limits.patternWork),
            "move": .integer(Int64(limits.moveElements)), "log_lines": .integer(Int64(limits.logLines)),
        ])
    }
}
