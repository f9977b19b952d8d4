public import Rubric
extension Diagnostic {
    /// One diagnostic as JSON.
    public var json: JSONValue {
        .object([("severity", .string(severity.rawValue)), ("code", .string(code)), ("message", .string(message)),
                 ("file", .string(file)), ("line", .optional(line)), ("column", .optional(column))])
    }

    /// Diagnostics as a SARIF 2.1.0 log, for code-scanning tools.
    public static func sarif(_ diagnostics: [Diagnostic], ruleSet: RuleSet) -> JSONValue {
        let rules: [JSONValue] = codes.map { c in
            .object([("id", .string(c.code)), ("shortDescription", .object([("text", .string(c.summary))]))])
        }
        let results: [JSONValue] = diagnostics.map { d in
            var region: [(String, JSONValue)] = []
            if let line = d.line { region.append(("startLine", .int(line))) }
            if let column = d.column { region.append(("startColumn", .int(column))) }
            var physical: [(String, JSONValue)] = [("artifactLocation", .object([("uri", .string(d.file))]))]
            if !region.isEmpty { physical.append(("region", .object(region))) }
            return .object([
                ("ruleId", .string(d.code)),
                ("ruleIndex", .int(codes.firstIndex { $0.code == d.code } ?? 0)),
                ("level", .string(d.severity == .error ? "error" : "warning")),
                ("message", .object([("text", .string(d.message))])),
                ("locations", .array([.object([("physicalLocation", .object(physical))])])),
            ])
        }
        return .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("rubric")),
                    ("rules", .array(rules)),
                ]))])),
                ("properties", .object([("ruleSetHash", .string(ruleSet.hash)), ("ruleSetVersion", .optional(ruleSet.version))])),
                ("results", .array(results)),
            ])])),
        ])
    }
}
