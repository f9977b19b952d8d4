extension Int {
    /// Points as reports show them: `+3`, `0`, `-2`.
    public var signedText: String { self > 0 ? "+\(self)" : "\(self)" }
}
