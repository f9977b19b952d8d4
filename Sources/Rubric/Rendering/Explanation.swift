internal import LuaSandbox

/// Why one technique got its score: the waterfall of contributions that sums to
/// it, each with the rule, file:line, reason, evidence and the profile fields the
/// rule read; optionally against a second technique.
///
/// The reads come from the recommendation's traces: evaluate with `tracingReads: true`
/// (``Evaluator/evaluate(_:tracingReads:)-(Profile,_)``), or the explanation has none.
public struct Explanation: Sendable {
    public var recommendation: Recommendation
    public var technique: Technique
    public var versus: Technique?

    /// - Throws: ``InputError`` when a technique name does not resolve (with a suggestion).
    public init(recommendation: Recommendation, technique: String, versus: String?, catalog: Catalog) throws(InputError) {
        self.recommendation = recommendation
        self.technique = try Self.find(technique, catalog, field: "TECHNIQUE")
        self.versus = try versus.map { v throws(InputError) in try Self.find(v, catalog, field: "--versus") }
    }

    private static func find(_ text: String, _ catalog: Catalog, field: String) throws(InputError) -> Technique {
        if let id = catalog.techniqueIndex.resolve(text), let t = catalog.technique(id) { return t }
        let hint = catalog.techniqueIndex.suggest(text).map { "; did you mean '\($0)'?" } ?? ""
        throw InputError(file: "<command line>", field: field,
                         message: "unknown technique '\(text)'\(hint) (known: \(catalog.techniques.map(\.id).joined(separator: ", ")))")
    }

    func ranked(_ t: Technique) -> RankedTechnique? { recommendation.ranking.first { $0.technique == t.id } }
    func excluded(_ t: Technique) -> ExcludedTechnique? { recommendation.excluded.first { $0.technique == t.id } }

    /// Points per rule for a technique (a rule may give several contributions).
    func pointsByRule(_ t: Technique) -> [String: Int] {
        var out: [String: Int] = [:]
        for c in contributions(t) { out[c.rule, default: 0] += c.points }
        return out
    }

    /// The contributions that count (empty for a technique that is excluded or not ranked).
    func contributions(_ t: Technique) -> [Contribution] {
        ranked(t)?.contributions ?? []
    }

    /// Rules that separate the two techniques, largest difference first.
    public var separating: [(rule: String, first: Int, second: Int)] {
        guard let versus else { return [] }
        let a = pointsByRule(technique), b = pointsByRule(versus)
        return Set(a.keys).union(b.keys).map { ($0, a[$0] ?? 0, b[$0] ?? 0) }
            .filter { $0.1 != $0.2 }
            .sorted { (abs($0.1 - $0.2), $1.0) > (abs($1.1 - $1.2), $0.0) }
    }

    func reads(of rule: String) -> [RuleTrace.Read] {
        recommendation.traces.first { $0.rule.id == rule }?.reads ?? []
    }

