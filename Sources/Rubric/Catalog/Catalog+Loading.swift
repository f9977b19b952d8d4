import Foundation

extension Catalog {
    /// Loads the catalog from the YAML files in `directory` (normally `rules/catalog`).
    ///
    /// `techniques.yaml` is required; the other files are optional. Ids must be unique
    /// within a section, every normalised name, alias, brand and code must name one entry of
    /// its section, and every reference (a medication's class, a region) must exist.
    /// - Parameter displayPath: how `directory` is named in errors (e.g. `rules/catalog`).
    /// - Throws: ``InputError`` naming the file, line and field (for a clash, of the second
    ///   entry, and the line of the first).
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
        func section(_ pairs: [(key: String, value: YAMLNode)], _ name: String) -> [YAMLNode] {
            pairs.first { $0.key == name }?.value.sequence() ?? []
        }

        let file = { (name: String) in "\(displayPath)/\(name)" }
        var techniqueNames = NameClaims(file: file("techniques.yaml"))
        let techniques = try section(read("techniques.yaml", required: true), "techniques").map { n throws(InputError) in
            try technique(n, &techniqueNames)
        }
        var conditionNames = NameClaims(file: file("conditions.yaml"))
        var icd10Codes = NameClaims(file: file("conditions.yaml"), what: "ICD-10-CM code")
        var snomedCodes = NameClaims(file: file("conditions.yaml"), what: "SNOMED CT code")
        let conditionFile = try read("conditions.yaml")
        let conditions = try section(conditionFile, "conditions").map { n throws(InputError) in
            try condition(n, &conditionNames, &icd10Codes, &snomedCodes)
        }
        let symptoms = try terms(section(read("symptoms.yaml"), "symptoms"), file: file("symptoms.yaml"))
        let flags = try terms(section(read("flags.yaml"), "flags"), file: file("flags.yaml"))
        let goals = try terms(section(read("goals.yaml"), "goals"), file: file("goals.yaml"))
        let regions = try terms(section(read("regions.yaml"), "regions"), file: file("regions.yaml"))
        let procedures = try terms(section(read("procedures.yaml"), "procedures"), file: file("procedures.yaml"))
        let medicationFile = try read("medications.yaml")
        let classes = try terms(section(medicationFile, "classes"), file: file("medications.yaml"))
        let classIDs = Set(classes.map(\.id))
        var medicationNames = NameClaims(file: file("medications.yaml"))
        var rxnormCodes = NameClaims(file: file("medications.yaml"), what: "RxNorm code")
        let medications = try section(medicationFile, "medications").map { n throws(InputError) in
            try medication(n, classes: classIDs, &medicationNames, &rxnormCodes)
        }
        let sources = try section(read("sources.yaml"), "sources").map { n throws(InputError) in try source(n) }

        try unique(sources.map(\.key), in: "sources", file: file("sources.yaml"))
        let regionIDs = Set(regions.map(\.id))
        if !regionIDs.isEmpty {
            for c in conditions { for r in c.regions where !regionIDs.contains(r) {
                throw InputError(file: "\(displayPath)/conditions.yaml", field: "conditions.\(c.id).regions",
                                 message: "unknown region '\(r)' (not in regions.yaml)")
            } }
        }
        var catalog = Catalog(techniques: techniques, conditions: conditions, symptoms: symptoms, flags: flags, goals: goals,
                              regions: regions, procedures: procedures, medicationClasses: classes,
                              medications: medications, sources: sources)
        for n in section(conditionFile, "retired_icd10") {
            var code: String?, retired: String?, replaced: [String] = []
            for (k, v) in try n.mapping() {
                switch k {
                case "code": code = try v.text()
                case "retired": retired = try v.text()
                case "replaced_by": replaced = try v.sequence().map { x throws(InputError) in try x.text() }
                default: throw v.error("unknown field '\(k)' in a retired code (code, retired, replaced_by)")
                }
            }
            guard let code, let retired, !replaced.isEmpty else {
                throw n.error("a retired code needs code, retired and replaced_by")
            }
            catalog.retiredICD10[ICD10.normalize(code)] = RetiredCode(code: code, retired: retired, replacedBy: replaced)
        }
        return catalog
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

