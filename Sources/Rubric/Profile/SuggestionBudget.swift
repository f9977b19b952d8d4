/// How many "did you mean" suggestions one profile may still have looked for
/// (``InputLimits/maximumSuggestions``): past it, unknown terms are warned about without one.
/// A reference, so that the resolver's non-mutating steps can spend it; one per resolution.
final class SuggestionBudget {
    private var left: Int

    init(left: Int) { self.left = left }

    /// Takes one suggestion from the budget; false when none is left.
    func spend() -> Bool {
        guard left > 0 else { return false }
        left -= 1
        return true
    }
}
