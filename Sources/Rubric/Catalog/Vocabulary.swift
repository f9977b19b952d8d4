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

    /// The id for `text`, matched after normalisation.
    func resolve(_ text: String) -> String? { byKey[Terms.normalize(text)] }

    /// The display name of the closest entry, if any is close.
    func suggest(_ text: String) -> String? { Terms.suggestion(for: text, among: candidates) }

    /// The display name of an id.
    func name(_ id: String) -> String? { names[id] }
}
