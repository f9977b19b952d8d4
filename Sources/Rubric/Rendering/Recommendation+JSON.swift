import Foundation
internal import LuaSandbox

extension Recommendation: JSONWritable {
    /// The schema identifier of ``json``; bumped on any incompatible change (see `docs/output.md`).
    public static let schema = "rubric.recommendation/2"

    /// The recommendation as a JSON tree (documented in `docs/output.md`, schema
    /// `docs/recommendation.schema.json`), for embedding in a larger document. Built by the same
    /// encoding as ``serializedJSON(pretty:)``, which is faster when only the text is needed.
    public var json: JSONValue { jsonValue }

    /// The recommendation as JSON text, written directly with no tree: the same bytes as
    /// `json.serialized(pretty:)`.
    /// - Parameter pretty: Indent with two spaces (otherwise compact, one line).
    public func serializedJSON(pretty: Bool = true) -> String { jsonText(pretty: pretty) }

    /// Writes the recommendation as one JSON value, e.g. as an element of an array of several.
    public func write(to writer: inout JSONWriter) { writeJSON(to: &writer) }

    /// One sentence a therapist can act on.
    public var summary: String {
        switch status {
        case .failedClosed:
            let names = failedSafetyRules.map { "'\($0.ruleID ?? "?")' (\($0.location?.description ?? "?"))" }
            return "No recommendation: safety rule\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")) could not run, so it is not known to be safe. Fix the rule and run again."
        case .referral:
            let most = referrals.first { $0.urgency == referralUrgency } ?? referrals[0]
            let urgency = (most.urgency ?? .routine).words
            return "Do not treat: refer to a physician (\(urgency)). \(most.text)"
        case .clearanceRequired:
            let from = clearances.compactMap(\.from).uniqued().joined(separator: ", ")
            return "Treatment needs clearance first (from: \(from)); the ranking below applies only once cleared."
        case .reviewRequired:
            return "Check before treating: \(reviewHeadline). Once checked: \(rankingSummary)"
        case .recommended:
            return rankingSummary
        }
    }

    /// The ranking's headline, as `recommended` states it.
    private var rankingSummary: String {
        guard let top = ranking.first else { return "No technique is available within what safety allows." }
        if top.score == 0 && top.contributions.isEmpty {
            return "No rule scored any technique; add conditions, symptoms or goals to the profile."
        }
        let tied = ranking.filter { $0.score == top.score }
        if tied.count > 1 {
            return "Recommended, tied at score \(top.score): \(tied.map(\.name).joined(separator: ", "))."
        }
        return "Recommended: \(top.name) (score \(top.score))."
    }

    /// The review items in a few words a front desk acts on, by kind: "2 terms not understood:
    /// 'chest pain', 'shortness of breath'; 1 condition no rule covers: 'fibromyalgia'".
    var reviewHeadline: String {
        let labels: [(ReviewItem.Code, String, String)] = [
            (.question, "question to ask", "questions to ask"),
            (.notUnderstood, "term not understood", "terms not understood"),
            (.unknownCode, "code not understood", "codes not understood"),
            (.outOfScope, "outside what these rules are for", "outside what these rules are for"),
            (.implausible, "implausible value", "implausible values"),
            (.contradictory, "contradiction", "contradictions"),
            (.uncovered, "item no rule covers", "items no rule covers"),
            (.notRead, "field or value not read", "fields or values not read"),
            (.missing, "fact not given (age)", "facts not given"),
        ]
        var parts: [String] = []
        for (code, one, many) in labels {
            let items = review.filter { $0.code == code }
            guard !items.isEmpty else { continue }
            let terms = items.compactMap(\.term).uniqued().prefix(5).map { "'\($0.count > 60 ? $0.prefix(57) + "..." : $0)'" }
            let more = items.count > 5 ? " and \(items.count - 5) more" : ""
            parts.append("\(items.count) \(items.count == 1 ? one : many)" + (terms.isEmpty ? "" : ": " + terms.joined(separator: ", ") + more))
        }
        return parts.joined(separator: "; ")
    }

    func writeJSON<Sink: JSONSink & ~Copyable>(to w: inout Sink) {
        w.object { w in
            w.field("schema", Self.schema)
            w.object("ruleset") { w in
                w.field("hash", ruleSetHash); w.field("version", ruleSetVersion)
                w.field("plugins", pluginCount); w.field("rules", ruleCount)
            }
            w.object("profile") { writeProfile(to: &$0) }
            w.field("status", status.rawValue)
            w.field("summary", summary)
            w.array("review", review)
            w.object("referral", referrals.isEmpty ? nil : referrals) { w, referrals in
                w.field("urgency", referralUrgency)
                w.array("reasons", referrals)
            }
            w.array("clearance", clearances)
            w.object("pressure_limit", pressureLimit) { w, p in
                w.field("level", p.level.rawValue); w.array("reasons", p.reasons)
            }
            w.array("ranking", ranking)
            w.objects("excluded", excluded) { w, e in
                w.field("technique", e.technique); w.field("name", e.name); w.array("reasons", e.reasons)
            }
            w.array("cautions", cautions)
            w.array("notes", notes)
            w.array("warnings", profile.warnings)
            w.array("missing", profile.missing)
            w.array("errors", failures)
            w.array("log", log)
        }
    }

    /// The profile as the rules saw it: members of the `profile` object.
    private func writeProfile<Sink: JSONSink & ~Copyable>(to w: inout Sink) {
        w.field("source", profile.source); w.field("client_id", profile.clientID)
        w.field("age", profile.age); w.field("sex", profile.sex)
        w.objects("conditions", profile.conditions) { w, c in
            w.field("id", c.id); w.field("input", c.input); w.field("icd10", c.icd10); w.field("active", c.active)
        }
        w.array("symptoms", profile.symptoms)
        w.object("symptom_onset") { w in
            for id in profile.symptomOnsets.keys.sorted() { w.key(id); w.string(profile.symptomOnsets[id] ?? "") }
        }
        w.array("flags", profile.flags)
        w.objects("medications", profile.medications) { w, m in
            w.field("input", m.input); w.field("id", m.id); w.field("class", m.classID)
        }
        w.object("pregnancy", profile.pregnancy) { w, p in
            w.field("weeks", p.weeks); w.field("high_risk", p.highRisk ?? false)
        }
        w.objects("surgeries", profile.surgeries) { w, s in
            w.field("input", s.input); w.field("procedure", s.procedureID)
            w.field("weeks_ago", s.weeksAgo); w.field("region", s.region)
        }
        w.object("preferences") { w in
            w.field("pressure", profile.pressure?.rawValue); w.array("goals", profile.goals)
            w.field("requested", profile.requested); w.field("oil_sensitivity", profile.oilSensitivity ?? false)
        }
        w.objects("notes", profile.notes) { w, n in
            w.field("field", n.field); w.field("line", n.line); w.field("text", n.text)
        }
    }
}

