import Testing
@testable import Rubric

@Suite("Term normalisation")
struct TermsTests {
    /// A small seeded generator (SplitMix64), so a failure is the same on every run.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("ASCII terms normalise byte by byte exactly as Character by Character, carriage returns included")
    func asciiFastPathMatches() {
        let fixed = ["Low Back Pain", "  low-back__pain  ", "LBP\r\nsecond", "a\r\n b", "\r", "\n\r", "x\t\tY", "", "---",
                     "Ibuprofen 400MG", "C7-T1", "\r\n", " \r\n ", "A\rB"]
        for s in fixed { #expect(Terms.normalizeASCII(s) == Terms.normalizeCharacters(s), "\(s.debugDescription)") }
        var rng = Seeded(state: 12)
        let alphabet = Array("aZ -_\t\n\r0.").map { String($0) }
        for _ in 0..<5_000 {
            let s = (0..<Int.random(in: 0...10, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
            #expect(Terms.normalizeASCII(s) == Terms.normalizeCharacters(s), "\(s.debugDescription)")
        }
    }

    @Test("A plain number is read as an age exactly as the general reading of ages reads it")
    func plainAges() {
        var rng = Seeded(state: 7)
        var cases = ["0", "7", "67", "000067", "999999", "1000000", "12345678", "70 yrs", " 70", "70.0", "-5", "+5", "", "٦٧"]
        for _ in 0..<2_000 {
            cases.append((0..<Int.random(in: 1...8, using: &rng)).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined())
        }
        for s in cases { #expect(IntakeWording.age(s) == IntakeWording.ageInWords(s), "\(s.debugDescription)") }
        #expect(IntakeWording.age("67") == 67 && IntakeWording.age("1000000") == nil)
    }

    @Test("ASCII ICD-10 codes normalise byte by byte exactly as Character by Character")
    func icd10FastPathMatches() {
        var cases = ["m54.5", "M545", " m 5 4 5 ", "M54.50", "m48062", "I10", "i1", "\tz9\r\n1.\u{0B}2\u{0C}", "ab.cd.e", "", "   ",
                     "M4\r\n8.06", "x\u{1F}y1234"]
        var rng = Seeded(state: 3)
        // one string each: a lone "\r" or "\n" as well as "\r\n" when they fall together
        let alphabet = ["m", "M", "4", ".", "8", " ", "\t", "\r", "\n", "\u{0B}", "\u{0C}", "\u{1F}", "z", "0"]
        for _ in 0..<5_000 {
            cases.append((0..<Int.random(in: 0...9, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined())
        }
        for s in cases { #expect(ICD10.normalizeASCII(s) == ICD10.normalizeCharacters(s), "\(s.debugDescription)") }
        #expect(ICD10.normalizeASCII("M54é") == nil && ICD10.normalize("m54.5") == "M54.5" && ICD10.normalize("m545") == "M54.5")
    }

    @Test("An ASCII term's singular and plural variants are found byte by byte exactly as Character by Character")
    func numberVariantsFastPathMatches() {
        var cases = ["muscle spasms", "muscle spasm", "migraines", "bodies", "boxes", "glass", "weak legs", "numb hand", "abc",
                     "a b c", "pain  ", "  ", "", "low back pain 2", "x\r\nflies", "aches", "ies", "sss", "knee pains", "HIPS"]
        var rng = Seeded(state: 5)
        let alphabet = ["a", "e", "i", "s", "y", " ", " ", "S", "E", "x", "1", "\t", "\r", "\n"]
        for _ in 0..<5_000 {
            cases.append((0..<Int.random(in: 0...9, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined())
        }
        for s in cases { #expect(Vocabulary.numberVariants(of: s) == Vocabulary.numberVariantsCharacters(of: s), "\(s.debugDescription)") }
        #expect(Vocabulary.numberVariantsASCII(of: "spasms") == ["spasm"] && Vocabulary.numberVariantsASCII(of: "façades") == nil)
    }

    @Test("Text that is not ASCII takes the Character path, and normalise gives its answer")
    func nonASCIIFallsBack() {
        #expect(Terms.normalizeASCII("Ménière's disease") == nil)
        #expect(Terms.normalize("MÉNIÈRE-Disease") == "ménière disease")
        #expect(Terms.normalize("Low-Back  PAIN") == "low back pain")
    }
}
