/// A FHIR `CodeableConcept` (or a `Coding`) as the import reads it: its text and its codings,
/// each with the path it stood at.
struct FHIRConcept {
    struct Coding {
        var system: String?
        var code: String?
        var display: String?
        var node: FHIRNode
    }

    var text: String?
    var codings: [Coding] = []
    var node: FHIRNode

    /// Reads a CodeableConcept at `node`.
    init(_ node: FHIRNode) throws(InputError) {
        self.node = node
        text = try node.string("text")
        for c in try node.array("coding") {
            codings.append(Coding(system: try c.string("system"), code: try c.string("code"), display: try c.string("display"), node: c))
        }
    }

    /// The first coding of `system`.
    func coding(_ system: String) -> Coding? { codings.first { $0.system == system && $0.code != nil } }

    /// Whether a coding of `system` has one of `codes`.
    func has(_ system: String, _ codes: Set<String>) -> Bool { codings.contains { $0.system == system && codes.contains($0.code ?? "") } }

    /// The text a person would read: `text`, else the first coding's display.
    var label: String? { text ?? codings.first { $0.display != nil }?.display }

    /// The code of the first coding, whatever its system (for status fields such as `clinicalStatus`).
    var firstCode: String? { codings.first { $0.code != nil }?.code }

    /// A short name for messages: the label, else `system|code`.
    var described: String {
        if let label { return "'\(Terms.excerpt(label))'" }
        if let c = codings.first { return "\(c.system ?? "no system")|\(c.code ?? "no code")" }
        return "an empty concept"
    }
}
