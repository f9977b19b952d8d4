/// A verb a rule's `apply` function calls to act (rules/README.md, "Verbs").
///
/// This enum is the contract's one list of verbs: the host is told each verb's allowed kinds
/// (``allowedKinds``) when a rule state is made, and the load fails if `Lua/verbs.lua` does not
/// implement a verb declared here, or implements one that is not. Adding a verb is a case here,
/// its Lua implementation, and its case in the aggregator.
public enum Verb: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `points(technique, amount, reason)`: adds to or takes from a technique's score.
    case points
    /// `exclude(technique, reason)`: rules a technique out.
    case exclude
    /// `caution(technique, text)` or `caution(text)`: a caution for one technique or the session.
    case caution
    /// `refer{urgency=, reason=, advice=}`: stop, and refer the client to a physician.
    case refer
    /// `require_clearance{from=, reason=}`: treatment waits for someone's clearance.
    case requireClearance = "require_clearance"
    /// `limit_pressure(level, reason)`: caps the pressure of the session.
    case limitPressure = "limit_pressure"
    /// `note(text)`: something for the therapist to know.
    case note
    /// `ask(question)`: a question a person must answer before treating.
    case ask

    /// The kinds of rule that may call this verb; any other kind gets an error at the call.
    public var allowedKinds: [RuleInfo.Kind] {
        switch self {
        case .points: [.caution, .indication, .preference]
        case .exclude: [.contraindication]
        case .refer: [.referral]
        case .requireClearance: [.referral, .contraindication]
        case .limitPressure: [.contraindication, .caution]
        case .caution, .note: RuleInfo.Kind.allCases
        case .ask: [.referral, .contraindication, .caution]
        }
    }

    /// Its name as plugins call it.
    public var description: String { rawValue }

    /// The verb a name stands for, as `init(rawValue:)` finds it: compared only with the names of
    /// its length (at most two), which costs less than hashing it (the host names every
    /// action's verb).
    static func named(_ name: String) -> Verb? {
        let length = name.utf8.count
        guard length < byLength.count else { return nil }
        for (text, verb) in byLength[length] where text == name { return verb }
        return nil
    }

    /// The verbs' names by their length in bytes.
    private static let byLength: [[(String, Verb)]] = {
        var table = [[(String, Verb)]](repeating: [], count: (allCases.map(\.rawValue.utf8.count).max() ?? 0) + 1)
        for verb in allCases { table[verb.rawValue.utf8.count].append((verb.rawValue, verb)) }
        return table
    }()
}
