import Rubric
internal import LuaSandbox

/// Terminal styling and wrapping for the human formats.
public struct TextStyle: Sendable {
    /// Whether to emit ANSI colors (only on a terminal, never with `NO_COLOR`).
    public var color: Bool
    /// The width to wrap at.
    public var width: Int

    /// A style with ANSI colors on or off, wrapping at `width` columns.
    public init(color: Bool = false, width: Int = 80) {
        self.color = color
        self.width = width
    }

    func bold(_ s: String) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
    func red(_ s: String) -> String { color ? "\u{1B}[1;31m\(s)\u{1B}[0m" : s }
    func yellow(_ s: String) -> String { color ? "\u{1B}[33m\(s)\u{1B}[0m" : s }
    func green(_ s: String) -> String { color ? "\u{1B}[32m\(s)\u{1B}[0m" : s }
    func dim(_ s: String) -> String { color ? "\u{1B}[2m\(s)\u{1B}[0m" : s }

    /// The escape sequences the styles above write.
    static let sequences = ["\u{1B}[1m", "\u{1B}[1;31m", "\u{1B}[33m", "\u{1B}[32m", "\u{1B}[2m", "\u{1B}[0m"]

    /// One line of a report, safe to print: control characters from rules and profiles become
    /// visible escapes; only this style's own colors stay (see ``TerminalText``).
    func safe(_ line: String) -> String {
        TerminalText.safe(line, allowing: color ? Self.sequences : [])
    }

    /// Wraps `text` to the width: the first line after `first`, the rest after `rest` spaces.
    func wrap(_ text: String, first: String, rest: Int) -> [String] {
        var lines: [String] = []
        var line = first
        var lineWidth = first.count
        let indent = String(repeating: " ", count: rest)
        var empty = true
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !empty && lineWidth + 1 + word.count > width {
                lines.append(line)
                line = indent
                lineWidth = rest
                empty = true
            }
            if !empty { line += " "; lineWidth += 1 }
            line += word
            lineWidth += word.count
            empty = false
        }
        lines.append(line)
        return lines
    }
}

extension String {
    /// The string, with spaces after it up to `n` characters (unchanged when it is longer): for columns.
    public func padded(to n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
    /// The string, with spaces before it up to `n` characters: for right-aligned columns.
    public func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}

func signed(_ n: Int) -> String { n.signedText }
