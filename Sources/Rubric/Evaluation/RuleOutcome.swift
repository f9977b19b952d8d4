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
    /// - Throws: ``LuaError`` (kind `host`) when the values do not have the contract's shape.
    init(rule: RuleInfo, actions flat: [LuaValue], reads pairs: [LuaValue]) throws(LuaError) {
        self.rule = rule
        self.error = nil
        guard flat.count % RuleAction.slots == 0 else {
            throw RuleAction.violation("\(flat.count) action values is not a whole number of actions", rule: rule)
        }
        var actions: [RuleAction] = []
        actions.reserveCapacity(flat.count / RuleAction.slots)
        for start in stride(from: 0, to: flat.count, by: RuleAction.slots) {
            actions.append(try RuleAction(flat[start..<(start + RuleAction.slots)], rule: rule))
        }
        self.actions = actions
        reads = stride(from: 0, to: pairs.count - 1, by: 2).compactMap { i in
            pairs[i].string.map { RuleTrace.Read(field: $0, value: pairs[i + 1].string ?? "") }
        }
    }
}

/// One verb call of a rule.
struct RuleAction {
    /// The values of one action in the host's flat list, in order. The host checks at load that
    /// `Lua/evaluation.lua` writes exactly these (its `LAYOUT`), so the two cannot drift apart.
    enum Field: Int, CaseIterable {
        /// The ``Verb``'s name.
        case verb
        /// The file of the calling line; false when it is the rule's own file.
        case file
        /// The rule line that called the verb.
        case line
        case technique
        /// The reason, caution, note or question.
        case text
        case points
        case urgency
        case advice
        /// `from` for a clearance, the level for a pressure limit.
        case extra

        /// Its name in the host's layout.
        var name: String { String(describing: self) }
    }

    /// Values per action in the host's flat list.
    static let slots = Field.allCases.count

    var verb: Verb
    /// The rule line that called the verb.
    var location: SourceLocation
    var technique: String?
    /// The reason, caution, note or question.
    var text: String
    var points: Int?
    var urgency: Urgency?
    var advice: String?
    /// `from` for a clearance.
    var from: String?
    /// The level for a pressure limit.
    var level: Pressure?

    /// Reads one action from its ``slots`` values (false where a slot does not apply).
    /// - Throws: ``LuaError`` (kind `host`) for a value the contract does not allow: an unknown
    ///   verb, urgency or level, or a verb without the values it needs. Never a default.
    init(_ v: ArraySlice<LuaValue>, rule: RuleInfo) throws(LuaError) {
        func slot(_ f: Field) -> LuaValue { v[v.startIndex + f.rawValue] }
        guard let name = slot(.verb).string, let verb = Verb.named(name) else {
            throw Self.violation("unknown verb \(slot(.verb))", rule: rule)
        }
        guard let text = slot(.text).string else { throw Self.violation("\(verb) without a text", rule: rule) }
        self.verb = verb
        self.text = text
        location = SourceLocation(file: slot(.file).string ?? rule.location.file, line: slot(.line).integer.map(Int.init))
        technique = slot(.technique).string
        points = slot(.points).integer.map(Int.init)
        advice = slot(.advice).string
        urgency = nil
        from = nil
        level = nil
        // What a verb needs beyond its text. A verb not named here carries its text and, when
        // given, a technique: a new verb of that shape needs no case here.
        switch verb {
        case .points:
            guard technique != nil, points != nil else { throw Self.violation("points without a technique or amount", rule: rule) }
        case .exclude:
            guard technique != nil else { throw Self.violation("exclude without a technique", rule: rule) }
        case .refer:
            guard let u = slot(.urgency).string.flatMap(Urgency.init(rawValue:)) else {
                throw Self.violation("refer with urgency \(slot(.urgency))", rule: rule)
            }
            urgency = u
        case .requireClearance:
            guard let f = slot(.extra).string else { throw Self.violation("require_clearance without from", rule: rule) }
            from = f
        case .limitPressure:
            guard let l = slot(.extra).string.flatMap(Pressure.init(rawValue:)) else {
                throw Self.violation("limit_pressure with level \(slot(.extra))", rule: rule)
            }
            level = l
        default:
            break
        }
    }

    /// A host result the contract does not allow: an engine failure at the rule, never a default.
    static func violation(_ what: String, rule: RuleInfo) -> LuaError {
        LuaError(kind: .host, message: "host contract: rule '\(rule.id)' returned \(what)", location: rule.location)
    }
}
