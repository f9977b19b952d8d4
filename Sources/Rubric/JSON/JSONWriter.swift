internal import LuaSandbox

/// Writes JSON straight to UTF-8 bytes, compact or pretty, with no intermediate tree.
///
/// Containers are written by closures: ``object(_:)`` and ``array(_:)`` open a container,
/// run the body, and close it. Inside an object, each value follows a ``key(_:)``.
/// Pretty output matches ``JSONValue/serialized(pretty:)``: two-space indentation,
/// `"key": value`, and `[]` / `{}` for empty containers.
///
/// ```swift
/// var w = JSONWriter(pretty: false)
/// w.object { w in
///     w.key("name"); w.string("Swedish")
///     w.key("score"); w.int(7)
/// }
/// w.text  // {"name":"Swedish","score":7}
/// ```
///
/// Not copyable: it owns its buffer, and is confined to the code that fills it.
public struct JSONWriter: ~Copyable {
    /// The UTF-8 written so far.
    private var out: ByteBuffer
    /// Whether output is indented (otherwise compact).
    public let pretty: Bool
    /// How many containers are open.
    private var depth = 0
    /// Whether the innermost open container has no element yet.
    private var empty = true
    /// Whether a key was just written, so the next value needs no separator.
    private var afterKey = false

    /// A writer with an empty buffer.
    /// - Parameters:
    ///   - pretty: Indent with two spaces a level and put a space after each colon.
    ///   - capacity: Bytes to reserve up front.
    public init(pretty: Bool, capacity: Int = 8192) {
        self.pretty = pretty
        out = ByteBuffer(capacity: capacity)
    }

    /// The output written so far, as a string.
    public var text: String { out.string }

    /// The output written so far, as UTF-8 bytes (what a file or socket takes, without
    /// checking them again as a string does).
    public var bytes: [UInt8] { out.array }

