public import LuaSandbox

/// Something in a profile the engine does not recognise or cannot judge, which a person must
/// check before treating: it makes a recommendation ``Recommendation/Status/reviewRequired``
/// (unless a referral, clearance or failure is more serious), and is said first.
public struct ReviewItem: Sendable, Hashable {
    /// Why the item needs a person.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A term that resolved to nothing in the catalog: no rule could read it.
        case notUnderstood = "not_understood"
        /// A code (ICD-10-CM, SNOMED CT) that resolved to nothing.
        case unknownCode = "unknown_code"
        /// A recognised condition, symptom, flag or medicine class that no rule uses: the
        /// ranking does not account for it.
        case uncovered
        /// A value outside what is plausible (an age of 0 or 130, 60 weeks of pregnancy).
        case implausible
        /// A client outside what the rule set is written for (a child).
        case outOfScope = "out_of_scope"
        /// Facts that contradict each other.
        case contradictory
        /// A field no rule reads, or a value of the wrong kind: what it says is not used.
        case notRead = "not_read"
        /// A fact safety rules need that the profile does not give (the age: a child, fracture risk after 70).
        case missing
        /// A question a safety rule could not answer from the profile (`ask()`): an undated
        /// red-flag sign, whether one leg or both.
        case question
    }

    /// Why the item needs a person.
    public var code: Code
    /// The profile field, e.g. `symptoms[1]` or `client.age`.
    public var field: String?
    /// The line in the profile file, when known.
    public var line: Int?
    /// The term or value as the profile gave it.
    public var term: String?
    /// One sentence for the person checking.
    public var message: String
    /// For a ``Code/question``: the rule that asked, and where.
    public var rule: String? = nil
    /// For a ``Code/question``: where the rule asked (file and line).
    public var location: SourceLocation? = nil

    /// Where it is, as reports show it: `symptoms[0], line 4`.
    public var place: String? {
        let parts = [field, line.map { "line \($0)" }].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
