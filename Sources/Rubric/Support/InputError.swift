/// A problem with an input file (a profile or a catalog file): where, which field, what.
///
/// Printed like a compiler diagnostic: `examples/profiles/a.yaml:3:7: error: conditions[1].course: …`.
/// Profile values are never quoted in ``description`` beyond the offending term itself.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, as given.
    public var file: String
    /// 1-based line and column, when known.
    public var line: Int?
    /// The 1-based column, when known; ``description`` shows it only with a line.
    public var column: Int?
    /// The field path, e.g. `conditions[2].name`, when the problem belongs to one.
    public var field: String?
    /// What is wrong, in one sentence.
    public var message: String

    /// A problem in `file`, at `line` and `column` when known, in `field` when it belongs to one.
    public init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// The problem as a compiler-style diagnostic: `file:line:column: error: field: message`,
    /// leaving out what is not known.
    public var description: String {
        var place = file
        if let line { place += ":\(line)"; if let column { place += ":\(column)" } }
        return "\(place): error: \(field.map { "\($0): " } ?? "")\(message)"
    }
}
