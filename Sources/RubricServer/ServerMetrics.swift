import Metrics
import Prometheus
import Rubric
import Synchronization

/// The server's metrics, kept with swift-metrics on a Prometheus registry of the server's own
/// (no process-wide bootstrap, so two servers in one process, as in tests, keep theirs apart),
/// and written in Prometheus' text format at `GET /metrics`.
final class ServerMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let rulesetInfo = Mutex<(hash: String, gauge: Metrics.Gauge)?>(nil)
    private let queueDepth: Metrics.Gauge
    /// Handles made once per label set: making one takes the registry's lock and builds its name.
    private let counters = Mutex<[String: Metrics.Counter]>([:])
    private let timers = Mutex<[String: Metrics.Timer]>([:])

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
        ]
        self.factory = factory
        queueDepth = Metrics.Gauge(label: "rubric_evaluations_queued", factory: factory)
        // every status from the start, at 0, so an alert on failed_closed has a series to watch
        for status in Recommendation.Status.allCases {
            counter("rubric_evaluations_total", [("status", status.rawValue)]).increment(by: 0)
        }
        for result in ["ok", "failed"] {
            counter("rubric_rule_reloads_total", [("result", result)]).increment(by: 0)
        }
    }

    /// One answered request: its method, route (the pattern, never the path a client sent),
    /// status and time.
    func request(method: String, route: String, status: Int, nanoseconds: Int64) {
        counter("rubric_http_requests_total", [("method", method), ("route", route), ("status", String(status))]).increment()
        let timer = timers.withLock { timers in
            if let t = timers[route] { return t }
            let t = Metrics.Timer(label: "rubric_http_request_duration_seconds", dimensions: [("route", route)], factory: factory)
            timers[route] = t
            return t
        }
        timer.recordNanoseconds(nanoseconds)
    }

    /// One evaluation and its status (`recommended`, `referral`, `failed_closed`, …).
    func evaluation(status: String) {
        counter("rubric_evaluations_total", [("status", status)]).increment()
    }

    private func counter(_ label: String, _ dimensions: [(String, String)]) -> Metrics.Counter {
        let key = label + dimensions.map { "|\($0.0)=\($0.1)" }.joined()
        return counters.withLock { counters in
            if let c = counters[key] { return c }
            let c = Metrics.Counter(label: label, dimensions: dimensions, factory: factory)
            counters[key] = c
            return c
        }
    }

    /// One reload of the rules folder.
    func reload(ok: Bool) {
        counter("rubric_rule_reloads_total", [("result", ok ? "ok" : "failed")]).increment()
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
