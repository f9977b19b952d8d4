import Foundation
import Testing
@testable import Rubric

@Suite("FHIR R4 input")
struct FHIRTests {
    let shipped: Evaluator

    init() throws {
        shipped = try Evaluator(ruleSet: try RuleSet.load(directory: FixturePaths.packageRoot.appendingPathComponent("rules").path))
    }

    func load(_ name: String, asOf: CalendarDate? = nil) throws -> Profile {
        try Profile.load(path: FixturePaths.path("fhir/\(name)"), asOf: asOf)
    }

    func resolve(_ name: String, asOf: CalendarDate? = nil) throws -> ResolvedProfile {
        ProfileResolver(catalog: shipped.ruleSet.catalog).resolve(try load(name, asOf: asOf))
    }

    func example(_ name: String) -> String { FixturePaths.packageRoot.appendingPathComponent("examples/fhir/\(name)").path }

    @Test("The age comes from birthDate at the Bundle's timestamp, or at an explicit as-of date, never the clock")
    func ageFromBirthDate() throws {
        let p = try load("mapping-bundle.json")   // born 1956-12-01; timestamp 2026-11-30: the day before the 70th birthday
        #expect(p.isFHIR && p.clientID == "p1" && p.sex == "female")
        #expect(p.age == 69)
        #expect(try load("mapping-bundle.json", asOf: CalendarDate("2026-12-01")).age == 70)
        #expect(try load("mapping-bundle.json", asOf: CalendarDate("2030-06-01")).age == 73)
    }

    @Test("Active, recurring and relapsing conditions are read with ICD-10-CM and SNOMED CT codes, body site, severity and course")
    func conditions() throws {
        let r = try resolve("mapping-bundle.json")
        let stenosis = try #require(r.conditions.first { $0.id == "lumbar_spinal_stenosis" })
        #expect(stenosis.icd10 == "M48.062" && stenosis.severity == "severe" && stenosis.region == "lumbar")
        #expect(stenosis.course == "chronic" && stenosis.active)
        let sciatica = try #require(r.conditions.first { $0.id == "sciatica" })
        #expect(sciatica.status == "recurrence" && sciatica.active && sciatica.course == "acute")   // 10 days
        let fibro = try #require(r.conditions.first { $0.input == "Fibromyalgia" })
        #expect(fibro.status == "resolved" && !fibro.active && fibro.course == "subacute")          // 8 weeks
    }

    @Test("A refuted or entered-in-error record is left out, and the warning says so with its FHIR path")
    func refutedIsIgnored() throws {
        let p = try load("mapping-bundle.json")
        #expect(!p.conditions.contains { $0.icd10 == "G83.4" })
        let w = try #require(p.warnings.first { $0.field == "Bundle.entry[4].resource.verificationStatus" })
        #expect(w.code == "fhir_ignored" && w.message.contains("refuted") && w.line == 19)
    }

    @Test("Medicines: an RxNorm code the catalog lists, a clinical-drug text as fallback, a contained Medication; a completed one is left out")
    func medications() throws {
        let r = try resolve("mapping-bundle.json")
        #expect(r.medications.map(\.id) == ["warfarin", "ibuprofen"])
        #expect(r.medications.map(\.classID) == ["anticoagulant", "nsaid"])
        let p = try load("mapping-bundle.json")
        #expect(p.medications[0].rxnorm == "855332" && p.medications[1].rxnorm == "5640")
        #expect(p.warnings.contains { $0.code == "fhir_ignored" && $0.field == "Bundle.entry[6].resource.status" })
    }

    @Test("A surgery's weeks ago come from performedDateTime")
    func procedures() throws {
        let r = try resolve("mapping-bundle.json")
        let s = try #require(r.surgeries.first)
        #expect(s.procedureID == "knee_replacement" && s.weeksAgo == 6)   // 42 days before 2026-11-30
    }

    @Test("A temperature of 38 °C or more in the last three days is a fever; °F is converted; smoking status sets the smoker flag")
    func feverAndSmoking() throws {
        let r = try resolve("mapping-bundle.json")
        #expect(r.symptoms.contains("fever"))          // 100.9 °F = 38.3 °C, the day before
        #expect(r.symptomOnsets["fever"] == "new")
        #expect(r.flags.contains("smoker"))
        let later = try resolve("mapping-bundle.json", asOf: CalendarDate("2026-12-10"))
        #expect(!later.symptoms.contains("fever"))     // 11 days old: not current
    }

