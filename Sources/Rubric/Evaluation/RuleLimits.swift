public import LuaSandbox

/// The limits a front end lets its user set, in the engine's terms: per rule call, the VM
/// instructions, the memory of the Lua state and the wall-clock time. Everything else keeps the
/// sandbox's defaults (``SandboxLimits``, for programs that need the rest).
public struct RuleLimits: Sendable, Hashable {
    /// VM instructions per rule call.
    public var instructions: Int
    /// Memory per Lua state, in bytes.
    public var memoryBytes: Int
    /// Wall-clock seconds per rule call.
    public var seconds: Double

    /// The defaults: the sandbox's.
    public init() {
        let d = SandboxLimits()
        instructions = d.instructions
        memoryBytes = d.memoryBytes
        seconds = d.seconds
    }

    /// The sandbox limits these stand for (the sandbox's defaults for everything else).
    public var sandboxLimits: SandboxLimits {
        var l = SandboxLimits()
        l.instructions = instructions
        l.memoryBytes = memoryBytes
        l.seconds = seconds
        return l
    }
}

extension Evaluator {
    /// Compiles the rule set into a new sandbox with these limits (see ``init(ruleSet:limits:)-(_,SandboxLimits)``).
    public convenience init(ruleSet: RuleSet, limits: RuleLimits) throws(RuleError) {
        try self.init(ruleSet: ruleSet, limits: limits.sandboxLimits)
    }
}

extension RuleChecker {
    /// A checker whose evaluations run under these limits.
    public init(ruleSet: RuleSet, limits: RuleLimits) { self.init(ruleSet: ruleSet, limits: limits.sandboxLimits) }
}

extension RuleWatcher {
    /// A watcher whose evaluations run under these limits.
    public convenience init(rulesDirectory: String, profiles: [String], limits: RuleLimits) {
        self.init(rulesDirectory: rulesDirectory, profiles: profiles, limits: limits.sandboxLimits)
    }
}

extension BatchRunner {
    /// Reads and compiles the rules once per worker, under these limits.
    public convenience init(directory: String, limits: RuleLimits, workers: Int) throws {
        try self.init(directory: directory, limits: limits.sandboxLimits, workers: workers)
    }
}

extension RuleInfo {
    /// The plugin file that declares the rule.
    public var file: String { location.file }
    /// The line of its `rule { … }`.
    public var line: Int? { location.line }
    /// `file:line`, as reports print it.
    public var place: String { location.description }
}

extension EvaluatorPool {
    /// Starts `workers` threads, each reading the rules folder itself, under these limits (see
    /// ``init(directory:limits:workers:)-(_,SandboxLimits,_)``).
    public convenience init(directory: String, limits: RuleLimits, workers: Int) throws {
        try self.init(directory: directory, limits: limits.sandboxLimits, workers: workers)
    }
}
