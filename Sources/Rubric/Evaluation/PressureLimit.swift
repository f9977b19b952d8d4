/// A pressure cap.
public struct PressureLimit: Sendable, Hashable {
    /// The strictest level any rule allowed: no technique whose minimum pressure is above it is ranked.
    public var level: Pressure
    /// The `limit_pressure` calls that set this level.
    public var reasons: [Finding]
}
