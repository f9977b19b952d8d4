internal import CLuaShim

/// One sandboxed Lua 5.4 state.
///
/// The state is created once and reused: host code is loaded with
/// ``runTrusted(source:name:as:)`` and called by name with ``call(_:_:_:)``.
/// Scripts reach only what the host hands them (see `docs/sandbox.md`).
///
/// Every Lua API call that may raise runs inside a protected call made from C,
/// so no Lua error unwinds through a Swift frame.
///
/// - Important: Not thread-safe. Confine each sandbox to one thread or task at a
///   time; give each worker its own sandbox.
public final class LuaSandbox {
    private let vm: OpaquePointer
    /// The per-item errors callEach hands the shim, kept from call to call (the shim clears an
    /// entry before its item runs, so none needs clearing or zeroing in between).
    private var itemErrors = ItemErrors()
    /// The limits in force.
    public private(set) var limits: SandboxLimits

    /// Creates a state with the counting allocator, the budget hook and the sandbox prelude.
    ///
    /// - Throws: ``LuaError`` if the state cannot be created.
    public init(limits: SandboxLimits = SandboxLimits()) throws(LuaError) {
        var failure: UnsafeMutablePointer<CChar>?
        guard let vm = clua_vm_new(Self.cLimits(limits), &failure) else {
            let message = failure.map { String(cString: $0) } ?? "could not create a Lua state"
            clua_free(failure)
            throw LuaError(kind: .host, message: message)
        }
        self.vm = vm
        self.limits = limits
        let (first, parts) = (SandboxPrelude.chunks[0], SandboxPrelude.chunks.dropFirst())
        try runTrusted(source: first.source, name: first.chunk, as: "sandbox")
        for part in parts { _ = try call("sandbox", "include", [.string(part.source), .string(part.chunk)]) }
        _ = try call("sandbox", "configure", [SandboxPrelude.configuration(limits)])
    }

    deinit {
        clua_vm_free(vm)
        itemErrors.free()
    }

    /// The sandbox prelude's Lua chunks (pure Lua) in load order, and the settings `configure`
    /// takes, for benchmarks that run it under stock lua5.4.
    @_spi(Benchmarks)
    public static func preludeChunks() -> [(chunk: String, source: String)] { SandboxPrelude.chunks }

    /// The settings the prelude's `configure` takes for these limits.
    @_spi(Benchmarks)
    public static func preludeConfiguration(_ limits: SandboxLimits = SandboxLimits()) -> LuaValue {
        SandboxPrelude.configuration(limits)
    }

    /// Changes the limits for the following calls (the C budget and the limits the prelude enforces).
    /// - Throws: ``LuaError`` if the prelude could not take the new values.
    public func setLimits(_ limits: SandboxLimits) throws(LuaError) {
        let old = self.limits
        self.limits = limits
        clua_vm_set_limits(vm, Self.cLimits(limits))
        guard limits.repeatBytes != old.repeatBytes || limits.patternWork != old.patternWork
            || limits.moveElements != old.moveElements || limits.logLines != old.logLines else { return }   // C limits only
        _ = try call("sandbox", "configure", [SandboxPrelude.configuration(limits)])
    }

    /// Records which lines of file chunks run (a line hook, host helper `coverage()`).
    /// For test runs only: it slows every call.
    public func setLineCoverage(_ on: Bool) { clua_vm_set_coverage(vm, on ? 1 : 0) }

    /// Bytes the state holds now.
    public var memoryUsed: Int { clua_vm_memory_used(vm) }
    /// The most bytes the state has held.
    public var memoryPeak: Int { clua_vm_memory_peak(vm) }
    /// Instructions the last call ran, to the precision of ``SandboxLimits/hookStep`` (0 after
    /// a call of a proven run or a host call, which count nothing).
    public var lastInstructions: Int { Int(clua_vm_last_instructions(vm)) }

