import Foundation

/// The knowledge catalog: techniques, conditions, symptoms, flags, medications,
/// procedures, goals, regions and citable sources, loaded from `rules/catalog/`.
///
/// Rules see it read-only as `catalog`; profiles resolve their terms through it.
/// Adding a technique or condition is a data change, not a Swift change.
public struct Catalog: Sendable {
    /// The massage techniques (`techniques.yaml`), sorted by id: every one is ranked for each
    /// client unless a rule or a pressure cap excludes it.
    public var techniques: [Technique]
    /// The diagnoses (`conditions.yaml`), with their ICD-10-CM and SNOMED CT codes, in file order.
    public var conditions: [Condition]
    /// The symptoms a profile may list (`symptoms.yaml`), in file order.
    public var symptoms: [Term]
    /// The facts that are not diagnoses (`flags.yaml`), such as `fragile_bone` or
    /// `anticoagulant_use`, in file order.
    public var flags: [Term]
    /// What a client may want from a session (`goals.yaml`), such as `mobility` or `sleep`.
    public var goals: [Term]
    /// The body regions (`regions.yaml`) that conditions and surgeries name.
    public var regions: [Term]
    /// The surgical procedures a profile's `surgeries` may name (`procedures.yaml`).
    public var procedures: [Term]
    /// The medication classes (`medications.yaml`, `classes:`), such as `anticoagulant`: what
    /// rules ask about with `client:takes(class)`.
    public var medicationClasses: [Term]
    /// The medicines by generic name (`medications.yaml`, `medications:`), each in one class.
    public var medications: [Medication]
    /// The sources rules may cite in `evidence` (`sources.yaml`), in file order.
    public var sources: [Source]
    /// ICD-10-CM codes that were deleted or split, by normalised code (`conditions.yaml`,
    /// `retired_icd10`): a profile that uses one is warned, with the codes that replace it.
    public var retiredICD10: [String: RetiredCode] = [:]

    let techniqueIndex: Vocabulary
    let conditionIndex: Vocabulary
    let codeIndex: [String: String]
    /// The keys of `codeIndex`, longest first (a code under a listed category finds it here).
    let codesLongestFirst: [String]
    let snomedIndex: [String: String]
    let symptomIndex: Vocabulary
    let flagIndex: Vocabulary
    let goalIndex: Vocabulary
    let regionIndex: Vocabulary
    let procedureIndex: Vocabulary
    let classIndex: Vocabulary
    let medicationIndex: Vocabulary
    let rxnormIndex: [String: String]

    init(techniques: [Technique], conditions: [Condition], symptoms: [Term], flags: [Term], goals: [Term],
         regions: [Term], procedures: [Term], medicationClasses: [Term], medications: [Medication], sources: [Source]) {
        self.techniques = techniques.sorted { $0.id < $1.id }
        self.conditions = conditions
        self.symptoms = symptoms
        self.flags = flags
        self.goals = goals
        self.regions = regions
        self.procedures = procedures
        self.medicationClasses = medicationClasses
        self.medications = medications
        self.sources = sources
        techniqueIndex = Vocabulary(techniques.map { ($0.id, $0.name, $0.aliases) })
        conditionIndex = Vocabulary(conditions.map { ($0.id, $0.name, $0.aliases) })
        var codes: [String: String] = [:]
        for c in conditions { for code in c.icd10 { codes[ICD10.normalize(code)] = c.id } }
        codeIndex = codes
        codesLongestFirst = codes.keys.sorted { $0.count > $1.count }
        var snomed: [String: String] = [:]
        for c in conditions { for code in c.snomed { snomed[code.trimmingCharacters(in: .whitespaces)] = c.id } }
        snomedIndex = snomed
        symptomIndex = Vocabulary(symptoms.map { ($0.id, $0.name, $0.aliases) })
        flagIndex = Vocabulary(flags.map { ($0.id, $0.name, $0.aliases) })
        goalIndex = Vocabulary(goals.map { ($0.id, $0.name, $0.aliases) })
        regionIndex = Vocabulary(regions.map { ($0.id, $0.name, $0.aliases) })
        procedureIndex = Vocabulary(procedures.map { ($0.id, $0.name, $0.aliases) })
        classIndex = Vocabulary(medicationClasses.map { ($0.id, $0.name, $0.aliases) })
        medicationIndex = Vocabulary(medications.map { ($0.id, $0.name, $0.brands) })
        var rxnorm: [String: String] = [:]
        for m in medications { for code in m.rxnorm { rxnorm[code] = m.id } }
        rxnormIndex = rxnorm
    }

