/// A strict JSON reader (RFC 8259) over the UTF-8 bytes of a string, for the batch hot path:
/// one profile line becomes a ``JSONInput`` without Foundation objects, bridging or `Any`.
///
/// It accepts what Foundation's `JSONSerialization` (with fragments allowed) accepted, so a
/// line reads the same as before: any value at the top level, whitespace only around it
/// (space, tab, line feed, carriage return), a leading byte order mark, and, as Foundation
/// did, one trailing comma before `]` or `}`. A key may appear once per object (Foundation let
/// the last value win, which dropped data silently). Strings may not hold raw control characters;
/// `\u` escapes must pair surrogates. Arrays and objects nest at most ``maximumDepth`` deep.
/// Numbers must fit a `Double` (`1e400` is refused, as Foundation refused it).
struct JSONReader {
    /// How deep arrays and objects may nest (Foundation's limit).
    static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    /// Whether the values are exactly what the document says, as the YAML reader would give them:
    /// false once members were reordered, a trailing comma or byte order mark was accepted, a
    /// number's text was rewritten, or a `\u` escape was read.
    private var exact = true
    /// Whether objects keep their members in document order (the YAML reader's) instead of sorted.
    private var documentOrder = false

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Reads `text` as one JSON value.
    /// - Throws: ``JSONSyntaxError`` at the first byte that is not JSON.
    static func read(_ text: String) throws(JSONSyntaxError) -> JSONInput {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(JSONSyntaxError) -> JSONInput in
                var reader = JSONReader(bytes: bytes)
                return try reader.document()
            }
        }
        return try result.get()
    }

    /// ``read(_:)`` with objects in document order, as the YAML reader reads them, and whether
    /// the values are exactly the document's (see `exact`): then a profile read from them equals
    /// one read by the YAML reader, line for line on one line.
    static func readExactly(_ text: String) throws(JSONSyntaxError) -> (value: JSONInput, exact: Bool) {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(JSONSyntaxError) -> (JSONInput, Bool) in
                var reader = JSONReader(bytes: bytes)
                reader.documentOrder = true
                let value = try reader.document()
                return (value, reader.exact)
            }
        }
        return try result.get()
    }

    // MARK: Structure

    private mutating func document() throws(JSONSyntaxError) -> JSONInput {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { index = 3; exact = false }   // byte order mark
        let value = try self.value()
        skipWhitespace()
        guard index == bytes.count else { throw failure("unexpected text after the value") }
        return value
    }

    private mutating func value() throws(JSONSyntaxError) -> JSONInput {
        skipWhitespace()
        guard index < bytes.count else { throw failure("expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure("expected a value")
        }
    }

    private mutating func array() throws(JSONSyntaxError) -> JSONInput {
        try enterContainer()
        defer { depth -= 1 }
        var items: [JSONInput] = []
        skipWhitespace()
        if next == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            do { items.append(try value()) } catch { throw error.inside(.item(items.count + 1)) }
            skipWhitespace()
            switch next {
            case UInt8(ascii: "]"): index += 1; return .array(items)
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
                if next == UInt8(ascii: "]") { index += 1; exact = false; return .array(items) }   // a trailing comma
            default: throw failure("expected ',' or ']' after a list item")
            }
        }
    }

    private mutating func object() throws(JSONSyntaxError) -> JSONInput {
        try enterContainer()
        defer { depth -= 1 }
        var members: [(key: String, value: JSONInput)] = []
        var offsets: [Int] = []   // where each key starts, for a duplicate key's error
        skipWhitespace()
        if next == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            guard next == UInt8(ascii: "\"") else { throw failure("expected a key in quotes") }
            offsets.append(index)
            let key = try string()
            skipWhitespace()
            guard next == UInt8(ascii: ":") else { throw failure("expected ':' after a key") }
            index += 1
            do { members.append((key, try value())) } catch { throw error.inside(.key(key)) }
            skipWhitespace()
            switch next {
            case UInt8(ascii: "}"): index += 1; return .object(try sorted(members, offsets))
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
                if next == UInt8(ascii: "}") {   // a trailing comma
                    index += 1
                    exact = false
                    return .object(try sorted(members, offsets))
                }
            default: throw failure("expected ',' or '}' after a member")
            }
        }
    }

    private mutating func sorted(_ members: [(key: String, value: JSONInput)], _ offsets: [Int]) throws(JSONSyntaxError)
        -> [(key: String, value: JSONInput)] {
        let out = try JSONInput.sortedMembers(members, offsets: offsets)   // a repeated key is an error either way
        return documentOrder ? members : out
    }

    private mutating func enterContainer() throws(JSONSyntaxError) {
        guard depth < Self.maximumDepth else { throw failure("lists and mappings nest deeper than \(Self.maximumDepth)") }
        depth += 1
        index += 1
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for byte in expected {
            guard next == byte else { throw failure("expected '\(word)'") }
            index += 1
        }
    }

    // MARK: Bytes

    /// The byte at the reading position, nil at the end.
    private var next: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func skipDigits() -> Int {
        let start = index
        while index < bytes.count && bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        return index - start
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private func failure(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: index, message: index < bytes.count ? message : "the text ends early (\(message))")
    }

    // MARK: Strings

    private mutating func string() throws(JSONSyntaxError) -> String {
        index += 1   // the opening quote
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                defer { index += 1 }
                return text(start..<index)
            case UInt8(ascii: "\\"): return try escapedString(from: start)
            case 0..<0x20: throw failure("a control character in a string must be escaped")
            default: index += 1
            }
        }
        throw failure("expected '\"' to end the string")
    }

    /// The rest of a string that has escapes; `start` is just after its opening quote.
    private mutating func escapedString(from start: Int) throws(JSONSyntaxError) -> String {
        var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                switch next {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08); exact = false
                case UInt8(ascii: "f"): out.append(0x0C); exact = false
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    exact = false
                    index += 1
                    Self.appendUTF8(try unicodeEscape(), to: &out)
                    continue
                default: throw failure("unknown escape")
                }
                index += 1
            case 0..<0x20: throw failure("a control character in a string must be escaped")
            default:
                out.append(byte)
                index += 1
            }
        }
        throw failure("expected '\"' to end the string")
    }

    /// The scalar of a `\u` escape (its four hex digits are next), reading a surrogate pair whole.
    private mutating func unicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let unit = try hexUnit()
        if unit & 0xFC00 == 0xD800 {
            guard next == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                throw failure("a high surrogate must be followed by a \\u low surrogate")
            }
            index += 2
            let low = try hexUnit()
            guard low & 0xFC00 == 0xDC00,
                  let scalar = Unicode.Scalar(0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(low - 0xDC00)) else {
                index -= 4
                throw failure("a high surrogate must be followed by a \\u low surrogate")
            }
            return scalar
        }
        guard let scalar = Unicode.Scalar(unit) else {
            index -= 4
            throw failure("a low surrogate without a high surrogate")
        }
        return scalar
    }

    private mutating func hexUnit() throws(JSONSyntaxError) -> UInt16 {
        var unit: UInt16 = 0
        for _ in 0..<4 {
            let digit: UInt8
            switch next {
            case let b? where b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case let b? where b >= UInt8(ascii: "a") && b <= UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case let b? where b >= UInt8(ascii: "A") && b <= UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw failure("expected four hex digits after \\u")
            }
            unit = unit << 4 | UInt16(digit)
            index += 1
        }
        return unit
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        let v = scalar.value
        switch v {
        case ..<0x80:
            out.append(UInt8(v))
        case ..<0x800:
            out.append(0xC0 | UInt8(v >> 6))
            out.append(0x80 | UInt8(v & 0x3F))
        case ..<0x10000:
            out.append(0xE0 | UInt8(v >> 12))
            out.append(0x80 | UInt8(v >> 6 & 0x3F))
            out.append(0x80 | UInt8(v & 0x3F))
        default:
            out.append(0xF0 | UInt8(v >> 18))
            out.append(0x80 | UInt8(v >> 12 & 0x3F))
            out.append(0x80 | UInt8(v >> 6 & 0x3F))
            out.append(0x80 | UInt8(v & 0x3F))
        }
    }

    // MARK: Numbers

    /// A number's text as ``JSONInput/number(_:)`` keeps it.
    private mutating func number() throws(JSONSyntaxError) -> String {
        let start = index
        var integral = true
        if next == UInt8(ascii: "-") { index += 1 }
        if next == UInt8(ascii: "0") {
            index += 1
        } else if skipDigits() == 0 {
            throw failure("expected a digit")
        }
        if next == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard skipDigits() > 0 else { throw failure("expected a digit after '.'") }
        }
        if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            integral = false
            index += 1
            if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") { index += 1 }
            guard skipDigits() > 0 else { throw failure("expected a digit in the exponent") }
        }
        if integral && index - start <= 18 {   // fits an Int64: printed as written, but -0 as 0
            if index - start == 2 && bytes[start] == UInt8(ascii: "-") && bytes[start + 1] == UInt8(ascii: "0") {
                exact = false
                return "0"
            }
            return text(start..<index)
        }
        guard let printed = Self.foundationText(ofNumber: text(start..<index)) else {
            index = start
            throw failure("the number is too large")
        }
        if printed != text(start..<index) { exact = false }
        return printed
    }
}
