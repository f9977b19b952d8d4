internal import CLuaShim

/// The byte encoding shared with the C shim (see `codec.c`).
extension LuaValue {
    /// Writes this value; a table's fields in key order, so the same value is always the same bytes.
    func encode(into encoder: inout LuaEncoder) {
        switch self {
        case .nil: encoder.null()
        case .boolean(let b): encoder.boolean(b)
        case .integer(let i): encoder.integer(i)
        case .number(let d): encoder.number(d)
        case .string(let s): encoder.string(s)
        case .opaque(let s): encoder.opaque(s)
        case .table(let t):
            var table = encoder.beginTable()
            for v in t.array {
                encoder.item(in: &table)
                v.encode(into: &encoder)
            }
            for key in t.fields.keys.sorted() {
                encoder.key(key, in: &table)
                t.fields[key]!.encode(into: &encoder)
            }
            encoder.end(table)
        }
    }

    /// Decodes every value in `buffer`.
    static func decodeAll(_ buffer: UnsafeBufferPointer<UInt8>) -> [LuaValue] {
        var reader = Reader(buffer: buffer)
        var values: [LuaValue] = []
        while reader.offset < buffer.count, let v = reader.value() { values.append(v) }
        return values
    }

    /// Decodes the per-item results of `clua_vm_call_each`: for each item its values, or nil when it failed.
    /// Reads `count` items' results as the shim writes them (a status byte each, and for
    /// `CLUA_OK` a value count and the values) and returns those of the items that returned
    /// values or failed (nil values), with their positions; an item that returned nothing is
    /// left out.
    static func decodeReturning(_ buffer: UnsafeBufferPointer<UInt8>, count: Int) -> [(Int, [LuaValue]?)] {
        var reader = Reader(buffer: buffer)
        var out: [(Int, [LuaValue]?)] = []
        for i in 0..<count {
            guard reader.offset < buffer.count else { out.append((i, nil)); continue }
            let status = buffer[reader.offset]
            reader.offset += 1
            guard Int(status) == CLUA_OK, let n = reader.u32() else { out.append((i, nil)); continue }
            guard n > 0 else { continue }   // most calls return nothing
            var values: [LuaValue] = []
            values.reserveCapacity(n)
            for _ in 0..<n { if let v = reader.value() { values.append(v) } }
            out.append((i, values))
        }
        return out
    }

    private struct Reader {
        let buffer: UnsafeBufferPointer<UInt8>
        var offset = 0

        mutating func u32() -> Int? {
            guard buffer.count - offset >= 4 else { return nil }
            var v: UInt32 = 0
            for i in 0..<4 { v |= UInt32(buffer[offset + i]) << (8 * UInt32(i)) }
            offset += 4
            return Int(v)
        }

        mutating func u64() -> UInt64? {
            guard buffer.count - offset >= 8 else { return nil }
            var v: UInt64 = 0
            for i in 0..<8 { v |= UInt64(buffer[offset + i]) << (8 * UInt64(i)) }
            offset += 8
            return v
        }

        mutating func text() -> String? {
            guard let n = u32(), buffer.count - offset >= n else { return nil }
            let s = String(decoding: UnsafeBufferPointer(rebasing: buffer[offset..<(offset + n)]), as: UTF8.self)
            offset += n
            return s
        }

        mutating func value() -> LuaValue? {
            guard offset < buffer.count else { return nil }
            let tag = Int(buffer[offset])
            offset += 1
            switch tag {
            case CLUA_V_NIL: return .nil
            case CLUA_V_FALSE: return .boolean(false)
            case CLUA_V_TRUE: return .boolean(true)
            case CLUA_V_INTEGER: return u64().map { .integer(Int64(bitPattern: $0)) }
            case CLUA_V_NUMBER: return u64().map { .number(Double(bitPattern: $0)) }
            case CLUA_V_STRING: return text().map(LuaValue.string)
            case CLUA_V_OPAQUE: return text().map(LuaValue.opaque)
            case CLUA_V_TABLE:
                guard let n = u32(), let m = u32() else { return nil }
                var table = LuaTable()
                table.array.reserveCapacity(n)
                for _ in 0..<n { guard let v = value() else { return nil }; table.array.append(v) }
                for _ in 0..<m {
                    guard let k = value(), let v = value() else { return nil }
                    table.fields[Self.key(k)] = v
                }
                return .table(table)
            default: return nil
            }
        }

        static func key(_ k: LuaValue) -> String {
            switch k {
            case .string(let s): return s
            case .integer(let i): return "[\(i)]"
            case .number(let d): return "[\(d)]"
            case .boolean(let b): return "[\(b)]"
            case .opaque(let t): return "[\(t)]"
            case .nil, .table: return "[table]"
            }
        }
    }
}
