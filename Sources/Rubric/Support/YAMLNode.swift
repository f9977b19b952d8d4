/// A node of an input document (YAML, or JSON already read by ``JSONReader``) with its field
/// path and position, for reading input files with errors that name the file, line, column
/// and field. JSON values are read directly, without building YAML nodes (the batch hot path).
///
/// A node of a profile is `checked`: ``items()``, ``mapping()`` and ``text(freeText:)`` then
/// hold it to ``InputLimits`` (list and mapping sizes, term and free-text lengths).
struct YAMLNode {
    enum Value {
        case yaml(YAMLTree)
        case json(JSONInput)
    }

    let value: Value
    let file: String
    /// Where the node is: its parent's path and its key or (1-based) position under it. The
    /// path is made when asked for (an error, a warning, an entry's field), not for every node.
    private let parentPath: String
    private let key: String?
    private let position: Int
    /// The field path, e.g. `conditions[2].name` (empty for the root).
    var path: String {
        if let key { return parentPath.isEmpty ? key : "\(parentPath).\(key)" }
        return position > 0 ? "\(parentPath)[\(position)]" : parentPath
    }
    /// Whether the profile limits apply (see ``InputLimits``).
    let checked: Bool
    /// For JSON read directly from one line of text: every node is on line 1 (as the YAML
    /// reader would say), so warnings name the same line whichever reader read it.
    var oneLine = false

    init(tree: YAMLTree, file: String, path: String, checked: Bool = false) {
        self.init(.yaml(tree), file: file, parentPath: path, key: nil, position: 0, checked: checked)
    }

    init(json: JSONInput, file: String, path: String, checked: Bool = false) {
        self.init(.json(json), file: file, parentPath: path, key: nil, position: 0, checked: checked)
    }

    private init(_ value: Value, file: String, parentPath: String, key: String?, position: Int, checked: Bool) {
        self.value = value
        self.file = file
        self.parentPath = parentPath
        self.key = key
        self.position = position
        self.checked = checked
    }

    /// Parses `text`; a malformed document throws an ``InputError`` with line and column.
    /// Every value is read as text here (see `text()`, `int()`, `bool()`, `isNull`): keys
    /// compare as text, so `1` and `"1"` in one mapping are reported as duplicates.
    /// - Parameters:
    ///   - checked: whether the profile limits apply to the nodes (the alias bound always does).
    ///   - syntax: how errors name malformed text (`YAML`, or `JSON` for a `.json` file).
    static func parse(_ text: String, file: String, checked: Bool = false, syntax: String = "YAML") throws(InputError) -> YAMLNode? {
        guard let tree = try YAMLComposer.compose(text, file: file, syntax: syntax) else { return nil }
        return YAMLNode(tree: tree, file: file, path: "", checked: checked)
    }

    var line: Int? { if case .yaml(let n) = value { return n.mark.line } else { return oneLine ? 1 : nil } }
    var column: Int? { if case .yaml(let n) = value { return n.mark.column } else { return nil } }

    func error(_ message: String) -> InputError {
        InputError(file: file, line: line, column: column, field: path.isEmpty ? nil : path, message: message)
    }

    /// The pairs of a mapping, in document order (JSON objects: sorted keys, for determinism).
    func mapping() throws(InputError) -> [(key: String, value: YAMLNode)] {
        switch value {
        case .yaml(.mapping(let pairs, _)):
            try checkMapping(pairs.count, keys: pairs.lazy.map(\.key))
            let here = path
            return pairs.map { ($0.key, YAMLNode(.yaml($0.value), file: file, parentPath: here, key: $0.key, position: 0, checked: checked)) }
        case .json(.object(let members)):
            try checkMapping(members.count, keys: members.lazy.map(\.key))
            let here = path
            return members.map {
                var n = YAMLNode(.json($0.value), file: file, parentPath: here, key: $0.key, position: 0, checked: checked)
                n.oneLine = oneLine
                return ($0.key, n)
            }   // sorted, or in document order (JSONReader.readExactly)
        default:
            throw error("expected a mapping (key: value pairs), found \(kind)")
        }
    }

