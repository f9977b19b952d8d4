import Foundation
import Logging
import Rubric
import RubricDecisionLog
import Synchronization

/// Records every answer of `serve` in the decision log. A write that fails never changes or
/// withholds the answer: the response says it was not logged (`Rubric-Decision-Logged: false`),
/// the failure is logged (without the decision), and `/readyz` reports it until a write succeeds.
final class DecisionRecorder: Sendable {
    let url: String
    let keepInputs: Bool
    private struct State {
        var store: (any DecisionStore)?
        var written = 0
        var failures = 0
        var lastError: String?
        var failing = false
    }
    private let state = Mutex(State())

    init(url: String, keepInputs: Bool) {
        self.url = url
        self.keepInputs = keepInputs
    }

    /// Opens the log. - Throws: ``DecisionLogError`` (the server does not start without its log).
    func open(logger: Logger) async throws {
        let store = try await DecisionLog.open(url, logger: logger)
        state.withLock { $0.store = store }
    }

    func shutdown() async {
        let store = state.withLock { s -> (any DecisionStore)? in defer { s.store = nil }; return s.store }
        await store?.shutdown()
    }

    /// Records `decision`; true when it was written.
    func record(_ decision: DecisionRecord, logger: Logger) async -> Bool {
        guard let store = state.withLock({ $0.store }) else { return false }
        do {
            try await store.record(decision)
            state.withLock { $0.written += 1; $0.failing = false }
            return true
        } catch {
            state.withLock { $0.failures += 1; $0.failing = true; $0.lastError = error.message }
            logger.error("decision not logged", metadata: ["decision": .string(decision.id), "error": .string(error.message)])
            return false
        }
    }

    /// The decision with this id. - Throws: ``DecisionLogError`` when the log cannot be read.
    func find(_ id: String) async throws -> DecisionRecord? {
        guard let store = state.withLock({ $0.store }) else { return nil }
        return try await store.decision(id: id)
    }

    /// Whether the last write succeeded (or none was tried).
    var healthy: Bool { state.withLock { !$0.failing && $0.store != nil } }

    /// For `/readyz`.
    var status: JSONValue {
        state.withLock { s in
            .object([("url", .string(DecisionLog.redacted(url))), ("ok", .bool(!s.failing && s.store != nil)),
                     ("written", .int(s.written)), ("failures", .int(s.failures)), ("last_error", .optional(s.lastError)),
                     ("inputs", .bool(keepInputs))])
        }
    }
}
