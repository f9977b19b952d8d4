import Foundation

/// Reads a file or stdin line by line in constant memory and linear time.
///
/// Each byte is searched for a newline once (the search resumes where the last one stopped),
/// and a line longer than `maximumBytes` is not buffered: its bytes are dropped as they are
/// read and the line comes back as ``Line/tooLong(bytes:)``. A line that is not UTF-8 comes
/// back as ``Line/invalidUTF8(offset:column:)``, never repaired.
final class LineReader {
    /// One line of input.
    enum Line: Equatable {
        /// The line's text, without its newline (or CR LF).
        case text(String)
        /// The line is not UTF-8: the 0-based byte offset of the first bad byte in the line, and
        /// its 1-based column (in characters of the valid text before it).
        case invalidUTF8(offset: Int, column: Int)
        /// The line has more than the maximum number of bytes (`bytes`, its newline not counted).
        case tooLong(bytes: Int)
    }

    private let handle: FileHandle
    private let maximumBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0          // where the unread part of the buffer begins
    private var scanned = 0        // bytes from `start` on that hold no newline
    private var eof = false
    /// Bytes of the current line dropped already because it is too long (nil: not dropping).
    private var dropped: Int?
    /// Bytes consumed so far (for progress).
    private(set) var bytesRead = 0
    /// The 1-based number of the last line returned.
    private(set) var lineNumber = 0

    /// - Parameter maximumBytes: the longest line kept (``InputLimits/maximumProfileBytes``).
    init(handle: FileHandle, maximumBytes: Int = InputLimits.maximumProfileBytes) {
        self.handle = handle
        self.maximumBytes = maximumBytes
    }

    /// The next line, or `nil` at the end.
    func next() -> Line? {
        while true {
            if let nl = newline() {
                let line = finish(upTo: nl)
                start = nl + 1
                scanned = start
                return line
            }
            if eof {
                guard start < buffer.count || dropped != nil else { return nil }
                let line = finish(upTo: buffer.count)
                start = buffer.count
                scanned = start
                return line
            }
            // Too long (one byte spared for a CR before the newline): drop what is buffered.
            if dropped != nil || buffer.count - start > maximumBytes + 1 {
                dropped = (dropped ?? 0) + buffer.count - start
                buffer.removeAll(keepingCapacity: true)
                start = 0
                scanned = 0
            }
            // Drop what has been read (once per refill, not once per line), then read more.
            if start > 0 {
                buffer.removeFirst(start)
                scanned -= start
                start = 0
            }
            let chunk = handle.readData(ofLength: 1 << 16)
            if chunk.isEmpty { eof = true } else { buffer.append(contentsOf: chunk); bytesRead += chunk.count }
        }
    }

    /// The index of the next newline at or after `scanned`; everything before it has been searched.
    private func newline() -> Int? {
        let from = scanned
        let found: Int? = buffer.withUnsafeBufferPointer { bytes in
            guard from < bytes.count, let base = bytes.baseAddress,
                  let hit = memchr(base + from, 0x0A, bytes.count - from) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        scanned = found ?? buffer.count
        return found
    }

    /// The line from `start` to `end` (a newline's index, or the buffer's end).
    private func finish(upTo end: Int) -> Line {
        lineNumber += 1
        var stop = end
        if stop > start && buffer[stop - 1] == 0x0D { stop -= 1 }
        if let previously = dropped {
            dropped = nil
            return .tooLong(bytes: previously + stop - start)
        }
        if stop - start > maximumBytes { return .tooLong(bytes: stop - start) }
        let bytes = buffer[start..<stop]
        if let text = String(validating: bytes, as: UTF8.self) { return .text(text) }
        let offset = UTF8Position.firstInvalidByte(in: bytes) ?? 0
        return .invalidUTF8(offset: offset, column: UTF8Position.lineAndColumn(of: offset, in: bytes).column)
    }
}
