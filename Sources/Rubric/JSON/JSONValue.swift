/// A JSON value whose objects keep their key order, so output is byte-stable.
public indirect enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A whole number.
    case int(Int)
    /// A floating-point number, written as ``JSONWriter/double(_:)`` writes it (a whole value
    /// without a fraction, a non-finite one as `null`).
    case double(Double)
    /// A string.
    case string(String)
    /// An array, in order.
    case array([JSONValue])
    /// An object: its members as key, value pairs, in the order they are written.
    case object([(String, JSONValue)])

    /// Whether the two values serialise to the same text (so `.int(1)` equals `.double(1)`,
    /// and objects with the same members in another order differ).
    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    /// An optional string, or `null`.
    public static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    /// An optional integer, or `null`.
    public static func optional(_ i: Int?) -> JSONValue { i.map(JSONValue.int) ?? .null }

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
