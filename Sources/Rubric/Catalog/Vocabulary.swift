/// Normalised names and aliases of one vocabulary, mapped to ids.
struct Vocabulary: Sendable {
    private(set) var byKey: [String: String] = [:]
    /// (normalised key, display name) in a stable order, for suggestions.
    private(set) var candidates: [(key: String, value: String)] = []
    private(set) var names: [String: String] = [:]

    init(_ entries: [(id: String, name: String, aliases: [String])]) {
        for e in entries {
            names[e.id] = e.name
            for text in [e.id, e.name] + e.aliases {
                let key = Terms.normalize(text)
                if byKey[key] == nil { byKey[key] = e.id }
                candidates.append((key, e.name))
            }
        }
    }

    /// The id for `text`, matched after normalisation; then, if nothing matched, with its last
    /// word singular or plural (`migraines`, `muscle spasm`), as intake forms write either.
    func resolve(_ text: String) -> String? {
        let key = Terms.normalize(text)
        if let id = byKey[key] { return id }
        for variant in Self.numberVariants(of: key) { if let id = byKey[variant] { return id } }
        return nil
    }

    /// Words whose number is meaning, not spelling: "weak legs" is both legs, "numb hand" one.
    static let bodyParts: Set<String> = ["leg", "legs", "hand", "hands", "arm", "arms", "foot", "feet", "calf", "calves",
                                         "side", "sides", "eye", "eyes", "knee", "knees", "hip", "hips", "shoulder",
                                         "shoulders", "ankle", "ankles", "wrist", "wrists", "finger", "fingers", "toe", "toes"]

    /// `key` with its last word made singular or plural: `spasms` → `spasm`, `spasm` → `spasms`,
    /// `aches` → `ache`, `bodies` → `body`.
    static func numberVariants(of key: String) -> [String] {
        if let ascii = numberVariantsASCII(of: key) { return ascii }
        return numberVariantsCharacters(of: key)
    }

    /// ``numberVariants(of:)`` for ASCII keys, byte by byte; nil for any other key.
    static func numberVariantsASCII(of key: String) -> [String]? {
        var key = key
        return key.withUTF8 { b -> [String]? in
            guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
            // a Character is a byte here, but for "\r\n" (which is no letter, so no variant)
            guard b.count > 3, !b.contains(UInt8(ascii: "\r")) else { return b.count > 3 ? nil : [] }
            // the last word, as split(separator: " ").last finds it (past any trailing spaces)
            guard let end = b.lastIndex(where: { $0 != UInt8(ascii: " ") }) else { return [] }
            let start = (b[...end].lastIndex(of: UInt8(ascii: " ")) ?? -1) + 1
            let last = UnsafeBufferPointer(rebasing: b[start...end])
            func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
            guard !last.isEmpty, last.allSatisfy(isLetter), !bodyParts.contains(String(decoding: last, as: UTF8.self)) else { return [] }
            func ends(_ suffix: StaticString) -> Bool {
                suffix.withUTF8Buffer { s in b.count >= s.count && b[(b.count - s.count)...].elementsEqual(s) }
            }
            let text = String(decoding: b, as: UTF8.self)
            func dropping(_ n: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[..<(b.count - n)]), as: UTF8.self) }
            var out: [String] = []
            if ends("ies") { out.append(dropping(3) + "y") }
            if ends("es") { out.append(dropping(2)) }
            if ends("s") && !ends("ss") { out.append(dropping(1)) }
            if !ends("s") { out.append(text + "s") }
            return out
        }
    }

    /// ``numberVariants(of:)`` Character by Character, for any key.
    static func numberVariantsCharacters(of key: String) -> [String] {
        guard key.count > 3, let last = key.split(separator: " ").last, last.allSatisfy(\.isLetter),
              !bodyParts.contains(String(last)) else { return [] }
        var out: [String] = []
        if key.hasSuffix("ies") { out.append(String(key.dropLast(3)) + "y") }
        if key.hasSuffix("es") { out.append(String(key.dropLast(2))) }
        if key.hasSuffix("s") && !key.hasSuffix("ss") { out.append(String(key.dropLast())) }
        if !key.hasSuffix("s") { out.append(key + "s") }
        return out
    }

    /// The display name of the closest entry, if any is close.
    func suggest(_ text: String) -> String? { Terms.suggestion(for: text, among: candidates) }

    /// The display name of an id.
    func name(_ id: String) -> String? { names[id] }
}
