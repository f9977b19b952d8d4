import Foundation

/// Reads a file or stdin line by line in constant memory.
final class LineReader {
    private let handle: FileHandle
    private var buffer = Data()
    private var eof = false
    /// Bytes consumed so far (for progress).
    private(set) var bytesRead = 0
    /// The 1-based number of the last line returned.
    private(set) var lineNumber = 0

    init(handle: FileHandle) { self.handle = handle }

    /// The next line without its newline, or `nil` at the end.
    func next() -> String? {
        while true {
            if let nl = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<nl]
                buffer.removeSubrange(buffer.startIndex...nl)
                lineNumber += 1
                return String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
            }
            if eof {
                guard !buffer.isEmpty else { return nil }
                let line = buffer
                buffer = Data()
                lineNumber += 1
                return String(decoding: line, as: UTF8.self)
            }
            let chunk = handle.readData(ofLength: 1 << 16)
            if chunk.isEmpty { eof = true } else { buffer.append(chunk); bytesRead += chunk.count }
        }
    }
}