    @Test("An allergy to a massage medium (lanolin, nut oils) is oil sensitivity; an allergy to a drug is not used")
    func allergies() throws {
        let p = try load("mapping-bundle.json")
        #expect(p.preferences.oilSensitivity == true)
        #expect(p.notes.map(\.text) == ["Allergy: Lanolin"])
        #expect(p.warnings.contains { $0.code == "fhir_ignored" && $0.message.contains("Penicillin") })
    }

    @Test("A resource type Rubric does not read needs review; a vital sign no rule uses is only noted")
    func unknownResourcesNeedReview() throws {
        let rec = shipped.evaluate(try load("mapping-bundle.json"))
        let item = try #require(rec.review.first { $0.field == "Bundle.entry[14].resource" })
        #expect(item.code == .notRead && item.message.contains("ImagingStudy"))
        #expect(!rec.review.contains { $0.field == "Bundle.entry[13].resource" })   // heart rate
        #expect(rec.status != .recommended)
    }

    @Test("Pregnancy status and gestational age give the weeks on the as-of date; the latest blood pressure decides; low platelets are flagged")
    func observations() throws {
        let r = try resolve("pregnancy-observations.json")
        #expect(r.age == 33)
        #expect(r.pregnancy?.weeks == 26)                      // 24 weeks on 2026-11-16, two weeks before
        #expect(r.flags.contains("uncontrolled_hypertension")) // 182/100 on 2026-11-29 after 120/78 on 2026-11-01
        #expect(r.flags.contains("low_platelets"))
        #expect(!r.symptoms.contains("fever"))                 // 38.6 °C ten days before
        let rec = shipped.evaluate(try load("pregnancy-observations.json"))
        #expect(rec.status == .referral)
    }

    @Test("A blood pressure under 140/90 is controlled hypertension only when a Condition records hypertension")
    func controlledHypertension() throws {
        let r = ProfileResolver(catalog: shipped.ruleSet.catalog).resolve(try Profile.load(path: example("anticoagulant-transaction.json")))
        #expect(r.flags.contains("controlled_hypertension"))
        let stenosis = ProfileResolver(catalog: shipped.ruleSet.catalog).resolve(try Profile.load(path: example("stenosis-bundle.json")))
        #expect(!stenosis.flags.contains("controlled_hypertension") && !stenosis.flags.contains("uncontrolled_hypertension"))
    }

    @Test("Without an as-of date or a timestamp, nothing date-dependent is derived, and that is said")
    func noAsOfDate() throws {
        let p = try Profile.load(path: example("condition-resource.json"))
        #expect(p.conditions.first?.course == nil && p.conditions.first?.severity == "moderate")
        #expect(p.warnings.contains { $0.code == "fhir_assumed" && $0.message.contains("no as-of date") })
        let dated = try Profile.load(path: example("condition-resource.json"), asOf: CalendarDate("2026-11-30"))
        #expect(dated.conditions.first?.course == "chronic")
    }

    @Test("A malformed Bundle is an error naming the JSON path and line", arguments: [
        ("entry-not-array.json", "Bundle.entry", "must be an array"),
        ("no-resource-type.json", "Bundle.entry[1].resource", "needs a resourceType"),
        ("two-patients.json", "Bundle.entry[1].resource", "a second Patient"),
        ("other-subject.json", "Bundle.entry[1].resource.subject", "not the Bundle's Patient"),
        ("bad-date.json", "Bundle.entry[0].resource.birthDate", "not a FHIR date"),
        ("history-bundle.json", "Bundle.type", "not a client's record"),
        ("patient-twice-different.json", "Bundle.entry[1].resource", "appears twice"),
    ])
    func malformedBundles(file: String, field: String, message: String) throws {
        let error = #expect(throws: InputError.self) { try load("errors/\(file)") }
        #expect(error?.field == field)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
        #expect(error?.line != nil)
    }

