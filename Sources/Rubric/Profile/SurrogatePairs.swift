/// JSON spells a character outside the Basic Multilingual Plane as two escapes, a UTF-16
/// surrogate pair (`"\ud83d\ude00"` for 😀). The YAML parser that reads profile files rejects
/// such pairs, so a JSON profile has them joined into the character itself first.
enum SurrogatePairs {
    /// `text` with every escaped surrogate pair inside a string written as its character; the rest
    /// unchanged (a lone surrogate stays, and the parser reports it).
    static func joined(in text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\\")) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0, inString = false
        while i < bytes.count {
            let b = bytes[i]
            if !inString {
                if b == UInt8(ascii: "\"") { inString = true }
                out.append(b)
                i += 1
                continue
            }
            if b == UInt8(ascii: "\"") { inString = false; out.append(b); i += 1; continue }
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            if let high = unit(bytes, at: i), (0xD800...0xDBFF).contains(high),
               let low = unit(bytes, at: i + 6), (0xDC00...0xDFFF).contains(low),
               let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) {
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                i += 12
                continue
            }
            // any other escape: copy it whole, so an escaped quote or backslash is not misread
            out.append(b)
            if i + 1 < bytes.count { out.append(bytes[i + 1]) }
            i += 2
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The UTF-16 unit of a `\uXXXX` escape at `i`, if there is one.
    private static func unit(_ bytes: [UInt8], at i: Int) -> UInt32? {
        guard i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { return nil }
        var value: UInt32 = 0
        for b in bytes[(i + 2)..<(i + 6)] {
            guard let digit = hexDigit(b) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    private static func hexDigit(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
