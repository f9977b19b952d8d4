/// A JSON value whose objects keep their key order, so output is byte-stable.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    /// An optional string, or `null`.
    static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    /// An optional integer, or `null`.
    static func optional(_ i: Int?) -> JSONValue { i.map(JSONValue.int) ?? .null }

    /// Serializes with two-space indentation (or compactly), keys in insertion order
    /// (written by ``JSONWriter``).
    public func serialized(pretty: Bool = true) -> String { jsonText(pretty: pretty) }
}

extension JSONValue: JSONWritable {
    func writeJSON<Sink: JSONSink & ~Copyable>(to sink: inout Sink) {
        switch self {
        case .null: sink.null()
        case .bool(let b): sink.bool(b)
        case .int(let i): sink.int(i)
        case .double(let d): sink.double(d)
        case .string(let s): sink.string(s)
        case .array(let items): sink.array { for item in items { item.writeJSON(to: &$0) } }
        case .object(let pairs): sink.object { for (key, value) in pairs { $0.key(key); value.writeJSON(to: &$0) } }
        }
    }
}
