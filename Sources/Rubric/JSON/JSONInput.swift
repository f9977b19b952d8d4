/// A JSON value as read from input by ``JSONReader``: plain Swift values, no Foundation objects.
///
/// It keeps what reading a profile needs, with the meaning Foundation's `JSONSerialization`
/// gave it before (so the fast path reads profiles exactly as it did):
/// - a number keeps the text `NSNumber.stringValue` printed: integers as their digits (`-0` is
///   `0`), other numbers as Swift prints the `Double` (`3.0`, `100.0` for `1e2`, `1e+16`), and
///   numbers longer than a `Double` holds as their `Decimal` text;
/// - `true` and `false` are booleans, not numbers;
/// - an object's members are sorted by key; a repeated key is an error (Foundation let the
///   last value win).
///
/// Output JSON is ``JSONValue``, which keeps key order; this type is for reading only.
enum JSONInput: Sendable {
    case null
    case bool(Bool)
    /// The number's text, as described above.
    case number(String)
    case string(String)
    case array([JSONInput])
    /// Members sorted by key (Swift `String` order), keys unique; in document order when read
    /// by `JSONReader.readExactly`.
    case object([(key: String, value: JSONInput)])

    /// Sorts `members` by key; `offsets` are where their keys start.
    /// - Throws: a duplicate-key ``JSONSyntaxError`` when two keys compare equal, naming every
    ///   repeated key, at the first occurrence of the one that sorts first.
    static func sortedMembers(_ members: [(key: String, value: JSONInput)], offsets: [Int]) throws(JSONSyntaxError)
        -> [(key: String, value: JSONInput)] {
        guard members.count > 1 else { return members }
        var order = Array(members.indices)
        order.sort { members[$0].key < members[$1].key }   // stable: repeated keys stay in document order
        var duplicates: [Int] = []   // the first occurrence of each repeated key
        for (a, b) in zip(order, order.dropFirst()) where members[a].key == members[b].key {
            if duplicates.last.map({ members[$0].key != members[a].key }) ?? true { duplicates.append(a) }
        }
        if let first = duplicates.first {
            let keys = duplicates.map { "'\(Terms.excerpt(members[$0].key))'" }.joined(separator: ", ")
            throw JSONSyntaxError(offset: offsets[first], message: "duplicate key \(keys) in a mapping", isDuplicateKey: true)
        }
        return order.map { members[$0] }
    }
}
