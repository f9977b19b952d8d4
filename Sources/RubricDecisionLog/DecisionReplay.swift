public import Foundation
public import Rubric

/// What another rule set would change in a logged decision: status, ranking, exclusions,
/// pressure, cautions and referrals, each change with the rules that caused it (as `rubric diff`).
public struct DecisionChange: Sendable {
    /// One technique whose rank or score moved, with the rules whose points differ.
    public struct Move: Sendable {
        public var technique: String
        public var rankBefore: Int?, rankAfter: Int?
        public var scoreBefore: Int?, scoreAfter: Int?
        public var rules: [(rule: String, delta: Int)]
    }

    public var id: String
    public var time: String
    public var source: String
    public var statusBefore: String, statusAfter: String
    public var rankingBefore: [String], rankingAfter: [String]
    public var moves: [Move] = []
    /// Techniques newly excluded (with the excluding rules) and no longer excluded (with the rules that had excluded them).
    public var excludedAdded: [(technique: String, rules: [String])] = []
    public var excludedRemoved: [(technique: String, rules: [String])] = []
    public var pressureBefore: String?, pressureAfter: String?
    /// The rules behind the pressure limit that came or went.
    public var pressureRules: [String] = []
    /// Cautions that came or went, by rule.
    public var cautionsAdded: [String] = [], cautionsRemoved: [String] = []
    /// Referral rules that came or went, and the referral's urgency before and after.
    public var referralsAdded: [String] = [], referralsRemoved: [String] = []
    public var urgencyBefore: String?, urgencyAfter: String?
    /// Clearance rules that came or went.
    public var clearancesAdded: [String] = [], clearancesRemoved: [String] = []
    /// Kinds of review items (`not_understood`, `question`, …) that came or went.
    public var reviewAdded: [String] = [], reviewRemoved: [String] = []

    /// Whether anything a therapist acts on changed.
    public var changed: Bool {
        statusBefore != statusAfter || rankingBefore != rankingAfter || !moves.isEmpty || !excludedAdded.isEmpty
            || !excludedRemoved.isEmpty || pressureBefore != pressureAfter || !cautionsAdded.isEmpty || !cautionsRemoved.isEmpty
            || !referralsAdded.isEmpty || !referralsRemoved.isEmpty || urgencyBefore != urgencyAfter
            || !clearancesAdded.isEmpty || !clearancesRemoved.isEmpty || !reviewAdded.isEmpty || !reviewRemoved.isEmpty
    }
}

/// Re-evaluates logged inputs with a rule set and compares with what was logged.
public enum DecisionReplay {
    /// Why a logged decision could not be replayed.
    public enum Skip: Error, Sendable, Equatable {
        /// It was logged without `--log-inputs`.
        case noInput
        /// The input no longer reads as a profile (the message says why).
        case unreadable(String)
    }

    /// Reads a logged decision's input as the server or batch read it.
    public static func profile(of d: DecisionRecord) -> Result<Profile, Skip> {
        guard let input = d.input else { return .failure(.noInput) }
        let asOf = d.asOf.flatMap(CalendarDate.init)
        do throws(InputError) {
            let data = Data(input.utf8)
            switch d.inputFormat {
            case "cds": return .success(try Profile.load(fhirMembersOf: "prefetch", in: data, source: d.source, asOf: asOf))
            case "json": return .success(try Profile.load(data: data, source: d.source, json: true, asOf: asOf))
            default: return .success(try Profile.load(data: data, source: d.source, json: false, asOf: asOf))
            }
        } catch {
            return .failure(.unreadable(error.description))
        }
    }

    /// What changed between the logged result and `now`, the same input under other rules.
    public static func compare(_ d: DecisionRecord, now: Recommendation) -> DecisionChange {
        let a = Summary(json: d.result), b = Summary(json: now.serializedJSON(pretty: false))
        var change = DecisionChange(id: d.id, time: d.time, source: d.source, statusBefore: a.status, statusAfter: b.status,
                                    rankingBefore: a.ranking.map(\.technique), rankingAfter: b.ranking.map(\.technique))
        for t in (a.ranking.map(\.technique) + b.ranking.map(\.technique)).uniquedSorted() {
            let ra = a.ranking.first { $0.technique == t }, rb = b.ranking.first { $0.technique == t }
            var byRule: [String: Int] = [:]
            for (rule, p) in ra?.contributions ?? [] { byRule[rule, default: 0] -= p }
            for (rule, p) in rb?.contributions ?? [] { byRule[rule, default: 0] += p }
            let rules = byRule.filter { $0.value != 0 }.sorted { (abs($0.value), $1.key) > (abs($1.value), $0.key) }.map { (rule: $0.key, delta: $0.value) }
            if ra?.rank != rb?.rank || ra?.score != rb?.score {
                change.moves.append(.init(technique: t, rankBefore: ra?.rank, rankAfter: rb?.rank, scoreBefore: ra?.score,
                                          scoreAfter: rb?.score, rules: rules))
            }
        }
        for (t, rules) in b.excluded where a.excluded[t] == nil { change.excludedAdded.append((t, rules)) }
        for (t, rules) in a.excluded where b.excluded[t] == nil { change.excludedRemoved.append((t, rules)) }
        change.excludedAdded.sort { $0.technique < $1.technique }
        change.excludedRemoved.sort { $0.technique < $1.technique }
        change.pressureBefore = a.pressure
        change.pressureAfter = b.pressure
        if a.pressure != b.pressure { change.pressureRules = Set(a.pressureRules).symmetricDifference(b.pressureRules).sorted() }
        change.cautionsAdded = Set(b.cautions).subtracting(a.cautions).sorted()
        change.cautionsRemoved = Set(a.cautions).subtracting(b.cautions).sorted()
        change.referralsAdded = Set(b.referrals).subtracting(a.referrals).sorted()
        change.referralsRemoved = Set(a.referrals).subtracting(b.referrals).sorted()
        change.urgencyBefore = a.urgency
        change.urgencyAfter = b.urgency
        change.clearancesAdded = Set(b.clearances).subtracting(a.clearances).sorted()
        change.clearancesRemoved = Set(a.clearances).subtracting(b.clearances).sorted()
        change.reviewAdded = Set(b.review).subtracting(a.review).sorted()
        change.reviewRemoved = Set(a.review).subtracting(b.review).sorted()
        return change
    }

