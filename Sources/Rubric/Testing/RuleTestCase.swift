import Foundation

/// One test case for the rules, read from `rules/tests/*.yaml`: a profile and
/// what the recommendation must (or must not) contain. See `docs/rule-tests.md`.
public struct RuleTestCase: Sendable {
    /// The case's `name:`, shown in reports and matched by `rubric test --filter`.
    public var name: String
    /// `file:line` of the case.
    public var location: String
    /// The profile to evaluate (`profile:` inline, or read from `profile_file:`).
    public var profile: Profile
    /// What the recommendation must satisfy (`expect:`), in file order.
    public var expectations: [Expectation]

    /// One checkable statement about a recommendation.
    public enum Expectation: Sendable, Hashable {
        /// `status`: the recommendation has this status (e.g. `recommended`).
        case status(String)
        /// `referral`: the client is referred with this urgency (`emergency`, `same_day`, `routine`).
        case referral(String)
        /// `clearance`: a clearance is required (`true`), or none is (`false`).
        case clearance(Bool)
        /// `excluded`: each of these techniques is excluded.
        case excluded([String])
        /// `not_excluded`: none of these techniques is excluded.
        case notExcluded([String])
        /// `cautioned`: each of these techniques has a caution (`general`: there is a general caution).
        case cautioned([String])
        /// `top`: this technique is ranked first.
        case top(String)
        /// `top_k`: each of these techniques ranks within the top `k` (3 unless given).
        case topK(Int, [String])
        /// `ranked_above`: in each `[higher, lower]` pair, both are ranked and the first ranks above the second.
        case rankedAbove([[String]])
        /// `pressure_limit`: pressure is capped at this level (`light`, `medium` or `firm`).
        case pressureLimit(String)
        /// `mentions`: the JSON output contains each of these texts (ignoring case).
        case mentions([String])
        /// `not_mentions`: the JSON output contains none of these texts (ignoring case).
        case notMentions([String])
        /// `warnings`: the profile has a warning with each of these codes.
        case warnings([String])
        /// Review items the result must hold, each named by its code (`uncovered`) or its term.
        case review([String])
        /// `fired`: each of these rules fired (made at least one verb call).
        case fired([String])
        /// `not_fired`: none of these rules fired.
        case notFired([String])
    }

    static let keys = [
        "status", "referral", "clearance", "excluded", "not_excluded", "cautioned", "top", "top_k", "ranked_above",
        "pressure_limit", "mentions", "not_mentions", "warnings", "review", "fired", "not_fired",
    ]

    /// Reads every case in a test file.
    /// - Throws: ``InputError`` naming the file, line and field of a malformed case.
    public static func load(path: String, display: String) throws(InputError) -> [RuleTestCase] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: display, message: "cannot read the file")
        }
        guard let root = try YAMLNode.parse(text, file: display), !root.isNull else { return [] }
        guard let cases = try root.mapping().first(where: { $0.key == "cases" })?.value else {
            throw root.error("a test file needs a top-level 'cases:' list")
        }
        var out: [RuleTestCase] = []
        for node in cases.sequence() {
            var name: String?
            var profile: Profile?
            var expectations: [Expectation] = []
            for (key, value) in try node.mapping() {
                switch key {
                case "name": name = try value.text()
                case "profile": profile = try Profile.parse(value, source: "\(display):\(value.line ?? 0)")
                case "profile_file":
                    let rel = try value.text()
                    let base = URL(fileURLWithPath: path).deletingLastPathComponent()
                    let url = URL(fileURLWithPath: rel, relativeTo: base).standardizedFileURL
                    do { profile = try Profile.load(path: url.path) } catch {
                        throw value.error("cannot use profile_file '\(rel)': \(error.description)")
                    }
                case "expect": expectations = try Self.expectations(value)
                default: throw value.error("unknown key '\(key)' in a test case (name, profile, profile_file, expect)")
                }
            }
            guard let name else { throw node.error("a test case needs a name") }
            out.append(RuleTestCase(name: name, location: "\(display):\(node.line ?? 0)",
                                    profile: profile ?? Profile(source: "\(display):\(node.line ?? 0)"),
                                    expectations: expectations))
        }
        return out
    }

    private static func expectations(_ node: YAMLNode) throws(InputError) -> [Expectation] {
        func list(_ v: YAMLNode) throws(InputError) -> [String] {
            var out: [String] = []
            for item in v.sequence() { out.append(try item.text()) }
            return out
        }
        var out: [Expectation] = []
        for (key, v) in try node.mapping() {
            switch key {
            case "status": out.append(.status(try v.text()))
            case "review": out.append(.review(try list(v)))
            case "referral": out.append(.referral(try v.text()))
            case "clearance": out.append(.clearance(try v.bool()))
            case "excluded": out.append(.excluded(try list(v)))
            case "not_excluded": out.append(.notExcluded(try list(v)))
            case "cautioned": out.append(.cautioned(try list(v)))
            case "top": out.append(.top(try v.text()))
            case "top_k":
                var k = 3
                var includes: [String] = []
                for (kk, vv) in try v.mapping() {
                    switch kk {
                    case "k": k = try vv.int()
                    case "includes": includes = try list(vv)
                    default: throw vv.error("top_k takes k and includes")
                    }
                }
                out.append(.topK(k, includes))
            case "ranked_above":
                var pairs: [[String]] = []
                for pair in v.sequence() {
                    let p = try list(pair)
                    if p.count != 2 { throw pair.error("ranked_above takes pairs: [[higher, lower], ...]") }
                    pairs.append(p)
                }
                out.append(.rankedAbove(pairs))
            case "pressure_limit": out.append(.pressureLimit(try v.text()))
            case "mentions": out.append(.mentions(try list(v)))
            case "not_mentions": out.append(.notMentions(try list(v)))
            case "warnings": out.append(.warnings(try list(v)))
            case "fired": out.append(.fired(try list(v)))
            case "not_fired": out.append(.notFired(try list(v)))
            default:
                let hint = Terms.suggestion(for: key, among: keys.map { ($0, $0) }).map { " (did you mean '\($0)'?)" } ?? ""
                throw v.error("unknown expectation '\(key)'\(hint)")
            }
        }
        return out
    }
}
