/// The code systems, codes and thresholds the FHIR import reads (see `docs/fhir.md`, which
/// cites each).
enum FHIRTerminology {
    static let icd10cm = "http://hl7.org/fhir/sid/icd-10-cm"
    static let snomed = "http://snomed.info/sct"
    static let loinc = "http://loinc.org"
    static let rxnorm = "http://www.nlm.nih.gov/research/umls/rxnorm"

    /// `Condition.clinicalStatus` values that mean the condition is present now.
    static let activeClinicalStatuses: Set<String> = ["active", "recurrence", "relapse"]
    /// `verificationStatus` values that mean the record is not to be believed.
    static let disbelievedVerification: Set<String> = ["refuted", "entered-in-error"]

    /// `Condition.severity` (FHIR's condition-severity value set, SNOMED CT).
    static let severities = ["255604002": "mild", "6736007": "moderate", "24484000": "severe"]

    // LOINC observation codes
    static let pregnancyStatus = "82810-3"
    static let gestationalAge: Set<String> = ["11884-4", "18185-9", "49051-6"]
    static let bloodPressurePanel: Set<String> = ["85354-9", "55284-4"]
    static let systolic = "8480-6"
    static let diastolic = "8462-4"
    static let bodyTemperature = "8310-5"
    static let smokingStatus = "72166-2"
    static let platelets = "777-3"
    /// Vital signs and body measures read and not used by any rule (US Core vital signs).
    static let unusedObservations: [String: String] = [
        "8867-4": "heart rate", "9279-1": "respiratory rate", "29463-7": "body weight", "8302-2": "body height",
        "39156-5": "body mass index", "59408-5": "oxygen saturation", "2708-6": "oxygen saturation",
        "8287-5": "head circumference", "9843-4": "head circumference", "85353-1": "vital signs panel",
    ]

    // SNOMED CT values
    static let pregnant = "77386006"
    static let notPregnant = "60001007"
    /// Tobacco smoking status values (US Core) that mean the client smokes now.
    static let currentSmoker: Set<String> = ["449868002", "428041000124106", "77176002", "428071000124103", "428061000124105"]
    /// Values that mean the client does not smoke now, or it is not known.
    static let notCurrentSmoker: Set<String> = ["8517006", "266919005", "266927001"]

    /// Severe hypertension: systolic ≥ 180 or diastolic ≥ 120 mmHg (NICE NG136).
    static let severeSystolic = 180.0, severeDiastolic = 120.0
    /// The clinic treatment target under which treated hypertension is taken as controlled (NICE NG136: < 140/90).
    static let targetSystolic = 140.0, targetDiastolic = 90.0
    /// A reading under target counts as controlled hypertension only this recent (and dated) [inference].
    static let controlledWindowDays = 365
    /// Fever: 38.0 °C (100.4 °F) or more (the CDC's definition).
    static let feverCelsius = 38.0
    /// A temperature counts as current for this many days before the as-of date.
    static let feverWindowDays = 3
    /// Platelets below this (× 10⁹/L, the same as 10³/µL) are low for massage (clinical.md §2.5).
    static let lowPlatelets = 50.0

    /// ICD-10-CM hypertensive diseases (I10–I16) and SNOMED CT hypertensive disorder, to know
    /// whether a blood pressure under target is *controlled* hypertension.
    static let hypertensionICD10Prefixes = ["I10", "I11", "I12", "I13", "I15", "I16", "I1A"]
    /// Names (normalised) that mean systemic hypertension.
    static let hypertensionNames: Set<String> = ["hypertension", "essential hypertension", "primary hypertension", "high blood pressure",
                                                 "hypertensive disorder", "essential primary hypertension", "htn", "secondary hypertension",
                                                 "resistant hypertension", "benign essential hypertension"]
    static let hypertensionSNOMED: Set<String> = ["38341003", "59621000"]

    /// Words in an allergy's substance that make oil or cream a problem: the massage medium.
    static let mediumAllergens = ["oil", "lanolin", "wool fat", "wool alcohol", "nut", "almond", "peanut", "coconut", "sesame",
                                  "jojoba", "shea", "lotion", "cream", "fragrance", "perfume", "essential oil", "arnica"]

    /// Resource types that carry nothing a rule reads (who and where, not what): read, not used.
    static let administrativeResources: Set<String> = [
        "Encounter", "Practitioner", "PractitionerRole", "Organization", "Location", "Coverage", "Provenance", "CareTeam",
        "Endpoint", "HealthcareService", "RelatedPerson", "Composition",
    ]
}
