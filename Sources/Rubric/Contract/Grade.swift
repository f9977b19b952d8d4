/// How well a rule's claim is supported (rules/README.md, "Grades"). Part of the host contract:
/// `rule{}` accepts exactly these names.
public enum Grade: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Backed by guidelines or trials.
    case supported
    /// Weak, low-certainty or mixed evidence: low-quality but positive trials.
    case weak
    /// No trials of this technique for this condition: reasoning from related evidence.
    case insufficient
    /// A claim trials do not support or contradict: such a rule may not add positive points.
    case unsupported
    /// Practice or safety guidance (guidelines' safety advice, references, consensus), not a trial result.
    case practice
    /// A traditional practice without objective evidence, kept on purpose and labelled as such.
    case tradition

    /// Its name as rules write it.
    public var description: String { rawValue }
}
