internal import LuaSandbox

/// A value with one JSON encoding, written to any ``JSONSink``: straight to bytes for output,
/// or to a ``JSONValue`` tree where a caller needs one.
protocol JSONWritable {
    func writeJSON<Sink: JSONSink & ~Copyable>(to sink: inout Sink)
}

extension JSONWritable {
    /// The encoding as a tree.
    var jsonValue: JSONValue {
        var builder = JSONValue.Builder()
        writeJSON(to: &builder)
        return builder.value
    }

    /// The encoding as text, written directly (no tree).
    func jsonText(pretty: Bool) -> String {
        var writer = JSONWriter(pretty: pretty)
        writeJSON(to: &writer)
        return writer.text
    }

    /// ``jsonText(pretty:)`` as UTF-8 bytes.
    func jsonBytes(pretty: Bool) -> [UInt8] {
        var writer = JSONWriter(pretty: pretty)
        writeJSON(to: &writer)
        return writer.bytes
    }
}

// The scalars, so that `field(_:_:)` takes them and their optionals alike.

extension String: JSONWritable {
    func writeJSON<Sink: JSONSink & ~Copyable>(to sink: inout Sink) { sink.string(self) }
}

extension Int: JSONWritable {
    func writeJSON<Sink: JSONSink & ~Copyable>(to sink: inout Sink) { sink.int(self) }
}

extension Double: JSONWritable {
    func writeJSON<Sink: JSONSink & ~Copyable>(to sink: inout Sink) { sink.double(self) }
}

extension Bool: JSONWritable {
    func writeJSON<Sink: JSONSink & ~Copyable>(to sink: inout Sink) { sink.bool(self) }
}

/// Written as its name.
extension Grade: JSONWritable {
    func writeJSON<Sink: JSONSink & ~Copyable>(to sink: inout Sink) { sink.string(rawValue) }
}

/// Written as its name.
extension Urgency: JSONWritable {
    func writeJSON<Sink: JSONSink & ~Copyable>(to sink: inout Sink) { sink.string(rawValue) }
}

/// Written as `file:line` (its `description`), without making that string.
extension SourceLocation: JSONWritable {
    func writeJSON<Sink: JSONSink & ~Copyable>(to sink: inout Sink) { sink.string(self) }
}
