import Foundation
import Rubric

/// A ``Recommendation`` as CDS Hooks 2.0 cards (`docs/cds-hooks.md`): safety first. A referral or
/// a result that failed closed is `critical` and stands alone; clearance, the items to check,
/// exclusions, the pressure limit and cautions are `warning`; the ranking is `info`, with the top
/// techniques as suggestions. Each card's `uuid` is derived from the rule set and the result, so
/// the same record and rules give the same cards.
struct CDSCards {
    let recommendation: Recommendation
    /// `Patient/<id>` for the suggestions' ServiceRequest, when the request named the patient.
    let patientReference: String?
    /// The decision's id in the log, when it is recorded: each card then links to its explanation
    /// on the web page (`<baseURL>/?decision=<id>`).
    var decisionID: String? = nil
    /// The server's address as the EHR called it (`http://host:port`).
    var baseURL: String? = nil

    /// The link to the explanation, when there is one to link to.
    private var links: [(String, JSONValue)] {
        guard let decisionID, let baseURL else { return [] }
        return [("links", .array([.object([("label", .string("The full explanation in Rubric, rule by rule")),
                                            ("url", .string("\(baseURL)/?decision=\(decisionID)")), ("type", .string("absolute"))])]))]
    }

    /// Why a therapist may set a warning aside (`overrideReasons`).
    static let overrideReasons: JSONValue = .array([
        coding("clearance-obtained", "Clearance has already been obtained"),
        coding("already-addressed", "Already discussed and addressed with the client"),
        coding("therapist-judgement", "The therapist's clinical judgement, recorded in the notes"),
    ])

    var json: JSONValue { .object([("cards", .array(cards))]) }

    var cards: [JSONValue] {
        let r = recommendation
        var out: [JSONValue] = []
        let seed = SHA256.hex(Array((r.ruleSetHash + "\n" + r.serializedJSON(pretty: false)).utf8))
        func card(_ key: String, _ indicator: String, _ summary: String, _ detail: String, topic: (String, String),
                  extra: [(String, JSONValue)] = []) {
            let fields: [(String, JSONValue)] = [
                ("uuid", .string(Self.uuid(seed: seed, key: key))),
                ("summary", .string(Self.summary(summary))),
                ("indicator", .string(indicator)),
                ("detail", .string(detail)),
                ("source", .object([("label", .string(source)), ("topic", Self.coding(topic.0, topic.1))])),
            ]
            out.append(.object(fields + extra + links))
        }

        if r.status == .failedClosed {
            let rules = r.failedSafetyRules.map { "- `\($0.ruleID ?? "?")` (\($0.location.map { "\($0)" } ?? "?")): \($0.message)" }
            card("failed-closed", "critical", "Do not treat: Rubric's safety checks could not all run, so nothing is known to be safe",
                 "**\(r.summary)**\n\n" + rules.joined(separator: "\n"), topic: ("failed-closed", "Safety checks could not run"))
            return out
        }
        for (i, f) in r.referrals.enumerated() {
            let urgency = (f.urgency ?? .routine).words
            card("referral-\(i)", "critical", "Refer, do not massage (\(urgency)): \(f.text)",
                 "**Refer to a physician: \(urgency).** \(f.text)\n\n" + (f.advice.map { "**What to do:** \($0)\n\n" } ?? "") + Self.provenance(f),
                 topic: ("referral", "Referral before massage"))
        }
        if !r.referrals.isEmpty { return out }   // nothing else applies until a doctor has seen the client

        if !r.review.isEmpty {
            let items = r.review.map { "- " + ($0.place.map { "`\($0)`: " } ?? "") + $0.message }
            card("review", "warning", "Check \(r.review.count) item\(r.review.count == 1 ? "" : "s") in the record before treating",
                 "Rubric does not recognise or cannot judge these, so the ranking does not account for them:\n\n" + items.joined(separator: "\n"),
                 topic: ("review", "Check before treating"))
        }
        for (i, f) in r.clearances.enumerated() {
            card("clearance-\(i)", "warning", "Clearance needed before massage\(f.from.map { " from \($0)" } ?? ""): \(f.text)",
                 "**Clearance\(f.from.map { " from \($0)" } ?? "").** \(f.text)\n\n" + Self.provenance(f),
                 topic: ("clearance", "Clearance before massage"), extra: [("overrideReasons", Self.overrideReasons)])
        }
        var limits: [String] = r.excluded.map { e in "- **Not advised: \(e.name).** " + e.reasons.map { "\($0.text) (`\($0.rule)`)" }.joined(separator: " ") }
        if let p = r.pressureLimit {
            limits.append("- **Pressure: \(p.level.rawValue) or lighter.** " + p.reasons.map { "\($0.text) (`\($0.rule)`)" }.joined(separator: " "))
        }
        limits += r.cautions.map { "- \($0.text) (`\($0.rule)`)" }
        if !limits.isEmpty {
            var headline: [String] = []
            if !r.excluded.isEmpty { headline.append("not advised: " + r.excluded.map(\.name).joined(separator: ", ")) }
            if let p = r.pressureLimit { headline.append("pressure \(p.level.rawValue) or lighter") }
            if !r.cautions.isEmpty { headline.append("\(r.cautions.count) caution\(r.cautions.count == 1 ? "" : "s")") }
            card("limits", "warning", "Massage limits: " + headline.joined(separator: "; "), limits.joined(separator: "\n"),
                 topic: ("limits", "Exclusions, pressure and cautions"), extra: [("overrideReasons", Self.overrideReasons)])
        }
        if let info = rankingCard(seed: seed) { out.append(info) }
        return out
    }

