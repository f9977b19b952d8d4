import Testing
@testable import Rubric

@Suite("Calendar dates")
struct CalendarDateTests {
    @Test("FHIR dates are read at their precision; impossible days and other text are refused")
    func parsing() {
        #expect(CalendarDate("2026")?.description == "2026")
        #expect(CalendarDate("2026-02")?.latest == CalendarDate(year: 2026, month: 2, day: 28))
        #expect(CalendarDate("2024-02")?.latest == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(CalendarDate("2026-11-30T09:00:00+01:00") == CalendarDate(year: 2026, month: 11, day: 30))
        for bad in ["2026-02-30", "26-01-01", "2026-13", "2026-1-5", "yesterday", "", "2026T10:00"] {
            #expect(CalendarDate(bad) == nil, "\(bad)")
        }
    }

    @Test("Days and completed years count across month ends, leap days and birthdays")
    func arithmetic() throws {
        let d = { (s: String) throws -> CalendarDate in try #require(CalendarDate(s)) }
        #expect(try d("2026-03-01").days(since: d("2026-02-28")) == 1)
        #expect(try d("2024-03-01").days(since: d("2024-02-28")) == 2)
        #expect(try d("2026-11-30").days(since: d("1970-01-01")) == 20_787)
        #expect(try d("2026-11-30").completedYears(since: d("1956-12-01")) == 69)
        #expect(try d("2026-12-01").completedYears(since: d("1956-12-01")) == 70)
        #expect(try d("2025-02-28").completedYears(since: d("2024-02-29")) == 0)
        #expect(try d("2025-03-01").completedYears(since: d("2024-02-29")) == 1)
    }
}
