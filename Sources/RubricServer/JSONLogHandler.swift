import Foundation
public import Logging
import Synchronization

/// A swift-log handler that writes one JSON object per line to standard error: time, level,
/// label, message and the metadata (the request id among it), keys sorted, so logs can be read
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
        var fields: [String: Any] = [
            "ts": ISO8601DateFormatter().string(from: Date()),
            "level": event.level.rawValue,
            "label": label,
            "msg": event.message.description,
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for (key, value) in merged { fields[key == "hb.request.id" ? "request_id" : key] = Self.plain(value) }
        guard var line = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        line.append(0x0A)
        Self.output.withLock { $0.write(line) }
    }

    private static func plain(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let s): s
        case .stringConvertible(let c): c.description
        case .array(let a): a.map(plain)
        case .dictionary(let d): d.mapValues(plain)
        }
    }
}
