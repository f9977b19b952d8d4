/// A JSON value as read from input by ``JSONReader``: plain Swift values, no Foundation objects.
///
/// It keeps what reading a profile needs, with the meaning Foundation's `JSONSerialization`
/// gave it before (so the fast path reads profiles exactly as it did):
/// - a number keeps the text `NSNumber.stringValue` printed: integers as their digits (`-0` is
///   `0`), other numbers as Swift prints the `Double` (`3.0`, `100.0` for `1e2`, `1e+16`), and
///   numbers longer than a `Double` holds as their `Decimal` text;
/// - `true` and `false` are booleans, not numbers;
/// - an object's members are sorted by key, and of repeated keys the last value wins.
///
/// Output JSON is ``JSONValue``, which keeps key order; this type is for reading only.
enum JSONInput: Sendable {
    case null
    case bool(Bool)
    /// The number's text, as described above.
    case number(String)
    case string(String)
    case array([JSONInput])
    /// Members sorted by key (Swift `String` order), keys unique.
    case object([(key: String, value: JSONInput)])

    /// Sorts `members` by key; of keys that compare equal, keeps the first one's spelling and
    /// the last one's value (what a Swift dictionary does when a key is assigned twice).
    static func sortedMembers(_ members: [(key: String, value: JSONInput)]) -> [(key: String, value: JSONInput)] {
        guard members.count > 1 else { return members }
        var sorted = members
        sorted.sort { $0.key < $1.key }   // stable: repeated keys stay in document order
        var out: [(key: String, value: JSONInput)] = []
        out.reserveCapacity(sorted.count)
        for member in sorted {
            if let last = out.last, last.key == member.key {
                out[out.count - 1].value = member.value
            } else {
                out.append(member)
            }
        }
        return out
    }
}
