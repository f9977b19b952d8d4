public import LuaSandbox

/// Runs a ``RuleSet`` over profiles in one sandboxed Lua state.
///
/// The state is created once: the catalog is pushed and every plugin compiled
/// when the evaluator is made, and each ``evaluate(_:)`` reuses them.
///
/// - Important: Not thread-safe. Give each worker thread its own evaluator
///   (they can share one ``RuleSet``).
public final class Evaluator {
    /// The rule set compiled into this evaluator's sandbox.
    public let ruleSet: RuleSet
    /// The rules in execution order: by kind (referral first), then file and declaration order.
    public let rules: [RuleInfo]
    /// What is wrong with plugins that loaded but will not be used as their author meant:
    /// a plugin that declares no rules. Front ends show them as warnings.
    public let loadWarnings: [RuleError]
    let sandbox: LuaSandbox
    /// The host's index of each rule in ``rules``, in execution order.
    private let ruleIndexes: [Int64]
    /// The plugin of each rule in ``rules`` (numbered in order of first use): the rules of one
    /// plugin share its time and output budget in each evaluation.
    private let ruleGroups: [Int32]
    private let aggregator: Aggregator
    /// Which rules a profile's terms can wake, when any rule declares `when` (nil otherwise).
    private let triggers: TriggerIndex?
    /// Run every rule, triggers ignored (`rubric rules check` does, to test the triggers).
    var runsEveryRule = false
    /// Run the rules without counting instructions when the clock can prove they stayed within
    /// their budget (``LuaSandbox/callEachProven(_:_:_:groups:)``); off: always counted.
    @_spi(Benchmarks) public var provesRuns = true
    /// Evaluations whose rules could not be proven and ran again, counted.
    @_spi(Benchmarks) public private(set) var countedAgain = 0
    /// Evaluations whose rules ran proven.
    @_spi(Benchmarks) public private(set) var provenEvaluations = 0
    /// Evaluations still to count at once after one that could not be proven, and how many
    /// attempts in a row could not be: each doubles the wait, up to 256 evaluations.
    private var countedLeft = 0, unprovenStreak = 0
    /// The state's memory once every plugin has loaded: what an evaluation adds is measured from it.
    private(set) var baselineMemory = 0
    /// Full collections `finish` ran (after a memory failure or a large evaluation), for benchmarks.
    private(set) var fullCollections = 0
    private static let key = "rubric"

    /// Compiles the rule set into a new sandbox.
    /// - Throws: ``RuleError`` naming the file and line of a plugin that does not load.
    public convenience init(ruleSet: RuleSet, limits: SandboxLimits = SandboxLimits()) throws(RuleError) {
        var errors: [RuleError] = []
        try self.init(ruleSet: ruleSet, limits: limits, loadErrors: &errors, stopAtFirst: true)
        if let first = errors.first { throw first }
    }

    /// Compiles every plugin that loads, and returns the load errors of the others
    /// (for `rubric rules check`, which reports them all at once).
    public static func lenient(ruleSet: RuleSet, limits: SandboxLimits = SandboxLimits()) throws(RuleError) -> (Evaluator, [RuleError]) {
        var errors: [RuleError] = []
        let evaluator = try Evaluator(ruleSet: ruleSet, limits: limits, loadErrors: &errors, stopAtFirst: false)
        return (evaluator, errors)
    }

