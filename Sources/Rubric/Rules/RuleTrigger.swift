/// What a scoring rule says it needs to act: `when = { conditions = {…}, symptoms = {…}, flags
/// = {…}, goals = {…} }` in its `rule { … }`. The rule can act only on a profile with at least
/// one of these (an active condition, a symptom, a flag or a goal), so the evaluator skips it on
/// every other profile, as if it had run and taken no action.
///
/// Only scoring kinds (``kinds``) may declare one: a safety rule always runs. Whether a trigger
/// really covers what its rule reads is checked by `rubric rules check` (``RuleChecker``), which
/// runs every rule with triggers ignored and reports a rule that acts where its trigger does not
/// match, or reads a term its trigger does not list.
///
/// Part of the host contract: the sections and kinds are declared here and handed to the host,
/// which refuses anything else; a `when` the host returns with another section fails loudly.
public struct RuleTrigger: Sendable, Hashable {
    /// What a trigger may list: each a catalog section, matched against the profile's own list.
    public enum Section: String, Sendable, Hashable, CaseIterable {
        /// Active conditions.
        case conditions
        /// Symptoms.
        case symptoms
        /// Flags.
        case flags
        /// Goals (the client's preferences).
        case goals

        /// One term of the section, for messages: `condition`.
        public var term: String { String(rawValue.dropLast()) }

        /// How traced reads name one of its terms: `conditions.` + id.
        var readPrefixes: [String] {
            switch self {
            case .conditions: ["conditions."]
            case .symptoms: ["symptoms.onset.", "symptoms."]
            case .flags: ["flags."]
            case .goals: ["preferences.goals."]
            }
        }
    }

    /// The kinds that may declare a trigger: the scoring ones (a safety rule always runs).
    public static let kinds = RuleInfo.Kind.allCases.filter { !$0.isSafety }

    /// The catalog ids listed, by section (a section not listed is absent).
    public var terms: [Section: [String]]

    /// A trigger on these terms.
    public init(_ terms: [Section: [String]]) { self.terms = terms.filter { !$0.value.isEmpty } }

    /// Whether `profile` has at least one of the trigger's terms.
    public func matches(_ profile: ResolvedProfile) -> Bool {
        for (section, ids) in terms {
            switch section {
            case .conditions: if profile.conditions.contains(where: { c in c.active && c.id.map(ids.contains) == true }) { return true }
            case .symptoms: if profile.symptoms.contains(where: ids.contains) { return true }
            case .flags: if profile.flags.contains(where: ids.contains) { return true }
            case .goals: if profile.goals.contains(where: ids.contains) { return true }
            }
        }
        return false
    }

    /// Whether a traced read of `field` is one the trigger answers for: any read but of a
    /// condition, symptom, flag or goal is; one of those only when listed (with any options,
    /// `conditions.x{course=acute}`, but never `status=any`: a trigger matches active conditions
    /// only); a whole list (`client.conditions`, `client.preferences`) never; and never
    /// `pregnancy`, which a profile can give without the `pregnant` flag.
    public func covers(read field: String) -> Bool {
        var base = Substring(field)
        if let brace = field.firstIndex(of: "{") {
            if field[brace...].contains("status=") { return false }
            base = field[..<brace]
        }
        if ["conditions", "symptoms", "flags", "preferences", "preferences.goals", "pregnancy"].contains(base) { return false }
        for section in Section.allCases {
            for prefix in section.readPrefixes where base.hasPrefix(prefix) {
                return terms[section]?.contains(String(base.dropFirst(prefix.count))) == true
            }
        }
        return true
    }
}
