internal import LuaSandbox

extension JSONValue {
    /// A ``JSONSink`` that builds a tree: how an encoding written for ``JSONWriter`` also
    /// yields a ``JSONValue``.
    struct Builder: JSONSink {
        /// The finished value (`null` until one is written at the top level).
        private(set) var value: JSONValue = .null
        /// The open container's elements or members so far.
        private var items: [JSONValue] = []
        private var members: [(String, JSONValue)] = []
        private var inObject = false
        private var depth = 0
        private var pendingKey = ""

        mutating func object(_ body: (inout Builder) -> Void) { add(.object(contents(inObject: true, body).members)) }
        mutating func array(_ body: (inout Builder) -> Void) { add(.array(contents(inObject: false, body).items)) }
        mutating func key(_ key: String) { pendingKey = key }
        mutating func key(_ key: StaticString) { pendingKey = key.description }
        mutating func string(_ value: String) { add(.string(value)) }
        mutating func string(_ location: SourceLocation) { add(.string(location.description)) }
        mutating func int(_ value: Int) { add(.int(value)) }
        mutating func double(_ value: Double) { add(.double(value)) }
        mutating func bool(_ value: Bool) { add(.bool(value)) }
        mutating func null() { add(.null) }

        /// Runs `body` in a fresh container and returns what it wrote, restoring the outer one
        /// (and the key the container will be the value of).
        private mutating func contents(inObject: Bool, _ body: (inout Builder) -> Void)
            -> (items: [JSONValue], members: [(String, JSONValue)]) {
            let outer = (items, members, self.inObject, pendingKey)
            (items, members, self.inObject) = ([], [], inObject)
            depth += 1
            body(&self)
            depth -= 1
            defer { (items, members, self.inObject, pendingKey) = outer }
            return (items, members)
        }

        private mutating func add(_ v: JSONValue) {
            if depth == 0 { value = v } else if inObject { members.append((pendingKey, v)) } else { items.append(v) }
        }
    }
}
