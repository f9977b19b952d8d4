import Foundation
import Rubric
import RubricDecisionLog
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
    /// Serialises whole lines on standard error.
    private static let output = Mutex(())

    /// A handler for the logger labelled `label`.
    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = render(event, at: Self.timestamp())
        line.append("\n")
        line.withUTF8 { bytes in
            Self.output.withLock { _ in
                var offset = 0
                while offset < bytes.count {
                    let n = Foundation.write(2, bytes.baseAddress! + offset, bytes.count - offset)
                    if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { break }
                }
                // a line cut short still ends, so the next one is not glued to it
                if offset > 0 && offset < bytes.count { _ = Foundation.write(2, "\n", 1) }
            }
        }
    }

    /// The line `event` is logged as, stamped `timestamp`: one JSON object, the metadata's keys
    /// sorted, Hummingbird's `hb.request.id` as `request_id`.
    ///
    /// Written straight to bytes: with one line per request, going through a `JSONValue` tree,
    /// `Data` and `FileHandle` was a tenth of the server's time.
    func render(_ event: LogEvent, at timestamp: String) -> String {
        var w = JSONWriter(pretty: false, capacity: 512)
        w.object { w in
            w.key("ts"); w.string(timestamp)
            w.key("level"); w.string(event.level.rawValue)
            w.key("label"); w.string(label)
            w.key("msg"); w.string(event.message.description)
            let merged = event.metadata.map { metadata.isEmpty ? $0 : metadata.merging($0) { $1 } } ?? metadata
            for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
                w.key(key == "hb.request.id" ? "request_id" : key)
                Self.write(value, to: &w)
            }
        }
        return w.text
    }

    /// Now, in UTC, to the millisecond: `2026-12-02T20:49:00.123Z`, as the decision log stamps its records.
    static func timestamp() -> String { DecisionRecord.timestamp(Date()) }

    private static func write(_ value: Logger.Metadata.Value, to w: inout JSONWriter) {
        switch value {
        case .string(let s): w.string(s)
        case .stringConvertible(let c): w.string(c.description)
        case .array(let a): w.array { w in for v in a { write(v, to: &w) } }
        case .dictionary(let d):
            w.object { w in
                for (key, v) in d.sorted(by: { $0.key < $1.key }) {
                    w.key(key)
                    write(v, to: &w)
                }
            }
        }
    }
}
