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
