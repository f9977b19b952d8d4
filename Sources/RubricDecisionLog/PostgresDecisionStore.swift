import Foundation
import Logging
import PostgresNIO

/// The shared decision log: PostgreSQL through postgres-nio, for several `serve` replicas.
/// Each decision is one row keyed by its id, so it is recorded exactly once whichever replica
/// wrote it.
final class PostgresDecisionStore: DecisionStore {
    private let client: PostgresClient
    private let runner: Task<Void, Never>

    init(url: String, logger: Logger) async throws(DecisionLogError) {
        guard let c = URLComponents(string: url), let host = c.host, !host.isEmpty, let user = c.user else {
            throw DecisionLogError("'\(DecisionLog.redacted(url))' needs at least postgres://user@host/database")
        }
        let database = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        let ssl = c.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        guard ssl == "disable" else { throw DecisionLogError("only sslmode=disable is supported (a loopback or private network)") }
        var quiet = logger
        quiet.logLevel = .warning   // the pool's reconnection attempts are not news
        // one direct connection first, so a server that is not there fails now instead of being retried forever
        do {
            let probe = try await PostgresConnection.connect(
                configuration: .init(host: host, port: c.port ?? 5432, username: user, password: c.password,
                                     database: database.isEmpty ? nil : database, tls: .disable),
                id: 0, logger: quiet)
            try await probe.close()
        } catch {
            throw DecisionLogError("cannot connect to \(DecisionLog.redacted(url)): \(Self.reason(error))")
        }
        let configuration = PostgresClient.Configuration(host: host, port: c.port ?? 5432, username: user, password: c.password,
                                                         database: database.isEmpty ? nil : database, tls: .disable)
        let client = PostgresClient(configuration: configuration, backgroundLogger: quiet)
        self.client = client
        runner = Task { await client.run() }
        do {
            // two replicas may start together: the lock makes the table's creation happen once
            try await client.withConnection { connection in
                _ = try await connection.query("SELECT pg_advisory_lock(80717)", logger: logger)
                _ = try await connection.query("""
                    CREATE TABLE IF NOT EXISTS rubric_decisions (
                      id TEXT PRIMARY KEY, time TEXT NOT NULL, origin TEXT NOT NULL, source TEXT NOT NULL,
                      ruleset TEXT NOT NULL, input_hash TEXT NOT NULL, status TEXT NOT NULL, referral_urgency TEXT,
                      top_technique TEXT, result TEXT NOT NULL, input TEXT, input_format TEXT NOT NULL, as_of TEXT)
                    """, logger: logger)
                _ = try await connection.query("CREATE INDEX IF NOT EXISTS rubric_decisions_time ON rubric_decisions (time, id)", logger: logger)
                _ = try await connection.query("SELECT pg_advisory_unlock(80717)", logger: logger)
            }
        } catch {
            runner.cancel()
            throw DecisionLogError("cannot open \(DecisionLog.redacted(url)): \(Self.reason(error))")
        }
    }

    func record(_ decision: DecisionRecord) async throws(DecisionLogError) { try await record([decision]) }

    func record(_ decisions: [DecisionRecord]) async throws(DecisionLogError) {
        do {
            try await client.withTransaction(logger: Logger(label: "rubric.decision-log")) { connection in
                for d in decisions {
                    _ = try await connection.query("""
                        INSERT INTO rubric_decisions (id, time, origin, source, ruleset, input_hash, status, referral_urgency,
                          top_technique, result, input, input_format, as_of)
                        VALUES (\(d.id), \(d.time), \(d.origin), \(d.source), \(d.ruleSetHash), \(d.inputHash), \(d.status),
                          \(d.referralUrgency), \(d.topTechnique), \(d.result), \(d.input), \(d.inputFormat), \(d.asOf))
                        ON CONFLICT (id) DO NOTHING
                        """, logger: Logger(label: "rubric.decision-log"))
                }
            }
        } catch {
            throw DecisionLogError("cannot write: \(Self.reason(error))")
        }
    }

    func decisions(since: String?, limit: Int?) async throws(DecisionLogError) -> [DecisionRecord] {
        do {
            let rows = try await client.query("""
                SELECT id, time, origin, source, ruleset, input_hash, status, referral_urgency, top_technique, result, input,
                  input_format, as_of FROM rubric_decisions WHERE time >= \(since ?? "") ORDER BY time, id LIMIT \(limit ?? Int(Int32.max))
                """)
            return try await Self.collect(rows)
        } catch { throw DecisionLogError("cannot read: \(Self.reason(error))") }
    }

    func decision(id: String) async throws(DecisionLogError) -> DecisionRecord? {
        do {
            let rows = try await client.query("""
                SELECT id, time, origin, source, ruleset, input_hash, status, referral_urgency, top_technique, result, input,
                  input_format, as_of FROM rubric_decisions WHERE id = \(id)
                """)
            return try await Self.collect(rows).first
        } catch { throw DecisionLogError("cannot read: \(Self.reason(error))") }
    }

    func count() async throws(DecisionLogError) -> Int {
        do {
            let rows = try await client.query("SELECT COUNT(*)::BIGINT FROM rubric_decisions")
            for try await n in rows.decode(Int64.self) { return Int(n) }
            return 0
        } catch { throw DecisionLogError("cannot read: \(Self.reason(error))") }
    }

    func shutdown() async { runner.cancel() }

    private static func collect(_ rows: PostgresRowSequence) async throws -> [DecisionRecord] {
        var out: [DecisionRecord] = []
        for try await row in rows {
            let c = row.makeRandomAccess()
            func s(_ i: Int) throws -> String { try c[i].decode(String.self) }
            func o(_ i: Int) throws -> String? { try c[i].decode(String?.self) }
            out.append(DecisionRecord(id: try s(0), time: try s(1), origin: try s(2), source: try s(3), ruleSetHash: try s(4),
                                      inputHash: try s(5), status: try s(6), referralUrgency: try o(7), topTechnique: try o(8),
                                      result: try s(9), input: try o(10), inputFormat: try s(11), asOf: try o(12)))
        }
        return out
    }

    /// The error without the query's bindings (they hold decisions).
    private static func reason(_ error: any Error) -> String {
        if let t = error as? PostgresTransactionError, let inner = t.closureError ?? t.commitError ?? t.beginError {
            return reason(inner)
        }
        if let e = error as? PSQLError {
            return [e.code.description, e.serverInfo?[.sqlState], e.serverInfo?[.message]].compactMap { $0 }.joined(separator: ": ")
        }
        return "\(type(of: error))"
    }
}
