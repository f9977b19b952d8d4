import Foundation
import RubricRendering

/// Writing to the terminal: stdout, stderr, and text made safe to print.
enum Terminal {
    /// Colors only on a terminal, and never with NO_COLOR set.
    static var style: TextStyle {
        TextStyle(color: isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data((safe(message) + "\n").utf8))
    }

    /// `text` with every line passed through ``TerminalText/safe(_:allowing:)``.
    static func safe(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.safe(String($0)) }
            .joined(separator: "\n")
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
