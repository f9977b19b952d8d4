internal import Yams

/// A YAML (or JSON) node with its field path and position, for reading input
/// files with errors that name the file, line, column and field.
struct YAMLNode {
    let node: Node
    let file: String
    let path: String

    /// Parses `text`; a malformed document throws an ``InputError`` with line and column.
    static func parse(_ text: String, file: String) throws(InputError) -> YAMLNode? {
        do {
            guard let node = try Yams.compose(yaml: text) else { return nil }
            return YAMLNode(node: node, file: file, path: "")
        } catch let error as YamlError {
            throw Self.inputError(error, file: file)
        } catch {
            throw InputError(file: file, message: "could not read the document: \(error)")
        }
    }

    private static func inputError(_ error: YamlError, file: String) -> InputError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return InputError(file: file, line: mark.line, column: mark.column,
                              message: "malformed YAML: \(prefix)\(problem)".trimmingTrailingSpace())
        case .duplicatedKeysInMapping(let duplicates, let context):
            return InputError(file: file, line: context.mark.line, column: context.mark.column,
                              message: "duplicate key \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")) in a mapping")
        case .reader(let problem, _, _, _):
            return InputError(file: file, message: "unreadable text: \(problem)")
        default:
            return InputError(file: file, message: "malformed YAML: \(error)")
        }
    }

    var line: Int? { node.mark?.line }
    var column: Int? { node.mark?.column }

    func error(_ message: String) -> InputError {
        InputError(file: file, line: line, column: column, field: path.isEmpty ? nil : path, message: message)
    }

    func child(_ node: Node, key: String) -> YAMLNode {
        YAMLNode(node: node, file: file, path: path.isEmpty ? key : "\(path).\(key)")
    }

    /// The pairs of a mapping, in document order.
    func mapping() throws(InputError) -> [(key: String, value: YAMLNode)] {
        guard case .mapping(let m) = node else { throw error("expected a mapping (key: value pairs), found \(kind)") }
        var out: [(String, YAMLNode)] = []
        for (k, v) in m {
            guard let key = k.scalar?.string else { throw error("mapping keys must be plain text") }
            out.append((key, child(v, key: key)))
        }
        return out
    }

    /// The items of a sequence; a single scalar or mapping is read as a one-item list.
    func sequence() -> [YAMLNode] {
        switch node {
        case .sequence(let s):
            return s.enumerated().map { i, n in YAMLNode(node: n, file: file, path: "\(path)[\(i + 1)]") }
        case .scalar(let s) where s.string.isEmpty || s.tag == Tag(.null): return []
        default: return [self]
        }
    }

    var isNull: Bool {
        if case .scalar(let s) = node {
            return s.tag == Tag(.null) || (s.style == .plain && (s.string.isEmpty || s.string == "~" || s.string == "null"))
        }
        return false
    }

    var isScalar: Bool { if case .scalar = node { return true } else { return false } }

    /// Plain text (numbers and booleans are read as their text).
    func text() throws(InputError) -> String {
        guard case .scalar(let s) = node else { throw error("expected text, found \(kind)") }
        return s.string.trimmingCharacters()
    }

    func int() throws(InputError) -> Int {
        let t = try text()
        if let i = Int(t) { return i }
        if let d = Double(t), d.rounded() == d, abs(d) < 1e9 { return Int(d) }
        throw error("expected a whole number, found '\(t)'")
    }

    func number() throws(InputError) -> Double {
        let t = try text()
        guard let d = Double(t), d.isFinite else { throw error("expected a number, found '\(t)'") }
        return d
    }

    func bool() throws(InputError) -> Bool {
        switch try text().lowercased() {
        case "true", "yes", "on", "y": return true
        case "false", "no", "off", "n": return false
        case let t: throw error("expected true or false, found '\(t)'")
        }
    }

    var kind: String {
        switch node {
        case .scalar(let s): return s.tag == Tag(.null) ? "nothing" : "text '\(s.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    func trimmingTrailingSpace() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
