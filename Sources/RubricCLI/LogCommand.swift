import ArgumentParser
import Foundation
import Rubric
import RubricDecisionLog

/// `rubric log list|show|replay`: the decision log `serve` and `batch --decision-log` write.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Read the decision log: list decisions, show one, or replay logged inputs with other rules.",
        subcommands: [List.self, Show.self, Replay.self])

    struct LogOption: ParsableArguments {
        @Option(name: .customLong("decision-log"), help: ArgumentHelp(
            "The log: sqlite:FILE or postgres://user:password@host:port/database (default: $RUBRIC_DECISION_LOG).", valueName: "url"))
        var url: String?

        func open() async throws -> any DecisionStore {
            guard let url = url ?? ProcessInfo.processInfo.environment["RUBRIC_DECISION_LOG"] else {
                throw ValidationError("give --decision-log sqlite:FILE or postgres://… (or set RUBRIC_DECISION_LOG)")
            }
            do { return try await DecisionLog.open(url) } catch { throw Failure(message: error.description) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "One line per decision, oldest first.")
        @OptionGroup var log: LogOption
        @Option(help: "Only decisions from this time on (RFC 3339, or a prefix such as 2026-12-03).") var since: String?
        @Option(help: "At most this many.") var limit: Int?
        @Option(help: "Output format: text or json (JSON lines, rubric.decision/1 without the result).") var format: ReportFormat = .text

        func run() async throws {
            let store = try await log.open()
            defer { Task { await store.shutdown() } }
            let decisions: [DecisionRecord]
            do { decisions = try await store.decisions(since: since, limit: limit) } catch { throw Failure(message: error.description) }
            var out = ""
            for d in decisions {
                switch format {
                case .json:
                    out += JSONValue.object([
                        ("schema", .string("rubric.decision/1")), ("id", .string(d.id)), ("time", .string(d.time)), ("origin", .string(d.origin)),
                        ("source", .string(d.source)), ("ruleset", .string(d.ruleSetHash)), ("input_hash", .string(d.inputHash)),
                        ("status", .string(d.status)), ("referral_urgency", .optional(d.referralUrgency)),
                        ("top_technique", .optional(d.topTechnique)), ("input_format", .string(d.inputFormat)),
                        ("as_of", .optional(d.asOf)), ("input_logged", .bool(d.input != nil)),
                    ]).serialized(pretty: false) + "\n"
                case .text:
                    let outcome = d.referralUrgency.map { "\(d.status) (\($0))" } ?? d.status
                    out += "\(d.id)  \(d.time)  \(d.origin.padding(toLength: 20, withPad: " ", startingAt: 0)) "
                        + "\(outcome.padding(toLength: 24, withPad: " ", startingAt: 0)) \(d.topTechnique ?? "-")"
                        + (d.input == nil ? "" : "  [input]") + "\n"
                }
            }
            if format == .text { out += "\(decisions.count) decision\(decisions.count == 1 ? "" : "s")\n" }
            Terminal.write(out)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "One decision as JSON (rubric.decision/1), its full result included.")
        @OptionGroup var log: LogOption
        @Argument(help: "The decision's id (the Rubric-Decision-Id header).") var id: String

        func run() async throws {
            let store = try await log.open()
            defer { Task { await store.shutdown() } }
            let found: DecisionRecord?
            do { found = try await store.decision(id: id) } catch { throw Failure(message: error.description) }
            guard let found else { throw Failure(message: "no decision \(id) in the log") }
            Terminal.write(found.json + "\n")
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "replay",
            abstract: "Re-evaluate logged inputs with another rule set and report what would change.",
            discussion: "Only decisions logged with --log-inputs can be replayed; the others are counted. Exit 0 whatever changed.")
        @OptionGroup var log: LogOption
        @OptionGroup var ruleOptions: RuleOptions
        @Option(help: "Only decisions from this time on (RFC 3339, or a prefix such as 2026-12-03).") var since: String?
        @Option(help: "Output format: text or json (rubric.replay/1).") var format: ReportFormat = .text

        func run() async throws {
            let evaluator = try ruleOptions.evaluator()
            let store = try await log.open()
            defer { Task { await store.shutdown() } }
            let decisions: [DecisionRecord]
            do { decisions = try await store.decisions(since: since, limit: nil) } catch { throw Failure(message: error.description) }
            var changes: [DecisionChange] = [], skipped: [(id: String, reason: DecisionReplay.Skip)] = []
            for d in decisions {
                switch DecisionReplay.profile(of: d) {
                case .success(let profile): changes.append(DecisionReplay.compare(d, now: evaluator.evaluate(profile)))
                case .failure(let skip): skipped.append((d.id, skip))
                }
            }
            switch format {
            case .json:
                Terminal.write(DecisionReplay.json(changes, skipped: skipped, rules: evaluator.ruleSet, replayed: changes.count).serialized() + "\n")
            case .text:
                Terminal.write(Self.text(changes, skipped: skipped.count, rules: evaluator.ruleSet))
            }
        }

        static func text(_ changes: [DecisionChange], skipped: Int, rules: RuleSet) -> String {
            let changed = changes.filter(\.changed)
            var out = ["Replayed \(changes.count) decision\(changes.count == 1 ? "" : "s") with \(rules.directory) (\(rules.hash.prefix(19))): "
                       + "\(changed.count) would change" + (skipped > 0 ? "; \(skipped) not replayable (logged without --log-inputs)" : "")]
            for c in changed {
                out.append("")
                out.append("\(c.id)  \(c.time)  \(c.source)")
                if c.statusBefore != c.statusAfter { out.append("  status: \(c.statusBefore) -> \(c.statusAfter)") }
                if c.rankingBefore != c.rankingAfter {
                    out.append("  ranking: \(c.rankingBefore.prefix(3).joined(separator: ", ")) -> \(c.rankingAfter.prefix(3).joined(separator: ", "))")
                }
                for m in c.moves {
                    let rules = m.rules.map { "\($0.rule) \($0.delta > 0 ? "+" : "")\($0.delta)" }.joined(separator: ", ")
                    out.append("  \(m.technique): score \(m.scoreBefore.map(String.init) ?? "-") -> \(m.scoreAfter.map(String.init) ?? "-")"
                               + (rules.isEmpty ? "" : " (\(rules))"))
                }
                for e in c.excludedAdded { out.append("  now excluded: \(e.technique) (\(e.rules.joined(separator: ", ")))") }
                for e in c.excludedRemoved { out.append("  no longer excluded: \(e.technique) (was \(e.rules.joined(separator: ", ")))") }
                if c.pressureBefore != c.pressureAfter {
                    out.append("  pressure limit: \(c.pressureBefore ?? "none") -> \(c.pressureAfter ?? "none") (\(c.pressureRules.joined(separator: ", ")))")
                }
                for r in c.cautionsAdded { out.append("  new caution: \(r)") }
                for r in c.cautionsRemoved { out.append("  caution gone: \(r)") }
                for r in c.referralsAdded { out.append("  new referral: \(r)") }
                for r in c.referralsRemoved { out.append("  referral gone: \(r)") }
                if c.urgencyBefore != c.urgencyAfter { out.append("  referral urgency: \(c.urgencyBefore ?? "none") -> \(c.urgencyAfter ?? "none")") }
                for r in c.clearancesAdded { out.append("  new clearance: \(r)") }
                for r in c.clearancesRemoved { out.append("  clearance gone: \(r)") }
                for r in c.reviewAdded { out.append("  new to check: \(r)") }
                for r in c.reviewRemoved { out.append("  no longer to check: \(r)") }
            }
            return out.joined(separator: "\n") + "\n"
        }
    }
}
