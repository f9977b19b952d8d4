import Hummingbird

/// The front-desk page, embedded in the binary at build time from `Web/` (no build step, no files
/// to deploy beside the binary). The OpenAPI document, embedded beside it, is served per rule set
/// (``RuleGeneration/openapiDocument``).
struct WebPage: Sendable {
    /// The URL path it is served at.
    let path: String
    let contentType: String
    let text: String

    /// Every embedded file: `/` is `index.html`.
    static let files: [WebPage] = {
        var files = [
            WebPage(path: "/", contentType: "text/html; charset=utf-8", text: EmbeddedWeb.index.source),
        ]
        for (name, text) in EmbeddedWeb.all where name.hasSuffix(".css") || name.hasSuffix(".js") {
            let type = name.hasSuffix(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8"
            files.append(WebPage(path: "/" + name, contentType: type, text: text))
        }
        return files
    }()

    func response() -> Response {
        Response(status: .ok,
                 headers: [.contentType: contentType, .cacheControl: "no-cache",
                           .contentSecurityPolicy: "default-src 'self'; frame-ancestors 'none'",
                           .init("X-Content-Type-Options")!: "nosniff"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
