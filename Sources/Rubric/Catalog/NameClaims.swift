/// The normalised names, aliases and codes of one catalog section, each claimed by one id.
///
/// Catalog lookups take the first entry a name maps to, so a name, alias or code that two
/// entries share would silently belong to the earlier one (an ICD-10 code added to a second
/// condition would take it from the first). Loading checks every claim instead.
struct NameClaims {
    /// The file the section is in, as errors name it.
    let file: String
    /// What the section's keys are called in errors ("name or alias", "ICD-10-CM code").
    let what: String
    private var owners: [String: (id: String, line: Int?)] = [:]
    private var ids: [String: Int?] = [:]

    init(file: String, what: String = "name or alias") {
        self.file = file
        self.what = what
    }

    /// Claims an entry's id; `entry` is the entry.
    /// - Throws: ``InputError`` at `entry` when an earlier entry has the same id, naming its line.
    mutating func claimID(_ id: String, at entry: YAMLNode) throws(InputError) {
        if let first = ids[id] {
            throw entry.error("duplicate id '\(id)' (first at \(first.map { "\(file):\($0)" } ?? file))")
        }
        ids[id] = entry.line
    }

    /// Claims `key` (already normalised) for `id`; `node` is where it is written.
    /// - Throws: ``InputError`` at `node` when another id claimed the key first, naming that entry's line.
    mutating func claim(_ key: String, id: String, at node: YAMLNode) throws(InputError) {
        guard !key.isEmpty else { return }
        if let owner = owners[key] {
            guard owner.id != id else { return }
            let place = owner.line.map { "\(file):\($0)" } ?? file
            throw node.error("\(what) '\(Terms.excerpt(key))' of '\(id)' already names '\(owner.id)' (\(place)); "
                             + "each must name one entry")
        }
        owners[key] = (id, node.line)
    }
}
