internal import CYaml

/// Builds a ``YAMLTree`` from libyaml's events, with the checks input needs before any of it
/// is walked: mapping keys are text (a list, a mapping or an alias to one is refused), a key
/// appears once per mapping, and aliases expand to at most ``InputLimits/maximumAliasNodes``
/// nodes. Yams's composer cannot be used for untrusted text: it hashes whole key nodes to find
/// duplicates, so an alias bomb used as a key (`? *a : 1`) takes exponential time.
final class YAMLComposer {
    private var parser = yaml_parser_t()
    private let file: String
    /// How errors name the syntax (`YAML`, or `JSON` for a `.json` file).
    private let syntax: String
    /// Anchored nodes and their sizes (nodes, counting what their own aliases expand to).
    private var anchors: [String: (tree: YAMLTree, size: Int)] = [:]
    /// Nodes added by aliases so far.
    private var aliasNodes = 0

    private init(file: String, syntax: String) {
        self.file = file
        self.syntax = syntax
    }

    deinit { yaml_parser_delete(&parser) }

    /// The document in `text`, or nil when it holds none (empty, or only comments).
    /// - Throws: ``InputError`` with line and column.
    static func compose(_ text: String, file: String, syntax: String = "YAML") throws(InputError) -> YAMLTree? {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(InputError) -> YAMLTree? in try YAMLComposer(file: file, syntax: syntax).document(bytes) }
        }
        return try result.get()
    }

    private func document(_ bytes: UnsafeBufferPointer<UInt8>) throws(InputError) -> YAMLTree? {
        guard yaml_parser_initialize(&parser) == 1 else { throw InputError(file: file, message: "out of memory") }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
        var event = try next()                                   // the stream start
        defer { yaml_event_delete(&event) }
        var start = try next()
        defer { yaml_event_delete(&start) }
        if start.type == YAML_STREAM_END_EVENT { return nil }
        let root = try node(try next()).tree                     // after the document start
        var end = try next()                                     // the document end
        yaml_event_delete(&end)
        var after = try next()
        defer { yaml_event_delete(&after) }
        if after.type != YAML_STREAM_END_EVENT {
            throw error(at: after.start_mark, "malformed \(syntax): expected a single document in the stream but found another document")
        }
        return root
    }

    /// The next event; the caller deletes it.
    private func next() throws(InputError) -> yaml_event_t {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { throw parseError() }
        return event
    }

    /// The node that `first` starts, and its size in nodes. Consumes (deletes) `first`.
    private func node(_ first: yaml_event_t) throws(InputError) -> (tree: YAMLTree, size: Int) {
        var first = first
        defer { yaml_event_delete(&first) }
        let mark = Self.mark(first.start_mark)
        switch first.type {
        case YAML_ALIAS_EVENT:
            let name = Self.string(first.data.alias.anchor) ?? ""
            guard let target = anchors[name] else { throw error(at: first.start_mark, "malformed \(syntax): found undefined alias") }
            aliasNodes += target.size
            if aliasNodes > InputLimits.maximumAliasNodes {
                throw InputError(file: file, line: mark.line, column: mark.column,
                                 message: "aliases expand to more than \(InputLimits.maximumAliasNodes) nodes")
            }
            return target
        case YAML_SCALAR_EVENT:
            let s = first.data.scalar
            let value = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
            let tag = s.quoted_implicit == 1 ? nil : Self.string(s.tag)
            let scalar = YAMLTree.Scalar(string: value, isPlain: s.style == YAML_PLAIN_SCALAR_STYLE,
                                         isNullTagged: tag == "tag:yaml.org,2002:null", mark: mark)
            return anchor(Self.string(s.anchor), (.scalar(scalar), 1))
        case YAML_SEQUENCE_START_EVENT:
            var items: [YAMLTree] = []
            var size = 1
            while true {
                let event = try next()
                if event.type == YAML_SEQUENCE_END_EVENT { var e = event; yaml_event_delete(&e); break }
                let item = try node(event)
                items.append(item.tree)
                size += item.size
            }
            return anchor(Self.string(first.data.sequence_start.anchor), (.sequence(items, mark), size))
        case YAML_MAPPING_START_EVENT:
            var pairs: [(key: String, value: YAMLTree)] = []
            var keyMarks: [String: YAMLTree.Mark] = [:]
            var duplicates: Set<String> = []
            var size = 1
            while true {
                let event = try next()
                if event.type == YAML_MAPPING_END_EVENT { var e = event; yaml_event_delete(&e); break }
                let key = try node(event)
                guard case .scalar(let k) = key.tree else {
                    let m = key.tree.mark
                    throw InputError(file: file, line: m.line, column: m.column,
                                     message: "a mapping key must be text, not \(key.tree.kindName)")
                }
                let value = try node(try next())
                if keyMarks[k.string] == nil { keyMarks[k.string] = k.mark } else { duplicates.insert(k.string) }
                pairs.append((k.string, value.tree))
                size += key.size + value.size
            }
            if let firstDuplicate = duplicates.min(), let m = keyMarks[firstDuplicate] {
                throw InputError(file: file, line: m.line, column: m.column,
                                 message: "duplicate key \(duplicates.sorted().map { "'\(Terms.excerpt($0))'" }.joined(separator: ", ")) in a mapping")
            }
            return anchor(Self.string(first.data.mapping_start.anchor), (.mapping(pairs, mark), size))
        default:
            throw error(at: first.start_mark, "malformed \(syntax): unexpected event")
        }
    }

    private func anchor(_ name: String?, _ node: (tree: YAMLTree, size: Int)) -> (tree: YAMLTree, size: Int) {
        if let name { anchors[name] = node }   // a later anchor of the same name shadows an earlier one
        return node
    }

    // MARK: Errors

    private func parseError() -> InputError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_READER_ERROR:
            return InputError(file: file, message: "unreadable text: \(problem)")
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
            let context = parser.context.map { "\(String(cString: $0)) " } ?? ""
            return error(at: parser.problem_mark, "malformed \(syntax): \(context)\(problem)".trimmingTrailingSpace())
        default:
            return InputError(file: file, message: "could not read the document (out of memory)")
        }
    }

    private func error(at mark: yaml_mark_t, _ message: String) -> InputError {
        let m = Self.mark(mark)
        return InputError(file: file, line: m.line, column: m.column, message: message)
    }

    private static func mark(_ m: yaml_mark_t) -> YAMLTree.Mark { YAMLTree.Mark(line: m.line + 1, column: m.column + 1) }

    private static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        p.map { String(cString: $0) }
    }
}

extension YAMLTree {
    /// "a list" or "a mapping" (or "text"), for messages.
    var kindName: String {
        switch self {
        case .scalar: "text"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}
