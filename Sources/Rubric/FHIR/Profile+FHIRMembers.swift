public import Foundation

extension Profile {
    /// Reads one client's profile from the FHIR resources held by the members of the JSON object
    /// `member` of `data`: a CDS Hooks request's `prefetch`, whose members are each a resource
    /// (`patient`) or a search Bundle (`conditions`); `null` members are skipped. Warnings name
    /// the path in the request (`prefetch.conditions.entry[2].resource.code`) and its line.
    /// - Parameter asOf: the date ages and "weeks ago" are counted to (else a Bundle's timestamp).
    /// - Throws: ``InputError`` for text that is not JSON, a missing or malformed `member`, or
    ///   resources about more than one patient.
    public static func load(fhirMembersOf member: String, in data: Data, source: String, asOf: CalendarDate?) throws(InputError) -> Profile {
        if data.count > InputLimits.maximumProfileBytes { throw tooLarge(data.count, file: source) }
        guard let text = String(data: data, encoding: .utf8) else { throw InputError(file: source, message: "not UTF-8 text") }
        guard let root = try YAMLNode.parse(SurrogatePairs.joined(in: text), file: source, checked: true, syntax: "JSON") else {
            throw InputError(file: source, message: "the body is empty")
        }
        let top = FHIRNode(root, path: "")
        guard let holder = try top[member] else { throw top.error("no '\(member)' object") }
        let parts = try FHIRNode(holder.node, path: member).members().map(\.value).filter { !$0.node.isNull }
        return try FHIRImport.profile(parts: parts, source: source, asOf: asOf)
    }
}
