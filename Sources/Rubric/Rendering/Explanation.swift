internal import LuaSandbox

/// Why one technique got its score: the waterfall of contributions that sums to
/// it, each with the rule, file:line, reason, evidence and the profile fields the
/// rule read; optionally against a second technique.
///
/// The reads come from the recommendation's traces: evaluate with `tracingReads: true`
/// (``Evaluator/evaluate(_:tracingReads:)-(Profile,_)``), or the explanation has none.
public struct Explanation: Sendable {
    /// The recommendation the technique's score comes from.
    public var recommendation: Recommendation
    /// The technique explained.
    public var technique: Technique
    /// The technique to compare it with (`--versus`), if any.
    public var versus: Technique?

    /// A technique name that does not resolve to a catalog technique.
    public struct UnknownTechnique: Error, Sendable, Hashable {
        /// Which of the two names it was.
        public enum Role: Sendable, Hashable {
            /// The technique to explain (`TECHNIQUE`).
            case technique
            /// The technique to compare it with (`--versus`).
            case versus
        }
        /// Which name did not resolve: the technique or the `--versus` one.
        public var role: Role
        /// The name as given.
        public var name: String
        /// The closest technique name, if one is close.
        public var suggestion: String?
        /// Every technique id of the catalog.
        public var known: [String]

        /// "unknown technique 'x'; did you mean 'y'? (known: …)"
        public var message: String {
            "unknown technique '\(name)'\(suggestion.map { "; did you mean '\($0)'?" } ?? "") (known: \(known.joined(separator: ", ")))"
        }
    }

    /// Resolves `technique` (and `versus`) as an id, name or alias of `catalog`, to explain them in `recommendation`.
    /// - Throws: ``UnknownTechnique`` when a technique name does not resolve (with a suggestion).
    public init(recommendation: Recommendation, technique: String, versus: String?, catalog: Catalog) throws(UnknownTechnique) {
        self.recommendation = recommendation
        self.technique = try Self.find(technique, catalog, role: .technique)
        self.versus = try versus.map { v throws(UnknownTechnique) in try Self.find(v, catalog, role: .versus) }
    }

    private static func find(_ text: String, _ catalog: Catalog, role: UnknownTechnique.Role) throws(UnknownTechnique) -> Technique {
        if let id = catalog.techniqueIndex.resolve(text), let t = catalog.technique(id) { return t }
        throw UnknownTechnique(role: role, name: text, suggestion: catalog.techniqueIndex.suggest(text),
                               known: catalog.techniques.map(\.id))
    }

    /// The technique's place in the ranking, if it is ranked.
    public func ranked(_ t: Technique) -> RankedTechnique? { recommendation.ranking.first { $0.technique == t.id } }
    /// The technique's exclusion, if it is excluded.
    public func excluded(_ t: Technique) -> ExcludedTechnique? { recommendation.excluded.first { $0.technique == t.id } }

    /// Points per rule for a technique (a rule may give several contributions).
    public func pointsByRule(_ t: Technique) -> [String: Int] {
        var out: [String: Int] = [:]
        for c in contributions(t) { out[c.rule, default: 0] += c.points }
        return out
    }

    /// The contributions that count (empty for a technique that is excluded or not ranked).
    public func contributions(_ t: Technique) -> [Contribution] {
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

    /// What a rule read of the profile (empty unless the evaluation traced reads).
    public func reads(of rule: String) -> [RuleTrace.Read] {
        recommendation.traces.first { $0.rule.id == rule }?.reads ?? []
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
