/// Why ``JSONReader`` rejected a text, and where.
///
/// It never reaches users: a profile line that is not JSON is read again by the YAML parser,
/// which names the line and column. Tests use the offset to check where reading stopped.
struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 0-based offset, in UTF-8 bytes, of the byte that could not be read (the text's length
    /// when it ended too early).
    var offset: Int
    var message: String

    var description: String { "byte \(offset): \(message)" }
}
