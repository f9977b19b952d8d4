import ArgumentParser
import Rubric

/// `--as-of`: the date FHIR records are read at (ages, onsets, "weeks ago", how recent a reading is).
struct FHIROptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "For FHIR input: the date (YYYY-MM-DD) ages and weeks ago are counted to (default: the Bundle's timestamp; never the clock).",
        valueName: "date"))
    var asOfText: String?

    /// The parsed date.
    var asOf: CalendarDate? { asOfText.flatMap(CalendarDate.init) }

    func validate() throws {
        if let asOfText, CalendarDate(asOfText)?.isDay != true {
            throw ValidationError("--as-of '\(asOfText)' is not a date (YYYY-MM-DD)")
        }
    }
}
