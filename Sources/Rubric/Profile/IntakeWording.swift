import Foundation

/// How intake forms write what profiles hold: `70 yrs`, `22 weeks`, `22+3`, `F`. Each reader
/// takes the text of one value and gives the value a profile field holds, or `nil` when the
/// text is not in a form it knows (the caller then reports it as usual).
enum IntakeWording {
    /// Words that may follow an age.
    static let ageUnits: Set<String> = ["y", "yr", "yrs", "year", "years", "yo", "y/o", "years old", "year old", "yrs old"]
    /// Words that may follow a number of weeks.
    static let weekUnits: Set<String> = ["w", "wk", "wks", "week", "weeks", "weeks pregnant", "wks pregnant"]

    /// `70`, `70 yrs`, `70 years old` → 70. A fraction of a year is not an age in years.
    static func age(_ text: String) -> Int? {
        // the usual case, a plain number (as JSON's numbers all are): up to six digits are an
        // age below 10⁶, as the general reading below would find
        let utf8 = text.utf8
        if (1...6).contains(utf8.count), utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return Int(text)
        }
        return ageInWords(text)
    }

    /// ``age(_:)`` for any text: a number, then perhaps a unit.
    static func ageInWords(_ text: String) -> Int? {
        guard let (number, unit) = split(text), unit.isEmpty || ageUnits.contains(unit),
              number.rounded() == number, abs(number) < 1e6 else { return nil }
        return Int(number)
    }

    /// Completed weeks of pregnancy: `22`, `22 weeks`, `22.5 wks`, `22+3` (weeks and days) → 22.
    static func weeks(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let plus = t.firstIndex(of: "+"), let w = Int(t[..<plus].trimmingCharacters(in: .whitespaces)),
           let d = Int(t[t.index(after: plus)...].trimmingCharacters(in: .whitespaces)), (0...6).contains(d) {
            return w
        }
        guard let (number, unit) = split(t), unit.isEmpty || weekUnits.contains(unit), number >= 0, number < 1e6 else { return nil }
        return Int(number.rounded(.down))
    }

    /// Short forms of `sex` values on intake forms.
    static let sexAliases: [String: String] = ["f": "female", "m": "male", "woman": "female", "man": "male",
                                               "w": "female", "x": "other", "u": "unknown"]

    /// A leading number and the words after it, lowercased: `70 Yrs` → (70, "yrs").
    private static func split(_ text: String) -> (Double, String)? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let digits = t.prefix { $0.isNumber || $0 == "." || $0 == "-" }
        guard !digits.isEmpty, let number = Double(digits), number.isFinite else { return nil }
        let unit = t.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
        return (number, unit.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "))
    }
}
