import Foundation
import Logging
import Rubric
import RubricDecisionLog
import Synchronization

/// Records every answer of `serve` in the decision log. A write that fails or takes longer than
/// the request's time budget never changes or withholds the answer: the response says it was not
/// logged (`Rubric-Decision-Logged: false`), the failure is logged (without the decision), the
/// decision is kept to write again (up to ``retryLimit``), and `/readyz` reports it. Writes are
/// idempotent (the id is the key), so a retry of a write that did land adds nothing.
final class DecisionRecorder: Sendable {
    let url: String
    let keepInputs: Bool
    /// How long a write may take before the answer goes without it.
    let timeout: Double
    /// Decisions kept for another try while the log fails; beyond this, they are counted as lost.
    static let retryLimit = 1000
    private struct State {
        var store: (any DecisionStore)?
        var written = 0
        var failures = 0
        var lost = 0
        var lastError: String?
        var pending: [DecisionRecord] = []
    }
    private let state = Mutex(State())

    init(url: String, keepInputs: Bool, timeout: Double) {
        self.url = url
        self.keepInputs = keepInputs
        self.timeout = timeout
    }

    /// Opens the log. - Throws: ``DecisionLogError`` (the server does not start without its log).
    func open(logger: Logger) async throws {
        let store = try await DecisionLog.open(url, logger: logger)
        state.withLock { $0.store = store }
    }

    func shutdown() async {
        _ = await retryPending()
        let store = state.withLock { s -> (any DecisionStore)? in defer { s.store = nil }; return s.store }
        await store?.shutdown()
    }

    /// Records `decision` (after any kept for another try); true when it was written.
    func record(_ decision: DecisionRecord, logger: Logger) async -> Bool {
        guard let store = state.withLock({ $0.store }) else { return false }
        let batch = state.withLock { s -> [DecisionRecord] in defer { s.pending = [] }; return s.pending } + [decision]
        if let error = await write(batch, to: store) {
            state.withLock { s in
                s.failures += 1
                s.lastError = error
                s.pending = batch + s.pending   // what other requests left meanwhile stays too
                if s.pending.count > Self.retryLimit {
                    s.lost += s.pending.count - Self.retryLimit
                    s.pending.removeFirst(s.pending.count - Self.retryLimit)
                }
            }
            logger.error("decision not logged", metadata: ["decision": .string(decision.id), "error": .string(error),
                                                          "waiting": .stringConvertible(batch.count)])
            return false
        }
        state.withLock { $0.written += batch.count; $0.lastError = nil }
        return true
    }

    /// Tries the decisions kept from failed writes again (what `/readyz` does, so a replica taken
    /// out of a load balancer still finds out when its log works again); true when none wait.
    func retryPending() async -> Bool {
        guard let store = state.withLock({ $0.store }) else { return false }
        let batch = state.withLock { s -> [DecisionRecord] in defer { s.pending = [] }; return s.pending }
        guard !batch.isEmpty else { return state.withLock { $0.lastError == nil } }
        if let error = await write(batch, to: store) {
            state.withLock { s in s.pending = batch + s.pending; s.lastError = error }
            return false
        }
        state.withLock { $0.written += batch.count; $0.lastError = nil }
        return true
    }

    /// Writes within the time budget; the error's text, or nil. The write runs in a task of its
    /// own, so a store that does not stop when cancelled cannot hold the answer past the budget.
    private func write(_ batch: [DecisionRecord], to store: any DecisionStore) async -> String? {
        let timeout = self.timeout
        return await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
            let once = Once(continuation)
            Task {
                do throws(DecisionLogError) { try await store.record(batch); once.resume(nil) } catch { once.resume(error.message) }
            }
            Task {
                try? await Task.sleep(for: .milliseconds(Int(timeout * 1000)))
                once.resume("the write took longer than \(timeout) s")
            }
        }
    }

    /// Whether the log is being written (no failure since the last write that worked).
    var healthy: Bool { state.withLock { $0.store != nil && $0.lastError == nil && $0.pending.isEmpty } }

    /// The decision with this id. - Throws: ``DecisionLogError`` when the log cannot be read.
    func find(_ id: String) async throws -> DecisionRecord? {
        guard let store = state.withLock({ $0.store }) else { return nil }
        return try await store.decision(id: id)
    }

    /// For `/readyz`.
    var status: JSONValue {
        state.withLock { s in
            .object([("url", .string(DecisionLog.redacted(url))), ("ok", .bool(s.store != nil && s.lastError == nil && s.pending.isEmpty)),
                     ("written", .int(s.written)), ("failures", .int(s.failures)), ("waiting", .int(s.pending.count)),
                     ("lost", .int(s.lost)), ("last_error", .optional(s.lastError)), ("inputs", .bool(keepInputs))])
        }
    }
}

/// Resumes a continuation once: with the write's outcome or the timeout, whichever comes first.
private final class Once: Sendable {
    private let pending: Mutex<CheckedContinuation<String?, Never>?>
    init(_ c: CheckedContinuation<String?, Never>) { pending = Mutex(c) }
    func resume(_ value: String?) {
        let c = pending.withLock { p -> CheckedContinuation<String?, Never>? in defer { p = nil }; return p }
        c?.resume(returning: value)
    }
}
