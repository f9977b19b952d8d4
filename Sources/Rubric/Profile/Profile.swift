/// A client profile as written (YAML or JSON), before its terms are resolved.
///
/// Every entry remembers its field path and line so warnings can point at it.
/// See `docs/profiles.md` and `docs/profile.schema.json` for the format.
public struct Profile: Sendable {
    /// Where the profile came from (a path, or `<stdin>`).
    public var source: String
    public var clientID: String?
    public var age: Int?
    public var sex: String?
    public var conditions: [ConditionEntry] = []
    public var symptoms: [Entry] = []
    public var medications: [MedicationEntry] = []
    public var flags: [Entry] = []
    public var pregnancy: Pregnancy?
    public var surgeries: [SurgeryEntry] = []
    public var preferences = Preferences()
    /// Free text from the intake (`notes:` at the top, and `notes:` on any entry): kept and
    /// echoed in the output, never read by rules.
    public var notes: [Note] = []
    /// Problems found while reading (unknown fields, implausible values).
    public var warnings: [ProfileWarning] = []
    /// How many more "did you mean" suggestions may be looked for (``InputLimits/maximumSuggestions``
    /// per profile, shared by reading and resolving).
    var suggestionsLeft = InputLimits.maximumSuggestions

    public init(source: String) { self.source = source }

    /// A piece of text from the profile and where it stood.
    public struct Entry: Sendable, Hashable {
        public var text: String
        public var field: String
        public var line: Int?
        /// For a symptom: whether it is `new`, `worsening` or `longstanding`, when the profile says.
        public var onset: String?
    }

    /// Free text from the intake, and where it stood: echoed, never read by rules.
    public struct Note: Sendable, Hashable {
        public var field: String
        public var line: Int?
        public var text: String
    }

    public struct ConditionEntry: Sendable, Hashable {
        public var name: String?
        public var icd10: String?
        /// A SNOMED CT concept id.
        public var snomed: String?
        public var region: String?
        public var side: String?
        public var severity: String?
        public var course: String?
        public var status: String?
        public var field: String
        public var line: Int?
    }

    public struct MedicationEntry: Sendable, Hashable {
        public var name: String
        public var dose: String?
        public var medicationClass: String?
        public var field: String
        public var line: Int?
    }

    public struct Pregnancy: Sendable, Hashable {
        public var weeks: Int?
        public var highRisk: Bool?
    }

    public struct SurgeryEntry: Sendable, Hashable {
        public var procedure: String
        public var weeksAgo: Double?
        public var region: String?
        public var field: String
        public var line: Int?
    }

    public struct Preferences: Sendable, Hashable {
        public var pressure: String?
        public var goals: [Entry] = []
        public var requested: Entry?
        public var oilSensitivity: Bool?
    }
}

/// Something in a profile the engine could not take at face value. It never stops
/// the recommendation; it is shown beside it so nothing is lost silently.
public struct ProfileWarning: Sendable, Hashable {
    /// Machine-readable kind, e.g. `unknown_term`, `unknown_field`, `implausible_value`.
    public var code: String
    public var message: String
    /// The field path, e.g. `conditions[2].name`.
    public var field: String?
    public var line: Int?
    /// A catalog name the term may have meant.
    public var suggestion: String?
    /// The term as written, for `unknown_term` warnings.
    public var term: String?

    public init(code: String, message: String, field: String? = nil, line: Int? = nil, suggestion: String? = nil, term: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.line = line
        self.suggestion = suggestion
        self.term = term
    }
}
