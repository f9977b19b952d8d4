/// The rules a profile's terms can wake: every rule without a trigger, and each rule whose
/// ``RuleTrigger`` lists one of the profile's active conditions, symptoms, flags or goals.
///
/// Built once per evaluator from the rules in execution order; a lookup walks the profile's few
/// terms, not the rules, so a large rule set pays for the rules that can act.
struct TriggerIndex {
    /// Positions (in execution order) of the rules that always run.
    private let always: [Int]
    /// Positions woken by each term, by section.
    private let byCondition: [String: [Int]], bySymptom: [String: [Int]], byFlag: [String: [Int]], byGoal: [String: [Int]]
    private let count: Int
    /// How many plugins (budget groups) the rules come from.
    private let groupCount: Int

    /// Nil when no rule declares a trigger (then every rule runs, with no lookup at all).
    init?(rules: [RuleInfo], groups: [Int32]) {
        guard rules.contains(where: { $0.trigger != nil }) else { return nil }
        var always: [Int] = []
        var c: [String: [Int]] = [:], s: [String: [Int]] = [:], f: [String: [Int]] = [:], g: [String: [Int]] = [:]
        for (position, rule) in rules.enumerated() {
            guard let t = rule.trigger, !rule.kind.isSafety else { always.append(position); continue }
            for (section, ids) in t.terms {
                for id in ids {
                    switch section {
                    case .conditions: c[id, default: []].append(position)
                    case .symptoms: s[id, default: []].append(position)
                    case .flags: f[id, default: []].append(position)
                    case .goals: g[id, default: []].append(position)
                    }
                }
            }
        }
        self.always = always
        (byCondition, bySymptom, byFlag, byGoal) = (c, s, f, g)
        count = rules.count
        groupCount = Int(groups.max() ?? -1) + 1
    }

    /// The host's rule indexes and plugin groups for the rules at `positions`, the groups
    /// numbered again from 0 in order of first use (the sandbox wants them in 0..<count).
    func calls(_ positions: [Int], indexes: [Int64], groups: [Int32]) -> (items: [Int64], groups: [Int32]) {
        var items: [Int64] = [], numbered: [Int32] = []
        items.reserveCapacity(positions.count)
        numbered.reserveCapacity(positions.count)
        var renumber = [Int32](repeating: -1, count: groupCount)
        var next: Int32 = 0
        for p in positions {
            items.append(indexes[p])
            let g = Int(groups[p])
            if renumber[g] < 0 { renumber[g] = next; next += 1 }
            numbered.append(renumber[g])
        }
        return (items, numbered)
    }

    /// The positions of the rules to run for `profile`, in execution order.
    func positions(for profile: ResolvedProfile) -> [Int] {
        var woken = [Bool](repeating: false, count: count)
        for p in always { woken[p] = true }
        func wake(_ list: [Int]?) { if let list { for p in list { woken[p] = true } } }
        for condition in profile.conditions where condition.active {
            if let id = condition.id { wake(byCondition[id]) }
        }
        for id in profile.symptoms { wake(bySymptom[id]) }
        for id in profile.flags { wake(byFlag[id]) }
        for id in profile.goals { wake(byGoal[id]) }
        var out: [Int] = []
        out.reserveCapacity(count)
        for p in 0..<count where woken[p] { out.append(p) }
        return out
    }
}
