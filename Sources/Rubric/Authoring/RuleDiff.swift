import Foundation

/// `rubric diff`: the impact of a rule change over a set of profiles.
public struct RuleDiff {
    /// The evaluator for the rules before the change.
    public let from: Evaluator
    /// The evaluator for the rules after the change.
    public let to: Evaluator

    /// Compares what `from` recommends with what `to` recommends.
    public init(from: Evaluator, to: Evaluator) {
        self.from = from
        self.to = to
    }

    /// How one technique moved.
    public struct Move: Sendable {
        /// The technique id.
        public var technique: String
        /// Its rank before the change; `nil` when it was not ranked.
        public var rankBefore: Int?
        /// Its rank after the change; `nil` when it is not ranked.
        public var rankAfter: Int?
        /// Its score before the change; `nil` when it was not ranked.
        public var scoreBefore: Int?
        /// Its score after the change; `nil` when it is not ranked.
        public var scoreAfter: Int?
        /// Rules whose points for this technique changed, with the change.
        public var rules: [(rule: String, delta: Int)]
        /// The change in score, an unranked technique counting as 0.
        public var delta: Int { (scoreAfter ?? 0) - (scoreBefore ?? 0) }
    }

    /// The comparison for one profile.
    public struct ProfileChange: Sendable {
        /// Where the profile came from (its file, or `file:line` in a JSONL file).
        public var source: String
        /// The profile's `client.id`, if it has one.
        public var clientID: String?
        /// The recommendation status before the change, as in the JSON (e.g. `recommended`).
        public var statusBefore: String
        /// The recommendation status after the change, as in the JSON.
        public var statusAfter: String
        /// The ranked technique ids before the change, best first.
        public var rankingBefore: [String]
        /// The ranked technique ids after the change, best first.
        public var rankingAfter: [String]
        /// The techniques whose rank or score changed, largest score change first.
        public var moves: [Move]
        /// Whether the order of the ranking or the status changed.
        public var rankingChanged: Bool { rankingBefore != rankingAfter || statusBefore != statusAfter }
        /// Whether the first-ranked technique changed.
        public var top1Changed: Bool { rankingBefore.first != rankingAfter.first }
        /// Whether the first three techniques, or their order, changed.
        public var top3Changed: Bool { Array(rankingBefore.prefix(3)) != Array(rankingAfter.prefix(3)) }
        /// Whether the profile became, or stopped being, a referral.
        public var referralChanged: Bool { (statusBefore == "referral") != (statusAfter == "referral") }
        /// Whether any technique's score or rank changed.
        public var scoresChanged: Bool { moves.contains { $0.delta != 0 || $0.rankBefore != $0.rankAfter } }
    }

    /// Reads profiles from a folder of YAML/JSON files, one file, or a JSONL file (one profile a line).
    /// - Throws: ``InputError`` for an unreadable or malformed profile (with its line in a JSONL file).
    public static func profiles(at path: String) throws(InputError) -> [Profile] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw InputError(file: path, message: "no such file or folder")
        }
        if isDir.boolValue {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }.sorted()
            var out: [Profile] = []
            for n in names { out.append(try Profile.load(path: "\(path)/\(n)")) }
            return out
        }
        if path.hasSuffix(".jsonl") {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw InputError(file: path, message: "cannot read the file") }
            var out: [Profile] = []
            for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                do { out.append(try Profile.parse(String(line), source: "\(path):\(i + 1)")) } catch {
                    var e = error
                    e.file = path
                    e.line = i + 1
                    throw e
                }
            }
            return out
        }
        return [try Profile.load(path: path)]
    }

    /// Evaluates `profile` with both rule sets and says what moved.
    public func compare(_ profile: Profile) -> ProfileChange {
        let a = from.evaluate(profile), b = to.evaluate(profile)
        let techniques = (a.ranking.map(\.technique) + a.excluded.map(\.technique) + b.ranking.map(\.technique) + b.excluded.map(\.technique)).uniqued().sorted()
        var moves: [Move] = []
        for t in techniques {
            let ra = a.ranking.first { $0.technique == t }, rb = b.ranking.first { $0.technique == t }
            var byRule: [String: Int] = [:]
            for c in ra?.contributions ?? [] { byRule[c.rule, default: 0] -= c.points }
            for c in rb?.contributions ?? [] { byRule[c.rule, default: 0] += c.points }
            let rules = byRule.filter { $0.value != 0 }.sorted { (abs($0.value), $1.key) > (abs($1.value), $0.key) }.map { ($0.key, $0.value) }
            let move = Move(technique: t, rankBefore: ra?.rank, rankAfter: rb?.rank, scoreBefore: ra?.score, scoreAfter: rb?.score, rules: rules)
            if move.rankBefore != move.rankAfter || move.scoreBefore != move.scoreAfter { moves.append(move) }
        }
        moves.sort { (abs($0.delta), $1.technique) > (abs($1.delta), $0.technique) }
        return ProfileChange(source: profile.source, clientID: profile.clientID,
                             statusBefore: a.status.rawValue, statusAfter: b.status.rawValue,
                             rankingBefore: a.ranking.map(\.technique), rankingAfter: b.ranking.map(\.technique), moves: moves)
    }

    /// How many profiles changed, by kind of change.
    public static func summary(_ changes: [ProfileChange]) -> (ranking: Int, top1: Int, top3: Int, referral: Int, scoresOnly: Int) {
        (changes.filter(\.rankingChanged).count, changes.filter(\.top1Changed).count, changes.filter(\.top3Changed).count,
         changes.filter(\.referralChanged).count, changes.filter { !$0.rankingChanged && $0.scoresChanged }.count)
    }

    /// The report as JSON.
    public static func json(_ changes: [ProfileChange], from: RuleSet, to: RuleSet) -> JSONValue {
        let s = summary(changes)
        return .object([
            ("schema", .string("rubric.diff/1")),
            ("from", .object([("rules", .string(from.directory)), ("hash", .string(from.hash)), ("version", .optional(from.version))])),
            ("to", .object([("rules", .string(to.directory)), ("hash", .string(to.hash)), ("version", .optional(to.version))])),
            ("summary", .object([("profiles", .int(changes.count)), ("ranking_changed", .int(s.ranking)), ("top1_changed", .int(s.top1)),
                                 ("top3_changed", .int(s.top3)), ("referral_changed", .int(s.referral)), ("scores_changed_only", .int(s.scoresOnly))])),
            ("profiles", .array(changes.filter { $0.rankingChanged || $0.scoresChanged }.map { c in
                .object([
                    ("source", .string(c.source)), ("client_id", .optional(c.clientID)), ("ranking_changed", .bool(c.rankingChanged)),
                    ("status", .object([("from", .string(c.statusBefore)), ("to", .string(c.statusAfter))])),
                    ("ranking", .object([("from", .array(c.rankingBefore.map(JSONValue.string))), ("to", .array(c.rankingAfter.map(JSONValue.string)))])),
                    ("moves", .array(c.moves.map { m in
                        .object([("technique", .string(m.technique)), ("rank_from", .optional(m.rankBefore)), ("rank_to", .optional(m.rankAfter)),
                                 ("score_from", .optional(m.scoreBefore)), ("score_to", .optional(m.scoreAfter)),
                                 ("rules", .array(m.rules.map { .object([("rule", .string($0.rule)), ("delta", .int($0.delta))]) }))])
                    })),
                ])
            })),
        ])
    }
}
