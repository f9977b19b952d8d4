public import Rubric
import Foundation

/// How `rubric serve` runs: where it listens, which rules it serves, and the bounds on every
/// request. The defaults are a clinic's single machine: loopback only, no token.
public struct ServerConfiguration: Sendable {
    /// The address to bind; loopback unless a clinic asks for more.
    public var host: String = "127.0.0.1"
    /// The port; 0 picks a free one (the bound port is reported by ``RubricServer/run(onListening:)``).
    public var port: Int = 8080
    /// The rules folder (plugins and `catalog/`), reloaded when it changes.
    public var rulesDirectory: String = "rules"
    /// The sandbox's limits for every rule call.
    public var limits: RuleLimits = RuleLimits()
    /// Evaluator threads (one Lua state each); evaluation never runs on the event loop.
    public var workers: Int = 2
    /// Event-loop threads (HTTP only; evaluation runs on the workers).
    public var eventLoopThreads: Int = 1
    /// The bearer token every path but `/healthz` and the page's static files needs; nil: none.
    public var token: String?
    /// The largest request body accepted, in bytes (a larger one gets 413).
    public var maxBodyBytes: Int = InputLimits.maximumProfileBytes
    /// How long a request may wait for its evaluation, in seconds (then 503 with `Retry-After`).
    public var requestTimeout: Double = 5
    /// Evaluations waiting for a worker before new ones are refused with 503.
    public var maxQueue: Int = 64
    /// How often the rules folder is checked for changes, in seconds; 0: only on `SIGHUP`.
    public var reloadInterval: Double = 1
    /// Whether logs may carry profile content (error messages quoting a profile's terms). Off by
    /// default: health data stays out of logs unless the user asks for it.
    public var logProfiles: Bool = false
    /// The decision log every answer is recorded in (`sqlite:FILE` or `postgres://…`); nil: none.
    public var decisionLog: String?
    /// The JWK set (JSON) whose keys sign the EHR's CDS Hooks JWTs: with it, `/cds-services/*`
    /// needs a valid JWT instead of the bearer token (discovery is open); nil: CDS calls are
    /// gated like the rest of the API.
    public var cdsJWKS: String?
    /// Whether a CDS call's `fhirServer` may be plain http on loopback (a test's FHIR stub);
    /// otherwise only https is fetched from.
    public var cdsFetchFromLoopback = false
    /// Whether the log keeps each input too (health data: only when asked for; replay needs it).
    public var logInputs: Bool = false
    /// Where clients reach the server, e.g. `https://rubric.clinic.example` behind a TLS proxy
    /// (no trailing slash): CDS cards link there, and a CDS JWT's `aud` must be this URL and the
    /// service's path exactly. Nil: links are `http://` and the request's `Host`, and `aud` is
    /// compared by its path only.
    public var publicURL: String?

    /// `text` as a ``publicURL``: an http or https URL with a host, and no query, fragment or
    /// user; a trailing slash is dropped. Nil when it is not one.
    /// Scheme and host are lower-cased and a default port dropped, as an EHR writes the `aud`.
    public static func publicURL(_ text: String) -> String? {
        guard var c = URLComponents(string: text), let scheme = c.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = c.host, !host.isEmpty, c.query == nil, c.fragment == nil, c.user == nil, c.password == nil else { return nil }
        c.scheme = scheme
        c.host = host.lowercased()
        if c.port == (scheme == "https" ? 443 : 80) { c.port = nil }
        while c.path.hasSuffix("/") { c.path.removeLast() }
        return c.string
    }

    /// The defaults: loopback port 8080, `rules/`, two workers, no token.
    public init() {}
}
