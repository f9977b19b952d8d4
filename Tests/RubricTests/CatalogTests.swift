import Foundation
import Testing
@testable import Rubric

@Suite("Catalog")
struct CatalogTests {
    /// The error loading the fixture catalog `name` throws, or nil if it loads.
    func error(_ name: String) -> InputError? {
        do { _ = try Catalog.load(directory: FixturePaths.path("catalogs/\(name)"), displayPath: name); return nil } catch { return error }
    }

    @Test("A medication id given twice is an error at the second entry naming the first, not a crash")
    func duplicateMedication() throws {
        let e = try #require(error("duplicate-medication"))
        #expect(e == InputError(file: "duplicate-medication/medications.yaml", line: 7, column: 5, field: "medications[3]",
                                message: "duplicate id 'warfarin' (first at duplicate-medication/medications.yaml:5)"), "\(e)")
    }

    @Test("A name, alias, brand or code that two entries share is an error at the second, naming the first's line", arguments: [
        ("brand-clash", "brand-clash/medications.yaml", 8, "medications[2].brands[2]",
         "name or alias 'coumadin' of 'apixaban' already names 'warfarin' (brand-clash/medications.yaml:5); each must name one entry"),
        ("alias-clash", "alias-clash/symptoms.yaml", 6, "symptoms[2].aliases[2]",
         "name or alias 'loss of feeling' of 'tingling' already names 'numbness' (alias-clash/symptoms.yaml:3); each must name one entry"),
        ("code-clash", "code-clash/conditions.yaml", 8, "conditions[2].icd10[2]",
         "ICD-10-CM code 'M48.062' of 'sciatica' already names 'lumbar_spinal_stenosis' (code-clash/conditions.yaml:5); each must name one entry"),
        ("technique-alias-clash", "technique-alias-clash/techniques.yaml", 8, "techniques[2].aliases[1]",
         "name or alias 'swedish' of 'deep_tissue' already names 'swedish' (technique-alias-clash/techniques.yaml:3); each must name one entry"),
    ])
    func clashes(name: String, file: String, line: Int, field: String, message: String) throws {
        let e = try #require(error(name))
        #expect(e.file == file && e.line == line && e.field == field && e.message == message, "\(e)")
    }

    @Test("Each catalog mistake is an error naming the file, the line and what is wrong", arguments: [
        ("bad-id", "bad-id/techniques.yaml", 3, "id 'Swedish-Massage' must be lowercase snake_case"),
        ("pressure-order", "pressure-order/techniques.yaml", 5, "pressure min is above max"),
        ("unknown-class", "unknown-class/medications.yaml", 6, "unknown medication class 'blood_thinner'"),
        ("missing-name", "missing-name/symptoms.yaml", 3, "name"),
    ])
    func validationErrors(name: String, file: String, line: Int, phrase: String) throws {
        let e = try #require(error(name), "\(name) loaded")
        #expect(e.file == file && e.line == line && e.message.contains(phrase), "\(e)")
    }

    @Test("A condition naming a region regions.yaml does not have is an error naming the condition's field")
    func unknownRegion() throws {
        let e = try #require(error("unknown-region"))
        #expect(e.file == "unknown-region/conditions.yaml" && e.field == "conditions.neck_pain.regions"
                && e.message == "unknown region 'neck' (not in regions.yaml)", "\(e)")
    }

    @Test("A catalog without techniques.yaml is an error naming the missing file")
    func missingFile() throws {
        let e = try #require(error("no-techniques"))
        #expect(e.file.hasSuffix("techniques.yaml") && e.message == "missing catalog file", "\(e)")
    }

    @Test("The shipped catalog and the test catalogs map every name, alias and code to one id")
    func shippedCatalogIsUnambiguous() throws {
        _ = try Catalog.load(directory: FixturePaths.packageRoot.appendingPathComponent("rules/catalog").path, displayPath: "rules/catalog")
        _ = try Catalog.load(directory: FixturePaths.path("starter/catalog"), displayPath: "starter/catalog")
    }
}