    private func checkMapping(_ count: Int, keys: some Sequence<String>) throws(InputError) {
        guard checked else { return }
        if count > InputLimits.maximumMappingKeys {
            throw error("\(count) keys, more than the \(InputLimits.maximumMappingKeys) a mapping may have")
        }
        for key in keys where key.utf8.count > InputLimits.maximumTermCharacters
            && key.unicodeScalars.count > InputLimits.maximumTermCharacters {
            throw error("a field name ('\(Terms.excerpt(key))') is longer than the \(InputLimits.maximumTermCharacters) characters a name may have")
        }
    }

    /// The items of a sequence; a single scalar or mapping is read as a one-item list.
    /// Not held to the limits (see ``items()``).
    func sequence() -> [YAMLNode] {
        switch value {
        case .yaml(let node):
            switch node {
            case .sequence(let s, _):
                let here = path
                return s.enumerated().map { i, n in YAMLNode(.yaml(n), file: file, parentPath: here, key: nil, position: i + 1, checked: checked) }
            case .scalar(let s) where s.string.isEmpty || s.isNullTagged: return []
            case .scalar where isNull: return []   // `medications: null` (or `~`) is no list, not a medicine named "null"
            default: return [self]
            }
        case .json(.array(let items)):
            let here = path
            return items.enumerated().map { i, x in
                var n = YAMLNode(.json(x), file: file, parentPath: here, key: nil, position: i + 1, checked: checked)
                n.oneLine = oneLine
                return n
            }
        case .json(.null): return []
        case .json(.string(let s)) where s.isEmpty: return []
        case .json: return [self]
        }
    }

    /// ``sequence()``, held to ``InputLimits/maximumListItems`` when the node is checked.
    func items() throws(InputError) -> [YAMLNode] {
        if checked {
            let count: Int
            switch value {
            case .yaml(.sequence(let s, _)): count = s.count
            case .json(.array(let a)): count = a.count
            default: count = 0
            }
            if count > InputLimits.maximumListItems {
                throw error("\(count) items, more than the \(InputLimits.maximumListItems) a list may have")
            }
        }
        return sequence()
    }

    var isNull: Bool {
        switch value {
        case .yaml(.scalar(let s)):
            return s.isNullTagged || (s.isPlain && (s.string.isEmpty || s.string == "~" || s.string == "null"))
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

    /// Plain text (numbers and booleans are read as their text). A checked node's text may be
    /// at most ``InputLimits/maximumTermCharacters`` long, or ``InputLimits/maximumFreeTextCharacters``
    /// for free text.
    func text(freeText: Bool = false) throws(InputError) -> String {
        let t: String
        var trimmed = false
        switch value {
        case .yaml(.scalar(let s)): t = s.string
        case .json(.string(let s)): t = s
        case .json(.number(let n)): t = n; trimmed = true
        case .json(.bool(let b)): return b ? "true" : "false"
        default: throw error("expected text, found \(kind)")
        }
        if checked {
            let limit = freeText ? InputLimits.maximumFreeTextCharacters : InputLimits.maximumTermCharacters
            if t.utf8.count > limit, t.unicodeScalars.count > limit {
                throw error("the text is \(t.unicodeScalars.count) characters long, more than the \(limit) allowed")
            }
        }
        return trimmed ? t : t.trimmingCharacters()
    }

    func int() throws(InputError) -> Int {
        let t = try text()
        if let i = Int(t) { return i }
        if let d = Double(t), d.rounded() == d, abs(d) < 1e9 { return Int(d) }
        throw error("expected a whole number, found '\(Terms.excerpt(t))'")
    }

    func number() throws(InputError) -> Double {
        let t = try text()
        guard let d = Double(t), d.isFinite else { throw error("expected a number, found '\(Terms.excerpt(t))'") }
        return d
    }

    func bool() throws(InputError) -> Bool {
        switch try text().lowercased() {
        case "true", "yes", "on", "y": return true
        case "false", "no", "off", "n": return false
        case let t: throw error("expected true or false, found '\(Terms.excerpt(t))'")
        }
    }

    /// What the node is, for messages; text is quoted up to ``InputLimits/maximumQuotedCharacters``.
    var kind: String {
        switch value {
        case .yaml(.scalar(let s)): return s.isNullTagged ? "nothing" : "text '\(Terms.excerpt(s.string))'"
        case .yaml(.mapping): return "a mapping"
        case .yaml(.sequence): return "a list"
        case .json(.null): return "nothing"
        case .json(.array): return "a list"
        case .json(.object): return "a mapping"
        case .json(.string(let s)), .json(.number(let s)): return "text '\(Terms.excerpt(s))'"
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
