/// A Lua value copied out of (or into) a sandbox.
///
/// Only plain data crosses the boundary: functions and userdata come back as
/// ``opaque(_:)`` carrying their type name, and no reference into the Lua
/// state ever escapes it.
public enum LuaValue: Sendable, Hashable {
    /// Lua's `nil`.
    case `nil`
    /// A Lua boolean.
    case boolean(Bool)
    /// A Lua integer.
    case integer(Int64)
    /// A Lua float.
    case number(Double)
    /// A Lua string (UTF-8 text).
    case string(String)
    /// A Lua table, copied.
    case table(LuaTable)
    /// A value that cannot be copied (function, userdata, thread), by type name.
    case opaque(String)

    /// The string, if this is a string.
    public var string: String? { if case .string(let s) = self { return s } else { return nil } }
    /// The integer, if this is an integer (or a float with an exact integer value).
    public var integer: Int64? {
        switch self {
        case .integer(let i): return i
        case .number(let d) where d.rounded() == d && abs(d) < 9.0e15: return Int64(d)
        default: return nil
        }
    }
    /// The number, if this is an integer or a float.
    public var number: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }
    /// The boolean, if this is a boolean.
    public var boolean: Bool? { if case .boolean(let b) = self { return b } else { return nil } }
    /// The table, if this is a table.
    public var table: LuaTable? { if case .table(let t) = self { return t } else { return nil } }
    /// Whether this is `nil`.
    public var isNil: Bool { if case .nil = self { return true } else { return false } }

    /// Reads a field of a table value; `.nil` for anything else.
    public subscript(key: String) -> LuaValue { table?.fields[key] ?? .nil }
}

/// A Lua table split into its sequence part and its string-keyed fields.
///
/// Keys that are neither a sequence index nor a string are kept in ``fields``
/// under their Lua `tostring` form prefixed with `[`.
public struct LuaTable: Sendable, Hashable {
    /// Values at 1...n.
    public var array: [LuaValue]
    /// Every other key.
    public var fields: [String: LuaValue]

    /// A table with the sequence `array` and the string-keyed `fields`.
    public init(array: [LuaValue] = [], fields: [String: LuaValue] = [:]) {
        self.array = array
        self.fields = fields
    }
}

extension LuaValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByNilLiteral
{
    /// A string literal is a ``string(_:)``.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer literal is an ``integer(_:)``.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// A boolean literal is a ``boolean(_:)``.
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    /// A float literal is a ``number(_:)``.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// The `nil` literal is `.nil`.
    public init(nilLiteral: ()) { self = .nil }
}

extension LuaValue {
    /// A table value with a sequence part.
    public static func list(_ values: [LuaValue]) -> LuaValue { .table(LuaTable(array: values)) }
    /// A table value with string keys; `.nil` values are left out.
    public static func record(_ fields: [String: LuaValue]) -> LuaValue {
        .table(LuaTable(fields: fields.filter { !$0.value.isNil }))
    }
    /// A string, or `.nil` when absent.
    public static func optional(_ s: String?) -> LuaValue { s.map(LuaValue.string) ?? .nil }
    /// An integer, or `.nil` when absent.
    public static func optional(_ i: Int?) -> LuaValue { i.map { .integer(Int64($0)) } ?? .nil }
    /// A boolean, or `.nil` when absent.
    public static func optional(_ b: Bool?) -> LuaValue { b.map(LuaValue.boolean) ?? .nil }
}
