/// Derives a client ``Profile`` from FHIR R4 resources (US Core 6.1): a `Bundle` (collection,
/// transaction, searchset, batch or document) or a single resource, told apart from a Rubric
/// profile by its `resourceType`.
///
/// Dates are taken relative to an explicit as-of date, never the clock: the caller's, or else
/// the Bundle's `timestamp`. What is read, what is left out on purpose and what is not
/// understood is each said in the profile's warnings, with the resource's path
/// (`Bundle.entry[3].resource.code.coding[0]`) and line; what is not understood makes the
/// recommendation need review. The mapping is documented in `docs/fhir.md`.
struct FHIRImport {
    /// The profile being built.
    var profile: Profile
    /// The date ages and "weeks ago" are counted to, and where it came from.
    var asOf: CalendarDate?
    var asOfOrigin = "the as-of date"
    /// Every way the one patient is referred to (`Patient/123`, a `fullUrl`).
    var patientReferences: Set<String> = []
    /// The first reference to a patient seen, when no Patient resource names them.
    var subjectSeen: (reference: String, path: String)?
    /// Resources by every name a reference may use (`fullUrl`, `Type/id`).
    var byReference: [String: FHIRNode] = [:]
    /// Observations are decided once all are read (the latest reading wins).
    var observations = ObservationFindings()
    /// Whether a Condition records hypertension (for a blood pressure under target).
    var hasHypertension = false
    /// The Patient read, to tell a repeat of it from a second patient.
    var firstPatient: FHIRNode?

    /// Warning codes: `fhir_not_read` (not understood: needs review), `fhir_ignored` (left out
    /// on purpose, e.g. refuted or inactive) and `fhir_assumed` (a value read with an assumption).
    static let notRead = "fhir_not_read", ignored = "fhir_ignored", assumed = "fhir_assumed"

    /// Whether a parsed document is FHIR: a JSON object with a `resourceType`.
    static func isFHIR(_ root: YAMLNode) -> Bool {
        switch root.value {
        case .yaml(.mapping(let pairs, _)): return pairs.contains { $0.key == "resourceType" }
        case .json(.object(let members)): return members.contains { $0.key == "resourceType" }
        default: return false
        }
    }

    /// Reads `root` (a Bundle or one resource) into a profile named `source`.
    /// - Throws: ``InputError`` with the JSON path for a malformed Bundle, a resource without a
    ///   type, or resources about more than one patient.
    static func profile(from root: YAMLNode, source: String, asOf: CalendarDate?) throws(InputError) -> Profile {
        let top = FHIRNode(root, path: "")
        guard let type = try top.string("resourceType"), !type.isEmpty else {
            throw InputError(file: source, line: root.line, column: root.column, field: "resourceType", message: "resourceType is empty")
        }
        return try profile(parts: [FHIRNode(root, path: type)], source: source, asOf: asOf)
    }

    /// Reads resources and Bundles (`parts`, each with its path) into one client's profile.
    static func profile(parts: [FHIRNode], source: String, asOf: CalendarDate?) throws(InputError) -> Profile {
        var run = FHIRImport(profile: Profile(source: source), asOf: asOf)
        run.profile.isFHIR = true
        if asOf != nil { run.asOfOrigin = "the as-of date \(asOf!)" }
        var resources: [FHIRNode] = []
        for part in parts {
            guard part.isObject, let type = try part.string("resourceType"), !type.isEmpty else {
                throw part.error("expected a FHIR resource or Bundle (an object with a resourceType)")
            }
            if type == "Bundle" {
                resources += try run.bundleEntries(part)
            } else {
                resources.append(part)
                try run.index(part, fullUrl: nil)
            }
        }
        for r in resources where try r.string("resourceType") == "Patient" { try run.readPatient(r) }
        for r in resources { try run.read(r) }
        run.decideObservations()
        if run.asOf == nil, let first = parts.first {
            run.note(Self.assumed, "no as-of date was given and the Bundle has no timestamp: ages, onsets, the timing of surgeries "
                     + "and how recent readings are could not be worked out (give one with --as-of or ?as_of=)", at: first)
        }
        return run.profile
    }

