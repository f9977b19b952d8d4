/// A place in a rule file: `rules/stenosis.lua:12`.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file as the chunk was named, e.g. `rules/stenosis.lua`.
    public var file: String
    /// The 1-based line, if known.
    public var line: Int?

    /// A location in `file`, at `line` when known.
    public init(file: String, line: Int? = nil) {
        self.file = file
        self.line = line
    }

    /// `file:line`, or just `file` when the line is not known.
    public var description: String { line.map { "\(file):\($0)" } ?? file }

    /// File order, then line order (an unknown line first).
    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line ?? 0) < (b.file, b.line ?? 0)
    }

    /// Splits a Lua message of the form `file:line: text` when `file` is a known chunk name.
    ///
    /// - Returns: the location and the text after it, or `nil` if the message has no such prefix.
    public static func split(message: String) -> (SourceLocation, String)? {
        let parts = message.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let line = Int(parts[1]), !parts[0].isEmpty, !parts[0].contains(" ") else {
            return nil
        }
        let text = parts[2].hasPrefix(" ") ? parts[2].dropFirst() : parts[2]
        return (SourceLocation(file: String(parts[0]), line: line), String(text))
    }
}
