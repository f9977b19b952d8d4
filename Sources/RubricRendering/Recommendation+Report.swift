import Rubric
extension Recommendation {
    /// Why the ranking is only provisional, for its heading: clearance first, or a check first.
    var provisionalLabel: String? {
        switch status {
        case .clearanceRequired: "provisional, once cleared"
        case .reviewRequired: "provisional, once the items above are checked"
        default: nil
        }
    }

    /// The profile's warnings that are not already listed under "Check before treating".
    var otherWarnings: [ProfileWarning] {
        profile.warnings.filter { w in !review.contains { $0.field == w.field && $0.message == w.message } }
    }
}
