import Rubric

/// A CDS Hooks service Rubric offers (`GET /cds-services`): its hook, id and the FHIR data it
/// needs, as prefetch templates the EHR fills in before it calls.
struct CDSService: Sendable {
    let id: String
    let hook: String
    let title: String
    let description: String

    /// The prefetch every service needs: the patient, and what the FHIR import reads.
    static let prefetch: [(key: String, template: String)] = [
        ("patient", "Patient/{{context.patientId}}"),
        ("conditions", "Condition?patient={{context.patientId}}&clinical-status=active,recurrence,relapse"),
        ("medications", "MedicationRequest?patient={{context.patientId}}&status=active"),
        ("observations", "Observation?patient={{context.patientId}}&code=" + [
            "82810-3", "11884-4", "18185-9", "49051-6", "85354-9", "8310-5", "72166-2", "777-3",
        ].map { "http://loinc.org|\($0)" }.joined(separator: ",")),
        ("procedures", "Procedure?patient={{context.patientId}}&status=completed,in-progress"),
        ("allergies", "AllergyIntolerance?patient={{context.patientId}}&clinical-status=active"),
    ]

    static let all = [
        CDSService(id: "rubric-massage", hook: "patient-view", title: "Rubric: massage safety and technique advice",
                   description: "When a client's record is opened: referral red flags, clearance, exclusions, pressure limits and "
                       + "cautions for massage, then the techniques that fit, each explained rule by rule."),
        CDSService(id: "rubric-massage-order", hook: "order-select", title: "Rubric: check a massage-therapy order",
                   description: "When a massage-therapy ServiceRequest is selected: whether massage is safe for this client now, "
                       + "and which techniques and pressure fit. Other orders get no cards."),
    ]

    static func named(_ id: String) -> CDSService? { all.first { $0.id == id } }

    /// The discovery document.
    static var discovery: JSONValue {
        .object([("services", .array(all.map { s in
            .object([
                ("hook", .string(s.hook)), ("title", .string(s.title)), ("description", .string(s.description)), ("id", .string(s.id)),
                ("prefetch", .object(prefetch.map { ($0.key, .string($0.template)) })),
            ])
        }))])
    }
}
