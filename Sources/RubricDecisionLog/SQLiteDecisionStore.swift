import Foundation
import GRDB

/// The embedded decision log: one SQLite file (WAL, so readers never wait for the writer, and
/// several processes may share it), through GRDB.
final class SQLiteDecisionStore: DecisionStore {
    private let pool: DatabasePool

    init(path: String) throws(DecisionLogError) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            var migrator = DatabaseMigrator()
            migrator.registerMigration("decisions-v1") { db in
                try db.execute(sql: """
                    CREATE TABLE rubric_decisions (
                      id TEXT PRIMARY KEY NOT NULL, time TEXT NOT NULL, origin TEXT NOT NULL, source TEXT NOT NULL,
                      ruleset TEXT NOT NULL, input_hash TEXT NOT NULL, status TEXT NOT NULL, referral_urgency TEXT,
                      top_technique TEXT, result TEXT NOT NULL, input TEXT, input_format TEXT NOT NULL, as_of TEXT);
                    CREATE INDEX rubric_decisions_time ON rubric_decisions (time, id);
                    """)
            }
            try migrator.migrate(pool)
            // decisions are health data: the file is for its owner only
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path + suffix)
            }
        } catch {
            throw DecisionLogError("cannot open \(path): \(Self.reason(error))")
        }
    }

    // a decision written twice (a retry after a write that timed out but landed) stays one row
    private static let insert = "INSERT OR IGNORE INTO rubric_decisions (\(DecisionLog.columns.joined(separator: ", "))) VALUES ("
        + Array(repeating: "?", count: DecisionLog.columns.count).joined(separator: ", ") + ")"

    private static func arguments(_ d: DecisionRecord) -> StatementArguments {
        [d.id, d.time, d.origin, d.source, d.ruleSetHash, d.inputHash, d.status, d.referralUrgency, d.topTechnique,
         d.result, d.input, d.inputFormat, d.asOf]
    }

    func record(_ decision: DecisionRecord) async throws(DecisionLogError) { try await record([decision]) }

    func record(_ decisions: [DecisionRecord]) async throws(DecisionLogError) {
        do {
            try await pool.write { db in
                for d in decisions { try db.execute(sql: Self.insert, arguments: Self.arguments(d)) }
            }
        } catch {
            throw DecisionLogError("cannot write: \(Self.reason(error))")
        }
    }

    func decisions(since: String?, limit: Int?) async throws(DecisionLogError) -> [DecisionRecord] {
        do {
            return try await pool.read { db in
                let rows = try Row.fetchAll(db, sql: "SELECT \(DecisionLog.columns.joined(separator: ", ")) FROM rubric_decisions "
                                            + "WHERE time >= ? ORDER BY time, id LIMIT ?",
                                            arguments: [since ?? "", limit ?? -1])
                return rows.map(Self.decision)
            }
        } catch { throw DecisionLogError("cannot read: \(Self.reason(error))") }
    }

    func decision(id: String) async throws(DecisionLogError) -> DecisionRecord? {
        do {
            return try await pool.read { db in
                try Row.fetchOne(db, sql: "SELECT \(DecisionLog.columns.joined(separator: ", ")) FROM rubric_decisions WHERE id = ?",
                                 arguments: [id]).map(Self.decision)
            }
        } catch { throw DecisionLogError("cannot read: \(Self.reason(error))") }
    }

    func count() async throws(DecisionLogError) -> Int {
        do { return try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rubric_decisions") ?? 0 } }
        catch { throw DecisionLogError("cannot read: \(Self.reason(error))") }
    }

    func shutdown() async { try? pool.close() }

    private static func decision(_ row: Row) -> DecisionRecord {
        DecisionRecord(id: row["id"], time: row["time"], origin: row["origin"], source: row["source"], ruleSetHash: row["ruleset"],
                       inputHash: row["input_hash"], status: row["status"], referralUrgency: row["referral_urgency"],
                       topTechnique: row["top_technique"], result: row["result"], input: row["input"],
                       inputFormat: row["input_format"], asOf: row["as_of"])
    }

    /// The error without any statement's arguments (they hold decisions).
    private static func reason(_ error: any Error) -> String {
        if let e = error as? DatabaseError { return "SQLite error \(e.resultCode.rawValue): \(e.message ?? "")" }
        return "\(type(of: error))"
    }
}
