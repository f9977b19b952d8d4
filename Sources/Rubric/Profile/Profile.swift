/// A client profile as written (YAML or JSON), before its terms are resolved.
///
/// Every entry remembers its field path and line so warnings can point at it.
/// See `docs/profiles.md` and `docs/profile.schema.json` for the format.
public struct Profile: Sendable {
    /// Where the profile came from (a path, or `<stdin>`).
    public var source: String
    /// The client's identifier (`client.id`, e.g. `c-0412`), shown in the output.
    public var clientID: String?
    /// The age in years (`client.age`), already checked to be 0–130.
    public var age: Int?
    /// `female`, `male`, `other` or `unknown` (`client.sex`; intake short forms are read).
    public var sex: String?
    /// The diagnoses (`conditions`), as written.
    public var conditions: [ConditionEntry] = []
    /// The symptoms (`symptoms`), as written, each with its onset when given.
    public var symptoms: [Entry] = []
    /// The medicines (`medications`), as written.
    public var medications: [MedicationEntry] = []
    /// Facts that are not diagnoses (`flags`), as written, e.g. `osteoporosis`.
    public var flags: [Entry] = []
    /// The pregnancy, or `nil` when the client is not pregnant.
    public var pregnancy: Pregnancy?
    /// Past operations (`surgeries`), as written.
    public var surgeries: [SurgeryEntry] = []
    /// What the client wants (`preferences`).
    public var preferences = Preferences()
    /// Free text from the intake (`notes:` at the top, and `notes:` on any entry): kept and
    /// echoed in the output, never read by rules.
    public var notes: [Note] = []
    /// Problems found while reading (unknown fields, implausible values), and for a FHIR
    /// record what was left out, assumed or not understood.
    public var warnings: [ProfileWarning] = []
    /// Whether the profile was derived from FHIR R4 resources (`docs/fhir.md`).
    public var isFHIR = false
    /// How many more "did you mean" suggestions may be looked for (``InputLimits/maximumSuggestions``
    /// per profile, shared by reading and resolving).
    var suggestionsLeft = InputLimits.maximumSuggestions

    /// An empty profile named `source` (a path, or `<stdin>`); set its fields to build one in code.
    public init(source: String) { self.source = source }

    /// A piece of text from the profile and where it stood.
    public struct Entry: Sendable, Hashable {
        /// The text as written, e.g. `buttock pain`.
        public var text: String
        /// The field path, e.g. `symptoms[1]`.
        public var field: String
        /// The line in the profile file, when known.
        public var line: Int?
        /// For a symptom: whether it is `new`, `worsening` or `longstanding`, when the profile says.
        public var onset: String?
    }

    /// Free text from the intake, and where it stood: echoed, never read by rules.
    public struct Note: Sendable, Hashable {
        /// The field path of the note, e.g. `notes` or `conditions[1].notes`.
        public var field: String
        /// The line in the profile file, when known.
        public var line: Int?
        /// The note, exactly as written.
        public var text: String
    }

    /// A diagnosis as written: a name, a code, or both, with its details.
    public struct ConditionEntry: Sendable, Hashable {
        /// A condition name or alias, as written.
        public var name: String?
        /// One ICD-10-CM code, as written, e.g. `M48.062`.
        public var icd10: String?
        /// A SNOMED CT concept id.
        public var snomed: String?
        /// A body region by id or alias, as written (e.g. `lower back`).
        public var region: String?
        /// `left`, `right` or `bilateral`.
        public var side: String?
        /// `mild`, `moderate` or `severe`.
        public var severity: String?
        /// `acute` (under 4 weeks), `subacute` (4 to 12 weeks) or `chronic` (over 12 weeks).
        public var course: String?
        /// `active`, `recurrence`, `relapse`, `inactive`, `remission` or `resolved`; `nil` means active.
        public var status: String?
        /// The field path, e.g. `conditions[1]`.
        public var field: String
        /// The line in the profile file, when known.
        public var line: Int?
        /// Where each part stood when it is not `field` plus the part's name (a FHIR import
        /// points `icd10` at `Bundle.entry[2].resource.code.coding[0]`).
        var paths: [String: String] = [:]
        /// The path of `part` (e.g. `icd10`), for warnings.
        func path(_ part: String) -> String { paths[part] ?? "\(field).\(part)" }
    }