    /// Runs trusted host code (text only) with the full standard globals and keeps
    /// its first result, a table of functions, under `key` for ``call(_:_:_:)``.
    ///
    /// The chunk receives one argument, a table of C helpers: `callsite()` returns the
    /// file and line of the innermost script frame, `definedat(f)` where `f` was defined,
    /// `activelines(f)` its lines holding code and its last line, `coverage()` the
    /// lines run so far (`{source = {line = count}}`, cleared by the call), `setupvalues(list, n)`
    /// (sets upvalue `list[k+1]` of function `list[k]` to `list[k+2]`, for `k = 1, n, 3`), and `debug`,
    /// Lua's debug library (never a global: scripts cannot reach it).
    /// The sandbox prelude is available to it as the global `sandbox`.
    /// - Throws: ``LuaError`` on a syntax or runtime error.
    public func runTrusted(source: String, name: String, as key: String) throws(LuaError) {
        var error = clua_error()
        defer { clua_error_clear(&error) }
        let bytes = Array(source.utf8)
        let kind = bytes.withUnsafeBufferPointer { src in
            src.withMemoryRebound(to: CChar.self) { chars in
                clua_vm_run_trusted(vm, chars.baseAddress, chars.count, name, key, &error)
            }
        }
        if Int(kind) != CLUA_OK { throw Self.error(from: error) }
    }

    /// Calls `key.function(arguments...)` under the limits and returns its results.
    ///
    /// - Throws: ``LuaError`` with the innermost script location when the call fails
    ///   or hits a limit. The state stays usable afterwards.
    public func call(_ key: String, _ function: String, _ arguments: [LuaValue] = []) throws(LuaError) -> [LuaValue] {
        var encoder = LuaEncoder()
        for a in arguments { encoder.value(a) }
        return try call(key, function, encoded: encoder)
    }

    /// Calls `key.function(...)` with arguments already encoded (see ``LuaEncoder``), exactly as
    /// ``call(_:_:_:)`` does with the same values.
    public func call(_ key: String, _ function: String, encoded arguments: LuaEncoder) throws(LuaError) -> [LuaValue] {
        try call(key, function, encoded: arguments, host: false)
    }

    /// Calls trusted host code that runs no script code (it only reads and writes tables the host
    /// made or a script's sealed state) as ``call(_:_:encoded:)`` does, but under the memory and
    /// output limits only: without the instruction and time budgets, so without the count hook,
    /// which costs something on every instruction. For host steps around scripts (starting and
    /// ending an evaluation), never for a call that can reach a script's function.
    /// Package access: the engine's, not a plugin host's to reach for.
    package func callHost(_ key: String, _ function: String, encoded arguments: LuaEncoder = LuaEncoder(capacity: 0)) throws(LuaError) -> [LuaValue] {
        try call(key, function, encoded: arguments, host: true)
    }

    private func call(_ key: String, _ function: String, encoded arguments: LuaEncoder, host: Bool) throws(LuaError) -> [LuaValue] {
        let encoded = arguments.bytes
        var error = clua_error()
        defer { clua_error_clear(&error) }
        var out: UnsafeMutablePointer<UInt8>?
        var outLength = 0
        let call = host ? clua_vm_call_host : clua_vm_call
        let kind = encoded.withUnsafeBufferPointer { args in
            call(vm, key, function, args.baseAddress, args.count, &out, &outLength, &error)
        }
        if Int(kind) != CLUA_OK { throw Self.error(from: error) }
        defer { clua_free(out) }
        guard let out else { return [] }
        return LuaValue.decodeAll(UnsafeBufferPointer(start: out, count: outLength))
    }

