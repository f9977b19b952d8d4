/// A profile whose terms have been resolved to catalog ids.
///
/// Terms that do not resolve stay in the profile as text, with a warning and a
/// "did you mean" suggestion; nothing is dropped silently.
public struct ResolvedProfile: Sendable {
    public var source: String
    public var clientID: String?
    public var age: Int?
    public var sex: String?
    public var conditions: [ResolvedCondition] = []
    public var symptoms: [String] = []
    /// How new each symptom is (`new`, `worsening`, `longstanding`), by symptom id, when the
    /// profile says; rules read it with `client:onset(id)`.
    public var symptomOnsets: [String: String] = [:]
    /// The intake's free text, echoed as given; never read by rules.
    public var notes: [Profile.Note] = []
    public var medications: [ResolvedMedication] = []
    public var flags: [String] = []
    public var pregnancy: Profile.Pregnancy?
    public var surgeries: [ResolvedSurgery] = []
    public var pressure: Pressure?
    public var goals: [String] = []
    /// The requested technique's id, when it resolved.
    public var requested: String?
    public var oilSensitivity: Bool?
    public var warnings: [ProfileWarning] = []
    /// Information the rules would use that the profile does not give.
    public var missing: [String] = []

    public struct ResolvedCondition: Sendable, Hashable {
        /// The catalog id, or `nil` when neither name nor code resolved.
        public var id: String?
        public var input: String
        public var icd10: String?
        public var region: String?
        public var side: String?
        public var severity: String?
        public var course: String?
        public var status: String?
        /// Active unless the status is inactive, remission or resolved.
        public var active: Bool { !["inactive", "remission", "resolved"].contains(status ?? "active") }
    }

    public struct ResolvedMedication: Sendable, Hashable {
        public var id: String?
        public var input: String
        public var classID: String?
        public var dose: String?
    }

    public struct ResolvedSurgery: Sendable, Hashable {
        public var procedureID: String?
        public var input: String
        public var weeksAgo: Double?
        public var region: String?
    }
}
