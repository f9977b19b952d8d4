/// A profile whose terms have been resolved to catalog ids.
///
/// Terms that do not resolve stay in the profile as text, with a warning and a
/// "did you mean" suggestion; nothing is dropped silently.
public struct ResolvedProfile: Sendable {
    /// Where the profile came from (``Profile/source``).
    public var source: String
    /// The client's identifier, as given.
    public var clientID: String?
    /// The age in years, as given.
    public var age: Int?
    /// `female`, `male`, `other` or `unknown`, as given.
    public var sex: String?
    /// Every condition, resolved or not, including those given only as a symptom or flag that
    /// turned out to be a condition.
    public var conditions: [ResolvedCondition] = []
    /// The ids of the recognised symptoms, each once.
    public var symptoms: [String] = []
    /// How new each symptom is (`new`, `worsening`, `longstanding`), by symptom id, when the
    /// profile says; rules read it with `client:onset(id)`.
    public var symptomOnsets: [String: String] = [:]
    /// The intake's free text, echoed as given; never read by rules.
    public var notes: [Profile.Note] = []
    /// Every medicine, resolved or kept as text (a second medicine in brackets is its own entry).
    public var medications: [ResolvedMedication] = []
    /// The ids of the recognised flags, each once.
    public var flags: [String] = []
    /// The pregnancy, or `nil` when the client is not pregnant; a `pregnant` or
    /// `high_risk_pregnancy` flag fills it in.
    public var pregnancy: Profile.Pregnancy?
    /// Every past operation, resolved or kept as text.
    public var surgeries: [ResolvedSurgery] = []
    /// The preferred pressure, when given.
    public var pressure: Pressure?
    /// The ids of the recognised goals, each once.
    public var goals: [String] = []
    /// The requested technique's id, when it resolved.
    public var requested: String?
    /// Whether the client cannot have oil or cream on the skin, when given.
    public var oilSensitivity: Bool?
    /// The warnings from reading and resolving the profile (unknown terms, contradictions, …).
    public var warnings: [ProfileWarning] = []
    /// Information the rules would use that the profile does not give.
    public var missing: [String] = []

    /// A condition matched against the catalog (by code first, then by name).
    public struct ResolvedCondition: Sendable, Hashable {
        /// The catalog id, or `nil` when neither name nor code resolved.
        public var id: String?
        /// What the profile wrote: the name, or else the code.
        public var input: String
        /// The ICD-10-CM code given, normalised (`M48.062`).
        public var icd10: String?
        /// The region id, when a region was given and resolved.
        public var region: String?
        /// `left`, `right` or `bilateral`, as given.
        public var side: String?
        /// `mild`, `moderate` or `severe`, as given.
        public var severity: String?
        /// `acute`, `subacute` or `chronic`, as given.
        public var course: String?
        /// The clinical status as given; `nil` means active.
        public var status: String?
        /// Active unless the status is inactive, remission or resolved.
        public var active: Bool { !["inactive", "remission", "resolved"].contains(status ?? "active") }
    }

    /// A medicine matched against the catalog, by generic or brand name.
    public struct ResolvedMedication: Sendable, Hashable {
        /// The catalog medicine id, or `nil` when the name did not resolve.
        public var id: String?
        /// The name as the profile wrote it.
        public var input: String
        /// The medication class id: the catalog's for a known medicine, else the class given or named.
        public var classID: String?
        /// The dose: the one given, or else the dose words found after the name (`20 mg`).
        public var dose: String?
    }

    /// A past operation matched against the catalog's procedures.
    public struct ResolvedSurgery: Sendable, Hashable {
        /// The catalog procedure id, or `nil` when the procedure was not recognised.
        public var procedureID: String?
        /// The procedure as the profile wrote it.
        public var input: String
        /// How long ago, in weeks; `nil` when unknown (rules treat it as possibly recent).
        public var weeksAgo: Double?
        /// The region id, when a region was given and resolved.
        public var region: String?
    }
}
