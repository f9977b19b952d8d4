internal import LuaSandbox

/// The compact form for bulk scoring (`rubric batch --detail ids`): per profile its status and,
/// per technique, its score and contributions as rule ids and points; every text, grade,
/// evidence list and location is written once, in the rules table (``Evaluator/rulesTableJSON()``).
extension Recommendation {
    /// The schema identifier of a compact record.
    public static let compactSchema = "rubric.batch-ids/1"

    /// The compact record as one line of JSON (see `docs/schemas/batch-ids.schema.json`).
    public func serializedCompactJSON() -> String {
        String(decoding: compactJSONBytes(), as: UTF8.self)
    }

    /// ``serializedCompactJSON()`` as UTF-8 bytes.
    func compactJSONBytes() -> [UInt8] {
        var w = JSONWriter(pretty: false, capacity: 512)
        writeCompactJSON(to: &w)
        return w.bytes
    }

    func writeCompactJSON<Sink: JSONSink & ~Copyable>(to w: inout Sink) {
        w.object { w in
            w.field("schema", Self.compactSchema)
            w.field("source", profile.source); w.field("client_id", profile.clientID)
            w.field("status", status.rawValue)
            w.objects("review", review) { w, r in
                w.field("code", r.code.rawValue); w.field("field", r.field); w.field("term", r.term); w.field("rule", r.rule)
            }
            w.object("referral", referrals.isEmpty ? nil : referrals) { w, referrals in
                w.field("urgency", referralUrgency)
                w.array("rules", referrals.map(\.rule))
            }
            w.array("clearance", clearances.map(\.rule))
            w.object("pressure_limit", pressureLimit) { w, p in
                w.field("level", p.level.rawValue); w.array("rules", p.reasons.map(\.rule))
            }
            w.objects("ranking", ranking) { w, r in
                w.field("technique", r.technique); w.field("score", r.score)
                Self.pairs(&w, "contributions", r.contributions)
                w.array("cautions", r.cautions.map(\.rule))
            }
            w.objects("excluded", excluded) { w, e in
                w.field("technique", e.technique); w.array("rules", e.reasons.map(\.rule))
            }
            w.array("cautions", cautions.map(\.rule))
            w.array("notes", notes.map(\.rule))
            w.array("warnings", profile.warnings.map(\.code))
            w.array("errors", failures)
        }
    }

    /// Contributions as `[rule, points]` pairs.
    private static func pairs<Sink: JSONSink & ~Copyable>(_ w: inout Sink, _ key: StaticString, _ items: [Contribution]) {
        w.key(key)
        w.array { w in
            for c in items {
                w.array { w in w.string(c.rule); w.int(c.points) }
            }
        }
    }
}

extension Evaluator {
    /// The schema identifier of the rules table that heads `batch --detail ids` output.
    public static let rulesTableSchema = "rubric.batch-rules/1"

    /// The rules table: every rule once, with its title, kind, grade, evidence and location, for
    /// reading compact records (`batch --detail ids` writes it as its first line).
    public func rulesTableJSON() -> String {
        var w = JSONWriter(pretty: false, capacity: 256 * rules.count)
        w.object { w in
            w.field("schema", Self.rulesTableSchema)
            w.object("ruleset") { w in
                w.field("hash", ruleSet.hash); w.field("version", ruleSet.version)
                w.field("plugins", ruleSet.plugins.count); w.field("rules", rules.count)
            }
            w.objects("rules", rules) { w, r in
                w.field("id", r.id); w.field("title", r.title); w.field("kind", r.kind.rawValue)
                w.field("grade", r.grade); w.array("evidence", r.evidence); w.field("location", r.location)
            }
        }
        return w.text
    }
}