    private init(ruleSet: RuleSet, limits: SandboxLimits, loadErrors: inout [RuleError], stopAtFirst: Bool) throws(RuleError) {
        self.ruleSet = ruleSet
        do {
            sandbox = try LuaSandbox(limits: limits)
            try HostAPI.install(in: sandbox, as: Self.key)
            _ = try sandbox.call(Self.key, "set_catalog", [ruleSet.catalog.luaValue])
            // modules by name (lib/spine.lua is "spine"), loaded when a plugin first uses one
            let lib = ruleSet.directory + "/lib/"
            _ = try sandbox.call(Self.key, "set_modules", [.record(Dictionary(ruleSet.modules.map { m in
                let name = String(m.path.dropFirst(lib.count).dropLast(".lua".count))   // lib/spine.lua: "spine"
                return (name, LuaValue.record(["source": .string(m.source), "chunk": .string("@" + m.path)]))
            }, uniquingKeysWith: { first, _ in first }))])
        } catch {
            throw RuleError(error: error)
        }
        var loaded: [RuleInfo] = []
        var warnings: [RuleError] = []
        for plugin in ruleSet.plugins {
            if stopAtFirst && !loadErrors.isEmpty { break }
            let result: [LuaValue]
            do {
                result = try sandbox.call(Self.key, "load_plugin", [.string(plugin.source), .string("@" + plugin.path)])
            } catch {
                loadErrors.append(RuleError(error: error.located(default: SourceLocation(file: plugin.path))))
                continue
            }
            let value = result.first ?? .nil
            if let syntax = value["syntax"].string {
                // Lua shortens long chunk names in messages ("...tail/x.lua:3:"): keep only the line.
                let (location, message) = SourceLocation.split(message: syntax) ?? (SourceLocation(file: plugin.path), syntax)
                loadErrors.append(RuleError(error: LuaError(
                    kind: .syntax, message: message, location: SourceLocation(file: plugin.path, line: location.line))))
                continue
            }
            if let message = value["error"].string {
                let text = SourceLocation.split(message: message)?.1 ?? message
                let file = value["file"].string ?? plugin.path
                loadErrors.append(RuleError(error: LuaError(
                    kind: .runtime, message: text, location: SourceLocation(file: file, line: value["line"].integer.map(Int.init)))))
                continue
            }
            let declared = value["rules"].table?.array ?? []
            if declared.isEmpty {
                let returned = value["returned"].string.map { " (its chunk returned a \($0))" } ?? ""
                warnings.append(RuleError(error: LuaError(
                    kind: .runtime, message: "the plugin loads but declares no rules\(returned): call rule { ... } for each rule",
                    location: SourceLocation(file: plugin.path))))
            }
            for r in declared { loaded.append(try Self.ruleInfo(r, plugin: plugin.path)) }
        }
        // the order the host runs rules in (by kind, then as loaded): it owns it, as what rules
        // see while they run (the pressure cap so far) depends on it
        let byIndex = Dictionary(loaded.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        do {
            let order = try sandbox.call(Self.key, "execution_order").first?.table?.array ?? []
            rules = try order.map { (v: LuaValue) throws(LuaError) -> RuleInfo in
                guard let i = v.integer.map(Int.init), let rule = byIndex[i] else {
                    throw LuaError(kind: .host, message: "host contract: execution_order returned an unknown rule index")
                }
                return rule
            }
        } catch {
            throw RuleError(error: error)
        }
        ruleIndexes = rules.map { Int64($0.index) }
        var groupOf: [String: Int32] = [:]   // numbered densely, as the sandbox wants groups in 0..<count
        ruleGroups = rules.map { rule in
            if let g = groupOf[rule.location.file] { return g }
            let g = Int32(groupOf.count)
            groupOf[rule.location.file] = g
            return g
        }
        aggregator = Aggregator(ruleSet: ruleSet, rules: rules)
        triggers = TriggerIndex(rules: rules, groups: ruleGroups)
        loadWarnings = warnings
        sandbox.collectGarbage()
        baselineMemory = sandbox.memoryUsed
    }

    /// A rule as the host's `load_plugin` describes it; every field must be there and valid.
    private static func ruleInfo(_ r: LuaValue, plugin: String) throws(RuleError) -> RuleInfo {
        func missing(_ field: String) -> RuleError {
            RuleError(error: LuaError(kind: .host, message: "host contract: load_plugin returned a rule without a valid '\(field)'",
                                      location: SourceLocation(file: plugin)))
        }
        guard let id = r["id"].string else { throw missing("id") }
        guard let title = r["title"].string else { throw missing("title") }
        guard let kind = r["kind"].string.flatMap(RuleInfo.Kind.init(rawValue:)) else { throw missing("kind") }
        guard let grade = r["grade"].string.flatMap(Grade.init(rawValue:)) else { throw missing("grade") }
        guard let evidence = r["evidence"].table?.array, evidence.allSatisfy({ $0.string != nil }) else { throw missing("evidence") }
        guard let file = r["file"].string, let line = r["line"].integer else { throw missing("file and line") }
        guard let applyLine = r["apply_line"].integer, let index = r["index"].integer else { throw missing("apply_line and index") }
        var trigger: RuleTrigger?
        if r["when"] != .nil {
            // a safety rule always runs: never trust the host to have refused its trigger
            guard RuleTrigger.kinds.contains(kind), let given = r["when"].table, given.array.isEmpty else { throw missing("when") }
            var terms: [RuleTrigger.Section: [String]] = [:]
            for (key, list) in given.fields {
                // a section the host knows and Swift does not would be ignored here: refuse it
                guard let section = RuleTrigger.Section(rawValue: key), let items = list.table?.array,
                      !items.isEmpty, items.allSatisfy({ $0.string != nil }) else { throw missing("when.\(key)") }
                terms[section] = items.compactMap(\.string)
            }
            guard !terms.isEmpty else { throw missing("when") }
            trigger = RuleTrigger(terms)
        }
        return RuleInfo(id: id, title: title, kind: kind, grade: grade, evidence: evidence.compactMap(\.string),
                        location: SourceLocation(file: file, line: Int(line)), applyLine: Int(applyLine), index: Int(index),
                        trigger: trigger)
    }

    /// Resolves and evaluates one profile.
    /// - Parameter tracingReads: also keep, for each rule that acted, the profile fields it
    ///   read and their values (``RuleTrace/reads``, shown by `rubric explain`). The ranking
    ///   and every finding are the same either way; tracing costs time, so it is off by default.
    public func evaluate(_ profile: Profile, tracingReads: Bool = false) -> Recommendation {
        evaluate(resolve(profile), tracingReads: tracingReads)
    }

    /// Resolves a profile's terms against the rule set's catalog.
    public func resolve(_ profile: Profile) -> ResolvedProfile {
        ProfileResolver(catalog: ruleSet.catalog).resolve(profile)
    }

    /// The steps of one evaluation, in order, as ``evaluate(_:tracingReads:after:)`` reports
    /// them (benchmarks time the gaps between them).
    public enum Step: Sendable, CaseIterable {
        /// The profile is in the rule state (`begin` has run).
        case profilePushed
        /// Every rule has run.
        case rulesRun
        /// The acting rules' results are decoded.
        case outcomesDecoded
    }

    /// Evaluates a resolved profile: every rule runs, each under the sandbox limits.
    /// A rule that fails is recorded; a failed safety rule fails the result closed.
    /// - Parameter tracingReads: also keep what each acting rule read (see ``evaluate(_:tracingReads:)-(Profile,_)``).
    public func evaluate(_ profile: ResolvedProfile, tracingReads: Bool = false) -> Recommendation {
        evaluate(profile, tracingReads: tracingReads, after: { _ in })
    }

    /// Evaluates a resolved profile as ``evaluate(_:tracingReads:)-(ResolvedProfile,_)`` does,
    /// calling `step` after each ``Step`` (the last step, aggregation, ends with the return).
    public func evaluate(_ profile: ResolvedProfile, tracingReads: Bool = false, after step: (Step) -> Void) -> Recommendation {
        var outcomes: [RuleOutcome] = []
        let results: [(item: Int, result: Result<[LuaValue], LuaError>)]
        var positions: [Int]?   // the rules that run, when triggers leave some out
        do {
            var arguments = LuaEncoder()
            profile.encode(into: &arguments)
            arguments.boolean(tracingReads)
            _ = try sandbox.callHost(Self.key, "begin", encoded: arguments)
            step(.profilePushed)
            // One trip into the state for all rules; each still runs as its own protected call
            // under its own budget. Rules whose trigger the profile does not match are left out.
            var items = ruleIndexes, groups = ruleGroups
            if let triggers, !runsEveryRule {
                let running = triggers.positions(for: profile)
                positions = running
                (items, groups) = triggers.calls(running, indexes: ruleIndexes, groups: ruleGroups)
            }
            let function = tracingReads ? "run_traced" : "run"
            // First without counting instructions (the clock proves each rule stayed within its
            // budget: LuaSandbox.callEachProven); when a rule ran too long for that, the
            // evaluation starts again from `begin` and every instruction is counted.
            // After a run that could not be proven, the next ones are counted at once (1, 2, 4 …
            // 256 of them, as attempts keep failing), so a rule that always runs long or fails
            // costs one evaluation in 257 twice, and a busy machine's odd slow one costs little.
            let proving = provesRuns && countedLeft == 0
            if !proving, countedLeft > 0 { countedLeft -= 1 }
            if proving, let proven = try sandbox.callEachReturning(Self.key, function, items, groups: groups, proven: true) {
                results = proven
                provenEvaluations += 1
                unprovenStreak = 0
            } else {
                if proving {
                    countedAgain += 1
                    countedLeft = 1 << min(unprovenStreak, 8)
                    unprovenStreak += 1
                    _ = try sandbox.callHost(Self.key, "take_log")      // ends the abandoned run
                    // what it allocated must not crowd the counted run: the same rule as between
                    // evaluations (finish), as the counted run starts from an ended evaluation too
                    collectIfCrowded()
                    _ = try sandbox.callHost(Self.key, "begin", encoded: arguments)
                }
                results = try sandbox.callEachReturning(Self.key, function, items, groups: groups, proven: false) ?? []
            }
            step(.rulesRun)
        } catch {
            finish(memoryFailed: error.kind == .memory)
            return aggregator.build(profile: profile, outcomes: [], log: [], pressureCap: nil, hostFailure: RuleError(error: error.located(
                default: SourceLocation(file: "<rubric>"))))
        }
        var budgetFailure: RuleError?
        var memoryFailed = false
        // only the rules that acted or failed come back (most rules do neither)
        for (item, result) in results {
            let rule = rules[positions?[item] ?? item]
            switch result {
            case .success(let out):
                guard let first = out.first else { continue }   // the rule took no action
                // its actions as the results themselves, or as one list (then with what it read)
                let actions = first.table?.array ?? out
                let reads = first.table != nil && out.count > 1 ? out[1].table?.array ?? [] : []
                do {
                    outcomes.append(try RuleOutcome(rule: rule, actions: actions, reads: reads))
                } catch {
                    // the host broke the contract: the engine's failure, which fails the result closed
                    if budgetFailure == nil { budgetFailure = RuleError(error: error) }
                }
            case .failure(let error):
                let located = error.located(default: SourceLocation(file: rule.location.file, line: rule.applyLine))
                let failure = RuleError(ruleID: rule.id, kind: rule.kind, error: located)
                outcomes.append(RuleOutcome(rule: rule, actions: [], reads: [], error: failure))
                memoryFailed = memoryFailed || error.kind == .memory
                if budgetFailure == nil, let budget = Self.budgetFailure(failure, rule: rule) { budgetFailure = budget }
            }
        }
        let ended = finish(memoryFailed: memoryFailed)
        step(.outcomesDecoded)
        return aggregator.build(profile: profile, outcomes: outcomes, log: ended.log, pressureCap: ended.pressureCap,
                                hostFailure: budgetFailure ?? ended.failure)
    }

    /// Ends an evaluation: takes what rules printed and the pressure cap, and has the host drop
    /// everything it kept of this profile, so the next evaluation starts from the same state
    /// whatever this one did. After a memory failure the garbage is collected too, so the next
    /// client never inherits it. A failure here is the engine's: the result fails closed.
    @discardableResult
    private func finish(memoryFailed: Bool) -> (log: [String], pressureCap: Pressure?, failure: RuleError?) {
        var ended: (log: [String], pressureCap: Pressure?, failure: RuleError?) = ([], nil, nil)
        do throws(LuaError) {
            let out = try sandbox.callHost(Self.key, "take_log")
            ended.log = out.first?.table?.array.compactMap(\.string) ?? []
            if out.count > 1, let level = out[1].string {
                guard let cap = Pressure(rawValue: level) else {
                    throw LuaError(kind: .host, message: "host contract: take_log returned an unknown pressure level")
                }
                ended.pressureCap = cap
            }
        } catch {
            ended.failure = RuleError(error: error.located(default: SourceLocation(file: "<rubric>")))
            sandbox.collectGarbage()
        }
        if memoryFailed { collect() } else { collectIfCrowded() }
        return ended
    }

    /// A full collection once an evaluation has left more than a quarter of the memory cap
    /// above what the loaded rules take (measured from the baseline, so a large rule set does
    /// not pay a full collection on every evaluation). Below that, the garbage cannot change
    /// a result: an allocation the cap refuses is retried after Lua's emergency collection.
    private func collectIfCrowded() {
        if sandbox.memoryUsed - baselineMemory > sandbox.limits.memoryBytes / 4 { collect() }
    }

    private func collect() {
        sandbox.collectGarbage()
        fullCollections += 1
    }

    /// The engine-level failure a rule's error stands for when it is not the rule's alone: a
    /// budget the rules of its plugin, or all rules, share in one evaluation, or an output limit.
    /// Such a failure fails the whole evaluation closed, whatever the rule's kind.
    static func budgetFailure(_ failure: RuleError, rule: RuleInfo) -> RuleError? {
        let e = failure.error
        let message: String
        switch (e.kind, e.scope) {
        case (.output, .call):
            message = "rule '\(rule.id)' returned more than its output limit allows (\(e.message))"
        case (_, .group):
            message = "the rules of \(rule.location.file) together went over their budget for one evaluation "
                + "(\(e.message)), at rule '\(rule.id)'"
        case (_, .all):
            message = "the evaluation went over its budget for all rules together (\(e.message)), at rule '\(rule.id)'"
        default:
            return nil
        }
        return RuleError(ruleID: nil, kind: nil, error: LuaError(
            kind: e.kind, message: message + "; the recommendation fails closed",
            location: SourceLocation(file: rule.location.file, line: rule.location.line), scope: e.scope))
    }

    /// Names the host exposes to plugins, sorted: the API globals, the sandbox builtins,
    /// and the client view's fields and methods.
    public func hostNames() throws(LuaError) -> (globals: [String], builtins: [String], clientFields: [String], clientMethods: [String]) {
        let v = try sandbox.call(Self.key, "names").first ?? .nil
        func list(_ k: String) -> [String] { v[k].table?.array.compactMap(\.string) ?? [] }
        return (list("globals"), list("builtins"), list("client_fields"), list("client_methods"))
    }
}

extension LuaError {
    /// This error, with `location` filled in when the handler could not find one
    /// (a memory error is raised without running the message handler).
    func located(default location: SourceLocation) -> LuaError {
        var copy = self
        if copy.location == nil { copy.location = location }
        return copy
    }
}