    /// Writes an object; `body` writes its members, each a ``key(_:)`` then a value.
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        container(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), body)
    }

    /// Writes an array; `body` writes its elements.
    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        container(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), body)
    }

    /// Writes an object member's key; the next value written is its value.
    public mutating func key(_ key: String) {
        separate()
        quote(key)
        colon()
    }

    /// Writes an object member's key known at compile time (no string is made for it). Such
    /// keys are the encodings' own names (letters, digits and `_`), so they are not scanned for
    /// characters to escape; a debug build checks that they need none.
    public mutating func key(_ key: StaticString) {
        separate()
        key.withUTF8Buffer { name in
            assert(Self.isPlain(name), "a static JSON key that needs escaping")
            out.append(UInt8(ascii: "\""))
            out.append(name)
            out.append(UInt8(ascii: "\""))
        }
        colon()
    }

    /// Writes a string, escaping quotes, backslashes and control characters.
    public mutating func string(_ value: String) {
        separate()
        quote(value)
    }

    /// Writes a location as the string `file:line` (its `description`), without making that string.
    mutating func string(_ location: SourceLocation) {
        separate()
        out.append(UInt8(ascii: "\""))
        unquoted(location.file)
        if let line = location.line {
            out.append(UInt8(ascii: ":"))
            digits(line)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Writes an integer.
    public mutating func int(_ value: Int) {
        separate()
        digits(value)
    }

    /// Writes a number: whole values below 10¹⁵ without a fraction, others as Swift prints
    /// them, and non-finite values as `null`.
    public mutating func double(_ value: Double) {
        separate()
        if !value.isFinite { out.append("null") }
        else if value.rounded() == value && abs(value) < 1e15 { digits(Int(value)) }
        else { append("\(value)") }
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        separate()
        out.append(value ? "true" : "false")
    }

    /// Writes `null`.
    public mutating func null() {
        separate()
        out.append("null")
    }

    // MARK: - Layout

    private mutating func container(open: UInt8, close: UInt8, _ body: (inout JSONWriter) -> Void) {
        separate()
        out.append(open)
        let outerEmpty = empty
        empty = true
        depth += 1
        body(&self)
        depth -= 1
        if !empty { newline() }
        out.append(close)
        empty = outerEmpty
    }

    /// Starts a value or key: nothing after a key or at the top level, else a comma after the
    /// container's previous element and, when pretty, a new indented line.
    private mutating func separate() {
        if afterKey { afterKey = false; return }
        guard depth > 0 else { return }
        if !empty { out.append(UInt8(ascii: ",")) }
        empty = false
        newline()
    }

    /// Ends a key: the next value is its value.
    private mutating func colon() {
        out.append(UInt8(ascii: ":"))
        if pretty { out.append(UInt8(ascii: " ")) }
        afterKey = true
    }

    private mutating func newline() {
        guard pretty else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(UInt8(ascii: " "), repeating: depth * 2)
    }

    // MARK: - Scalars

    private mutating func digits(_ value: Int) {
        guard value != 0 else { return out.append(UInt8(ascii: "0")) }
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var n = value.magnitude
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: room for 20 digits
        withUnsafeMutableBytes(of: &buffer) { raw in
            let digits = raw.bindMemory(to: UInt8.self)
            var i = digits.count
            while n > 0 {
                i -= 1
                digits[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: n % 10)
                n /= 10
            }
            out.append(UnsafeBufferPointer(rebasing: digits[i...]))
        }
    }

    /// Appends text that needs no escaping.
    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { out.append($0) }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `s` quoted: plain runs are copied whole; `"`, `\` and bytes below 0x20 are
    /// escaped (`\n`, `\r`, `\t` by letter, the rest as `\u00XX`).
    private mutating func quote(_ s: String) {
        out.append(UInt8(ascii: "\""))
        unquoted(s)
        out.append(UInt8(ascii: "\""))
    }

    private mutating func quote(utf8: UnsafeBufferPointer<UInt8>) {
        out.append(UInt8(ascii: "\""))
        unquoted(utf8: utf8)
        out.append(UInt8(ascii: "\""))
    }

    /// Appends the inside of a JSON string: `s`, escaped where it must be.
    private mutating func unquoted(_ s: String) {
        if let done: Void = s.utf8.withContiguousStorageIfAvailable({ unquoted(utf8: $0) }) { return done }
        var s = s
        s.withUTF8 { unquoted(utf8: $0) }
    }

    private mutating func unquoted(utf8: UnsafeBufferPointer<UInt8>) {
        if Self.isPlain(utf8) { out.append(utf8) } else { escape(utf8) }
    }

    private mutating func escape(_ utf8: UnsafeBufferPointer<UInt8>) {
        var plain = 0
        for (i, b) in utf8.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
            out.append(UnsafeBufferPointer(rebasing: utf8[plain..<i]))
            plain = i + 1
            out.append(UInt8(ascii: "\\"))
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(b)
            case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
            default:
                out.append("u00")
                out.append(Self.hex[Int(b >> 4)])
                out.append(Self.hex[Int(b & 0xF)])
            }
        }
        out.append(UnsafeBufferPointer(rebasing: utf8[plain...]))
    }

    /// Whether no byte of `utf8` needs escaping (the common case), checked eight bytes at a time.
    private static func isPlain(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return true }
        let raw = UnsafeRawPointer(base), count = utf8.count
        if count < 8 {   // two overlapping loads, the first and the last four bytes, see every byte
            guard count >= 4 else { return utf8.allSatisfy { isPlain(UInt64($0) | 0x2020_2020_2020_2000) } }
            let first = UInt64(raw.loadUnaligned(as: UInt32.self))
            return isPlain(first | UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) << 32)
        }
        var i = 0
        while i + 8 < count {
            if !isPlain(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { return false }
            i += 8
        }
        return isPlain(raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))   // the last eight, overlapping
    }

    /// Whether none of the eight bytes is below 0x20, `"` or `\`, by the exact word tricks
    /// "has a byte less than n" and "has a zero byte" (after XOR with the byte sought).
    @inline(__always)
    private static func isPlain(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
        let found = (word &- ones &* 0x20) | (quote &- ones) & ~quote | (backslash &- ones) & ~backslash
        return found & ~word & highs == 0
    }
}
