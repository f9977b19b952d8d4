import ArgumentParser
import Foundation
import Rubric
import RubricDecisionLog
import RubricRendering
import Synchronization

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Recommend for many profiles: JSONL, a folder or stdin in; JSONL out, in input order.",
        discussion: """
            Each output line is the same JSON as `recommend --format json` (compact), or an error record \
            ({"schema":"rubric.batch-error/1", "source", "line", "column", "field", "error"}) for input that is \
            not a valid profile; the rest go on. With --detail ids, each result is a compact record \
            (rubric.batch-ids/1: per technique its score and [rule, points] pairs) and the first line is the \
            rules table (rubric.batch-rules/1) with every rule's title, kind, grade, evidence and location. Memory stays constant whatever the input size. A progress bar goes to \
            stderr when it is a terminal; a summary always ends the run. Exit 1 if any error record or \
            failed-closed result was written.
            """)

    @Argument(help: "A JSONL file (one profile a line), a folder of YAML/JSON profiles, or - for stdin (the default).")
    var input: String = "-"

    @Option(name: .shortAndLong, help: "Write the JSONL here instead of stdout.")
    var output: String?

    @Option(name: .long, help: "Worker threads, each with its own Lua state (default: the number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var ruleOptions: RuleOptions

    @OptionGroup var fhir: FHIROptions

    @Option(name: [.customLong("decision-log"), .customLong("log")], help: ArgumentHelp(
        "Record every result in this decision log: sqlite:FILE or postgres://… (see `rubric log`).", valueName: "url"))
    var decisionLog: String?

    @Flag(name: .long, help: "With --decision-log: keep each input too (health data; needed by `rubric log replay`).")
    var logInputs = false

    @Option(name: .long, help: "What each result line holds: full (the recommendation) or ids (compact, after a rules table).")
    var detail: Detail = .full

    enum Detail: String, ExpressibleByArgument, CaseIterable { case full, ids }

    func validate() throws {
        if workers < 1 { throw ValidationError("--workers must be at least 1") }
        if logInputs && decisionLog == nil { throw ValidationError("--log-inputs needs --decision-log") }
    }

    func run() throws {
        try reportingFailures {
            let runner: BatchRunner
            do {
                runner = try BatchRunner(directory: ruleOptions.rules, limits: ruleOptions.limits, workers: workers)
            } catch { throw Failure(message: "\(error)") }
            runner.detail = detail == .ids ? .ids : .full
            runner.asOf = fhir.asOf
            let recorder = try decisionLog.map { try BatchRecorder(url: $0) }
            if let recorder {
                let keep = logInputs, asOf = fhir.asOf
                runner.makeRecord = { rec, input in
                    DecisionRecord(recommendation: rec, input: input.data, format: input.isJSON ? "json" : "yaml", origin: "batch",
                                   keepInput: keep, asOf: asOf)
                }
                runner.onRecord = { record in if let d = record as? DecisionRecord { recorder.add(d) } }
            }
            let ruleSet = runner.ruleSet

            let source = try self.source()
            let sink: FileHandle
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: nil) , let h = FileHandle(forWritingAtPath: output) else {
                    throw Failure(message: "\(output): error: cannot write the output file")
                }
                sink = h
            } else { sink = FileHandle.standardOutput }

            let tty = isatty(STDERR_FILENO) == 1
            var pending = Data()
            let summary = runner.run(source, writeLine: { line in
                pending.append(contentsOf: line)
                pending.append(0x0A)
                if pending.count > 1 << 20 { sink.write(pending); pending.removeAll(keepingCapacity: true) }
            }, progress: { s in
                sink.write(pending)
                pending.removeAll(keepingCapacity: true)
                if tty { FileHandle.standardError.write(Data(("\r\u{1B}[2K" + Self.progressLine(s)).utf8)) }
            })
            sink.write(pending)
            if output != nil { try? sink.close() }
            if tty { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
            Terminal.error(Self.summaryLine(summary, workers: runner.workers, rules: ruleSet))
            if let recorder {
                let (written, failed, message) = recorder.finish()
                Terminal.error("decision log: \(written) recorded" + (failed > 0 ? ", \(failed) NOT recorded (\(message ?? "write failed"))" : ""))
                if failed > 0 { throw ExitCode.failure }
            }
            if summary.errors > 0 || summary.failedClosed > 0 { throw ExitCode.failure }
        }
    }

    private func source() throws -> BatchRunner.Input {
        if input == "-" { return .jsonLines(FileHandle.standardInput, name: "<stdin>", size: nil) }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDir) else {
            throw Failure(message: "\(input): error: no such file or folder")
        }
        if isDir.boolValue {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: input)) ?? [])
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }.sorted()
            return .files(names.map { "\(input)/\($0)" })
        }
        if input.hasSuffix(".yaml") || input.hasSuffix(".yml") || input.hasSuffix(".json") { return .files([input]) }
        guard let handle = FileHandle(forReadingAtPath: input) else { throw Failure(message: "\(input): error: cannot read") }
        let size = (try? FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) ?? nil
        return .jsonLines(handle, name: input, size: size)
    }

    static func progressLine(_ s: BatchRunner.Summary) -> String {
        var line = "\(s.profiles) profiles · \(Int(s.rate))/s"
        if let f = s.fraction, f > 0, f < 1 {
            let eta = Int(s.seconds / f * (1 - f))
            line += String(format: " · %3.0f%% · ETA %d:%02d", f * 100, eta / 60, eta % 60)
        }
        return line + " · \(s.errors) errors"
    }

    static func summaryLine(_ s: BatchRunner.Summary, workers: Int, rules: RuleSet) -> String {
        String(format: "batch: %d profile\(s.profiles == 1 ? "" : "s") (%d recommended, %d to check before treating, %d referrals, %d clearance required, %d failed closed), %d errors; %.0f profiles/s, %.2f s wall, %d workers, rules %@",
               s.profiles, s.recommended, s.reviews, s.referrals, s.clearances, s.failedClosed, s.errors, s.rate, s.seconds, workers, rules.provenanceLine)
    }
}