    /// The human waterfall.
    public func text(style s: TextStyle = TextStyle()) -> String {
        var out: [String] = []
        let rec = recommendation
        out.append(s.bold("Explain \(technique.name)") + " · client \(rec.profile.clientID ?? "(no id)") · \(rec.profile.source)")
        out.append(s.dim("\(rec.ruleSetHash.prefix(19))\(rec.ruleSetVersion.map { " v\($0)" } ?? "") · status \(rec.status.rawValue)"))
        out.append("")
        if rec.status == .referral || rec.status == .failedClosed {
            out += s.wrap("No technique is recommended: \(rec.summary)", first: "", rest: 2)
            out.append("")
        }
        if !rec.review.isEmpty {
            out.append(s.yellow("Check before treating") + " — these scores do not account for:")
            for r in rec.review { out += s.wrap("\(r.place.map { "\($0): " } ?? "")\(r.message)", first: "  ? ", rest: 4) }
            out.append("")
        }
        if let e = excluded(technique) {
            out.append(s.red("Excluded") + " — it is not ranked, whatever its points:")
            for r in e.reasons {
                out += s.wrap("\(r.text) [\(r.rule) \(r.location?.description ?? "")]", first: "  - ", rest: 4)
                out += readLines(r.rule, s)
            }
            if !e.uncounted.isEmpty {
                out.append("")
                out.append("  Points rules gave it anyway (not counted, because it is excluded):")
                for c in e.uncounted {
                    out += s.wrap("\(signed(c.points)) \(c.rule) \(s.dim(c.location.description)): \(c.reason)", first: "    ", rest: 6)
                }
            }
            out.append("")
        }
        if let r = ranked(technique) {
            out.append("Score \(signed(r.score)) · rank \(r.rank) of \(rec.ranking.count)")
            out.append("")
            out.append("  total  points  rule")
            var total = 0
            for c in r.contributions {
                total += c.points
                out.append("  " + signed(total).leftPadded(to: 5) + "  " + signed(c.points).leftPadded(to: 6) + "  " + c.rule + "  " + s.dim(c.location.description))
                out += s.wrap("\(c.reason)", first: String(repeating: " ", count: 17), rest: 17)
                out += s.wrap("\(c.kind), grade \(c.grade); evidence: \(c.evidence.joined(separator: ", "))", first: String(repeating: " ", count: 17), rest: 17).map { s.dim($0) }
                out += readLines(c.rule, s)
            }
            out.append("  " + String(repeating: "─", count: 5))
            out.append("  " + signed(total).leftPadded(to: 5) + "  = score (the sum of the contributions above)")
            if r.contributions.isEmpty { out.append("  (no rule gave this technique points)") }
            for c in r.cautions { out += s.wrap("caution: \(c.text) [\(c.rule) \(c.location?.description ?? "")]", first: "  ! ", rest: 4) }
        } else if excluded(technique) == nil {
            out.append("Not ranked (status \(rec.status.rawValue)).")
        }
        if let versus {
            out.append("")
            let a = ranked(technique)?.score, b = ranked(versus)?.score
            let head = "\(technique.name) \(a.map(signed) ?? "excluded") vs \(versus.name) \(b.map(signed) ?? "excluded")"
            out.append(s.bold(head) + (a != nil && b != nil ? " · difference \(signed(a! - b!))" : ""))
            if let e = excluded(versus) { for r in e.reasons { out += s.wrap("\(versus.name) is excluded: \(r.text) [\(r.rule)]", first: "  - ", rest: 4) } }
            if separating.isEmpty { out.append("  No rule gives them different points.") }
            for (rule, x, y) in separating {
                out.append("  " + signed(x - y).leftPadded(to: 5) + "  " + rule + "  " + s.dim("(\(signed(x)) vs \(signed(y)))"))
            }
        }
        return out.map { s.safe($0) }.joined(separator: "\n") + "\n"
    }

    private func readLines(_ rule: String, _ s: TextStyle) -> [String] {
        let reads = reads(of: rule)
        guard !reads.isEmpty else { return [] }
        return s.wrap("read: " + reads.map { "\($0.field) = \($0.value)" }.joined(separator: "; "),
                      first: String(repeating: " ", count: 17), rest: 23).map { s.dim($0) }
    }

    /// The waterfall as JSON.
    public var json: JSONValue {
        let r = ranked(technique)
        var total = 0
        let steps: [JSONValue] = (r?.contributions ?? []).map { c in
            total += c.points
            return .object([
                ("rule", .string(c.rule)), ("points", .int(c.points)), ("running_total", .int(total)),
                ("reason", .string(c.reason)), ("kind", .string(c.kind)), ("grade", .string(c.grade.rawValue)),
                ("evidence", .array(c.evidence.map(JSONValue.string))), ("location", .string(c.location.description)),
                ("reads", .array(reads(of: c.rule).map { .object([("field", .string($0.field)), ("value", .string($0.value))]) })),
            ])
        }
        var pairs: [(String, JSONValue)] = [
            ("schema", .string("rubric.explanation/2")), ("ruleset", .object([("hash", .string(recommendation.ruleSetHash)), ("version", .optional(recommendation.ruleSetVersion))])),
            ("status", .string(recommendation.status.rawValue)), ("review", .array(recommendation.review.map(\.jsonValue))),
            ("technique", .string(technique.id)),
            ("score", r.map { .int($0.score) } ?? .null), ("rank", r.map { .int($0.rank) } ?? .null),
            ("excluded", .array(excluded(technique)?.reasons.map(\.jsonValue) ?? [])), ("contributions", .array(steps)),
            ("uncounted", .array((excluded(technique)?.uncounted ?? []).map { c in
                .object([("rule", .string(c.rule)), ("points", .int(c.points)), ("reason", .string(c.reason)),
                         ("location", .string(c.location.description))])
            })),
        ]
        if let versus {
            pairs.append(("versus", .object([
                ("technique", .string(versus.id)), ("score", ranked(versus).map { .int($0.score) } ?? .null),
                ("separating", .array(separating.map { .object([("rule", .string($0.rule)), ("points", .int($0.first)), ("versus_points", .int($0.second)), ("difference", .int($0.first - $0.second))]) })),
            ])))
        }
        return .object(pairs)
    }
}
