import Foundation
import LuaSandbox
import Testing

@testable import Rubric
@testable import RubricRendering

/// What a rule can observe never depends on addresses, collection timing or what ran before;
/// arguments are read once; reports cannot be rewritten by control characters; and plugins that
/// cannot work as meant are said so when they load.
@Suite("Hostile plugins: determinism, arguments and reports")
struct SandboxDeterminismTests {
    @Test("A host error about a table argument names its type, never its address")
    func noAddressInHostErrors() throws {
        let rec = try #require(try HostileHarness.check(["address_message.lua"], rule: "hostile.address_message",
                                                        kind: .indication, phrases: ["got table"], errorKind: .runtime))
        #expect(!(rec.failures.first?.error.message.contains("0x") ?? true))
    }

    @Test("A read-only table written with a table key names the key's type in its message, never an address")
    func noAddressInReadOnlyErrors() throws {
        let rec = try #require(try HostileHarness.check(["address_key.lua"], rule: "hostile.address_key", kind: .indication,
                                                        phrases: ["read-only (cannot set 'table')"], errorKind: .runtime))
        #expect(!(rec.failures.first?.error.message.contains("0x") ?? true))
    }

    @Test("pairs over a table keyed by tables is an error: their order would follow addresses")
    func tableKeysHaveNoOrder() throws {
        try HostileHarness.check(["table_key_order.lua"], rule: "hostile.table_key_order", kind: .indication,
                                 phrases: ["pairs: a key is a table"], errorKind: .runtime)
    }

    @Test("A weak table is refused: what it holds would depend on when the collector runs")
    func weakTablesRefused() throws {
        try HostileHarness.check(["weak_table.lua"], rule: "hostile.weak_table", kind: .indication,
                                 phrases: ["weak tables (__mode) are not allowed"], errorKind: .runtime)
    }

    @Test("tostring and string.format of a table with __name give the name, never 'name: 0x…'")
    func namedTablesHaveNoAddress() throws {
        let evaluator = try SandboxHardeningTests.evaluator(["named_tostring.lua"])
        let rec = evaluator.evaluate(try Profile.parse(HostileHarness.benignProfile, source: "b.yaml"))
        let reasons = rec.ranking.first { $0.technique == "deep_tissue" }?.contributions.map(\.reason)
        #expect(reasons == ["tostring: Thing, format: Thing, plain: table, function: function"], "\(rec.failures)")
    }

    @Test("refer reads each field of its spec once: a spec that answers differently on a second read cannot record a bad urgency")
    func referReadsOnce() throws {
        let evaluator = try SandboxHardeningTests.evaluator(["refer_twice.lua"])
        let rec = evaluator.evaluate(try Profile.parse(HostileHarness.attackProfile, source: "a.yaml"))
        #expect(rec.failures.isEmpty, "\(rec.failures)")
        #expect(rec.status == .referral)
        #expect(rec.referrals.map(\.urgency) == [.emergency])
    }

    @Test("apply = error is refused at load: a library function has no line in the plugin to report")
    func applyMustBeThePlugins() throws {
        try SandboxHardeningTests.expectRefusedAtLoad("apply_builtin.lua", line: nil,
                                                      phrase: "apply must be a function written in this plugin")
    }

    @Test("A plugin that loads but declares no rules is a warning naming its file, in the evaluator and in rules check")
    func pluginWithoutRules() throws {
        let folder = try HostileHarness.rulesFolder(["no_rules.lua"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let ruleSet = try RuleSet.load(directory: folder.path)
        let evaluator = try Evaluator(ruleSet: ruleSet)
        let warning = try #require(evaluator.loadWarnings.first)
        #expect(evaluator.loadWarnings.count == 1)
        #expect(warning.location?.file.hasSuffix("/no_rules.lua") == true)
        #expect(warning.error.message.contains("declares no rules (its chunk returned a table)"))
        let diagnostics = RuleChecker(ruleSet: ruleSet).check()
        #expect(diagnostics.contains { $0.code == "no-rules" && $0.file.hasSuffix("/no_rules.lua") })
    }

    @Test("Control characters from rules and profiles never reach a text, Markdown or explain report raw",
          arguments: [false, true])
    func controlCharactersEscaped(color: Bool) throws {
        let evaluator = try SandboxHardeningTests.evaluator(["control_chars.lua"])
        let yaml = "client:\n  id: \"c\\e[2K\\rFAKE\"\n  age: 40\nflags: [attack]\nconditions: [\"bad\\e]0;x\\a term\"]\n"
        let rec = evaluator.evaluate(try Profile.parse(yaml, source: "control.yaml"))
        #expect(rec.failures.count == 1)
        let style = TextStyle(color: color)
        let explanation = try Explanation(recommendation: rec, technique: "swedish", versus: nil, catalog: evaluator.ruleSet.catalog)
        for report in [rec.text(style: style), rec.markdown, explanation.text(style: style)] {
            var rest = Substring(report)
            while let i = rest.unicodeScalars.firstIndex(where: { $0 != "\n" && TerminalText.isUnsafe($0) }) {
                rest = rest[i...]
                let allowed = color && TextStyle.sequences.contains { rest.hasPrefix($0) }
                #expect(allowed, "a raw control character in: \(rest.prefix(40).debugDescription)")
                rest = rest.dropFirst()
            }
        }
        let text = rec.text(style: TextStyle())
        #expect(text.contains(#"fine\u{D}\u{1B}[2K\u{1B}[1ARECOMMENDATION\u{7} Recommended"#))
        #expect(text.contains(#"client c\u{1B}[2K\u{D}FAKE"#))
        #expect(text.contains(#"bad\u{D}\u{1B}[1A\u{1B}[2KRECOMMENDATION"#))
    }
}

@Suite("Host-side failures")
struct HostFailureTests {
    @Test("A host-side memory failure fails closed and is reported as the engine's, with a location, never as \"safety rule '?'\"")
    func hostMemoryFailureNamed() throws {
        let evaluator = try SandboxHardeningTests.evaluator([])
        var limits = evaluator.sandbox.limits
        evaluator.sandbox.collectGarbage()
        limits.memoryBytes = evaluator.sandbox.memoryUsed + 64   // too little to push any profile
        try evaluator.sandbox.setLimits(limits)
        let rec = evaluator.evaluate(try Profile.parse(HostileHarness.benignProfile, source: "b.yaml"))
        #expect(rec.status == .failedClosed)
        let failure = try #require(rec.failures.first)
        #expect(failure.ruleID == nil && failure.error.kind == .memory, "\(failure)")
        let text = rec.text()
        #expect(text.contains("the engine: memory limit exceeded"), "\(text)")
        #expect(!text.contains("'?'"))
    }
}