    /// A medicine as written.
    public struct MedicationEntry: Sendable, Hashable {
        /// A generic or brand name, possibly followed by a dose (`Xarelto 20 mg`); the class
        /// stands in for it when only a class was given.
        public var name: String
        /// The dose as free text (`medications[].dose`): informational only.
        public var dose: String?
        /// A medication class id or name (`medications[].class`), for a medicine the catalog does not list.
        public var medicationClass: String?
        /// The field path, e.g. `medications[1]`.
        public var field: String
        /// The line in the profile file, when known.
        public var line: Int?
        /// An RxNorm concept id (RXCUI, `medications[].rxnorm`), read before the name when the catalog knows it.
        public var rxnorm: String?
        /// Where each part stood when it is not `field` plus the part's name (a FHIR import
        /// points `icd10` at `Bundle.entry[2].resource.code.coding[0]`).
        var paths: [String: String] = [:]
        /// The path of `part` (e.g. `icd10`), for warnings.
        func path(_ part: String) -> String { paths[part] ?? "\(field).\(part)" }
    }

    /// A pregnancy (present only when the client is pregnant).
    public struct Pregnancy: Sendable, Hashable {
        /// Completed weeks, when known.
        public var weeks: Int?
        /// Whether the pregnancy is complicated (pre-eclampsia, bleeding, placental problems), when given.
        public var highRisk: Bool?
    }

    /// A past operation as written.
    public struct SurgeryEntry: Sendable, Hashable {
        /// The procedure name or alias, as written, e.g. `knee replacement`.
        public var procedure: String
        /// How long ago, in weeks (fractions allowed); `nil` when unknown, which rules treat as possibly recent.
        public var weeksAgo: Double?
        /// The region operated on, as written.
        public var region: String?
        /// The field path, e.g. `surgeries[1]`.
        public var field: String
        /// The line in the profile file, when known.
        public var line: Int?
        /// Where each part stood when it is not `field` plus the part's name (a FHIR import
        /// points `icd10` at `Bundle.entry[2].resource.code.coding[0]`).
        var paths: [String: String] = [:]
        /// The path of `part` (e.g. `icd10`), for warnings.
        func path(_ part: String) -> String { paths[part] ?? "\(field).\(part)" }
    }

    /// What the client wants. A preference never overrides a safety rule.
    public struct Preferences: Sendable, Hashable {
        /// The preferred pressure: `light`, `medium` or `firm`.
        public var pressure: String?
        /// Goals by name or alias, as written (e.g. `mobility`, `sleep`).
        public var goals: [Entry] = []
        /// The technique the client asked for, as written (e.g. `deep tissue`).
        public var requested: Entry?
        /// Whether the client cannot have oil or cream on the skin, when given.
        public var oilSensitivity: Bool?
    }
}

/// Something in a profile the engine could not take at face value. It never stops
/// the recommendation; it is shown beside it so nothing is lost silently.
public struct ProfileWarning: Sendable, Hashable {
    /// Machine-readable kind, e.g. `unknown_term`, `unknown_field`, `implausible_value`.
    public var code: String
    /// One sentence saying what was found and what was done about it.
    public var message: String
    /// The field path, e.g. `conditions[2].name`.
    public var field: String?
    /// The line in the profile file, when known.
    public var line: Int?
    /// A catalog name the term may have meant.
    public var suggestion: String?
    /// The term as written, for `unknown_term` warnings.
    public var term: String?

    /// A warning with the given ``code`` and ``message``, and where it belongs when known.
    public init(code: String, message: String, field: String? = nil, line: Int? = nil, suggestion: String? = nil, term: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.line = line
        self.suggestion = suggestion
        self.term = term
    }
}
