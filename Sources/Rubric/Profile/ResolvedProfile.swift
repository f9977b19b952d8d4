internal import LuaSandbox

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

    /// The table rules read through the client view.
    var luaValue: LuaValue {
        .record([
            "id": .optional(clientID), "age": .optional(age), "sex": .optional(sex),
            "conditions": .list(conditions.filter { $0.id != nil }.map { c in
                .record(["id": .optional(c.id), "input": .string(c.input), "icd10": .optional(c.icd10),
                         "region": .optional(c.region), "side": .optional(c.side), "severity": .optional(c.severity),
                         "course": .optional(c.course), "status": .string(c.status ?? "active"), "active": .boolean(c.active)])
            }),
            "symptoms": .list(symptoms.map(LuaValue.string)),
            "flags": .list(flags.map(LuaValue.string)),
            "medications": .list(medications.map { m in
                .record(["id": .optional(m.id), "name": .string(m.input), "class": .optional(m.classID), "dose": .optional(m.dose)])
            }),
            "pregnancy": pregnancy.map { p in .record(["weeks": .optional(p.weeks), "high_risk": .boolean(p.highRisk ?? false)]) } ?? .nil,
            "surgeries": .list(surgeries.map { s in
                .record(["procedure": .optional(s.procedureID), "input": .string(s.input),
                         "weeks_ago": s.weeksAgo.map(LuaValue.number) ?? .nil, "region": .optional(s.region)])
            }),
            "preferences": .record([
                "pressure": .optional(pressure?.rawValue), "goals": .list(goals.map(LuaValue.string)),
                "requested": .optional(requested), "oil_sensitivity": .boolean(oilSensitivity ?? false),
            ]),
        ])
    }
}