extension Finding: JSONWritable {
    func writeJSON<Sink: JSONSink & ~Copyable>(to w: inout Sink) {
        w.object { w in
            w.field("rule", rule); w.field("kind", kind)
            if let technique { w.field("technique", technique) }
            w.field("text", text)
            if let urgency { w.field("urgency", urgency) }
            if let advice { w.field("advice", advice) }
            if let from { w.field("from", from) }
            w.field("grade", grade)
            w.array("evidence", evidence)
            w.field("location", location)
        }
    }
}

extension RankedTechnique: JSONWritable {
    func writeJSON<Sink: JSONSink & ~Copyable>(to w: inout Sink) {
        w.object { w in
            w.field("rank", rank); w.field("technique", technique); w.field("name", name); w.field("score", score)
            w.objects("contributions", contributions) { w, c in
                w.field("rule", c.rule); w.field("kind", c.kind); w.field("points", c.points)
                w.field("reason", c.reason); w.field("grade", c.grade)
                w.array("evidence", c.evidence); w.field("location", c.location)
            }
            w.array("cautions", cautions)
        }
    }
}

extension ProfileWarning: JSONWritable {
    func writeJSON<Sink: JSONSink & ~Copyable>(to w: inout Sink) {
        w.object { w in
            w.field("code", code); w.field("message", message); w.field("field", field)
            w.field("line", line); w.field("suggestion", suggestion)
        }
    }
}

extension ReviewItem: JSONWritable {
    func writeJSON<Sink: JSONSink & ~Copyable>(to w: inout Sink) {
        w.object { w in
            w.field("code", code.rawValue); w.field("field", field); w.field("line", line)
            w.field("term", term); w.field("message", message)
            w.field("rule", rule); w.field("location", location)
        }
    }
}

extension RuleError: JSONWritable {
    func writeJSON<Sink: JSONSink & ~Copyable>(to w: inout Sink) {
        w.object { w in
            w.field("rule", ruleID); w.field("kind", kind?.rawValue); w.field("safety", kind?.isSafety ?? true)
            w.field("error", error.kind.rawValue); w.field("message", error.message)
            w.field("location", error.location); w.field("traceback", error.traceback)
        }
    }
}
