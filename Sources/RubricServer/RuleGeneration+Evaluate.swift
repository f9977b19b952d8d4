import Rubric
import Synchronization

extension RuleGeneration {
    /// Runs `body` on a worker with its evaluator, bounded: refused with ``ServerError/queueFull``
    /// when `queueLimit` jobs already wait, and answered with ``ServerError/timeout(seconds:)`` if
    /// it has not finished in `timeout` seconds. A job that times out still runs to its end on
    /// its worker (every rule call is bounded by the sandbox); only its answer is dropped.
    func evaluate<T: Sendable>(queueLimit: Int, timeout: Double,
                               _ body: @escaping @Sendable (Evaluator) -> T) async throws(ServerError) -> T {
        guard pool.queued < queueLimit else { throw .queueFull }
        let result: Result<T, ServerError> = await withCheckedContinuation { continuation in
            let once = OnceResume(continuation, timeout: timeout)
            // clamped: a timeout of years (or infinity) is "never", not a trap converting it
            let deadline = ContinuousClock.now + .milliseconds(Int64(min(max(timeout, 0), 1e9) * 1000))
            guard pool.submit({ evaluator in once.resume(.success(body(evaluator))) }) else {
                once.resume(.failure(.stopping))
                return
            }
            RequestDeadlines.shared.add(once, at: deadline)
        }
        return try result.get()
    }
}

/// Resumes a continuation once: with the job's answer or the timeout, whichever is first.
private final class OnceResume<T: Sendable>: Expiring {
    private let pending: Mutex<CheckedContinuation<Result<T, ServerError>, Never>?>
    private let timeout: Double

    init(_ continuation: CheckedContinuation<Result<T, ServerError>, Never>, timeout: Double) {
        pending = Mutex(continuation)
        self.timeout = timeout
    }

    var isAnswered: Bool { pending.withLock { $0 == nil } }

    func expire() { resume(.failure(.timeout(seconds: timeout))) }

    func resume(_ result: Result<T, ServerError>) {
        let continuation = pending.withLock { p -> CheckedContinuation<Result<T, ServerError>, Never>? in
            defer { p = nil }
            return p
        }
        continuation?.resume(returning: result)
    }
}
