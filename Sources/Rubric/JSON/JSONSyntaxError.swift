/// Why ``JSONReader`` rejected a text, and where.
///
/// A profile line that is not JSON is read again by the YAML parser; if that fails too, this
/// error's reason and column are reported. A duplicate key is reported as it is, with the
/// field path of the object that repeats it. Tests use the offset to check where reading stopped.
struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 0-based offset, in UTF-8 bytes, of the byte that could not be read (the text's length
    /// when it ended too early; a repeated key's first occurrence).
    var offset: Int
    var message: String
    /// The text is JSON, but an object repeats a key.
    var isDuplicateKey = false
    /// Where in the document reading stopped, outermost first.
    var path: [PathPart] = []

    /// A member's key, or a list position (from 1).
    enum PathPart: Sendable, Hashable {
        case key(String)
        case item(Int)
    }

    /// The field path, e.g. `client` or `conditions[2]`, or nil at the top level.
    var field: String? {
        guard !path.isEmpty else { return nil }
        var out = ""
        for part in path {
            switch part {
            case .key(let k): out += out.isEmpty ? k : ".\(k)"
            case .item(let i): out += "[\(i)]"
            }
        }
        return out
    }

    /// The same error, one container further out (inside the member or item `part`).
    func inside(_ part: PathPart) -> JSONSyntaxError {
        var e = self
        e.path.insert(part, at: 0)
        return e
    }

    var description: String { "byte \(offset): \(message)" }
}
