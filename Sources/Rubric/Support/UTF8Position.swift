/// Where UTF-8 text stops being valid, and line and column of a byte offset, for errors
/// that point at the bad byte instead of replacing it with U+FFFD.
enum UTF8Position {
    /// The 0-based byte offset of the first byte that is not part of valid UTF-8, or nil
    /// when all of `bytes` is valid.
    static func firstInvalidByte(in bytes: some Collection<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The 1-based line and column (in characters, within its line) of a byte offset.
    static func lineAndColumn(of offset: Int, in bytes: some BidirectionalCollection<UInt8>) -> (line: Int, column: Int) {
        let prefix = bytes.prefix(offset)
        let line = prefix.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = prefix.lastIndex(of: 0x0A).map { prefix.index(after: $0) } ?? prefix.startIndex
        return (line, String(decoding: prefix[lineStart...], as: UTF8.self).count + 1)
    }
}
