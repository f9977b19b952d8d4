import Dispatch
public import Foundation
public import LuaSandbox

/// `rubric batch`: many profiles through an ``EvaluatorPool`` (one Lua state per worker), in
/// input order, in constant memory.
public final class BatchRunner {
    /// Where the profiles come from.
    public enum Input {
        /// JSONL: one profile a line (a file, or stdin).
        case jsonLines(FileHandle, name: String, size: Int?)
        /// YAML or JSON files, one profile each.
        case files([String])
    }

    /// Counts for the summary and the progress bar.
    public struct Summary: Sendable {
        /// Input records handled so far, error records included.
        public var profiles = 0
        /// Results with status `recommended`.
        public var recommended = 0
        /// Results with status `referral`.
        public var referrals = 0
        /// Results with status `clearance_required`.
        public var clearances = 0
        /// Results a person must check before treating (``Recommendation/Status/reviewRequired``).
        public var reviews = 0
        /// Results that failed closed (``Recommendation/Status/failedClosed``).
        public var failedClosed = 0
        /// Input that could not be read as a profile (one error record each).
        public var errors = 0
        /// Wall-clock seconds since the run started.
        public var seconds = 0.0
        /// Fraction of the input read, when its size is known.
        public var fraction: Double?
        /// Records handled per second (0 before any time has passed).
        public var rate: Double { seconds > 0 ? Double(profiles) / seconds : 0 }
    }

    /// The workers.
    public let pool: EvaluatorPool
    /// Profiles per worker per round; a round holds workers × chunk profiles in memory.
    public var chunk = 256

    /// How much of each result a line holds.
    public enum Detail: String, Sendable, CaseIterable {
        /// The full recommendation, as `recommend --format json` writes it (`rubric.recommendation/2`).
        case full
        /// The compact record (`rubric.batch-ids/1`): contributions as rule ids and points, after a
        /// first line with the rules table (`rubric.batch-rules/1`) that holds every text once.
        case ids
    }

    /// What each output line holds (default: the full recommendation).
    public var detail = Detail.full

    /// The date FHIR records' ages and "weeks ago" are counted to (else each Bundle's timestamp).
    public var asOf: CalendarDate?

    /// One input as read, for ``makeRecord``.
    public struct ReadInput: Sendable {
        /// The input's name (`file.jsonl:12`, a file path).
        public var source: String
        /// The bytes the profile was read from.
        public var data: Data
        /// Whether they were read as JSON.
        public var isJSON: Bool
    }

    /// Made on the worker for every result (e.g. a decision-log record), then handed to
    /// ``onRecord`` in input order; nil: nothing is made.
    public var makeRecord: (@Sendable (Recommendation, ReadInput) -> any Sendable)?
    /// Gets what ``makeRecord`` made, in input order, on the thread that called ``run(_:write:progress:)``,
    /// after the result's line was written.
    public var onRecord: ((any Sendable) -> Void)?

    /// Runs on `pool` (which may serve others at the same time).
    public init(pool: EvaluatorPool) { self.pool = pool }

    /// Compiles the rule set once per worker (the workers share its catalog's storage).
    public convenience init(ruleSet: RuleSet, limits: SandboxLimits = SandboxLimits(), workers: Int) throws(RuleError) {
        self.init(pool: try EvaluatorPool(ruleSet: ruleSet, limits: limits, workers: workers))
    }

    /// Reads and compiles the rules once per worker, so that no two workers touch the same
    /// catalog storage (see ``EvaluatorPool/init(directory:limits:workers:)``).
    /// - Throws: ``InputError`` or ``RuleError``; an error if the folder changed between two reads.
    public convenience init(directory: String, limits: SandboxLimits = SandboxLimits(), workers: Int) throws {
        self.init(pool: try EvaluatorPool(directory: directory, limits: limits, workers: workers))
    }

    /// The rule set the workers run.
    public var ruleSet: RuleSet { pool.ruleSet }

    /// The number of worker threads.
    public var workers: Int { pool.workers }

    private struct Item: Sendable {
        var index: Int; var source: String; var line: Int?; var text: String?; var path: String?
        /// Why the line could not be read (not UTF-8, too long), if it could not.
        var failure: InputError?
    }

    /// Runs every profile; `write` gets each output line (JSON, no newline) in input order,
    /// `progress` is called after each round.
    public func run(_ input: Input, write: (String) -> Void, progress: (Summary) -> Void = { _ in }) -> Summary {
        run(input, writeLine: { write(String(decoding: $0, as: UTF8.self)) }, progress: progress)
    }

