import Dispatch

/// Rounds of work for an ``EvaluatorPool`` without a barrier between rounds.
///
/// A round is cut into small blocks, each one job for the pool; a worker that finishes its share
/// of a round goes straight on with the next round already submitted, so a slow profile or the
/// reading and writing thread never leaves a core idle. Rounds come back from ``next()``
/// complete and in the order they were submitted. Sendable: its state is ``Guarded``, and the
/// evaluators never leave their threads.
final class WorkPipeline<Item: Sendable, Output: Sendable>: Sendable {
    private final class Round: Sendable {
        private let state: Guarded<Blocks>
        private struct Blocks: Sendable { var outputs: [[Output]?]; var remaining: Int }
        private let done = DispatchSemaphore(value: 0)

        init(blocks: Int) { state = Guarded(Blocks(outputs: Array(repeating: nil, count: blocks), remaining: blocks)) }

        func finish(_ block: Int, _ outputs: [Output]) {
            let last = state.withLock { s -> Bool in
                s.outputs[block] = outputs
                s.remaining -= 1
                return s.remaining == 0
            }
            if last { done.signal() }
        }

        /// The outputs in item order, once every block is done.
        func wait() -> [Output] {
            done.wait()
            return state.withLock { s in s.outputs.flatMap { $0 ?? [] } }
        }
    }

    private let pool: EvaluatorPool
    private let block: Int
    private let work: @Sendable (Evaluator, Item) -> Output
    /// Rounds submitted and not yet handed back, oldest first.
    private let rounds = Guarded<[Round]>([])

    /// `work(evaluator, item)` runs on a worker's thread with that worker's evaluator.
    init(pool: EvaluatorPool, block: Int = 8, work: @escaping @Sendable (Evaluator, Item) -> Output) {
        self.pool = pool
        self.block = max(1, block)
        self.work = work
    }

    /// Rounds submitted and not yet handed back.
    var inFlight: Int { rounds.withLock { $0.count } }

    /// Queues a round for the workers.
    func submit(_ items: [Item]) {
        guard !items.isEmpty else { return }
        let starts = Array(stride(from: 0, to: items.count, by: block))
        let round = Round(blocks: starts.count)
        rounds.withLock { $0.append(round) }
        let work = self.work
        for (b, start) in starts.enumerated() {
            let slice = items[start..<min(items.count, start + block)]
            let queued = pool.submit { evaluator in round.finish(b, slice.map { work(evaluator, $0) }) }
            precondition(queued, "a pipeline's pool shut down while it was in use")
        }
    }

    /// The oldest round's outputs, in item order, once all are done; nil when no round is in flight.
    func next() -> [Output]? {
        guard let first = rounds.withLock({ $0.first }) else { return nil }
        let outputs = first.wait()
        rounds.withLock { _ = $0.removeFirst() }
        return outputs
    }
}
