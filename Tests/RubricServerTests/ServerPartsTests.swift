import Foundation
import Logging
import Synchronization
import Testing
@testable import RubricServer

/// A request waiting for its answer, for the deadline tests.
private final class Waiting: Expiring {
    private let state = Mutex((answered: false, expired: false))
    var isAnswered: Bool { state.withLock { $0.answered || $0.expired } }
    var expired: Bool { state.withLock { $0.expired } }
    func answer() { state.withLock { $0.answered = true } }
    func expire() { state.withLock { s in if !s.answered { s.expired = true } } }
}

@Suite("The server's parts")
struct ServerPartsTests {
    @Test("An unanswered request expires at its deadline, not before; an answered one never does, and both are dropped")
    func deadlines() async throws {
        let deadlines = RequestDeadlines()   // its own, so other suites' requests do not count
        let late = Waiting(), answered = Waiting(), far = Waiting()
        let start = ContinuousClock.now
        deadlines.add(far, at: start + .seconds(3600))   // never reached, however long a loaded machine takes
        deadlines.add(late, at: start + .milliseconds(50))    // earlier than the one already waiting
        deadlines.add(answered, at: start + .milliseconds(50))
        answered.answer()
        #expect(await Self.within(.seconds(5)) { late.expired })
        #expect(ContinuousClock.now - start >= .milliseconds(50))
        #expect(!answered.expired)
        #expect(!far.expired)
        far.answer()
        #expect(await Self.within(.seconds(5)) { deadlines.pending == 0 })
        #expect(!far.expired)
    }

    /// Whether `condition` holds within `limit`, checked every 10 ms.
    static func within(_ limit: Duration, _ condition: () -> Bool) async -> Bool {
        let end = ContinuousClock.now + limit
        while ContinuousClock.now < end {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }

    @Test("A Content-Type's media type is read without parameters, spaces or case", arguments: [
        ("application/json", "application/json"), ("Application/JSON; charset=utf-8", "application/json"),
        ("  text/yaml ;q=1", "text/yaml"), ("\tapplication/fhir+json\t", "application/fhir+json"),
        (" ; charset=utf-8", "; charset=utf-8"), ("", nil), ("  ", nil),
    ] as [(String, String?)])
    func mediaTypes(header: String, expected: String?) {
        #expect(ProfileBody.mediaType(header) == expected)
    }

    @Test("Durations are logged in milliseconds to the microsecond", arguments: [
        (Int64(0), "0.000"), (1_499, "0.001"), (12_345_678, "12.346"), (5_000_000_000, "5000.000"), (-3, "0.000"),
    ])
    func milliseconds(nanoseconds: Int64, text: String) {
        #expect(Gatekeeper.milliseconds(nanoseconds) == text)
    }

    @Test("A log line is one JSON object with the metadata sorted and the request id renamed")
    func logLine() throws {
        var handler = JSONLogHandler(label: "rubric.serve")
        handler[metadataKey: "hb.request.id"] = "r7"
        let event = LogEvent(level: .info, message: "request \"quoted\"\n",
                             metadata: ["status": .stringConvertible(200), "route": "/v1/recommend",
                                        "list": .array(["a", "b"]), "nested": .dictionary(["z": "1", "a": "2"])],
                             source: nil, file: #fileID, function: #function, line: #line)
        let line = handler.render(event, at: "2026-12-03T10:00:00.000Z")
        #expect(line == #"{"ts":"2026-12-03T10:00:00.000Z","level":"info","label":"rubric.serve","msg":"request \"quoted\"\n","#
            + #""request_id":"r7","list":["a","b"],"nested":{"a":"2","z":"1"},"route":"/v1/recommend","status":"200"}"#)
        #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any])
        let stamp = JSONLogHandler.timestamp()
        #expect(stamp.count == 24 && stamp.hasSuffix("Z") && stamp.dropFirst(10).first == "T")
    }

    @Test("A folder's stamp changes with any write to a file, even one that restores its time and size")
    func folderStamp() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rubric-stamp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("catalog"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("catalog/terms.yaml")
        try Data("a: 1\n".utf8).write(to: file)
        let first = LiveRules.stamp(dir.path)
        #expect(first.map(\.path) == ["catalog", "catalog/terms.yaml"])
        #expect(LiveRules.stamp(dir.path) == first)
        let modified = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate]
        try Data("b: 2\n".utf8).write(to: file)          // same size, then the old time put back
        try FileManager.default.setAttributes([.modificationDate: modified as Any], ofItemAtPath: file.path)
        #expect(LiveRules.stamp(dir.path) != first)
    }
}
