import Foundation
internal import Yams

extension Profile {
    /// Parses one JSON profile quickly (Foundation's JSON parser), as `rubric batch` does for
    /// each JSONL line. Malformed JSON falls back to the YAML parser for its line and column.
    /// - Throws: ``InputError`` naming the field (or the column of malformed text).
    public static func parse(json text: String, source: String) throws(InputError) -> Profile {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            return try parse(text, source: source)   // reports where the text is malformed
        }
        return try parse(YAMLNode(node: node(object), file: source, path: ""), source: source)
    }

    /// Tags are classes that are costly to make: one of each, shared.
    private nonisolated(unsafe) static let nullTag = Tag(.null), strTag = Tag(.str), boolTag = Tag(.bool), floatTag = Tag(.float)

    /// Foundation JSON values as YAML nodes (object keys sorted, so output stays deterministic).
    private static func node(_ value: Any) -> Node {
        switch value {
        case is NSNull: return Node("null", nullTag)
        case let s as String: return Node(s, strTag, .doubleQuoted)
        case let n as NSNumber:
            if String(cString: n.objCType) == "c" { return Node(n.boolValue ? "true" : "false", boolTag) }
            return Node(n.stringValue, floatTag)
        case let a as [Any]: return Node(a.map(node))
        case let d as [String: Any]: return Node(d.keys.sorted().map { (Node($0, strTag), node(d[$0]!)) })
        default: return Node("\(value)")
        }
    }
}