    /// Runs every profile as ``run(_:write:progress:)`` does, handing each output line over as
    /// its UTF-8 bytes (what a file takes: no string is made of them).
    public func run(_ input: Input, writeLine write: ([UInt8]) -> Void, progress: (Summary) -> Void = { _ in }) -> Summary {
        let start = DispatchTime.now().uptimeNanoseconds
        var summary = Summary()
        var reader: LineReader?
        var files: [String] = []
        var size: Int?
        switch input {
        case .jsonLines(let handle, _, let s): reader = LineReader(handle: handle); size = s
        case .files(let f): files = f
        }
        let name: String = { if case .jsonLines(_, let n, _) = input { return n } else { return "" } }()
        var fileIndex = 0
        var index = 0
        func nextRound() -> [Item] {
            var round: [Item] = []
            while round.count < chunk * pool.workers {
                if let reader {
                    guard let line = reader.next() else { break }
                    let source = "\(name):\(reader.lineNumber)"
                    var item = Item(index: index, source: source, line: reader.lineNumber)
                    switch line {
                    case .text(let text):
                        if text.allSatisfy(\.isWhitespace) { continue }
                        item.text = text
                    case .invalidUTF8(let offset, let column):
                        item.failure = InputError(file: source, column: column,
                                                  message: "the line is not UTF-8 text (an invalid byte at byte offset \(offset))")
                    case .tooLong(let bytes):
                        item.failure = InputError(file: source, message: "the line is \(bytes) bytes long, more than the "
                                                  + "\(InputLimits.maximumProfileBytes) bytes (1 MiB) a profile may have; it was skipped")
                    }
                    round.append(item)
                } else {
                    guard fileIndex < files.count else { break }
                    round.append(Item(index: index, source: files[fileIndex], line: nil, text: nil, path: files[fileIndex]))
                    fileIndex += 1
                }
                index += 1
            }
            return round
        }
        func emit(_ outputs: [Output]) {
            guard !outputs.isEmpty else { return }
            for o in outputs {
                write(o.json)
                if let r = o.record { onRecord?(r) }
                summary.profiles += 1
                switch o.status {
                case .none: summary.errors += 1
                case .recommended: summary.recommended += 1
                case .referral: summary.referrals += 1
                case .clearanceRequired: summary.clearances += 1
                case .reviewRequired: summary.reviews += 1
                case .failedClosed: summary.failedClosed += 1
                }
            }
            summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if let size, size > 0, let reader { summary.fraction = min(1, Double(reader.bytesRead) / Double(size)) }
            else if !files.isEmpty { summary.fraction = Double(fileIndex) / Double(files.count) }
            progress(summary)
        }
        // Up to three rounds in flight: while the workers evaluate, this thread reads the rounds
        // ahead and writes the finished ones, and no worker waits for another between rounds.
        let detail = self.detail, asOf = self.asOf, makeRecord = self.makeRecord
        if detail == .ids {
            // the rules table first; every worker runs the same rule set (the pool checked the hashes)
            let table = (try? pool.runBlocking { $0.rulesTableJSON() }) ?? ""
            write(Array(table.utf8))
        }
        let pipeline = WorkPipeline<Item, Output>(pool: pool) { evaluator, item in
            Self.evaluate(item, evaluator, detail: detail, asOf: asOf, makeRecord: makeRecord)
        }
        var inputDone = false
        while true {
            if !inputDone && pipeline.inFlight < 3 {
                let round = nextRound()
                if round.isEmpty { inputDone = true } else { pipeline.submit(round) }
                continue
            }
            guard let outputs = pipeline.next() else { break }
            emit(outputs)
        }
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return summary
    }

    private struct Output: Sendable { var json: [UInt8]; var status: Recommendation.Status?; var record: (any Sendable)? = nil }

    private static func evaluate(_ item: Item, _ evaluator: Evaluator, detail: Detail, asOf: CalendarDate?,
                                 makeRecord: (@Sendable (Recommendation, ReadInput) -> any Sendable)?) -> Output {
        do {
            if let failure = item.failure { throw failure }
            // a file is read once: the bytes evaluated are the bytes a decision record keeps
            var bytes: Data?
            let profile: Profile
            if let path = item.path {
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
                if let size, size > InputLimits.maximumProfileBytes { throw Profile.tooLarge(size, file: path) }
                guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: path, message: "cannot read the file") }
                bytes = data
                profile = try Profile.load(data: data, source: path, json: path.lowercased().hasSuffix(".json"), asOf: asOf)
            } else {
                profile = try Profile.parse(json: item.text ?? "", source: item.source, asOf: asOf)
            }
            let rec = evaluator.evaluate(profile)
            var out = Output(json: detail == .ids ? rec.compactJSONBytes() : rec.jsonBytes(pretty: false), status: rec.status)
            if let makeRecord {
                let data = bytes ?? Data((item.text ?? "").utf8)
                let json = item.path.map { $0.lowercased().hasSuffix(".json") } ?? true
                out.record = makeRecord(rec, ReadInput(source: item.source, data: data, isJSON: json))
            }
            return out
        } catch let error as InputError {
            let record = JSONValue.object([
                ("schema", .string("rubric.batch-error/1")), ("source", .string(item.source)),
                ("line", .optional(item.line)), ("column", .optional(error.column)), ("field", .optional(error.field)),
                ("error", .string(error.message)),
            ])
            return Output(json: record.jsonBytes(pretty: false), status: nil)
        } catch {
            return Output(json: JSONValue.object([("schema", .string("rubric.batch-error/1")), ("source", .string(item.source)),
                                                  ("error", .string("\(error)"))]).jsonBytes(pretty: false), status: nil)
        }
    }
}
