internal import LuaSandbox

/// Where JSON is written one token at a time: bytes (``JSONWriter``) or a tree
/// (``JSONValue/Builder``). An encoding written once against it yields either, so a field list
/// is never kept twice.
protocol JSONSink: ~Copyable {
    /// Writes an object; `body` writes its members, each a ``key(_:)`` then a value.
    mutating func object(_ body: (inout Self) -> Void)
    /// Writes an array; `body` writes its elements.
    mutating func array(_ body: (inout Self) -> Void)
    /// Writes an object member's key; the next value written is its value.
    mutating func key(_ key: String)
    /// Writes a key known at compile time (what the encodings use: no string to make).
    mutating func key(_ key: StaticString)
    mutating func string(_ value: String)
    /// Writes a location as the string `file:line`, exactly its `description`.
    mutating func string(_ location: SourceLocation)
    mutating func int(_ value: Int)
    mutating func double(_ value: Double)
    mutating func bool(_ value: Bool)
    mutating func null()
}

extension JSONWriter: JSONSink {}

/// Members in one call: a key (known at compile time) and its value.
extension JSONSink where Self: ~Copyable {
    /// A value that writes itself: a string, number, bool, location or encoded type.
    mutating func field(_ key: StaticString, _ value: some JSONWritable) {
        self.key(key)
        value.writeJSON(to: &self)
    }

    /// A value that writes itself, or `null`.
    mutating func field(_ key: StaticString, _ value: (some JSONWritable)?) {
        self.key(key)
        if let value { value.writeJSON(to: &self) } else { null() }
    }

    /// An object whose members `body` writes.
    mutating func object(_ key: StaticString, _ body: (inout Self) -> Void) {
        self.key(key)
        object(body)
    }

    /// An object made from `value` by `body`, or `null` when there is no value.
    mutating func object<T>(_ key: StaticString, _ value: T?, _ body: (inout Self, T) -> Void) {
        self.key(key)
        guard let value else { return null() }
        object { body(&$0, value) }
    }

    // The arrays are walked by index, which lends each element where `for item in items`
    // would copy it (a retain and a release per field).

    /// An array of objects, one made from each item by `body`.
    mutating func objects<T>(_ key: StaticString, _ items: [T], _ body: (inout Self, T) -> Void) {
        self.key(key)
        array { w in for i in items.indices { w.object { body(&$0, items[i]) } } }
    }

    /// An array of values that write themselves.
    mutating func array<T: JSONWritable>(_ key: StaticString, _ items: [T]) {
        self.key(key)
        array { w in for i in items.indices { items[i].writeJSON(to: &w) } }
    }
}