    /// Calls `key.function(item)` once for each item, each as its own protected call under
    /// fresh limits, exactly as if ``call(_:_:_:)`` were made once per item, but in one trip
    /// into the state (for hot loops, such as one call per rule for every profile).
    ///
    /// The items also share budgets: all of them together get ``SandboxLimits/totalSeconds``
    /// and ``SandboxLimits/totalOutputBytes``, and the items with the same `groups[i]` (for
    /// example the rules of one plugin) get ``SandboxLimits/groupSeconds`` and
    /// ``SandboxLimits/groupOutputBytes``. Once a shared budget is spent, each later item that
    /// needs it fails with a limit error whose ``LuaError/scope`` names that budget.
    ///
    /// - Parameter groups: one group number per item, each in `0..<items.count`; `nil`: no groups.
    /// - Returns: For each item, its results or the ``LuaError`` it failed with (with the
    ///   innermost script location). A failed item does not stop the others.
    /// - Throws: ``LuaError`` only when the call as a whole cannot be made (a missing function,
    ///   a group out of range).
    public func callEach(_ key: String, _ function: String, _ items: [Int64], groups: [Int32]? = nil) throws(LuaError) -> [Result<[LuaValue], LuaError>] {
        // never nil: only a proven run can be unproven
        dense(try callEachReturning(key, function, items, groups: groups, proven: false) ?? [], count: items.count)
    }

    /// Makes the calls of ``callEach(_:_:_:groups:)`` without counting instructions, and
    /// proves afterwards from the clock that each one stayed within its instruction budget:
    /// no CPU runs Lua at 10 billion instructions a second, so a call that ended within
    /// ``SandboxLimits/instructions`` × 0.1 ns cannot have used them all. Every call that ends
    /// within its limits gives the same results as under ``callEach(_:_:_:groups:)``; counting
    /// costs about a fifth of the time of short calls.
    ///
    /// - Returns: The results, as ``callEach(_:_:_:groups:)`` returns them; or `nil` when a
    ///   call took longer than that (a watchdog stops one that never ends) or failed (its error is
    ///   left to counting). The calls then made so far are not undone: put the state back as it
    ///   was before them, then make the same calls with ``callEach(_:_:_:groups:)``, which counts.
    ///
    /// A call whose deadline (its own, or what is left of a shared time budget) is within 400 µs
    /// is counted. On other systems than Linux, under
    /// ThreadSanitizer, with a clock coarser than 1 µs, with an instruction limit under
    /// 200,000 or with coverage on, this is ``callEach(_:_:_:groups:)``. See docs/sandbox.md,
    /// "Proven runs".
    public func callEachProven(_ key: String, _ function: String, _ items: [Int64], groups: [Int32]? = nil) throws(LuaError) -> [Result<[LuaValue], LuaError>]? {
        try callEachReturning(key, function, items, groups: groups, proven: true).map { dense($0, count: items.count) }
    }

    /// ``callEach(_:_:_:groups:)`` (or, with `proven`, ``callEachProven(_:_:_:groups:)``), but
    /// only the calls that returned values or failed are reported, in item order, each with its
    /// item's position: in a hot loop most calls return nothing, and a result for each of them
    /// costs time and memory for every item (thousands of rules).
    /// - Returns: `nil` only for a proven run that could not be proven.
    public func callEachReturning(_ key: String, _ function: String, _ items: [Int64], groups: [Int32]? = nil,
                                  proven: Bool) throws(LuaError) -> [(item: Int, result: Result<[LuaValue], LuaError>)]? {
        guard !items.isEmpty else { return [] }
        let call = proven ? clua_vm_call_each_proven : clua_vm_call_each
        if let groups, groups.count != items.count {
            throw LuaError(kind: .host, message: "callEach: \(groups.count) groups for \(items.count) items")
        }
        var error = clua_error()
        defer { clua_error_clear(&error) }
        let errors = itemErrors.reserve(items.count)
        var out: UnsafeMutablePointer<UInt8>?
        var outLength = 0
        let kind = items.withUnsafeBufferPointer { list in
            if let groups {
                groups.withUnsafeBufferPointer { g in
                    call(vm, key, function, list.baseAddress, g.baseAddress, list.count, &out, &outLength, &error, errors)
                }
            } else {
                call(vm, key, function, list.baseAddress, nil, list.count, &out, &outLength, &error, errors)
            }
        }
        if Int(kind) == CLUA_UNPROVEN { return nil }
        if Int(kind) != CLUA_OK { throw Self.error(from: error) }
        defer { clua_free(out) }
        return LuaValue.decodeReturning(UnsafeBufferPointer(start: out, count: outLength), count: items.count).map { i, values in
            (i, values.map { .success($0) } ?? .failure(Self.error(from: errors[i])))
        }
    }

