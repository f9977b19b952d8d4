extension Profile {
    /// Parses one JSON profile quickly (``JSONReader``, read directly), as `rubric batch` does
    /// for each JSONL line. Malformed JSON falls back to the YAML parser for its line and column.
    /// Object keys are read in sorted order.
    /// - Throws: ``InputError`` naming the field (or the column of malformed text).
    public static func parse(json text: String, source: String) throws(InputError) -> Profile {
        guard let json = try? JSONReader.read(text) else {
            return try parse(text, source: source)   // reports where the text is malformed
        }
        return try parse(YAMLNode(json: json, file: source, path: ""), source: source)
    }
}
