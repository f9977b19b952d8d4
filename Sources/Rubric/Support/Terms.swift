/// Matching of free-text terms (names, aliases, codes) to catalog ids.
enum Terms {
    /// Lowercase, hyphens and underscores as spaces, runs of spaces collapsed, ends trimmed.
    static func normalize(_ s: String) -> String {
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

    /// Levenshtein distance, with a cut-off.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The closest candidate to `term` within a distance that scales with its length,
    /// or one that contains it (or is contained in it) as a word; ties go to the first in order.
    static func suggestion(for term: String, among candidates: [(key: String, value: String)]) -> String? {
        let t = normalize(term)
        guard !t.isEmpty else { return nil }
        let limit = max(2, t.count / 3)
        var best: (Int, String)?
        for (key, value) in candidates {
            let d = distance(t, key)
            if d <= limit, best == nil || d < best!.0 { best = (d, value) }
        }
        if let best { return best.1 }
        for (key, value) in candidates where key.count >= 4 && t.count >= 4 {
            if (" " + key + " ").contains(" " + t + " ") || (" " + t + " ").contains(" " + key + " ") { return value }
        }
        return nil
    }
}