    /// Claims an entry's id, name and the items of its `lists` (aliases, brands) in its section.
    private static func claimNames(_ f: [String: YAMLNode], id: String, entry: YAMLNode, lists: [String],
                                   _ claims: inout NameClaims) throws(InputError) {
        try claims.claimID(id, at: entry)
        for key in ["id", "name"] {
            if let v = f[key], !v.isNull { try claims.claim(Terms.normalize(try v.text()), id: id, at: v) }
        }
        for key in lists {
            for item in f[key]?.sequence() ?? [] { try claims.claim(Terms.normalize(try item.text()), id: id, at: item) }
        }
    }

    private static func checkID(_ id: String, _ n: YAMLNode) throws(InputError) {
        let ok = id.first.map { $0.isLowercase && $0.isLetter } == true
            && id.allSatisfy { ($0.isLowercase && $0.isLetter) || $0.isNumber || $0 == "_" }
        if !ok { throw n.error("id '\(id)' must be lowercase snake_case (a-z, 0-9, _)") }
    }

    private static func technique(_ n: YAMLNode, _ names: inout NameClaims) throws(InputError) -> Technique {
        let f = try fields(n)
        let id = try required(f, "id", n)
        try checkID(id, n)
        try claimNames(f, id: id, entry: n, lists: ["aliases"], &names)
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

    private static func condition(_ n: YAMLNode, _ names: inout NameClaims, _ icd10: inout NameClaims,
                                  _ snomed: inout NameClaims) throws(InputError) -> Condition {
        let f = try fields(n)
        let id = try required(f, "id", n)
        try checkID(id, n)
        try claimNames(f, id: id, entry: n, lists: ["aliases"], &names)
        for code in f["icd10"]?.sequence() ?? [] { try icd10.claim(ICD10.normalize(try code.text()), id: id, at: code) }
        for code in f["snomed"]?.sequence() ?? [] { try snomed.claim(try code.text(), id: id, at: code) }
        return Condition(id: id, name: try required(f, "name", n), aliases: try list(f, "aliases"),
                         icd10: try list(f, "icd10"), snomed: try list(f, "snomed"), regions: try list(f, "regions"),
                         uncovered: try f["uncovered"]?.text())
    }

    private static func terms(_ nodes: [YAMLNode], file: String) throws(InputError) -> [Term] {
        var out: [Term] = []
        var names = NameClaims(file: file)
        for n in nodes {
            let f = try fields(n)
            let id = try required(f, "id", n)
            try checkID(id, n)
            try claimNames(f, id: id, entry: n, lists: ["aliases"], &names)
            out.append(Term(id: id, name: try required(f, "name", n), aliases: try list(f, "aliases"),
                            description: try f["description"]?.text(), regions: try list(f, "regions"),
                            uncovered: try f["uncovered"]?.text()))
        }
        return out
    }

    private static func medication(_ n: YAMLNode, classes: Set<String>, _ names: inout NameClaims,
                                   _ rxnormCodes: inout NameClaims) throws(InputError) -> Medication {
        let f = try fields(n)
        let id = try required(f, "id", n)
        try checkID(id, n)
        try claimNames(f, id: id, entry: n, lists: ["brands"], &names)
        let cls = try required(f, "class", n)
        guard classes.contains(cls) else { throw n.error("unknown medication class '\(cls)'") }
        let rxnorm = try list(f, "rxnorm")
        for (code, node) in zip(rxnorm, f["rxnorm"]?.sequence() ?? []) {
            guard !code.isEmpty, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else {
                throw node.error("RxNorm code '\(Terms.excerpt(code))' is not an RXCUI (digits only)")
            }
            try rxnormCodes.claim(code, id: id, at: node)
        }
        return Medication(id: id, name: try required(f, "name", n), brands: try list(f, "brands"), classID: cls, rxnorm: rxnorm)
    }

    private static func source(_ n: YAMLNode) throws(InputError) -> Source {
        let f = try fields(n)
        return Source(key: try required(f, "key", n), kind: try required(f, "kind", n),
                      title: try required(f, "title", n), note: try f["note"]?.text())
    }
}
