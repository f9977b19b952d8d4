internal import LuaSandbox

/// What one rule did in one evaluation.
struct RuleOutcome {
    var rule: RuleInfo
    /// Its verb calls, in order.
    var actions: [RuleAction]
    /// What it read (only kept when it acted).
    var reads: [RuleTrace.Read]
    var error: RuleError?

    init(rule: RuleInfo, actions: [RuleAction], reads: [RuleTrace.Read], error: RuleError?) {
        self.rule = rule
        self.actions = actions
        self.reads = reads
        self.error = error
    }

    /// Decodes what the host's `run` returns for a rule that acted: its actions as
    /// ``RuleAction/slots`` flat values each, and what it read as field, value pairs
    /// (each field once; the host drops repeated reads).
    init(rule: RuleInfo, actions flat: [LuaValue], reads pairs: [LuaValue]) {
        self.rule = rule
        self.error = nil
        actions = stride(from: 0, to: flat.count - RuleAction.slots + 1, by: RuleAction.slots).map {
            RuleAction(flat[$0..<($0 + RuleAction.slots)], rule: rule)
        }
        reads = stride(from: 0, to: pairs.count - 1, by: 2).compactMap { i in
            pairs[i].string.map { RuleTrace.Read(field: $0, value: pairs[i + 1].string ?? "") }
        }
    }
}

/// One verb call of a rule: `points`, `exclude`, `caution`, `refer`, `require_clearance`,
/// `limit_pressure` or `note`.
struct RuleAction {
    /// Values per action in the host's flat list.
    static let slots = 9

    var verb: String
    /// The rule line that called the verb.
    var location: SourceLocation
    var technique: String?
    /// The reason, caution or note text.
    var text: String
    var points: Int?
    var urgency: String?
    var advice: String?
    /// `from` for a clearance, the level for a pressure limit.
    var extra: String?

    /// Reads one action from its ``slots`` values: verb, file (false when it is the rule's own
    /// file), line, technique, text, points, urgency, advice, from or level (false where a slot
    /// does not apply).
    init(_ v: ArraySlice<LuaValue>, rule: RuleInfo) {
        let s = v.startIndex
        verb = v[s].string ?? ""
        location = SourceLocation(file: v[s + 1].string ?? rule.location.file, line: v[s + 2].integer.map(Int.init))
        technique = v[s + 3].string
        text = v[s + 4].string ?? ""
        points = v[s + 5].integer.map(Int.init)
        urgency = v[s + 6].string
        advice = v[s + 7].string
        extra = v[s + 8].string
    }
}
