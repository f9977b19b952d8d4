/// A calendar date as FHIR writes it (`2026`, `2026-11`, `2026-11-30`, or the date part of a
/// `dateTime`), with the precision it was given at. No clock and no time zone is involved, so
/// what is derived from it (an age, how many weeks ago) is the same on every machine.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, e.g. `2026`.
    public var year: Int
    /// The month (1–12), when given.
    public var month: Int?
    /// The day of the month (1–31), when given.
    public var day: Int?

    /// A date at day precision.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    private init(year: Int, month: Int?, day: Int?) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads a FHIR `date` or `dateTime` (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, optionally followed
    /// by `T` and a time, which is not used); `nil` when the text is not one, or names a day
    /// that does not exist (`2026-02-30`).
    public init?(_ text: String) {
        let datePart = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? text
        let parts = datePart.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]), year >= 1 else { return nil }
        var month: Int?, day: Int?
        if parts.count > 1 {
            guard parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            month = m
        }
        if parts.count > 2, let month {
            guard parts[2].count == 2, let d = Int(parts[2]), (1...Self.daysIn(month: month, year: year)).contains(d) else { return nil }
            day = d
        }
        if text.contains("T") && day == nil { return nil }   // a time needs a full date
        self.init(year: year, month: month, day: day)
    }

    /// Whether the date names one day (year, month and day).
    public var isDay: Bool { month != nil && day != nil }

    /// The first day the date can mean (`2026` → 1 January 2026).
    public var earliest: CalendarDate { CalendarDate(year: year, month: month ?? 1, day: day ?? 1) }

    /// The last day the date can mean (`2026-02` → 28 February 2026).
    public var latest: CalendarDate {
        let m = month ?? 12
        return CalendarDate(year: year, month: m, day: day ?? Self.daysIn(month: m, year: year))
    }

    /// Days from `other` to this date (positive when this one is later), both taken at day
    /// precision (their ``earliest`` day).
    public func days(since other: CalendarDate) -> Int { earliest.dayNumber - other.earliest.dayNumber }

    /// Completed years from `birth` to this date: the age on this day of someone born then.
    public func completedYears(since birth: CalendarDate) -> Int {
        let a = earliest, b = birth.earliest
        var years = a.year - b.year
        if (a.month!, a.day!) < (b.month!, b.day!) { years -= 1 }
        return years
    }

    /// `2026-11-30`, `2026-11` or `2026`, as given.
    public var description: String {
        var s = String(format4(year))
        if let month { s += "-" + pad2(month) }
        if let day { s += "-" + pad2(day) }
        return s
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.earliest.dayNumber < b.earliest.dayNumber }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
    private var dayNumber: Int {
        let m = month ?? 1, d = day ?? 1
        let y = m <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

private func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
private func format4(_ n: Int) -> String { String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n) }
