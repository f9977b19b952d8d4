import Foundation
import Hummingbird
import Rubric

/// A request's profile, read but not yet parsed: its bytes, its format and the name it goes by
/// (`?source=`, default `<request>`). Parsing waits for a worker thread, off the event loop.
struct ProfileBody: Sendable {
    let data: Data
    let json: Bool
    let source: String
    /// `?as_of=YYYY-MM-DD`: the date a FHIR record is read at (else the Bundle's timestamp).
    let asOf: CalendarDate?

    /// The media types a profile may come as; others get 415. `text/plain`, form-encoded (what
    /// `curl -d` sends) and none are read as YAML or JSON by their first character.
    static func isJSON(_ mediaType: String?, first: UInt8?) throws(ServerError) -> Bool {
        let sniffed = first == UInt8(ascii: "{")
        guard let mediaType else { return sniffed }
        switch mediaType {
        case "application/json": return true
        case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml": return false
        case "text/plain", "application/x-www-form-urlencoded", "application/octet-stream": return sniffed
        default:
            if mediaType.hasSuffix("+json") { return true }
            throw .unsupportedMediaType(mediaType)
        }
    }

    /// The media type of a `Content-Type` value, lower-cased, without parameters or spaces;
    /// nil when there is none (Foundation's trimming was a tenth of a request's handler time).
    static func mediaType(_ contentType: String) -> String? {
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        func trimmed(_ part: Substring.UTF8View) -> Substring.UTF8View {
            var part = part
            while let first = part.first, blank(first) { part = part.dropFirst() }
            while let last = part.last, blank(last) { part = part.dropLast() }
            return part
        }
        let whole = trimmed(Substring(contentType).utf8)
        guard !whole.isEmpty else { return nil }
        var utf8 = whole
        if let semicolon = whole.firstIndex(of: UInt8(ascii: ";")) { utf8 = trimmed(whole[..<semicolon]) }
        // nothing before the ';' is no media type: the whole value is named, and refused (415)
        if utf8.isEmpty { utf8 = whole }
        let lower = utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
        return String(decoding: lower, as: UTF8.self)
    }

    init(_ request: Request, server: RubricServer) async throws(ServerError) {
        let limit = server.configuration.maxBodyBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw .tooLarge(limit: limit) }
        let mediaType = request.headers[.contentType].flatMap(Self.mediaType)
        var buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: limit) } catch { throw .tooLarge(limit: limit) }
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        guard bytes.contains(where: { !" \t\r\n".utf8.contains($0) }) else {
            throw .badInput(InputError(file: "<request>", message: "the body is empty: send one profile (an empty one is {})"))
        }
        data = Data(bytes)
        json = try Self.isJSON(mediaType, first: bytes.first { !" \t\r\n".utf8.contains($0) })
        let name = request.uri.queryParameters.get("source") ?? "<request>"
        guard !name.isEmpty, name.count <= 200, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .badInput(InputError(file: "<request>", field: "source", message: "a source name is 1 to 200 characters, none of them control characters"))
        }
        source = name
        if let text = request.uri.queryParameters.get("as_of") {
            guard let date = CalendarDate(text), date.isDay else {
                throw .badInput(InputError(file: "<request>", field: "as_of", message: "as_of is a date, YYYY-MM-DD"))
            }
            asOf = date
        } else { asOf = nil }
    }

    /// Parses the profile (on a worker thread).
    /// - Throws: ``ServerError/badInput(_:)`` naming the field and line at fault.
    /// Read as the command line reads a file (not by batch's fast one-line JSON reader, whose
    /// warnings carry no line numbers), so the result is byte for byte `rubric recommend`'s.
    func profile() throws(ServerError) -> Profile {
        // a one-line JSON body (what programs send) through the fast reader when it gives the same profile
        if json, let text = String(data: data, encoding: .utf8), let fast = Profile.parse(oneLineJSON: text, source: source, asOf: asOf) {
            return fast
        }
        do { return try Profile.load(data: data, source: source, json: json, asOf: asOf) } catch { throw .badInput(error) }
    }
}
