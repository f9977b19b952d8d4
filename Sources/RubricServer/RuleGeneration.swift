import Foundation
public import Rubric
import Synchronization

/// One loaded rule set and the evaluators that run it, with what the read-only endpoints serve
/// for it, rendered once.
///
/// Requests take a lease on the generation that is current when they start, and give it back
/// when they are answered. A reload makes a new generation current; the old one shuts its
/// evaluators down once its last lease is back, so every request is answered whole by one rule
/// set, old or new, and none is refused by a swap.
public final class RuleGeneration: Sendable {
    /// The evaluators.
    public let pool: EvaluatorPool
    /// The rule set's hash, `sha256:…`, as every response's `Rubric-Ruleset` header gives it.
    public let hash: String
    /// The rule set's identity, as every JSON body gives it.
    public let provenance: JSONValue
    /// `GET /v1/rules`, rendered.
    public let rulesDocument: String
    /// `GET /v1/catalog`, rendered.
    public let catalogDocument: String
    /// `GET /openapi.json`: the embedded document with this rule set's technique ids where it
    /// marks them (`"x-rubric-enum": "techniques"`).
    public let openapiDocument: String
    /// Warnings the rules gave while loading (a deprecated API, say).
    public let loadWarnings: [String]

    private let state = Mutex(State())
    private struct State {
        var leases = 0
        var retired = false
        var stopped = false
    }

    /// Starts `workers` evaluators on the rules in `directory`.
    /// - Throws: ``InputError`` or ``RuleError`` when the rules do not load.
    public init(directory: String, limits: RuleLimits, workers: Int) throws {
        pool = try EvaluatorPool(directory: directory, limits: limits, workers: workers)
        let ruleSet = pool.ruleSet
        hash = ruleSet.hash
        provenance = ruleSet.provenance
        let (rules, warnings) = try pool.runBlocking { ($0.rules, $0.loadWarnings.map(\.description)) }
        loadWarnings = warnings
        rulesDocument = RuleInfo.listing(rules, ruleSet: ruleSet).serialized() + "\n"
        catalogDocument = ruleSet.catalog.json(ruleSet: ruleSet).serialized() + "\n"
        let ids = JSONValue.array(ruleSet.catalog.techniques.map { .string($0.id) }).serialized(pretty: false)
        openapiDocument = EmbeddedWeb.openapi.source.replacingOccurrences(of: "\"x-rubric-enum\": \"techniques\"", with: "\"enum\": \(ids)")
    }

    /// Takes a lease; false once the generation has stopped.
    func lease() -> Bool {
        state.withLock { s in
            guard !s.stopped else { return false }
            s.leases += 1
            return true
        }
    }

    /// Gives a lease back; the last one back on a retired generation stops it.
    func release() {
        let stop = state.withLock { s -> Bool in
            s.leases -= 1
            return s.retired && s.leases == 0 && !s.stopped ? { s.stopped = true; return true }() : false
        }
        if stop { stopInBackground() }
    }

    /// No new request will take this generation; it stops when the last lease is back.
    func retire() {
        let stop = state.withLock { s -> Bool in
            s.retired = true
            guard s.leases == 0, !s.stopped else { return false }
            s.stopped = true
            return true
        }
        if stop { stopInBackground() }
    }

    /// Stops the evaluators now (when the server stops), letting queued jobs finish.
    func stop() {
        state.withLock { $0.stopped = true }
        pool.shutdown()
    }

    private func stopInBackground() {
        let pool = self.pool
        DispatchQueue.global().async { pool.shutdown() }   // waits for the worker threads to end
    }
}