    private func rankingCard(seed: String) -> JSONValue? {
        let r = recommendation
        guard let top = r.ranking.first, top.score > 0 || !top.contributions.isEmpty else { return nil }
        let shown = Array(r.ranking.prefix(3))
        let provisional = r.status == .recommended ? "Suggested: " : "Provisional, once the items above are settled: "
        let names = shown.map(\.name)
        let summary = provisional + (names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " or " + names.last!)
        var detail = ["| Rank | Technique | Score | Why |", "|---|---|---:|---|"]
        for t in shown {
            let why = t.contributions.prefix(2).map { "\($0.reason) (`\($0.rule)`, \($0.grade.rawValue))" }.joined(separator: "; ")
            detail.append("| \(t.rank) | \(t.name) | \(t.score) | \(why.replacingOccurrences(of: "|", with: "\\|")) |")
        }
        let pressure = r.pressureLimit.map { ", \($0.level.rawValue) pressure or lighter" } ?? ""
        let suggestions: [JSONValue] = shown.enumerated().map { i, t in
            var request: [(String, JSONValue)] = [
                ("resourceType", .string("ServiceRequest")), ("status", .string("draft")), ("intent", .string("proposal")),
                ("code", .object([("text", .string("\(t.name)\(pressure)"))])),
            ]
            if let patientReference { request.append(("subject", .object([("reference", .string(patientReference))]))) }
            return .object([
                ("label", .string("Plan \(t.name)\(pressure)")),
                ("uuid", .string(Self.uuid(seed: seed, key: "suggestion-\(t.technique)"))),
                ("isRecommended", .bool(i == 0 && r.status == .recommended)),
                ("actions", .array([.object([("type", .string("create")), ("description", .string("Propose \(t.name)")),
                                             ("resource", .object(request))])])),
            ])
        }
        let fields: [(String, JSONValue)] = [
            ("uuid", .string(Self.uuid(seed: seed, key: "ranking"))),
            ("summary", .string(Self.summary(summary))),
            ("indicator", .string("info")),
            ("detail", .string("**\(r.summary)**\n\n" + detail.joined(separator: "\n") + "\n\nEvery score is explained rule by rule by `rubric explain` or `POST /v1/explain`.")),
            ("source", .object([("label", .string(source)), ("topic", Self.coding("ranking", "Technique ranking"))])),
            ("suggestions", .array(suggestions)),
            ("selectionBehavior", .string("at-most-one")),
        ]
        return .object(fields + links)
    }

    /// `Rubric 0.2.0 · rules sha256:… (v0.1.0)`.
    private var source: String {
        let r = recommendation
        return "Rubric \(EngineVersion.current) · rules \(r.ruleSetHash.prefix(19))" + (r.ruleSetVersion.map { " (v\($0))" } ?? "")
    }

    private static func provenance(_ f: Finding) -> String {
        "Rule `\(f.rule)`" + (f.location.map { " (\($0))" } ?? "") + (f.grade.map { ", evidence: \($0.rawValue)" } ?? "")
            + (f.evidence.isEmpty ? "" : " — " + f.evidence.joined(separator: ", "))
    }

    static func coding(_ code: String, _ display: String) -> JSONValue {
        .object([("system", .string("https://rubric.example/cds/topic")), ("code", .string(code)), ("display", .string(display))])
    }

    /// At most 139 characters (the spec: "<140"), cut at a word with an ellipsis.
    static func summary(_ text: String) -> String {
        let clean = String(text.map { $0.isNewline ? " " : $0 })
        guard clean.count > 139 else { return clean }
        var cut = String(clean.prefix(138))
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > 80 { cut = String(cut[..<space]) }
        return cut + "…"
    }

    /// A UUID (RFC 9562 version 8, name-based on SHA-256) for a card of this result.
    static func uuid(seed: String, key: String) -> String {
        var bytes = Array(SHA256.hex(Array((seed + "/" + key).utf8)).utf8.prefix(32))
        bytes[12] = UInt8(ascii: "8")                                       // version 8
        let variant = "89ab".utf8.map { $0 }[Int(hexValue(bytes[16]) & 3)]
        bytes[16] = variant                                                 // variant 10xx
        let s = String(decoding: bytes, as: UTF8.self)
        let i = { (n: Int) in s.index(s.startIndex, offsetBy: n) }
        return "\(s[i(0)..<i(8)])-\(s[i(8)..<i(12)])-\(s[i(12)..<i(16)])-\(s[i(16)..<i(20)])-\(s[i(20)..<i(32)])"
    }

    private static func hexValue(_ c: UInt8) -> UInt8 { c >= UInt8(ascii: "a") ? c - UInt8(ascii: "a") + 10 : c - UInt8(ascii: "0") }
}
