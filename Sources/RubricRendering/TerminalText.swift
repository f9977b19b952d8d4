import Rubric
/// Text from rules and profiles made safe to print on a terminal.
///
/// Reasons, notes, `print` output, error messages, client ids and profile terms come from
/// plugins and intake forms. Printed raw, an escape sequence in one of them could move the
/// cursor, erase the FAILED CLOSED header and print "Recommended" in its place, or a carriage
/// return could overwrite a line. Every human-readable report passes each of its lines through
/// ``TerminalText/safe(_:allowing:)`` before it is joined: control characters (C0 but tab,
/// DEL, C1), and the bidirectional overrides that reorder what a reader sees, become visible
/// escapes such as `\u{1B}`; a tab or a newline inside one line becomes a space. JSON output
/// escapes them already.
public enum TerminalText {
    /// `line` with every control character shown as an escape. `allowing` lists escape sequences
    /// the report itself wrote (its own colors) that are kept as they are.
    public static func safe(_ line: String, allowing sequences: [String] = []) -> String {
        guard line.unicodeScalars.contains(where: isUnsafe) else { return line }
        var out = ""
        out.reserveCapacity(line.utf8.count + 16)
        var rest = Substring(line)
        scan: while let scalar = rest.unicodeScalars.first {
            if scalar == "\u{1B}" {
                for s in sequences where rest.hasPrefix(s) {
                    out += s
                    rest = rest.dropFirst(s.count)
                    continue scan
                }
            }
            if scalar == "\n" || scalar == "\t" {
                out += " "
            } else if isUnsafe(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
            rest = Substring(rest.unicodeScalars.dropFirst())
        }
        return out
    }

    /// C0 controls, DEL, C1 controls, and the bidirectional embeddings, overrides and isolates.
    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
