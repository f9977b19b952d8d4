internal import Yams

/// A node of an input document (YAML, or JSON already read by ``JSONReader``) with its field
/// path and position, for reading input files with errors that name the file, line, column
/// and field. JSON values are read directly, without building YAML nodes (the batch hot path).
struct YAMLNode {
    /// An explicit `!!null` tag (compared as text: making a `Tag` would build Yams's default resolver).
    private static let nullTag = "tag:yaml.org,2002:null"

    enum Value {
        case yaml(Node)
        case json(JSONInput)
    }

    let value: Value
    let file: String
    let path: String

    init(node: Node, file: String, path: String) {
        value = .yaml(node)
        self.file = file
        self.path = path
    }

    init(json: JSONInput, file: String, path: String) {
        value = .json(json)
        self.file = file
        self.path = path
    }

    /// Parses `text`; a malformed document throws an ``InputError`` with line and column.
    static func parse(_ text: String, file: String) throws(InputError) -> YAMLNode? {
        do {
            // The basic resolver: every value is read as text here (see `text()`, `int()`,
            // `bool()`, `isNull`), so Yams's regular-expression tag rules would only cost time;
            // they were most of the catalog's load time. Keys still compare as text, so `1` and
            // `"1"` in one mapping are reported as duplicates rather than read as two keys.
            guard let node = try Yams.compose(yaml: text, .basic) else { return nil }
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

    var line: Int? { if case .yaml(let n) = value { return n.mark?.line } else { return nil } }
    var column: Int? { if case .yaml(let n) = value { return n.mark?.column } else { return nil } }

    func error(_ message: String) -> InputError {
        InputError(file: file, line: line, column: column, field: path.isEmpty ? nil : path, message: message)
    }

    private func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The pairs of a mapping, in document order (JSON objects: sorted keys, for determinism).
    func mapping() throws(InputError) -> [(key: String, value: YAMLNode)] {
        switch value {
        case .yaml(let node):
            guard case .mapping(let m) = node else { throw error("expected a mapping (key: value pairs), found \(kind)") }
            var out: [(String, YAMLNode)] = []
            for (k, v) in m {
                guard let key = k.scalar?.string else { throw error("mapping keys must be plain text") }
                out.append((key, YAMLNode(node: v, file: file, path: childPath(key))))
            }
            return out
        case .json(let json):
            guard case .object(let members) = json else { throw error("expected a mapping (key: value pairs), found \(kind)") }
            return members.map { ($0.key, YAMLNode(json: $0.value, file: file, path: childPath($0.key))) }   // already sorted
        }
    }

    /// The items of a sequence; a single scalar or mapping is read as a one-item list.
    func sequence() -> [YAMLNode] {
        switch value {
        case .yaml(let node):
            switch node {
            case .sequence(let s):
                return s.enumerated().map { i, n in YAMLNode(node: n, file: file, path: "\(path)[\(i + 1)]") }
            case .scalar(let s) where s.string.isEmpty || s.tag.rawValue == Self.nullTag: return []
            default: return [self]
            }
        case .json(.array(let items)):
            return items.enumerated().map { i, x in YAMLNode(json: x, file: file, path: "\(path)[\(i + 1)]") }
        case .json(.null): return []
        case .json(.string(let s)) where s.isEmpty: return []
        case .json: return [self]
        }
    }

    var isNull: Bool {
        switch value {
        case .yaml(.scalar(let s)):
            return s.tag.rawValue == Self.nullTag || (s.style == .plain && (s.string.isEmpty || s.string == "~" || s.string == "null"))
        case .yaml: return false
        case .json(let json): if case .null = json { return true } else { return false }
        }
    }

    var isScalar: Bool {
        switch value {
        case .yaml(.scalar): return true
        case .yaml: return false
        case .json(.string), .json(.number), .json(.bool): return true
        case .json: return false
        }
    }

    /// Plain text (numbers and booleans are read as their text).
    func text() throws(InputError) -> String {
        switch value {
        case .yaml(.scalar(let s)): return s.string.trimmingCharacters()
        case .json(.string(let s)): return s.trimmingCharacters()
        case .json(.number(let n)): return n
        case .json(.bool(let b)): return b ? "true" : "false"
        default: throw error("expected text, found \(kind)")
        }
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
        switch value {
        case .yaml(.scalar(let s)): return s.tag.rawValue == Self.nullTag ? "nothing" : "text '\(s.string)'"
        case .yaml(.mapping): return "a mapping"
        case .yaml(.sequence): return "a list"
        case .yaml(.alias): return "an alias"
        case .json(.null): return "nothing"
        case .json(.array): return "a list"
        case .json(.object): return "a mapping"
        case .json(.string(let s)), .json(.number(let s)): return "text '\(s)'"
        case .json(.bool(let b)): return "text '\(b)'"
        }
    }
}

extension String {
    func trimmingCharacters() -> String {
        // Visible ASCII at both ends: no whitespace character there (a character is whitespace by
        // its first scalar, and none that ends in visible ASCII starts with whitespace).
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) { return self }
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
