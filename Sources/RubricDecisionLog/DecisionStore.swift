public import Foundation
public import Logging

/// Where decisions are recorded: an SQLite file (embedded, the default) or PostgreSQL (several
/// replicas sharing one log), chosen by URL.
public protocol DecisionStore: Sendable {
    /// Records one decision; recording the same id again changes nothing (a retry is safe).
    /// - Throws: ``DecisionLogError`` when it could not be written.
    func record(_ decision: DecisionRecord) async throws(DecisionLogError)
    /// Records several in one transaction (batch).
    func record(_ decisions: [DecisionRecord]) async throws(DecisionLogError)
    /// Decisions in the order decided, from `since` (an RFC 3339 time or a prefix: `2026-12-03`), at most `limit`.
    func decisions(since: String?, limit: Int?) async throws(DecisionLogError) -> [DecisionRecord]
    /// The decision with this id.
    func decision(id: String) async throws(DecisionLogError) -> DecisionRecord?
    /// How many decisions the log holds.
    func count() async throws(DecisionLogError) -> Int
    /// Closes the connections.
    func shutdown() async
}

/// A decision log that could not be opened, read or written.
public struct DecisionLogError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, without any decision's content.
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "decision log: \(message)" }
}

/// Opens decision logs by URL.
public enum DecisionLog {
    /// `sqlite:FILE` (relative or absolute path) or `postgres://user:password@host:port/database`.
    /// - Throws: ``DecisionLogError`` for another scheme, or a log that cannot be opened.
    public static func open(_ url: String, logger: Logger = Logger(label: "rubric.decision-log")) async throws(DecisionLogError) -> any DecisionStore {
        if url.hasPrefix("sqlite:") {
            var path = String(url.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else { throw DecisionLogError("sqlite: needs a file, e.g. sqlite:decisions.db") }
            return try SQLiteDecisionStore(path: path)
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            return try await PostgresDecisionStore(url: url, logger: logger)
        }
        throw DecisionLogError("'\(redacted(url).prefix(60))' is not sqlite:FILE or postgres://…")
    }

    /// The URL without its password, for logs and /readyz.
    public static func redacted(_ url: String) -> String {
        guard var c = URLComponents(string: url), c.password != nil else { return url }
        c.password = "***"
        return c.string ?? url
    }

    /// The columns, in the order the stores write and read them.
    static let columns = ["id", "time", "origin", "source", "ruleset", "input_hash", "status", "referral_urgency", "top_technique",
                          "result", "input", "input_format", "as_of"]
}
