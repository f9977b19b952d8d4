internal import CLuaShim

/// Writes arguments for ``LuaSandbox/call(_:_:encoded:)`` straight into the byte form the
/// C shim reads, without building ``LuaValue`` trees first (for data sent on every call,
/// such as one profile per evaluation).
///
/// A table is written as ``beginTable()``, its array items, then its fields, then
/// ``end(_:)``; ``Table`` counts what was written so the counts are filled in at the end.
/// Array items must all come before the first field.
///
/// ```swift
/// var args = LuaEncoder()
/// var t = args.beginTable()
/// args.field("id", "c-1", in: &t)
/// args.key("symptoms", in: &t)
/// var list = args.beginTable()
/// for s in symptoms { args.item(s, in: &list) }
/// args.end(list)
/// args.end(t)
/// ```
public struct LuaEncoder: Sendable {
    /// The encoded values.
    public private(set) var bytes: [UInt8] = []

    /// A table being written: where its counts go, and how many items and fields it has so far.
    public struct Table: Sendable {
        fileprivate let countsAt: Int
        fileprivate var items = 0
        fileprivate var fields = 0
    }

    /// An empty encoder with `capacity` bytes reserved.
    public init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    /// Writes any value.
    public mutating func value(_ v: LuaValue) { v.encode(into: &self) }

    /// Writes `nil`.
    public mutating func null() { bytes.append(UInt8(CLUA_V_NIL)) }

    /// Writes a string (its UTF-8 bytes).
    public mutating func string(_ s: String) { text(s, tag: CLUA_V_STRING) }

    /// A value the host cannot pass to Lua, as its description (decoded into ``LuaValue/opaque(_:)``).
    mutating func opaque(_ s: String) { text(s, tag: CLUA_V_OPAQUE) }

    /// The string's UTF-8 bytes, copied straight from its storage (no intermediate array).
    private mutating func text(_ s: String, tag: Int) {
        var s = s
        bytes.append(UInt8(tag))
        s.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// Writes a boolean.
    public mutating func boolean(_ b: Bool) { bytes.append(UInt8(b ? CLUA_V_TRUE : CLUA_V_FALSE)) }

    /// Writes an integer (a Lua integer, not a float).
    public mutating func integer(_ i: Int64) {
        bytes.append(UInt8(CLUA_V_INTEGER))
        withUnsafeBytes(of: i.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Writes a float.
    public mutating func number(_ d: Double) {
        bytes.append(UInt8(CLUA_V_NUMBER))
        withUnsafeBytes(of: d.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Starts a table; write its items, then its fields, then call ``end(_:)``.
    public mutating func beginTable() -> Table {
        bytes.append(UInt8(CLUA_V_TABLE))
        let at = bytes.count
        count(0)
        count(0)
        return Table(countsAt: at)
    }

    /// Finishes a table: fills in its counts.
    public mutating func end(_ table: Table) {
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: table.items).littleEndian) { items in
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: table.fields).littleEndian) { fields in
                for i in 0..<4 {
                    bytes[table.countsAt + i] = items[i]
                    bytes[table.countsAt + 4 + i] = fields[i]
                }
            }
        }
    }

    /// An array item that is a string.
    public mutating func item(_ s: String, in table: inout Table) {
        precondition(table.fields == 0, "array items come before fields")
        table.items += 1
        string(s)
    }

    /// Counts an array item the caller writes next (a nested table).
    public mutating func item(in table: inout Table) {
        precondition(table.fields == 0, "array items come before fields")
        table.items += 1
    }

    /// Writes a field's key; the caller writes its value next.
    public mutating func key(_ key: String, in table: inout Table) {
        table.fields += 1
        string(key)
    }

    /// A string field, left out when `nil` (as ``LuaValue/record(_:)`` does).
    public mutating func field(_ key: String, _ s: String?, in table: inout Table) {
        guard let s else { return }
        self.key(key, in: &table)
        string(s)
    }

    /// A boolean field, left out when `nil`.
    public mutating func field(_ key: String, _ b: Bool?, in table: inout Table) {
        guard let b else { return }
        self.key(key, in: &table)
        boolean(b)
    }

    /// An integer field, left out when `nil`.
    public mutating func field(_ key: String, _ i: Int?, in table: inout Table) {
        guard let i else { return }
        self.key(key, in: &table)
        integer(Int64(i))
    }

    /// A number field, left out when `nil`.
    public mutating func field(_ key: String, _ d: Double?, in table: inout Table) {
        guard let d else { return }
        self.key(key, in: &table)
        number(d)
    }

    private mutating func count(_ n: Int) {
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: n).littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// The values written so far, read back (for tests and for tools that want the tree).
    public var decoded: [LuaValue] {
        bytes.withUnsafeBufferPointer { LuaValue.decodeAll($0) }
    }
}