    /// The resources of a Bundle, in entry order, indexed for references.
    private mutating func bundleEntries(_ bundle: FHIRNode) throws(InputError) -> [FHIRNode] {
        let accepted = ["collection", "transaction", "searchset", "batch", "document"]
        guard let type = try bundle.string("type") else { throw bundle.error("a Bundle needs a type (\(accepted.joined(separator: ", ")))") }
        guard accepted.contains(type) else {
            throw (try bundle["type"] ?? bundle).error("a Bundle of type '\(Terms.excerpt(type))' is not a client's record; expected one of \(accepted.joined(separator: ", "))")
        }
        if asOf == nil, let stamp = try bundle.string("timestamp") {
            guard let date = CalendarDate(stamp), date.isDay else { throw (try bundle["timestamp"]!).error("'\(Terms.excerpt(stamp))' is not a FHIR instant") }
            asOf = date
            asOfOrigin = "the Bundle's timestamp (\(date))"
        }
        if let entry = try bundle["entry"], entry.isObject || entry.node.isScalar {
            throw entry.error("Bundle.entry must be an array of entries")
        }
        // a page of a search is not the record: more pages, or fewer entries than the total, need review
        for link in try bundle.array("link") where try link.string("relation") == "next" {
            note(Self.notRead, "the Bundle has another page (link next): only this page was read; check the rest of the record", at: link)
        }
        if type == "searchset", let total = try bundle.number("total") {
            var matches = 0
            for e in try bundle.array("entry") where (try e["search"]?.string("mode") ?? "match") == "match" { matches += 1 }
            if Int(total) > matches {
                note(Self.notRead, "the search found \(Int(total)) but the Bundle holds \(matches): only those were read; check the rest",
                     at: try bundle["total"]!)
            }
        }
        var out: [FHIRNode] = []
        for e in try bundle.array("entry") {
            guard e.isObject else { throw e.error("a Bundle entry must be an object") }
            guard let resource = try e["resource"] else {
                if try e["request"] != nil {   // a transaction's DELETE or conditional entry: nothing about the client
                    note(Self.ignored, "an entry with a request and no resource carries nothing about the client", at: e)
                    continue
                }
                throw e.error("a Bundle entry needs a resource")
            }
            if let mode = try e["search"]?.string("mode"), mode == "outcome" {
                if try Self.reportsError(resource) {
                    note(Self.notRead, "the search reports an error (OperationOutcome): the record may be incomplete; check it", at: resource)
                } else {
                    note(Self.ignored, "a search outcome (OperationOutcome) with no error is not about the client", at: resource)
                }
                continue
            }
            try index(resource, fullUrl: try e.string("fullUrl"))
            out.append(resource)
        }
        return out
    }

    /// Remembers a resource under the names a reference may use for it.
    private mutating func index(_ resource: FHIRNode, fullUrl: String?) throws(InputError) {
        guard resource.isObject else { throw resource.error("a resource must be a JSON object") }
        guard let type = try resource.string("resourceType"), !type.isEmpty else { throw resource.error("a resource needs a resourceType") }
        if let fullUrl { byReference[fullUrl] = resource }
        if let id = try resource.string("id") { byReference["\(type)/\(id)"] = resource }
    }

    /// One resource, by type.
    private mutating func read(_ r: FHIRNode) throws(InputError) {
        let type = try r.string("resourceType") ?? ""
        switch type {
        case "Patient": return   // read first
        case "Condition": try readCondition(r)
        case "MedicationRequest", "MedicationStatement": try readMedication(r, type: type)
        case "Observation": try readObservation(r)
        case "Procedure": try readProcedure(r)
        case "AllergyIntolerance": try readAllergy(r)
        case "Medication":
            note(Self.ignored, "a Medication is read through the MedicationRequest or MedicationStatement that names it", at: r)
        case "OperationOutcome":
            if try Self.reportsError(r) {
                note(Self.notRead, "an OperationOutcome reports an error: the record may be incomplete; check it", at: r)
            } else {
                note(Self.ignored, "an OperationOutcome with no error is not about the client", at: r)
            }
        case _ where FHIRTerminology.administrativeResources.contains(type):
            note(Self.ignored, "\(Self.article(type)) \(type) says nothing a rule reads; it was not used", at: r)
        default:
            note(Self.notRead, "\(Self.article(type)) \(Terms.excerpt(type)) resource is not read by Rubric: what it says is not used; check it", at: r)
        }
    }

    /// `Patient/1` of `http://x/fhir/Patient/1` (a reference's type and id).
    static func tail(_ reference: String) -> String {
        let parts = reference.split(separator: "/")
        return parts.count >= 2 ? parts.suffix(2).joined(separator: "/") : reference
    }

    /// Whether an OperationOutcome has an issue of severity error or fatal (or none stated).
    static func reportsError(_ r: FHIRNode) throws(InputError) -> Bool {
        let issues = try r.array("issue")
        if issues.isEmpty { return true }
        for i in issues { if ["error", "fatal", nil].contains(try i.string("severity")) { return true } }
        return false
    }

    /// "a" or "an" before a resource type.
    static func article(_ word: String) -> String { "AEIOU".contains(word.first ?? "x") ? "an" : "a" }

    /// Adds a warning about `node`.
    mutating func note(_ code: String, _ message: String, at node: FHIRNode, term: String? = nil) {
        profile.warnings.append(ProfileWarning(code: code, message: message, field: node.path, line: node.line, term: term))
    }

    /// Checks that a clinical resource is about the one patient of the profile.
    /// - Throws: when it names another patient: one profile is one client's record.
    mutating func checkSubject(_ r: FHIRNode) throws(InputError) {
        guard let ref = try r.first("subject", "patient") else { return }
        guard let reference = try ref.string("reference") else { return }
        if !patientReferences.isEmpty {
            guard patientReferences.contains(reference) || patientReferences.contains(where: { reference.hasSuffix("/\($0)") }) else {
                throw ref.error("refers to '\(Terms.excerpt(reference))', not the Bundle's Patient: one profile is one client's record")
            }
            return
        }
        if let seen = subjectSeen, Self.tail(seen.reference) != Self.tail(reference) {
            throw ref.error("refers to '\(Terms.excerpt(reference))' but \(seen.path) refers to '\(Terms.excerpt(seen.reference))': one profile is one client's record")
        }
        if subjectSeen == nil { subjectSeen = (reference, ref.path) }
    }
}
