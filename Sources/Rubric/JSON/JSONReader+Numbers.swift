import Foundation

extension JSONReader {
    /// The text Foundation's `JSONSerialization` gave a JSON number (its `NSNumber.stringValue`),
    /// or nil where it refused the number. `text` is a valid JSON number.
    ///
    /// Foundation chose the type by the text: an integer that fits `Int64` (negative, at most
    /// 19 characters with the sign) or `UInt64` (at most 20 digits) prints as that integer; else
    /// a number of more than 17 characters before the exponent, whose exponent is within
    /// -128...127, is a `Decimal` (printed without a trailing `.0`); else it must be a finite
    /// `Double`, printed as Swift prints it. Foundation looked for a lowercase `e` only, so
    /// `1E2` counts as an integer that does not fit, and ends up a `Double` all the same.
    /// Only long numbers come here: ``JSONReader`` prints short integers itself.
    static func foundationText(ofNumber text: String) -> String? {
        let utf8 = text.utf8
        let exponentMark = utf8.firstIndex(of: UInt8(ascii: "e"))
        let isNegative = utf8.first == UInt8(ascii: "-")
        let length = utf8.distance(from: utf8.startIndex, to: exponentMark ?? utf8.endIndex)
        if exponentMark == nil && !utf8.contains(UInt8(ascii: ".")) {
            if isNegative, length <= 19, let value = Int64(text) { return String(value) }
            if !isNegative, length <= 20, let value = UInt64(text) { return String(value) }
        }
        var exponent = 0
        if let exponentMark, let parsed = Int(Substring(utf8[utf8.index(after: exponentMark)...])) { exponent = parsed }
        if length > 17 && (-128...127).contains(exponent), let decimal = Decimal(string: text), decimal.isFinite {
            return decimal.description
        }
        if let double = Double(text), double.isFinite { return double.description }
        return nil
    }
}
