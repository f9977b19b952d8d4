import ArgumentParser
import Foundation
import Rubric
import RubricServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the JSON API (/v1) and the front-desk web page (/) over HTTP.",
        discussion: """
            Loopback only unless --host says otherwise. The rules folder is reloaded when it changes \
            (or on SIGHUP); a broken edit keeps the last good rules serving. See docs/server.md.
            """)

    @OptionGroup var ruleOptions: RuleOptions

    @Option(name: .long, help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on (0: any free port).")
    var port: Int = 8080

    @Option(name: .long, help: "Evaluator threads (one Lua state each).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "Event-loop threads for HTTP (evaluation runs on the workers).")
    var eventLoops: Int = 1

    @Option(name: .long, help: "A file holding the bearer token every request but /healthz and the page must carry.")
    var tokenFile: String?

    @Option(name: .long, help: "The largest request body, in bytes.")
    var maxBodyBytes: Int = InputLimits.maximumProfileBytes

    @Option(name: .long, help: "Milliseconds a request may wait for its evaluation (then 503).")
    var requestTimeout: Int = 5000

    @Option(name: .long, help: "Evaluations that may wait for a worker (then 503 with Retry-After).")
    var maxQueue: Int = 64

    @Option(name: .long, help: "Milliseconds between checks of the rules folder (0: reload only on SIGHUP).")
    var reloadInterval: Int = 1000

    @Flag(name: .long, help: "Let logs carry error messages that may quote a profile (off: no health data in logs).")
    var logProfiles = false

    @Option(name: .customLong("decision-log"), help: ArgumentHelp(
        "Record every answer: sqlite:FILE, or postgres://user:password@host:port/database for replicas sharing one log.",
        valueName: "url"))
    var decisionLog: String?

    @Option(name: .customLong("cds-jwks"), help: ArgumentHelp(
        "A JWK set (JSON file) whose keys sign the EHR's CDS Hooks JWTs: CDS calls then need a valid one.", valueName: "file"))
    var cdsJWKS: String?

    @Flag(name: .customLong("cds-fhir-loopback"), help: "Let CDS calls name a plain-http fhirServer on loopback (for testing; otherwise https only).")
    var cdsFHIRLoopback = false

    @Flag(name: .long, help: "Keep each input in the decision log too (health data; needed by `rubric log replay`).")
    var logInputs = false

    @Option(name: .customLong("public-url"), help: ArgumentHelp(
        "Where clients reach the server (e.g. https://rubric.clinic.example behind a TLS proxy): CDS card links use it, and CDS JWTs must name it in aud.",
        valueName: "url"))
    var publicURL: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard workers > 0, eventLoops > 0, maxBodyBytes > 0, requestTimeout > 0, maxQueue > 0, reloadInterval >= 0 else {
            throw ValidationError("--workers, --event-loops, --max-body-bytes, --request-timeout and --max-queue must be positive")
        }
        if let publicURL, ServerConfiguration.publicURL(publicURL) == nil {
            throw ValidationError("--public-url must be an http or https URL with a host and no query, e.g. https://rubric.clinic.example")
        }
    }

    func run() async throws {
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.rulesDirectory = ruleOptions.rules
        configuration.limits = ruleOptions.limits
        configuration.workers = workers
        configuration.eventLoopThreads = eventLoops
        configuration.maxBodyBytes = maxBodyBytes
        configuration.requestTimeout = Double(requestTimeout) / 1000
        configuration.maxQueue = maxQueue
        configuration.reloadInterval = Double(reloadInterval) / 1000
        configuration.logProfiles = logProfiles
        configuration.decisionLog = decisionLog
        configuration.logInputs = logInputs
        configuration.cdsFetchFromLoopback = cdsFHIRLoopback
        configuration.publicURL = publicURL.flatMap(ServerConfiguration.publicURL)
        if logInputs && decisionLog == nil { throw ValidationError("--log-inputs needs --decision-log") }
        if let cdsJWKS {
            guard let text = try? String(contentsOfFile: cdsJWKS, encoding: .utf8) else {
                throw Failure(message: InputError(file: cdsJWKS, message: "cannot read the JWKS file").description)
            }
            configuration.cdsJWKS = text
        }
        if let tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8) else {
                throw Failure(message: InputError(file: tokenFile, message: "cannot read the token file").description)
            }
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard token.count >= 16, !token.contains(where: \.isWhitespace) else {
                throw Failure(message: InputError(file: tokenFile, message: "a token is at least 16 characters, with no spaces").description)
            }
            configuration.token = token
        }
        let server: RubricServer
        do { server = try RubricServer(configuration: configuration) } catch {
            Terminal.error("\(error)")
            throw ExitCode.failure
        }
        try await server.run()
    }
}
