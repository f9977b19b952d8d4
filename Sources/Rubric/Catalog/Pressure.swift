/// Pressure levels, ordered light < medium < firm.
public enum Pressure: String, Sendable, Hashable, Comparable, CaseIterable {
    /// Light pressure.
    case light
    /// Medium pressure.
    case medium
    /// Firm pressure.
    case firm

    private var order: Int {
        switch self {
        case .light: 0
        case .medium: 1
        case .firm: 2
        }
    }

    /// Lighter first: `.light < .medium < .firm`.
    public static func < (a: Pressure, b: Pressure) -> Bool { a.order < b.order }
}
