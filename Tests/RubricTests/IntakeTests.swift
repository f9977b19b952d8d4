import Foundation
import Testing

@testable import Rubric
import RubricRendering

/// What a real intake gives (issue 10 §1): codes from an EHR, symptom onset, free-text notes.
@Suite("Intake")
struct IntakeTests {
    let shipped: Evaluator

    init() throws {
        shipped = try Evaluator(ruleSet: try RuleSet.load(directory: FixturePaths.packageRoot.appendingPathComponent("rules").path))
    }

    @Test("A retired ICD-10-CM code is read through the hierarchy with a warning naming its replacements; the code is kept as given")
    func retiredCode() throws {
        let rec = shipped.evaluate(try Profile.load(path: FixturePaths.path("intake/codes.yaml")))
        let first = try #require(rec.profile.conditions.first)
        #expect(first.id == "low_back_pain" && first.icd10 == "M54.5")
        let w = try #require(rec.profile.warnings.first { $0.code == "retired_code" })
        #expect(w.message == "ICD-10-CM code M54.5 was retired on 2021-10-01; use M54.50, M54.51, M54.59; it was read as Low back pain")
        #expect(w.field == "conditions[1].icd10")
    }

    @Test("A SNOMED CT code the catalog lists resolves to its condition; an unknown one is a review item")
    func snomed() throws {
        let rec = shipped.evaluate(try Profile.load(path: FixturePaths.path("intake/codes.yaml")))
        #expect(rec.profile.conditions.map(\.id) == ["low_back_pain", "lumbar_spinal_stenosis"])
        let unknown = shipped.evaluate(try Profile.parse("client: {age: 40}\nconditions:\n  - {snomed: \"999999999\"}\n", source: "s.yaml"))
        #expect(unknown.status == .reviewRequired)
        #expect(unknown.review.contains { $0.code == .unknownCode && $0.term == "999999999" })
    }

    @Test("notes at the top and on an entry are accepted, echoed in every format, and never warned about as unknown fields")
    func notes() throws {
        let rec = shipped.evaluate(try Profile.load(path: FixturePaths.path("intake/codes.yaml")))
        #expect(rec.profile.notes.map(\.text) == ["Referred by Dr Okafor; prefers morning sessions.", "diagnosed 2019"])
        #expect(!rec.profile.warnings.contains { $0.code == "unknown_field" })
        #expect(rec.text().contains("Intake notes (not read by rules)"))
        #expect(rec.markdown.contains("- `conditions[2].notes`: diagnosed 2019"))
        #expect(rec.serializedJSON(pretty: false).contains(#""notes":[{"field":"notes","line":3,"text":"Referred by Dr Okafor; prefers morning sessions."}"#))
    }

    @Test("A symptom's onset reaches rules through client:onset; a symptom without one reads nil")
    func onset() throws {
        let evaluator = try SandboxHardeningTests.evaluator(["reads_onset.lua"])
        let rec = evaluator.evaluate(try Profile.load(path: FixturePaths.path("intake/onset.yaml")))
        let reasons = rec.ranking.first { $0.technique == "swedish" }?.contributions.map(\.reason) ?? []
        #expect(reasons.contains("numbness longstanding, tingling nil"), "\(reasons) \(rec.failures)")
        #expect(rec.profile.symptomOnsets == ["numbness": "longstanding"])
    }

    @Test("An onset that is not new, worsening or longstanding is an invalid value, named with its line")
    func badOnset() throws {
        let p = try Profile.parse("symptoms:\n  - {name: numbness, onset: lately}\n", source: "o.yaml")
        #expect(p.warnings.contains { $0.code == "invalid_value" && $0.line == 2 && $0.field == "symptoms[1].onset" })
    }

    @Test("Intake wording is read: sex F and M, '70 yrs', '22 weeks', '22.5', '22+3', plural forms, a brand with the generic in brackets",
          arguments: [
            ("client: {age: 70 yrs, sex: F}", "70 female -"),
            ("client: {age: \"70 years old\", sex: m}", "70 male -"),
            ("pregnancy: 22 weeks", "- - 22"),
            ("pregnancy: {weeks: 22.5}", "- - 22"),
            ("pregnancy: \"22+3\"", "- - 22"),
          ])
    func wording(yaml: String, expected: String) throws {
        let p = shipped.resolve(try Profile.parse(yaml + "\n", source: "w.yaml"))
        let got = "\(p.age.map(String.init) ?? "-") \(p.sex ?? "-") \(p.pregnancy?.weeks.map(String.init) ?? "-")"
        #expect(got == expected, "\(p.warnings)")
    }

    @Test("Plural forms and bracketed generics resolve: 'numbnesses', 'Xarelto 20mg (rivaroxaban)'")
    func pluralsAndBrackets() throws {
        let p = shipped.resolve(try Profile.parse("symptoms: [numbnesses]\nmedications: [\"Xarelto 20mg (rivaroxaban)\"]\n", source: "w.yaml"))
        #expect(p.symptoms == ["numbness"])
        #expect(p.medications.first?.classID == "anticoagulant")
        #expect(p.warnings.isEmpty, "\(p.warnings)")
    }

    @Test("'Did you mean' never turns a harmless phrase into a red flag by spelling distance alone; a real typo still gets one")
    func noRedFlagSuggestion() throws {
        let p = shipped.resolve(try Profile.parse("symptoms: [bilateral leg swelling, sadle numbness]\n", source: "w.yaml"))
        let suggestions = p.warnings.filter { $0.code == "unknown_term" }.map(\.suggestion)
        #expect(suggestions.first == .some(nil), "\(suggestions)")
        #expect(suggestions.last == "Saddle anaesthesia")
    }

    @Test("Two entries of one symptom with different onsets keep the more urgent, with a warning, in either order")
    func conflictingOnsets() throws {
        for order in [["new", "longstanding"], ["longstanding", "new"]] {
            let yaml = "client: {age: 70}\nconditions: [{name: low back pain, course: chronic}]\nsymptoms:\n"
                + "  - {name: urinary incontinence, onset: \(order[0])}\n  - {name: stress incontinence, onset: \(order[1])}\n"
            let rec = shipped.evaluate(try Profile.parse(yaml, source: "o.yaml"))
            #expect(rec.profile.symptomOnsets["bladder_dysfunction"] == "new")
            #expect(rec.status == .referral && rec.referralUrgency == .emergency, "\(order)")
            #expect(rec.profile.warnings.contains { $0.code == "contradictory" })
        }
    }

    @Test("A second medicine in brackets is never dropped: 'ibuprofen (warfarin)' is both, and the bleeding rules apply")
    func bracketedSecondMedicine() throws {
        let yaml = "client: {age: 50}\nmedications: [\"ibuprofen (warfarin)\"]\n"
        let rec = shipped.evaluate(try Profile.parse(yaml, source: "m.yaml"))
        #expect(rec.profile.medications.compactMap(\.id) == ["ibuprofen", "warfarin"])
        #expect(rec.excluded.contains { $0.technique == "deep_tissue" })
    }

    @Test("'weak legs' may mean both legs: it is not read as one leg's weakness, so a person checks it")
    func ambiguousPlural() throws {
        let rec = shipped.evaluate(try Profile.parse("client: {age: 45}\nsymptoms: [weak legs, numb hand]\n", source: "w.yaml"))
        #expect(rec.profile.symptoms.isEmpty, "\(rec.profile.symptoms)")
        #expect(rec.status == .reviewRequired)
    }
}

