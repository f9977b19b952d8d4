import Dispatch
import Foundation
public import Hummingbird
public import Logging
import NIOPosix
import Rubric

/// `rubric serve`: the JSON API under `/v1` and the front-desk web page, on Hummingbird.
///
/// Evaluations run on an ``EvaluatorPool`` (one Lua state per worker thread), never on the event
/// loop. The rules folder is watched and reloaded without a restart (see ``LiveRules``).
///
/// ```swift
/// var configuration = ServerConfiguration()
/// configuration.port = 0
/// let server = try RubricServer(configuration: configuration)
/// try await server.run { port in print("listening on \(port)") }
/// ```
public final class RubricServer: Sendable {
    /// How the server runs.
    public let configuration: ServerConfiguration
    /// The rules it answers with, reloaded when they change.
    public let rules: LiveRules
    let metrics = ServerMetrics()
    let logger: Logger
    /// The decision log, when one is configured.
    let decisions: DecisionRecorder?
    /// The CDS Hooks JWT check, when a JWKS is configured.
    let cdsAuth: CDSAuthenticator?

    /// Loads the rules and starts the evaluators; the server listens once ``run(onListening:)``
    /// is called.
    /// - Throws: ``InputError`` or ``RuleError`` when the rules do not load.
    public init(configuration: ServerConfiguration, logger: Logger? = nil) throws {
        self.configuration = configuration
        var log = logger ?? Logger(label: "rubric.serve") { JSONLogHandler(label: $0) }
        if logger == nil { log.logLevel = .info }
        self.logger = log
        cdsAuth = configuration.cdsJWKS.map { CDSAuthenticator(jwks: $0, publicURL: configuration.publicURL) }
        decisions = configuration.decisionLog.map {
            DecisionRecorder(url: $0, keepInputs: configuration.logInputs, timeout: configuration.requestTimeout)
        }
        rules = try LiveRules(directory: configuration.rulesDirectory, limits: configuration.limits,
                              workers: configuration.workers)
        metrics.ruleset(hash: rules.current.hash)
        for w in rules.current.loadWarnings { log.warning("rule warning", metadata: ["warning": .string(w)]) }
    }

    /// The routes, their middleware and handlers (also what tests drive without a socket).
    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: Gatekeeper(server: self))
        let api = APIHandlers(server: self)
        router.post("/v1/recommend") { request, context in try await api.recommend(request, context) }
        router.post("/v1/explain") { request, context in try await api.explain(request, context) }
        router.get("/v1/rules") { _, _ in api.rulesDocument() }
        router.get("/v1/catalog") { _, _ in api.catalogDocument() }
        router.get("/v1/decisions/:id") { _, context in try await api.decisionDocument(context.parameters.get("id") ?? "") }
        router.get("/healthz") { _, _ in api.health() }
        router.get("/readyz") { _, _ in await api.readiness() }
        router.get("/metrics") { _, _ in api.metricsText() }
        router.get("/openapi.json") { _, _ in api.openapi() }
        let cds = CDSHandlers(server: self)
        router.get("/cds-services") { _, _ in cds.discovery() }
        for service in CDSService.all {
            router.post(RouterPath("/cds-services/\(service.id)")) { request, context in
                try await cds.authenticate(request, context)
                return try await cds.call(service, request)
            }
            router.post(RouterPath("/cds-services/\(service.id)/feedback")) { request, context in
                try await cds.authenticate(request, context)
                return try await cds.feedback(service, request, context)
            }
        }
        for page in WebPage.files { router.get(RouterPath(page.path)) { _, _ in page.response() } }
        return router
    }

    /// Binds, serves until `SIGTERM` or `SIGINT`, then lets the requests in flight finish and
    /// stops the evaluators.
    /// - Parameter onListening: Called with the bound port once the server accepts connections.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let logger = self.logger
        try await cdsAuth?.prepare()
        try await decisions?.open(logger: logger)
        let configuration = self.configuration
        let app = Application(
            router: router(),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "rubric"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                logger.info("listening", metadata: [
                    "host": .string(configuration.host), "port": .stringConvertible(port),
                    "workers": .stringConvertible(configuration.workers), "ruleset": .string(self.rules.current.hash),
                    "auth": .string(configuration.token == nil ? "none" : "bearer"),
                ])
                await onListening(port)
            },
            eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup(numberOfThreads: configuration.eventLoopThreads)),
            logger: logger)
        let watchers = startWatching()
        defer {
            for w in watchers { w.cancel() }
            rules.stop()
        }
        do {
            try await app.runService()
        } catch {
            await decisions?.shutdown()
            throw error
        }
        await decisions?.shutdown()
    }

    /// Reloads on `SIGHUP`, and when the folder changes (polled every `reloadInterval`).
    private func startWatching() -> [any DispatchSourceProtocol] {
        var sources: [any DispatchSourceProtocol] = []
        signal(SIGHUP, SIG_IGN)
        let hangup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        hangup.setEventHandler { [self] in
            logger.info("SIGHUP: reloading the rules")
            rules.reloadInBackground(force: true) { [self] in reported($0) }
        }
        hangup.resume()
        sources.append(hangup)
        if configuration.reloadInterval > 0 {
            let timer = DispatchSource.makeTimerSource(queue: .global())
            let interval = DispatchTimeInterval.milliseconds(Int(configuration.reloadInterval * 1000))
            timer.schedule(deadline: .now() + interval, repeating: interval)
            timer.setEventHandler { [self] in rules.reloadInBackground(force: false) { [self] in reported($0) } }
            timer.resume()
            sources.append(timer)
        }
        return sources
    }

    /// Logs a reload and counts it.
    func reported(_ reload: LiveRules.Reload) {
        metrics.reload(ok: reload.ok)
        if reload.ok {
            metrics.ruleset(hash: reload.hash ?? rules.current.hash)
            logger.info("rules reloaded", metadata: ["ruleset": .string(reload.hash ?? "")])
        } else {
            logger.error("rules reload failed; the last good rules keep serving", metadata: [
                "file": .string(reload.file ?? "?"), "line": .stringConvertible(reload.line ?? 0),
                "error": .string(reload.message ?? ""), "ruleset": .string(rules.current.hash),
            ])
        }
    }
}
