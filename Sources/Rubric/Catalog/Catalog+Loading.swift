import Foundation

extension Catalog {
    /// Loads the catalog from the YAML files in `directory` (normally `rules/catalog`).
    ///
    /// `techniques.yaml` is required; the other files are optional. Ids must be unique
    /// within a file and every reference (a medication's class, a region) must exist.
    /// - Parameter displayPath: how `directory` is named in errors (e.g. `rules/catalog`).
    /// - Throws: ``InputError`` naming the file, line and field.
    public static func load(directory path: String, displayPath: String) throws(InputError) -> Catalog {
        let directory = URL(fileURLWithPath: path)
        func read(_ name: String, required: Bool = false) throws(InputError) -> [(key: String, value: YAMLNode)] {
            let url = directory.appendingPathComponent(name)
            let file = "\(displayPath)/\(name)"
            guard let data = FileManager.default.contents(atPath: url.path) else {
                if required { throw InputError(file: file, message: "missing catalog file") }
                return []
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw InputError(file: file, message: "not UTF-8 text")
            }
            guard let root = try YAMLNode.parse(text, file: file) else { return [] }
            return try root.mapping()
        }
        func section(_ pairs: [(key: String, value: YAMLNode)], _ name: String) throws(InputError) -> [YAMLNode] {
            pairs.first { $0.key == name }?.value.sequence() ?? []
        }

        let techniques = try section(read("techniques.yaml", required: true), "techniques").map { n throws(InputError) in
            try technique(n)
        }
        let conditions = try section(read("conditions.yaml"), "conditions").map { n throws(InputError) in
            try condition(n)
        }
        let symptoms = try terms(section(read("symptoms.yaml"), "symptoms"))
        let flags = try terms(section(read("flags.yaml"), "flags"))
        let goals = try terms(section(read("goals.yaml"), "goals"))
        let regions = try terms(section(read("regions.yaml"), "regions"))
        let procedures = try terms(section(read("procedures.yaml"), "procedures"))
        let medicationFile = try read("medications.yaml")
        let classes = try terms(section(medicationFile, "classes"))
        let medications = try section(medicationFile, "medications").map { n throws(InputError) in
            try medication(n, classes: Set(classes.map(\.id)))
        }
        let sources = try section(read("sources.yaml"), "sources").map { n throws(InputError) in try source(n) }

        try unique(techniques.map(\.id), in: "techniques", file: "\(displayPath)/techniques.yaml")
        try unique(conditions.map(\.id), in: "conditions", file: "\(displayPath)/conditions.yaml")
        try unique(sources.map(\.key), in: "sources", file: "\(displayPath)/sources.yaml")
        let regionIDs = Set(regions.map(\.id))
        if !regionIDs.isEmpty {
            for c in conditions { for r in c.regions where !regionIDs.contains(r) {
                throw InputError(file: "\(displayPath)/conditions.yaml", field: "conditions.\(c.id).regions",
                                 message: "unknown region '\(r)' (not in regions.yaml)")
            } }
        }
        return Catalog(techniques: techniques, conditions: conditions, symptoms: symptoms, flags: flags, goals: goals,
                       regions: regions, procedures: procedures, medicationClasses: classes,
                       medications: medications, sources: sources)
    }

    private static func unique(_ ids: [String], in name: String, file: String) throws(InputError) {
        var seen = Set<String>()
        for id in ids where !seen.insert(id).inserted {
            throw InputError(file: file, field: name, message: "duplicate id '\(id)'")
        }
    }

    private static func fields(_ n: YAMLNode) throws(InputError) -> [String: YAMLNode] {
        var out: [String: YAMLNode] = [:]
        for (k, v) in try n.mapping() { out[k] = v }
        return out
    }

    private static func required(_ f: [String: YAMLNode], _ key: String, _ n: YAMLNode) throws(InputError) -> String {
        guard let v = f[key], !v.isNull else { throw n.error("missing '\(key)'") }
        return try v.text()
    }

    private static func list(_ f: [String: YAMLNode], _ key: String) throws(InputError) -> [String] {
        guard let v = f[key] else { return [] }
        return try v.sequence().map { x throws(InputError) in try x.text() }
    }

    private static func checkID(_ id: String, _ n: YAMLNode) throws(InputError) {
        let ok = id.first.map { $0.isLowercase && $0.isLetter } == true
            && id.allSatisfy { ($0.isLowercase && $0.isLetter) || $0.isNumber || $0 == "_" }
        if !ok { throw n.error("id '\(id)' must be lowercase snake_case (a-z, 0-9, _)") }
    }

    private static func technique(_ n: YAMLNode) throws(InputError) -> Technique {
        let f = try fields(n)
        let id = try required(f, "id", n)
        try checkID(id, n)
        guard let p = f["pressure"] else { throw n.error("technique '\(id)' needs pressure: {min, max}") }
        let pf = try fields(p)
        func level(_ key: String) throws(InputError) -> Pressure {
            let t = try required(pf, key, p)
            guard let level = Pressure(rawValue: t) else { throw p.error("pressure \(key) must be light, medium or firm, not '\(t)'") }
            return level
        }
        let lo = try level("min"), hi = try level("max")
        guard lo <= hi else { throw p.error("pressure min is above max") }
        return Technique(id: id, name: try required(f, "name", n), aliases: try list(f, "aliases"),
                         pressure: lo...hi, description: try f["description"]?.text() ?? "")
    }

    private static func condition(_ n: YAMLNode) throws(InputError) -> Condition {
        let f = try fields(n)
        let id = try required(f, "id", n)
        try checkID(id, n)
        return Condition(id: id, name: try required(f, "name", n), aliases: try list(f, "aliases"),
                         icd10: try list(f, "icd10"), snomed: try list(f, "snomed"), regions: try list(f, "regions"))
    }

    private static func terms(_ nodes: [YAMLNode]) throws(InputError) -> [Term] {
        var out: [Term] = []
        var seen = Set<String>()
        for n in nodes {
            let f = try fields(n)
            let id = try required(f, "id", n)
            try checkID(id, n)
            if !seen.insert(id).inserted { throw n.error("duplicate id '\(id)'") }
            out.append(Term(id: id, name: try required(f, "name", n), aliases: try list(f, "aliases"),
                            description: try f["description"]?.text(), regions: try list(f, "regions")))
        }
        return out
    }

    private static func medication(_ n: YAMLNode, classes: Set<String>) throws(InputError) -> Medication {
        let f = try fields(n)
        let id = try required(f, "id", n)
        try checkID(id, n)
        let cls = try required(f, "class", n)
        guard classes.contains(cls) else { throw n.error("unknown medication class '\(cls)'") }
        return Medication(id: id, name: try required(f, "name", n), brands: try list(f, "brands"), classID: cls)
    }

    private static func source(_ n: YAMLNode) throws(InputError) -> Source {
        let f = try fields(n)
        return Source(key: try required(f, "key", n), kind: try required(f, "kind", n),
                      title: try required(f, "title", n), note: try f["note"]?.text())
    }
}