    /// The report as JSON (`rubric.replay/1`).
    public static func json(_ changes: [DecisionChange], skipped: [(id: String, reason: Skip)], rules: RuleSet, replayed: Int) -> JSONValue {
        func strings(_ s: [String]) -> JSONValue { .array(s.map(JSONValue.string)) }
        let changed = changes.filter(\.changed)
        return .object([
            ("schema", .string("rubric.replay/1")),
            ("rules", .object([("directory", .string(rules.directory)), ("hash", .string(rules.hash)), ("version", .optional(rules.version))])),
            ("summary", .object([("replayed", .int(replayed)), ("changed", .int(changed.count)),
                                 ("status_changed", .int(changed.filter { $0.statusBefore != $0.statusAfter }.count)),
                                 ("not_replayable", .int(skipped.count))])),
            ("decisions", .array(changed.map { c in
                .object([
                    ("id", .string(c.id)), ("time", .string(c.time)), ("source", .string(c.source)),
                    ("status", .object([("from", .string(c.statusBefore)), ("to", .string(c.statusAfter))])),
                    ("ranking", .object([("from", strings(c.rankingBefore)), ("to", strings(c.rankingAfter))])),
                    ("moves", .array(c.moves.map { m in
                        .object([("technique", .string(m.technique)), ("rank_from", .optional(m.rankBefore)), ("rank_to", .optional(m.rankAfter)),
                                 ("score_from", .optional(m.scoreBefore)), ("score_to", .optional(m.scoreAfter)),
                                 ("rules", .array(m.rules.map { .object([("rule", .string($0.rule)), ("delta", .int($0.delta))]) }))])
                    })),
                    ("excluded_added", .array(c.excludedAdded.map { .object([("technique", .string($0.technique)), ("rules", strings($0.rules))]) })),
                    ("excluded_removed", .array(c.excludedRemoved.map { .object([("technique", .string($0.technique)), ("rules", strings($0.rules))]) })),
                    ("pressure", .object([("from", .optional(c.pressureBefore)), ("to", .optional(c.pressureAfter)), ("rules", strings(c.pressureRules))])),
                    ("cautions_added", strings(c.cautionsAdded)), ("cautions_removed", strings(c.cautionsRemoved)),
                    ("referrals_added", strings(c.referralsAdded)), ("referrals_removed", strings(c.referralsRemoved)),
                    ("urgency", .object([("from", .optional(c.urgencyBefore)), ("to", .optional(c.urgencyAfter))])),
                    ("clearances_added", strings(c.clearancesAdded)), ("clearances_removed", strings(c.clearancesRemoved)),
                    ("review_added", strings(c.reviewAdded)), ("review_removed", strings(c.reviewRemoved)),
                ])
            })),
            ("not_replayable", .array(skipped.map { s in
                .object([("id", .string(s.id)), ("reason", .string({
                    switch s.reason {
                    case .noInput: "logged without its input (--log-inputs)"
                    case .unreadable(let m): m
                    }
                }()))])
            })),
        ])
    }
}

/// The parts of a recommendation's JSON a replay compares.
private struct Summary {
    var status = ""
    var ranking: [(technique: String, rank: Int, score: Int, contributions: [(String, Int)])] = []
    var excluded: [String: [String]] = [:]
    var pressure: String?
    var pressureRules: [String] = []
    var cautions: [String] = []
    var referrals: [String] = []
    var urgency: String?
    var clearances: [String] = []
    var review: [String] = []

    init(json: String) {
        guard let d = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return }
        func rules(_ list: Any?) -> [String] { (list as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String } }
        status = d["status"] as? String ?? ""
        for t in d["ranking"] as? [[String: Any]] ?? [] {
            let contributions = (t["contributions"] as? [[String: Any]] ?? []).map { ($0["rule"] as? String ?? "", $0["points"] as? Int ?? 0) }
            ranking.append((t["technique"] as? String ?? "", t["rank"] as? Int ?? 0, t["score"] as? Int ?? 0, contributions))
        }
        for e in d["excluded"] as? [[String: Any]] ?? [] { excluded[e["technique"] as? String ?? ""] = rules(e["reasons"]) }
        if let p = d["pressure_limit"] as? [String: Any] {
            pressure = p["level"] as? String
            pressureRules = rules(p["reasons"])
        }
        cautions = rules(d["cautions"])
        referrals = rules((d["referral"] as? [String: Any])?["reasons"])
        urgency = (d["referral"] as? [String: Any])?["urgency"] as? String
        clearances = rules(d["clearance"])
        review = Array(Set((d["review"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }))
    }
}

private extension Array where Element == String {
    func uniquedSorted() -> [String] { Array(Set(self)).sorted() }
}
