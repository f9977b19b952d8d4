/// A failed load or call in a ``LuaSandbox``, with where it happened.
///
/// The location is captured by the message handler while the failing stack is
/// still intact: it is the innermost frame of a file-named chunk (`@rules/…`),
/// so an error raised by host code on behalf of a rule points at the rule's line.
public struct LuaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A Lua runtime error (including `error(...)` in a script).
        case runtime
        /// The source did not compile.
        case syntax
        /// The state's memory limit was reached.
        case memory
        /// The per-call instruction budget ran out.
        case instructions
        /// The per-call time limit ran out.
        case time
        /// A failure on the host side (a missing function, an encoding problem).
        case host
        /// The results were larger than an output limit allows.
        case output
    }

    /// Which budget a limit error came from.
    public enum Scope: String, Sendable, Hashable, Codable {
        /// The call's own (one item of a ``LuaSandbox/callEach(_:_:_:groups:)``).
        case call
        /// The budget the items of one group share (``SandboxLimits/groupSeconds``,
        /// ``SandboxLimits/groupOutputBytes``).
        case group
        /// The budget all items of one ``LuaSandbox/callEach(_:_:_:groups:)`` share
        /// (``SandboxLimits/totalSeconds``, ``SandboxLimits/totalOutputBytes``).
        case all
    }

    /// What kind of failure this is.
    public var kind: Kind
    /// The message without its `file:line:` prefix.
    public var message: String
    /// Where it happened, if known.
    public var location: SourceLocation?
    /// The Lua traceback, if one was taken.
    public var traceback: String?
    /// Which budget a limit error came from (``Scope/call`` for every other error).
    public var scope: Scope

    /// An error of `kind` with `message`; the other parts when known.
    public init(kind: Kind, message: String, location: SourceLocation? = nil, traceback: String? = nil, scope: Scope = .call) {
        self.kind = kind
        self.message = message
        self.location = location
        self.traceback = traceback
        self.scope = scope
    }

    /// Whether this error came from a limit (memory, instructions, time or output).
    public var isLimit: Bool { kind == .memory || kind == .instructions || kind == .time || kind == .output }

    /// The error as a compiler-style diagnostic: `file:line: error: message` (without the
    /// location when it is not known).
    public var description: String {
        "\(location.map { "\($0): " } ?? "")error: \(message)"
    }
}
