/// A seeded generator of realistic client profiles (JSON, one a line), for batch runs and benchmarks.
///
/// The same seed gives the same profiles. Terms come from the catalog (names, aliases, brand
/// names with doses, ICD-10-CM codes), with a share of red flags and contraindications.
public struct ProfileGenerator {
    private var state: UInt64
    private let catalog: Catalog

    /// A generator that draws its terms from `catalog`; the same `seed` gives the same profiles.
    public init(catalog: Catalog, seed: UInt64) {
        self.catalog = catalog
        state = seed &+ 0x9E37_79B9_7F4A_7C15
    }

    /// SplitMix64.
    private mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
    private mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
    private mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }

    /// Back, neck and nerve conditions most clients come with.
    private static let common = ["low_back_pain", "lumbar_spinal_stenosis", "sciatica", "neck_pain", "spinal_osteoarthritis",
                                 "lumbar_disc_herniation", "acute_back_strain", "cervical_spinal_stenosis", "back_spasm"]

    /// The next profile as one line of JSON.
    public mutating func nextProfile(index: Int) -> String {
        var fields: [(String, JSONValue)] = []
        let age = 18 + below(72)
        let sex = pick(["female", "male", "female", "male", "other"])
        fields.append(("client", .object([("id", .string("gen-\(index)")), ("age", .int(age)), ("sex", .string(sex))])))

        var conditions: [JSONValue] = []
        for _ in 0..<(1 + below(3)) {
            let id = chance(0.8) ? pick(Self.common) : pick(catalog.conditions.map(\.id))
            guard let c = catalog.condition(id) else { continue }
            var entry: [(String, JSONValue)] = [("name", .string(chance(0.5) ? c.name.lowercased() : pick([c.name] + c.aliases)))]
            if !c.icd10.isEmpty && chance(0.3) { entry.append(("icd10", .string(pick(c.icd10)))) }
            if chance(0.5) { entry.append(("course", .string(pick(["acute", "subacute", "chronic", "chronic"])))) }
            if chance(0.3) { entry.append(("severity", .string(pick(["mild", "moderate", "severe"])))) }
            if id == "sciatica" && chance(0.6) { entry.append(("side", .string(pick(["left", "right", "bilateral"])))) }
            conditions.append(.object(entry))
        }
        fields.append(("conditions", .array(conditions)))

        var symptoms: [String] = []
        let routine = ["buttock pain", "numbness", "tingling", "leg pain", "stiffness", "muscle spasm", "poor sleep", "anxiety", "fatigue"]
        for _ in 0..<below(4) { symptoms.append(pick(routine)) }
        if chance(0.03) { symptoms.append(pick(["saddle numbness", "new bladder problems", "foot drop", "fever", "night pain", "unexplained weight loss"])) }
        fields.append(("symptoms", .array(symptoms.uniqued().map(JSONValue.string))))

        var medications: [JSONValue] = []
        if chance(0.35) {
            for _ in 0..<(1 + below(2)) {
                let m = pick(catalog.medications)
                let name = m.brands.isEmpty || chance(0.5) ? m.name : pick(m.brands)
                medications.append(chance(0.6) ? .string("\(name) \(pick([5, 10, 20, 50, 100])) mg") : .object([("name", .string(name))]))
            }
        }
        fields.append(("medications", .array(medications)))

        var flags: [String] = []
        if chance(0.15) { flags.append(pick(["osteoporosis", "diabetes", "neuropathy", "controlled hypertension", "frail", "broken skin", "cancer history", "varicose veins"])) }
        if chance(0.02) { flags.append(pick(["active dvt", "pre-eclampsia", "uncontrolled hypertension", "iv drug use"])) }
        fields.append(("flags", .array(flags.map(JSONValue.string))))

        if sex == "female" && age < 45 && chance(0.08) {
            fields.append(("pregnancy", .object([("weeks", .int(4 + below(36))), ("high_risk", .bool(chance(0.1)))])))
        }
        if chance(0.1) {
            let p = pick(catalog.procedures)
            fields.append(("surgeries", .array([.object([("procedure", .string(p.name.lowercased())), ("weeks_ago", .int(1 + below(400)))])])))
        }
        var prefs: [(String, JSONValue)] = []
        if chance(0.7) { prefs.append(("pressure", .string(pick(["light", "medium", "firm"])))) }
        let goals = (0..<below(3)).map { _ in pick(catalog.goals.map(\.name)).lowercased() }.uniqued()
        prefs.append(("goals", .array(goals.map(JSONValue.string))))
        if chance(0.3) { prefs.append(("requested", .string(pick(catalog.techniques.map(\.name)).lowercased()))) }
        if chance(0.1) { prefs.append(("oil_sensitivity", .bool(true))) }
        fields.append(("preferences", .object(prefs)))
        return JSONValue.object(fields).serialized(pretty: false)
    }
}