    @Test("The shipped FHIR examples give the results their README describes", arguments: [
        ("stenosis-bundle.json", Recommendation.Status.recommended),
        ("anticoagulant-transaction.json", .clearanceRequired),
        ("post-surgery-fever-searchset.json", .referral),
        ("pregnancy-bundle.json", .referral),
        ("unknowns-bundle.json", .reviewRequired),
        ("condition-resource.json", .reviewRequired),
    ])
    func shippedExamples(file: String, status: Recommendation.Status) throws {
        #expect(shipped.evaluate(try Profile.load(path: example(file))).status == status)
    }

    @Test("The same Bundle gives byte-identical JSON, whatever was evaluated before")
    func deterministic() throws {
        let a = shipped.evaluate(try Profile.load(path: example("pregnancy-bundle.json"))).serializedJSON()
        _ = shipped.evaluate(try Profile.load(path: example("unknowns-bundle.json")))
        let b = shipped.evaluate(try Profile.load(path: example("pregnancy-bundle.json"))).serializedJSON()
        #expect(a == b)
    }

    @Test("A JSON line in batch is read as FHIR too, with the same facts")
    func batchLine() throws {
        let text = try String(contentsOfFile: FixturePaths.path("fhir/pregnancy-observations.json"), encoding: .utf8)
        let line = text.split(separator: "\n").joined(separator: " ")
        let p = try Profile.parse(json: line, source: "line 1")
        let r = ProfileResolver(catalog: shipped.ruleSet.catalog).resolve(p)
        #expect(r.pregnancy?.weeks == 26 && r.flags.contains("uncontrolled_hypertension"))
    }

    @Test("Edge cases read the safer way: pulmonary hypertension is not hypertension, kPa is converted, a future reading and a do-not-give are left out")
    func edgeCases() throws {
        let p = try load("edge-cases.json")
        let r = ProfileResolver(catalog: shipped.ruleSet.catalog).resolve(p)
        #expect(p.clientID == "e1" && p.warnings.contains { $0.code == "fhir_ignored" && $0.message.contains("same Patient") })
        #expect(r.flags.contains("uncontrolled_hypertension"))      // 25/13 kPa = 188/98 mmHg
        #expect(!r.flags.contains("controlled_hypertension"))
        #expect(!r.symptoms.contains("fever"))                       // dated after the as-of date
        #expect(p.warnings.contains { $0.code == "implausible_value" && $0.field == "Bundle.entry[4].resource.effectiveDateTime" })
        #expect(r.medications.map(\.id) == ["warfarin"])           // the unknown-status statement; not the do-not-give request
    }

    @Test("An RxNorm code never reads worse than the name: brackets still count, an unknown code falls back, a contradiction keeps both")
    func rxnormWithNames() throws {
        let r = ProfileResolver(catalog: shipped.ruleSet.catalog).resolve(try Profile.load(path: FixturePaths.path("profiles/rxnorm.yaml")))
        #expect(r.medications.map(\.id) == ["ibuprofen", "warfarin", "rivaroxaban", "apixaban", "warfarin", "ibuprofen", nil])
        #expect(r.warnings.contains { $0.code == "contradictory" && $0.field == "medications[4].rxnorm" })
        #expect(r.warnings.contains { $0.code == "unknown_code" && $0.term == "123" })
        #expect(!r.warnings.contains { $0.code == "unknown_code" && $0.term == "999999999" })   // the name identified it
    }

    @Test("A partial record needs review: another page, fewer entries than the total, an error outcome, an undated reading; an old normal blood pressure is not control")
    func partialRecord() throws {
        let p = try load("partial-record.json")
        let notRead = p.warnings.filter { $0.code == "fhir_not_read" }.map(\.field)
        #expect(notRead.contains("Bundle.link[1]") && notRead.contains("Bundle.total"))
        #expect(notRead.contains("Bundle.entry[5].resource") && notRead.contains("Bundle.entry[4].resource"))
        let r = ProfileResolver(catalog: shipped.ruleSet.catalog).resolve(p)
        #expect(!r.flags.contains("controlled_hypertension"))   // 126/80 in 2023: three years before
        #expect(shipped.evaluate(p).status == .reviewRequired)
    }
}
