import HTTPTypes
import Rubric

/// Why a request was not answered with a result: each maps to an HTTP status and becomes a
/// `rubric.error/1` body with the same fields as the command line's error records
/// (`rubric.batch-error/1`: source, line, column, field, message).
enum ServerError: Error, Sendable {
    /// The profile (or a query parameter) is not valid input.
    case badInput(InputError)
    /// The body is larger than the server accepts.
    case tooLarge(limit: Int)
    /// The body's media type is neither JSON nor YAML.
    case unsupportedMediaType(String)
    /// No bearer token, or the wrong one.
    case unauthorized
    /// No such path.
    case notFound(String)
    /// The path exists, with other methods.
    case methodNotAllowed(allowed: [HTTPRequest.Method])
    /// A CDS Hooks call without the prefetched data the service needs (CDS Hooks' 412).
    case preconditionFailed(String)
    /// Too many evaluations are waiting for a worker.
    case queueFull
    /// The evaluation did not finish within the request's time budget.
    case timeout(seconds: Double)
    /// The server is shutting down.
    case stopping
    /// A fault of the server's own (a bug): logged, and said as such.
    case `internal`

    var status: HTTPResponse.Status {
        switch self {
        case .badInput: .badRequest
        case .tooLarge: .contentTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .unauthorized: .unauthorized
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .preconditionFailed: .preconditionFailed
        case .queueFull, .timeout, .stopping: .serviceUnavailable
        case .internal: .internalServerError
        }
    }

    /// The error as the command line words it, never with profile content beyond what the
    /// request itself sent.
    var inputError: InputError {
        switch self {
        case .badInput(let e): e
        case .tooLarge(let limit): InputError(file: "<request>", message: "the body is larger than \(limit) bytes")
        case .unsupportedMediaType(let type):
            InputError(file: "<request>", field: "Content-Type",
                       message: "\(type) is not a profile format; send application/json or application/yaml")
        case .unauthorized: InputError(file: "<request>", field: "Authorization", message: "a bearer token is needed")
        case .notFound(let path): InputError(file: "<request>", message: "no such path: \(path)")
        case .methodNotAllowed(let allowed):
            InputError(file: "<request>", message: "use \(allowed.map(\.rawValue).joined(separator: " or ")) here")
        case .preconditionFailed(let message): InputError(file: "<request>", field: "prefetch", message: message)
        case .queueFull: InputError(file: "<server>", message: "too many evaluations are waiting; try again shortly")
        case .timeout(let s): InputError(file: "<server>", message: "the evaluation took longer than \(s) s; try again shortly")
        case .stopping: InputError(file: "<server>", message: "the server is stopping")
        case .internal: InputError(file: "<server>", message: "the server failed to answer; the log has its request id")
        }
    }

    /// A short label for logs and metrics, with no profile content.
    var label: String {
        switch self {
        case .badInput: "bad_input"
        case .tooLarge: "too_large"
        case .unsupportedMediaType: "media_type"
        case .unauthorized: "unauthorized"
        case .notFound: "not_found"
        case .methodNotAllowed: "method"
        case .preconditionFailed: "precondition"
        case .queueFull: "queue_full"
        case .timeout: "timeout"
        case .stopping: "stopping"
        case .internal: "internal"
        }
    }

    /// The `rubric.error/1` body.
    func body(requestID: String, ruleset: JSONValue) -> String {
        let e = inputError
        return JSONValue.object([
            ("schema", .string("rubric.error/1")),
            ("status", .int(Int(status.code))),
            ("source", .string(e.file)),
            ("line", .optional(e.line)),
            ("column", .optional(e.column)),
            ("field", .optional(e.field)),
            ("error", .string(e.message)),
            ("request_id", .string(requestID)),
            ("ruleset", ruleset),
        ]).serialized() + "\n"
    }
}
