import Foundation
import Logging
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import RubricServer

/// A `rubric serve` on a free loopback port for one test, spoken to over real HTTP.
final class LiveServer: Sendable {
    let server: RubricServer
    let port: Int
    private let task: Task<Void, any Error>

    /// The shipped rules, or `rules` when given.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name).path
    }

    init(_ configure: (inout ServerConfiguration) -> Void = { _ in }) async throws {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.workers = 1
        configuration.reloadInterval = 0
        configuration.rulesDirectory = Self.packageRoot.appendingPathComponent("rules").path
        configure(&configuration)
        let server = try RubricServer(configuration: configuration, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        self.server = server
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        task = Task { try await server.run { port in continuation.yield(port) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        self.port = port
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        func header(_ name: String) -> String? { headers.first { $0.key.lowercased() == name.lowercased() }?.value }
    }

    func send(_ method: String, _ path: String, body: Data? = nil, headers: [String: String] = [:]) async throws -> Reply {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.httpBody = body
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (k, v) in http.allHeaderFields { fields["\(k)"] = "\(v)" }
        return Reply(status: http.statusCode, headers: fields, body: data)
    }

    func post(_ path: String, file: String, type: String = "application/yaml") async throws -> Reply {
        try await send("POST", path, body: try Data(contentsOf: URL(fileURLWithPath: file)), headers: ["Content-Type": type])
    }
}
