import Foundation
import Rubric
public import Logging
import Synchronization

/// A swift-log handler that writes one JSON object per line to standard error: time, level,
/// label, message and the metadata (the request id among it), sorted by key, so logs can be read
/// by a machine. What it writes is what the server chose to log: never profile content, unless
/// `--log-profiles` asked for it.
public struct JSONLogHandler: LogHandler {
    /// The logger's label.
    public let label: String
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private static let output = Mutex<FileHandle>(FileHandle.standardError)

    /// A handler for the logger labelled `label`.
    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [(String, JSONValue)] = [
            ("ts", .string(Self.timestamp())), ("level", .string(event.level.rawValue)),
            ("label", .string(label)), ("msg", .string(event.message.description)),
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            fields.append((key == "hb.request.id" ? "request_id" : key, Self.plain(value)))
        }
        let line = Data((JSONValue.object(fields).serialized(pretty: false) + "\n").utf8)
        Self.output.withLock { $0.write(line) }
    }

    /// Now, in UTC, to the millisecond: `2026-12-02T20:49:00.123Z`.
    private static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let ms = Int(now.tv_nsec / 1_000_000)
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):"
            + "\(two(parts.tm_min)):\(two(parts.tm_sec)).\(ms < 10 ? "00" : ms < 100 ? "0" : "")\(ms)Z"
    }

    private static func plain(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let s): .string(s)
        case .stringConvertible(let c): .string(c.description)
        case .array(let a): .array(a.map(plain))
        case .dictionary(let d): .object(d.sorted { $0.key < $1.key }.map { ($0.key, plain($0.value)) })
        }
    }
}
