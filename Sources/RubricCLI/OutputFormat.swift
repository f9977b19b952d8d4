import ArgumentParser

/// `recommend --format`: a result for people (text, Markdown) or programs (JSON).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
}

/// `--format` of the commands whose output is a report: text for people, JSON for programs.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
