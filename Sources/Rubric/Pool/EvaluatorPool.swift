import Dispatch
import Foundation
public import LuaSandbox

/// Evaluators for many threads: one ``Evaluator`` (one Lua state) per worker thread, made on that
/// thread and never touched by any other.
///
/// An ``Evaluator`` is not thread-safe; a pool is, and is `Sendable` with no unchecked parts: the
/// evaluators stay on their threads and only Sendable values cross (profiles in, recommendations
/// out). Jobs run in the order they were submitted, each on whichever worker is free.
///
/// ```swift
/// let pool = try EvaluatorPool(ruleSet: try RuleSet.load(directory: "rules"), workers: 2)
/// let recommendation = await pool.evaluate(profile)
/// pool.shutdown()
/// ```
public final class EvaluatorPool: Sendable {
    /// A job: runs on a worker's thread with that worker's evaluator.
    public typealias Job = @Sendable (Evaluator) -> Void

    /// The rule set the workers run (the first worker's, when each loaded its own).
    public let ruleSet: RuleSet
    /// The number of worker threads.
    public let workers: Int
    private let queue = JobQueue<Job>()
    private let stopped = DispatchGroup()
    private let isShutDown = Guarded(false)

    /// Starts `workers` threads, each compiling `ruleSet` into its own evaluator.
    /// - Throws: ``RuleError`` when the rules do not load (then no thread is left running).
    public convenience init(ruleSet: RuleSet, limits: SandboxLimits = SandboxLimits(), workers: Int) throws(RuleError) {
        do {
            try self.init(workers: workers, limits: limits) { () throws(RuleError) in ruleSet }
        } catch let error as RuleError {
            throw error
        } catch {
            throw RuleError(error: LuaError(kind: .host, message: "\(error)"))
        }
    }

    /// Starts `workers` threads, each reading the rules folder itself, so no two workers share the
    /// catalog's storage (reference counts shared by two cores cost each about a fifth of its speed).
    /// - Throws: ``InputError`` or ``RuleError``; an error if the folder changed between two reads.
    public convenience init(directory: String, limits: SandboxLimits = SandboxLimits(), workers: Int) throws {
        try self.init(workers: workers, limits: limits) { () throws in try RuleSet.load(directory: directory) }
        // every worker read the same rules, or the pool is not started
    }

    private init(workers: Int, limits: SandboxLimits, load: @escaping @Sendable () throws -> RuleSet) throws {
        let count = max(1, workers)
        self.workers = count
        // each worker reports once: its rule set, or why it could not start
        let reports = Guarded<[Result<RuleSet, any Error>]>([])
        let ready = DispatchSemaphore(value: 0)
        let queue = self.queue
        for _ in 0..<count {
            stopped.enter()
            let thread = Thread { [stopped] in
                defer { stopped.leave() }
                let evaluator: Evaluator
                do {
                    evaluator = try Evaluator(ruleSet: try load(), limits: limits)
                    let ruleSet = evaluator.ruleSet
                    reports.withLock { $0.append(.success(ruleSet)) }
                    ready.signal()
                } catch {
                    reports.withLock { $0.append(.failure(error)) }
                    ready.signal()
                    return
                }
                while let job = queue.take() { job(evaluator) }
            }
            thread.stackSize = 8 << 20       // as a main thread has: Lua and the host recurse in C
            thread.start()
        }
        for _ in 0..<count { ready.wait() }
        let results = reports.withLock { $0 }
        var first: RuleSet?
        var failure: (any Error)?
        for r in results {
            switch r {
            case .failure(let e): failure = failure ?? e
            case .success(let set):
                if let f = first, f.hash != set.hash {
                    failure = failure ?? InputError(file: set.directory, message: "the rules changed while the workers were loading them; run again")
                }
                first = first ?? set
            }
        }
        guard let ruleSet = first, failure == nil else {
            queue.close(waking: count)
            stopped.wait()
            throw failure ?? RuleError(error: LuaError(kind: .host, message: "no worker started"))
        }
        self.ruleSet = ruleSet
    }

    deinit { shutdown() }

    /// Queues a job for the next free worker. Returns false, without running it, once the pool
    /// has shut down.
    @discardableResult
    public func submit(_ job: @escaping Job) -> Bool { queue.push(job) }

    /// Jobs queued and not yet taken by a worker.
    public var queued: Int { queue.count }

    /// Runs `body` with a worker's evaluator and returns what it returns.
    /// - Throws: `CancellationError` if the pool has shut down.
    public func run<T: Sendable>(_ body: @escaping @Sendable (Evaluator) -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            if !submit({ evaluator in continuation.resume(returning: body(evaluator)) }) {
                continuation.resume(throwing: CancellationError())
            }
        }
    }

    /// Runs `body` with a worker's evaluator and waits for it, from a thread that is not one of
    /// the pool's workers (it would wait for itself).
    /// - Throws: `CancellationError` if the pool has shut down.
    public func runBlocking<T: Sendable>(_ body: @escaping @Sendable (Evaluator) -> T) throws -> T {
        let result = Guarded<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        guard submit({ evaluator in
            let value = body(evaluator)
            result.withLock { $0 = value }
            done.signal()
        }) else { throw CancellationError() }
        done.wait()
        guard let value = result.withLock({ $0 }) else { throw CancellationError() }
        return value
    }

    /// Resolves and evaluates a profile on a worker (see ``Evaluator/evaluate(_:tracingReads:)-(Profile,_)``).
    /// - Throws: `CancellationError` if the pool has shut down.
    public func evaluate(_ profile: Profile, tracingReads: Bool = false) async throws -> Recommendation {
        try await run { $0.evaluate(profile, tracingReads: tracingReads) }
    }

    /// Lets the workers finish the jobs queued, then stops them; returns once they have. Later
    /// submissions are refused. Safe to call more than once.
    public func shutdown() {
        let first = isShutDown.withLock { done -> Bool in
            defer { done = true }
            return !done
        }
        guard first else { return }
        queue.close(waking: workers)
        stopped.wait()
    }
}
