import Foundation

extension Profile {
    /// Parses one JSON profile quickly (Foundation's JSON parser, read directly), as
    /// `rubric batch` does for each JSONL line. Malformed JSON falls back to the YAML parser
    /// for its line and column. Object keys are read in sorted order.
    /// - Throws: ``InputError`` naming the field (or the column of malformed text).
    public static func parse(json text: String, source: String) throws(InputError) -> Profile {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            return try parse(text, source: source)   // reports where the text is malformed
        }
        return try parse(YAMLNode(json: object, file: source, path: ""), source: source)
    }
}
