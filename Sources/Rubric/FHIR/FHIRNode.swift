/// A JSON element of a FHIR resource with its FHIRPath-style location
/// (`Bundle.entry[3].resource.code.coding[0]`, 0-based as FHIR writes it) and its line, so
/// every warning and error about it can point at it.
struct FHIRNode {
    let node: YAMLNode
    /// Where the element is, e.g. `Bundle.entry[3].resource.code`.
    let path: String

    init(_ node: YAMLNode, path: String) {
        self.node = node
        self.path = path
    }

    var line: Int? { node.line }

    /// An error about this element, naming its path and line.
    func error(_ message: String) -> InputError {
        InputError(file: node.file, line: node.line, column: node.column, field: path, message: message)
    }

    /// Whether the element is a JSON object.
    var isObject: Bool {
        switch node.value {
        case .yaml(.mapping): return true
        case .json(.object): return true
        default: return false
        }
    }

    private var isArray: Bool {
        switch node.value {
        case .yaml(.sequence): return true
        case .json(.array): return true
        default: return false
        }
    }

    /// The object's members, in document order.
    func members() throws(InputError) -> [(key: String, value: FHIRNode)] {
        guard isObject else { throw error("expected a JSON object, found \(node.kind)") }
        return try node.mapping().map { ($0.key, FHIRNode($0.value, path: "\(path).\($0.key)")) }
    }

    /// The member `key`, or `nil` when it is absent or `null`.
    subscript(key: String) -> FHIRNode? {
        get throws(InputError) {
            try members().first { $0.key == key && !$0.value.node.isNull }?.value
        }
    }

    /// The first of the members `keys` that is present (for FHIR's choice types, `onset[x]`).
    func first(_ keys: String...) throws(InputError) -> FHIRNode? {
        for key in keys { if let node = try self[key] { return node } }
        return nil
    }

    /// The items of the array member `key` (a single value is read as a one-item array, as
    /// FHIR's JSON never writes it but hand-written input may); empty when absent.
    func array(_ key: String) throws(InputError) -> [FHIRNode] {
        guard let child = try self[key] else { return [] }
        guard child.isArray else { return [child] }
        return child.node.sequence().enumerated().map { i, n in FHIRNode(n, path: "\(child.path)[\(i)]") }
    }

    /// The text of the member `key`, or `nil` when absent; an object or array there is an error.
    func string(_ key: String) throws(InputError) -> String? {
        guard let child = try self[key] else { return nil }
        guard child.node.isScalar else { throw child.error("expected a value, found \(child.node.kind)") }
        return try child.node.text()
    }

    /// A Quantity's unit: its UCUM `code`, else its `unit` text; `nil` when it gives neither.
    func unit() throws(InputError) -> String? {
        if let code = try string("code") { return code }
        return try string("unit")
    }

    /// The number in the member `key`, or `nil` when absent.
    func number(_ key: String) throws(InputError) -> Double? {
        guard let child = try self[key] else { return nil }
        return try child.node.number()
    }
}
