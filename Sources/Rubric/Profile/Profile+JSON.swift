extension Profile {
    /// Parses one JSON profile quickly (``JSONReader``, read directly), as `rubric batch` does
    /// for each JSONL line. A line that is not JSON is read by the YAML parser (a YAML flow
    /// mapping is accepted); if that fails too, the error is the JSON reader's: its reason and
    /// the column where reading stopped, unless the YAML text was well-formed and broke another
    /// rule (a duplicate key, a limit). A key repeated in a JSON object is an error naming the
    /// key, the column of its first occurrence and the object's field. Object keys are read in
    /// sorted order. The profile limits apply (``InputLimits``).
    /// - Throws: ``InputError`` naming the field (or the column of malformed text).
    /// A FHIR resource or Bundle is read as FHIR, its dates counted to `asOf` (see ``load(path:asOf:)``).
    public static func parse(json text: String, source: String, asOf: CalendarDate? = nil) throws(InputError) -> Profile {
        if text.utf8.count > InputLimits.maximumProfileBytes { throw tooLarge(text.utf8.count, file: source) }
        let json: JSONInput
        do {
            json = try JSONReader.read(text)
        } catch let syntax {
            let jsonError = InputError(file: source, column: column(of: syntax.offset, in: text),
                                       field: syntax.isDuplicateKey ? syntax.field : nil,
                                       message: syntax.isDuplicateKey ? syntax.message : "malformed JSON: \(syntax.message)")
            if syntax.isDuplicateKey { throw jsonError }
            let root: YAMLNode?
            do {
                root = try YAMLNode.parse(text, file: source, checked: true)
            } catch {
                // Text YAML cannot read either is reported as JSON; YAML that broke a rule, as that rule.
                throw error.message.hasPrefix("malformed ") || error.message.hasPrefix("unreadable ") ? jsonError : error
            }
            guard let root else { return Profile(source: source) }
            return try parse(root, source: source, asOf: asOf)
        }
        return try parse(YAMLNode(json: json, file: source, path: "", checked: true), source: source, asOf: asOf)
    }

    /// The 1-based column (in characters, within its line) of a UTF-8 byte offset.
    private static func column(of offset: Int, in text: String) -> Int {
        let bytes = text.utf8.prefix(offset)
        let lineStart = bytes.lastIndex(of: 0x0A).map { bytes.index(after: $0) } ?? bytes.startIndex
        return String(decoding: bytes[lineStart...], as: UTF8.self).count + 1
    }

    /// Reads a one-line JSON profile (or FHIR record) with the fast reader, when that gives
    /// exactly what ``load(data:source:json:asOf:)`` gives for the same text: the same values,
    /// fields and lines (members are read in document order, as the YAML reader reads them).
    /// `nil` when it cannot promise that (a line break in the text, a rewritten number, an escape the YAML reader decodes differently, any
    /// error): then read it with ``load(data:source:json:asOf:)``. The server's fast path.
    public static func parse(oneLineJSON text: String, source: String, asOf: CalendarDate? = nil) -> Profile? {
        guard text.utf8.count <= InputLimits.maximumProfileBytes else { return nil }
        let body = text.utf8.reversed().drop { $0 == 0x0A || $0 == 0x0D || $0 == 0x20 }
        guard !body.contains(0x0A), !body.contains(0x0D), readsAlike(text) else { return nil }
        guard let (json, exact) = try? JSONReader.readExactly(text), exact else { return nil }
        var root = YAMLNode(json: json, file: source, path: "", checked: true)
        root.oneLine = true
        return try? parse(root, source: source, asOf: asOf)
    }

    /// Whether the YAML reader sees the text as JSON does: no tab (YAML refuses some), and none of
    /// the characters it reads otherwise: DEL, C1 controls (NEL among them), the line and paragraph
    /// separators, U+FFFE and U+FFFF.
    private static func readsAlike(_ text: String) -> Bool {
        for s in text.unicodeScalars {
            switch s.value {
            case 0x09, 0x7F, 0x80...0x9F, 0x2028, 0x2029, 0xFFFE, 0xFFFF: return false
            default: continue
            }
        }
        return true
    }
}