/// Writes batch results to the decision log in transactions of 500, from the thread that writes
/// the output (so memory stays bounded), and counts what could not be written.
final class BatchRecorder: Sendable {
    private let store: any DecisionStore
    private struct State { var pending: [DecisionRecord] = []; var written = 0; var failed = 0; var message: String? }
    private let state = Mutex(State())

    init(url: String) throws {
        store = try blocking { () async throws(DecisionLogError) -> any DecisionStore in try await DecisionLog.open(url) }
            .get()
    }

    func add(_ d: DecisionRecord) {
        let full = state.withLock { s -> [DecisionRecord]? in
            s.pending.append(d)
            guard s.pending.count >= 500 else { return nil }
            defer { s.pending.removeAll(keepingCapacity: true) }
            return s.pending
        }
        if let full { flush(full) }
    }

    private func flush(_ records: [DecisionRecord]) {
        let store = self.store
        let result = blocking { () async throws(DecisionLogError) in try await store.record(records) }
        state.withLock { s in
            switch result {
            case .success: s.written += records.count
            case .failure(let e): s.failed += records.count; s.message = e.message
            }
        }
    }

    /// Writes what is left; (written, not written, the last error).
    func finish() -> (Int, Int, String?) {
        let rest = state.withLock { s -> [DecisionRecord] in defer { s.pending = [] }; return s.pending }
        if !rest.isEmpty { flush(rest) }
        let store = self.store
        _ = blocking { () async throws(DecisionLogError) in await store.shutdown() }
        return state.withLock { ($0.written, $0.failed, $0.message) }
    }
}

/// Runs async work from synchronous code and waits for it (the batch writer's thread is not a
/// concurrency thread, so waiting here blocks no task).
private func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws(DecisionLogError) -> T) -> Result<T, DecisionLogError> {
    let done = DispatchSemaphore(value: 0)
    let box = Mutex<Result<T, DecisionLogError>?>(nil)
    Task {
        let r: Result<T, DecisionLogError>
        do throws(DecisionLogError) { r = .success(try await body()) } catch { r = .failure(error) }
        box.withLock { $0 = r }
        done.signal()
    }
    // a log that stops answering must not hold the batch forever
    if done.wait(timeout: .now() + 60) == .timedOut { return .failure(DecisionLogError("the decision log did not answer within 60 s")) }
    return box.withLock { $0! }
}