    /// One result per item: the reported ones, and no values for the others.
    private func dense(_ returned: [(item: Int, result: Result<[LuaValue], LuaError>)], count: Int) -> [Result<[LuaValue], LuaError>] {
        var all = [Result<[LuaValue], LuaError>](repeating: .success([]), count: count)
        for (i, r) in returned { all[i] = r }
        return all
    }

    /// Runs a full garbage collection, so that what earlier calls left behind is gone before
    /// the next one (the state then holds only what is still reachable).
    public func collectGarbage() {
        _ = clua_vm_collect(vm)
    }

    private static func cLimits(_ l: SandboxLimits) -> clua_limits {
        clua_limits(
            memory_limit: l.memoryBytes, instruction_limit: Int64(l.instructions),
            hook_step: Int32(clamping: l.hookStep), time_limit: l.seconds, output_limit: l.outputBytes,
            total_time_limit: l.totalSeconds, group_time_limit: l.groupSeconds,
            total_output_limit: max(0, l.totalOutputBytes), group_output_limit: max(0, l.groupOutputBytes))
    }

    private static func error(from e: clua_error) -> LuaError {
        let kind: LuaError.Kind =
            switch Int(e.kind) {
            case CLUA_ERR_SYNTAX: .syntax
            case CLUA_ERR_MEMORY: .memory
            case CLUA_ERR_INSTRUCTIONS: .instructions
            case CLUA_ERR_TIME: .time
            case CLUA_ERR_HOST: .host
            case CLUA_ERR_OUTPUT: .output
            default: .runtime
            }
        let scope: LuaError.Scope =
            switch Int(e.scope) {
            case CLUA_SCOPE_GROUP: .group
            case CLUA_SCOPE_ALL: .all
            default: .call
            }
        var message = e.message.map { String(cString: $0) } ?? "unknown error"
        var location = e.source.map { SourceLocation(file: String(cString: $0), line: e.line > 0 ? Int(e.line) : nil) }
        if let (where_, text) = SourceLocation.split(message: message) {
            location = location ?? where_
            message = text
        }
        return LuaError(kind: kind, message: message, location: location,
                        traceback: e.traceback.map { String(cString: $0) }, scope: scope)
    }
}

@available(*, unavailable)
extension LuaSandbox: Sendable {}

/// The shim's per-item error records, kept by a sandbox between calls. Every entry is a valid
/// record (zeroed when made); the shim clears each one before its item runs.
private struct ItemErrors {
    private var base: UnsafeMutablePointer<clua_error>?
    private var capacity = 0

    /// Room for `count` records.
    mutating func reserve(_ count: Int) -> UnsafeMutablePointer<clua_error> {
        if count > capacity || base == nil {
            let size = max(count, 2 * capacity, 64)
            let bigger = UnsafeMutablePointer<clua_error>.allocate(capacity: size)
            bigger.initialize(repeating: clua_error(), count: size)
            if let base {
                bigger.update(from: base, count: capacity)   // their messages move along
                base.deallocate()
            }
            base = bigger
            capacity = size
        }
        return base!
    }

    /// Frees every record's text and the records.
    mutating func free() {
        guard let base else { return }
        for i in 0..<capacity { clua_error_clear(base + i) }
        base.deallocate()
        self.base = nil
        capacity = 0
    }
}
