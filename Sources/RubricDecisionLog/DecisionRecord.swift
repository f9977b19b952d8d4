public import Foundation
public import Rubric

/// One recorded result: who asked (the origin), when, with which rules, on what input (its
/// hash, and the input itself only when the user asked for it: it is health data), and the full
/// result. `docs/decision-log.md` describes the fields and their retention.
public struct DecisionRecord: Sendable, Hashable {
    /// A time-ordered unique id (UUID version 7).
    public var id: String
    /// When it was decided: RFC 3339, UTC, milliseconds (`2026-12-03T08:00:00.123Z`).
    public var time: String
    /// What produced it: `recommend`, `explain`, `cds:<service>` or `batch`.
    public var origin: String
    /// The profile's source name (`<request>`, a file, a JSONL line).
    public var source: String
    /// The rule set's content hash.
    public var ruleSetHash: String
    /// `sha256:` and the hex digest of the input bytes.
    public var inputHash: String
    /// The result's status (`recommended`, `referral`, …).
    public var status: String
    /// The most urgent referral's urgency, when the result is a referral.
    public var referralUrgency: String?
    /// The first-ranked technique, when there is a ranking.
    public var topTechnique: String?
    /// The full result: the recommendation's JSON, on one line.
    public var result: String
    /// The input, only when recorded with `--log-inputs`.
    public var input: String?
    /// How to read the input again: `yaml`, `json` (a profile or a FHIR record) or `cds` (a CDS Hooks request).
    public var inputFormat: String
    /// The as-of date a FHIR input was read at, when one was given.
    public var asOf: String?

    /// A record of `recommendation`, made from `input` (the bytes as received).
    public init(recommendation: Recommendation, input: Data, format: String, origin: String, keepInput: Bool,
                asOf: CalendarDate?, id: String = DecisionID.make(), time: Date = Date()) {
        self.id = id
        self.time = DecisionRecord.timestamp(time)
        self.origin = origin
        source = recommendation.profile.source
        ruleSetHash = recommendation.ruleSetHash
        inputHash = "sha256:" + SHA256.hex(Array(input))
        status = recommendation.status.rawValue
        referralUrgency = recommendation.status == .referral ? recommendation.referralUrgency?.rawValue : nil
        topTechnique = recommendation.ranking.first?.technique
        result = recommendation.serializedJSON(pretty: false)
        self.input = keepInput ? String(decoding: input, as: UTF8.self) : nil
        inputFormat = format
        self.asOf = asOf?.description
    }

    /// A record as stored (for the stores reading it back).
    public init(id: String, time: String, origin: String, source: String, ruleSetHash: String, inputHash: String, status: String,
                referralUrgency: String?, topTechnique: String?, result: String, input: String?, inputFormat: String, asOf: String?) {
        self.id = id
        self.time = time
        self.origin = origin
        self.source = source
        self.ruleSetHash = ruleSetHash
        self.inputHash = inputHash
        self.status = status
        self.referralUrgency = referralUrgency
        self.topTechnique = topTechnique
        self.result = result
        self.input = input
        self.inputFormat = inputFormat
        self.asOf = asOf
    }

    /// `2026-12-03T08:00:00.123Z`.
    public static func timestamp(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(ms / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ n: Int32, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(ms % 1000), 3))Z"
    }

    /// The record as JSON (`rubric.decision/1`), the result embedded as an object.
    public var json: String {
        let meta: [(String, JSONValue)] = [
            ("schema", .string("rubric.decision/1")), ("id", .string(id)), ("time", .string(time)), ("origin", .string(origin)),
            ("source", .string(source)), ("ruleset", .string(ruleSetHash)), ("input_hash", .string(inputHash)),
            ("status", .string(status)), ("referral_urgency", .optional(referralUrgency)), ("top_technique", .optional(topTechnique)),
            ("input_format", .string(inputFormat)), ("as_of", .optional(asOf)), ("input_logged", .bool(input != nil)),
        ]
        let head = JSONValue.object(meta).serialized(pretty: false)
        return String(head.dropLast()) + ",\"result\":" + result + (input.map { ",\"input\":" + JSONValue.string($0).serialized(pretty: false) } ?? "") + "}"
    }
}
