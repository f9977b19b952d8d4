internal import LuaSandbox

/// The rule host: the plugin API as trusted Lua (`Lua/host.lua` and its parts, embedded at
/// build time), and the contract it shares with Swift.
///
/// The contract is declared here once: the kinds (``RuleInfo/Kind``, in execution order),
/// ``Grade``, ``Urgency``, ``Pressure``, each ``Verb`` with the kinds that may call it, what a
/// ``RuleTrigger`` may list and which kinds may declare one, and the
/// layout of an action (``RuleAction/Field``). The host gets it before any plugin loads, and
/// refuses to start when the two sides disagree (a verb declared here but not implemented in
/// `verbs.lua`, or the reverse; an action layout other than the one `evaluation.lua` writes).
enum HostAPI {
    /// The host's chunks in load order: `host.lua` is run, the others are included into it.
    static let chunks = [EmbeddedLua.host, EmbeddedLua.client, EmbeddedLua.evaluation, EmbeddedLua.verbs,
                         EmbeddedLua.modules]

    /// Globals a plugin gets on top of the sandbox's builtins.
    static var pluginGlobals: [String] { ["rule"] + Verb.allCases.map(\.rawValue) + ["use", "catalog"] }

    /// The contract as the host's `set_contract` takes it.
    static var contract: LuaValue {
        func names<T: RawRepresentable & CaseIterable>(_: T.Type) -> LuaValue where T.RawValue == String {
            .list(T.allCases.map { .string($0.rawValue) })
        }
        return .record([
            "kinds": names(RuleInfo.Kind.self), "grades": names(Grade.self), "urgencies": names(Urgency.self),
            "pressures": names(Pressure.self),
            "verbs": .record(Dictionary(uniqueKeysWithValues: Verb.allCases.map { verb in
                (verb.rawValue, LuaValue.list(verb.allowedKinds.map { .string($0.rawValue) }))
            })),
            "action_fields": .list(RuleAction.Field.allCases.map { .string($0.name) }),
            "trigger_sections": .record(Dictionary(uniqueKeysWithValues: RuleTrigger.Section.allCases.map {
                ($0.rawValue, LuaValue.string($0.term))
            })),
            "trigger_kinds": .list(RuleTrigger.kinds.map { .string($0.rawValue) }),
        ])
    }

    /// Makes the host in `sandbox` under `key`: runs its chunks, then hands it the contract
    /// (tests hand it others, to see a mismatch refused).
    /// - Throws: ``LuaError`` when a chunk fails or the contract does not match the host.
    static func install(in sandbox: LuaSandbox, as key: String, contract: LuaValue = contract) throws(LuaError) {
        let (first, parts) = (chunks[0], chunks.dropFirst())
        try sandbox.runTrusted(source: first.source, name: first.chunk, as: key)
        for part in parts { _ = try sandbox.call(key, "include", [.string(part.source), .string(part.chunk)]) }
        _ = try sandbox.call(key, "set_contract", [contract])
    }
}
