/// Matching of free-text terms (names, aliases, codes) to catalog ids.
enum Terms {
    /// Lowercase, hyphens and underscores as spaces, runs of spaces collapsed, ends trimmed.
    static func normalize(_ s: String) -> String {
        if let ascii = normalizeASCII(s) { return ascii }
        return normalizeCharacters(s)
    }

    /// ``normalize(_:)`` for ASCII text, byte by byte (most terms are; resolving a profile
    /// normalises every one of them). Nil for any other text. "\r\n" is one Character, which is
    /// not a space, so it is kept whole as ``normalizeCharacters(_:)`` keeps it.
    static func normalizeASCII(_ s: String) -> String? {
        var s = s
        return s.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false, i = 0
            while i < bytes.count {
                var b = bytes[i]
                guard b < 0x80 else { return nil }
                i += 1
                switch b {
                case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"):
                    pendingSpace = !out.isEmpty
                    continue
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    b += 0x20
                default:
                    break
                }
                if pendingSpace { out.append(UInt8(ascii: " ")); pendingSpace = false }
                out.append(b)
                if b == UInt8(ascii: "\r"), i < bytes.count, bytes[i] == UInt8(ascii: "\n") { out.append(bytes[i]); i += 1 }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// ``normalize(_:)`` Character by Character, for any text.
    static func normalizeCharacters(_ s: String) -> String {
        var out = ""
        var pendingSpace = false
        for ch in s.lowercased() {
            if ch == "-" || ch == "_" || ch == " " || ch == "\t" || ch == "\n" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(ch)
            }
        }
        return out
    }

    /// Levenshtein distance between `a` and `b` if it is at most `limit`; otherwise some number
    /// above `limit`. Only the band of width 2 × `limit` + 1 around the diagonal is computed,
    /// and it stops as soon as a whole row is above `limit`: O(length × limit), not O(n × m).
    static func distance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let over = limit + 1
        var previous = (0...b.count).map { min($0, over) }
        var current = [Int](repeating: over, count: b.count + 1)
        for i in 1...a.count {
            let from = max(1, i - limit), to = min(b.count, i + limit)
            current[0] = min(i, over)
            if from > 1 { current[from - 1] = over }
            var rowMinimum = current[0]
            if from <= to {
                for j in from...to {
                    let d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                    current[j] = min(d, over)
                    rowMinimum = min(rowMinimum, current[j])
                }
            }
            if to < b.count { current[to + 1] = over }
            if rowMinimum > limit { return over }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The closest candidate to `term` within a distance that scales with its length,
    /// or one that contains it (or is contained in it) as a word; ties go to the first in order.
    /// A term longer than ``InputLimits/maximumSuggestedTermCharacters`` gets none.
    static func suggestion(for term: String, among candidates: [(key: String, value: String)]) -> String? {
        guard term.utf8.count <= 4 * InputLimits.maximumSuggestedTermCharacters else { return nil }
        let t = normalize(term)
        let chars = Array(t)
        guard !chars.isEmpty, chars.count <= InputLimits.maximumSuggestedTermCharacters else { return nil }
        let limit = max(2, chars.count / 3)
        var best: (Int, String)?
        let words = t.split(separator: " ")
        for (key, value) in candidates {
            let d = distance(chars, Array(key), limit: best.map { min(limit, $0.0 - 1) } ?? limit)
            if d <= limit, best == nil || d < best!.0, d == 0 || isTypo(words, of: key) { best = (d, value) }
            if best?.0 == 0 { break }
        }
        // No suggestion by containment either: "bilateral leg swelling" contains "leg swelling",
        // whose catalog entry is the one-sided DVT sign, a different thing.
        return best?.1
    }

    /// Whether `words` could be `key` mistyped: as many words, each within a typo of its own
    /// (a third of its length, at least 1). Spelling distance over the whole phrase alone would
    /// turn a harmless "bilateral leg swelling" into the red flag "bilateral leg weakness".
    /// Words that change what a phrase means (side, number, negation, time): never a typo of another.
    static let qualifiers: Set<Substring> = ["bilateral", "unilateral", "left", "right", "both", "one", "two", "no", "not",
                                             "non", "without", "new", "old", "upper", "lower", "acute", "chronic"]

    static func isTypo(_ words: [Substring], of key: String) -> Bool {
        let keyWords = key.split(separator: " ")
        guard keyWords.count == words.count else { return false }
        for (a, b) in zip(words, keyWords) where a != b {
            if qualifiers.contains(a) && qualifiers.contains(b) { return false }   // "bilateral" is no typo of "unilateral"
            let limit = max(1, min(a.count, b.count) / 3)
            if distance(Array(a), Array(b), limit: limit) > limit { return false }
        }
        return true
    }

    /// `text` as a message may quote it: cut after ``InputLimits/maximumQuotedCharacters``
    /// characters, with `…` where it was cut.
    static func excerpt(_ text: String) -> String {
        let limit = InputLimits.maximumQuotedCharacters
        guard text.utf8.count > limit,
              let end = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex), end < text.endIndex else { return text }
        return String(text[..<end]) + "…"
    }
}