    /// The technique with this id.
    public func technique(_ id: String) -> Technique? { techniques.first { $0.id == id } }
    /// The condition with this id.
    public func condition(_ id: String) -> Condition? { conditions.first { $0.id == id } }
    /// The medication with this id.
    public func medication(_ id: String) -> Medication? { medications.first { $0.id == id } }

    /// The condition a SNOMED CT concept id names (only the ids the catalog lists; no hierarchy).
    public func conditionID(forSNOMED raw: String) -> String? {
        snomedIndex[raw.trimmingCharacters(in: .whitespaces)]
    }

    /// The medicine an RxNorm concept id (RXCUI) names (only the ingredient ids the catalog lists).
    public func medicationID(forRxNorm raw: String) -> String? {
        rxnormIndex[raw.trimmingCharacters(in: .whitespaces)]
    }

    /// The retired-code record for an ICD-10-CM code, if it was deleted or split.
    public func retired(icd10 raw: String) -> RetiredCode? { retiredICD10[ICD10.normalize(raw)] }

    /// The condition an ICD-10-CM code names: an exact code, a longer code under a listed
    /// category (I82.401 under I82.40), or a shorter code all of whose listed children
    /// belong to one condition (M48.06 → lumbar spinal stenosis).
    public func conditionID(forICD10 raw: String) -> String? {
        let code = ICD10.normalize(raw)
        if let id = codeIndex[code] { return id }
        // two listed codes of one length cannot both begin `code`, so the first is the only one
        if let hit = codesLongestFirst.first(where: { code.hasPrefix($0) }) {
            return codeIndex[hit]
        }
        let children = Set(codeIndex.filter { $0.key.hasPrefix(code) }.map(\.value))
        return children.count == 1 ? children.first : nil
    }
}

/// How ICD-10-CM codes are compared: one spelling for every way a code is written.
enum ICD10 {
    /// Uppercase, no spaces, with the dot after the third character.
    static func normalize(_ raw: String) -> String {
        if let ascii = normalizeASCII(raw) { return ascii }
        return normalizeCharacters(raw)
    }

    /// ``normalize(_:)`` for ASCII text, byte by byte (codes nearly always are); nil for any
    /// other text. ASCII's whitespace is tab, line feed, vertical tab, form feed, carriage return
    /// and space, as `Character.isWhitespace` says (and "\r\n", one Character, is whitespace).
    static func normalizeASCII(_ raw: String) -> String? {
        var raw = raw
        return raw.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 1)
            var dot = false
            for b in bytes {
                guard b < 0x80 else { return nil }
                if b == 0x20 || (0x09...0x0D).contains(b) { continue }
                if b == UInt8(ascii: ".") { dot = true }
                out.append(b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") ? b - 0x20 : b)
            }
            if !dot, out.count > 3 { out.insert(UInt8(ascii: "."), at: 3) }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// ``normalize(_:)`` Character by Character, for any text.
    static func normalizeCharacters(_ raw: String) -> String {
        var code = raw.uppercased().filter { !$0.isWhitespace }
        if !code.contains("."), code.count > 3 { code.insert(".", at: code.index(code.startIndex, offsetBy: 3)) }
        return code
    }
}
