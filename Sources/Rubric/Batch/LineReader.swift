import Foundation

/// Reads a file or stdin line by line in constant memory.
final class LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0          // where the unread part of the buffer begins
    private var eof = false
    /// Bytes consumed so far (for progress).
    private(set) var bytesRead = 0
    /// The 1-based number of the last line returned.
    private(set) var lineNumber = 0

    init(handle: FileHandle) { self.handle = handle }

    /// The next line without its newline (or CR LF), or `nil` at the end.
    func next() -> String? {
        while true {
            if let nl = buffer[start...].firstIndex(of: 0x0A) {
                var end = nl
                if end > start && buffer[end - 1] == 0x0D { end -= 1 }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = nl + 1
                lineNumber += 1
                return line
            }
            if eof {
                guard start < buffer.count else { return nil }
                let line = String(decoding: buffer[start...], as: UTF8.self)
                start = buffer.count
                lineNumber += 1
                return line
            }
            // Drop what has been read (once per refill, not once per line), then read more.
            buffer.removeFirst(start)
            start = 0
            let chunk = handle.readData(ofLength: 1 << 16)
            if chunk.isEmpty { eof = true } else { buffer.append(contentsOf: chunk); bytesRead += chunk.count }
        }
    }
}
