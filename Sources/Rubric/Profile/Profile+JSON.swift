extension Profile {
    /// Parses one JSON profile quickly (``JSONReader``, read directly), as `rubric batch` does
    /// for each JSONL line. A line that is not JSON is read by the YAML parser (a YAML flow
    /// mapping is accepted); if that fails too, the error is the JSON reader's: its reason and
    /// the column where reading stopped. Object keys are read in sorted order.
    /// - Throws: ``InputError`` naming the field (or the column of malformed text).
    public static func parse(json text: String, source: String) throws(InputError) -> Profile {
        let json: JSONInput
        do {
            json = try JSONReader.read(text)
        } catch let syntax {
            let root: YAMLNode?
            do {
                root = try YAMLNode.parse(text, file: source)
            } catch {
                throw InputError(file: source, column: column(of: syntax.offset, in: text),
                                 message: "malformed JSON: \(syntax.message)")
            }
            guard let root else { return Profile(source: source) }
            return try parse(root, source: source)
        }
        return try parse(YAMLNode(json: json, file: source, path: ""), source: source)
    }

    /// The 1-based column (in characters, within its line) of a UTF-8 byte offset.
    private static func column(of offset: Int, in text: String) -> Int {
        let bytes = text.utf8.prefix(offset)
        let lineStart = bytes.lastIndex(of: 0x0A).map { bytes.index(after: $0) } ?? bytes.startIndex
        return String(decoding: bytes[lineStart...], as: UTF8.self).count + 1
    }
}
