import Metrics
import Prometheus
import Synchronization

/// The server's metrics, kept with swift-metrics on a Prometheus registry of the server's own
/// (no process-wide bootstrap, so two servers in one process, as in tests, keep theirs apart),
/// and written in Prometheus' text format at `GET /metrics`.
final class ServerMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let rulesetInfo = Mutex<(hash: String, gauge: Metrics.Gauge)?>(nil)
    private let queueDepth: Metrics.Gauge

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
        ]
        self.factory = factory
        queueDepth = Metrics.Gauge(label: "rubric_evaluations_queued", factory: factory)
    }

    /// One answered request: its method, route (the pattern, never the path a client sent),
    /// status and time.
    func request(method: String, route: String, status: Int, nanoseconds: Int64) {
        Counter(label: "rubric_http_requests_total",
                dimensions: [("method", method), ("route", route), ("status", String(status))], factory: factory).increment()
        Metrics.Timer(label: "rubric_http_request_duration_seconds", dimensions: [("route", route)], factory: factory)
            .recordNanoseconds(nanoseconds)
    }

    /// One evaluation and its status (`recommended`, `referral`, `failed_closed`, …).
    func evaluation(status: String) {
        Counter(label: "rubric_evaluations_total", dimensions: [("status", status)], factory: factory).increment()
    }

    /// One reload of the rules folder.
    func reload(ok: Bool) {
        Counter(label: "rubric_rule_reloads_total", dimensions: [("result", ok ? "ok" : "failed")], factory: factory).increment()
    }

    /// The rule set now answering: `rubric_ruleset_info{hash="sha256:…"} 1`, the last one's
    /// series removed.
    func ruleset(hash: String) {
        rulesetInfo.withLock { info in
            guard info?.hash != hash else { return }
            info?.gauge.destroy()
            let gauge = Metrics.Gauge(label: "rubric_ruleset_info", dimensions: [("hash", hash)], factory: factory)
            gauge.record(1)
            info = (hash, gauge)
        }
    }

    /// The metrics in Prometheus' text format, with the queue's depth read now.
    func text(queued: Int) -> String {
        queueDepth.record(queued)
        return registry.emitToString()
    }
}
