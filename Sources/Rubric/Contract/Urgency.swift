/// How soon a referred client must see a physician. Part of the host contract: `refer{}` accepts
/// exactly these names. Declared most urgent first.
public enum Urgency: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// Call emergency services now.
    case emergency
    /// Seen by a physician today.
    case sameDay = "same_day"
    /// Seen by a physician before treatment.
    case routine

    /// More urgent first: `.emergency < .sameDay`.
    public static func < (a: Urgency, b: Urgency) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Its name in words, for people: "same day".
    public var words: String { String(rawValue.map { $0 == "_" ? " " : $0 }) }

    /// Its name as rules write it.
    public var description: String { rawValue }
}
