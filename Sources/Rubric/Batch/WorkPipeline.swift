import Dispatch
import Foundation

/// Rounds of work for a fixed set of workers without a barrier between rounds.
///
/// Each worker runs on its own thread for the pipeline's whole life and only ever touches its
/// own state (a `W`, such as an evaluator with its Lua state). Workers take small blocks of
/// items; one that finishes its share of a round goes straight on with the next round already
/// submitted, so a slow profile or the reading and writing thread never leaves a core idle.
/// Rounds come back from ``next()`` complete and in the order they were submitted.
final class WorkPipeline<Item, Output>: @unchecked Sendable {
    private final class Round {
        let items: [Item]
        let results: ResultSlots<Output>
        var claimed = 0
        var remaining: Int
        init(_ items: [Item]) {
            self.items = items
            results = ResultSlots(count: items.count)
            remaining = items.count
        }
    }

    private let condition = NSCondition()
    /// Rounds submitted and not yet handed back, oldest first (guarded by `condition`).
    private var rounds: [Round] = []
    private var closed = false
    private let block: Int
    private let stopped = DispatchGroup()

    /// Starts one thread per worker; `work(worker, item)` runs on that worker's thread only.
    /// Call ``close()`` when done: the threads run until then.
    init<W>(workers: [W], block: Int = 8, work: @escaping (W, Item) -> Output) {
        self.block = block
        let work = UncheckedBox(work)
        for worker in workers {
            let worker = UncheckedBox(worker)
            stopped.enter()
            let thread = Thread { [self] in
                while let (round, range) = claim() {
                    for i in range { round.results.set(i, work.value(worker.value, round.items[i])) }
                    finish(round, range.count)
                }
                stopped.leave()
            }
            thread.stackSize = 8 << 20       // as a main thread has: Lua and the host recurse in C
            thread.start()
        }
    }

    /// Rounds submitted and not yet handed back.
    var inFlight: Int {
        condition.lock()
        defer { condition.unlock() }
        return rounds.count
    }

    /// Queues a round for the workers.
    func submit(_ items: [Item]) {
        guard !items.isEmpty else { return }
        condition.lock()
        rounds.append(Round(items))
        condition.broadcast()
        condition.unlock()
    }

    /// The oldest round's outputs, in item order, once all are done; nil when no round is in flight.
    func next() -> [Output]? {
        condition.lock()
        defer { condition.unlock() }
        guard let first = rounds.first else { return nil }
        while first.remaining > 0 { condition.wait() }
        rounds.removeFirst()
        return first.results.values
    }

    /// Lets the workers finish what is queued and stop; returns once they have.
    func close() {
        condition.lock()
        let wasClosed = closed
        closed = true
        condition.broadcast()
        condition.unlock()
        if !wasClosed { stopped.wait() }
    }

    /// The next block of items for a worker, waiting for a round if none has work left.
    private func claim() -> (Round, Range<Int>)? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let round = rounds.first(where: { $0.claimed < $0.items.count }) {
                let range = round.claimed..<min(round.items.count, round.claimed + block)
                round.claimed = range.upperBound
                return (round, range)
            }
            if closed { return nil }
            condition.wait()
        }
    }

    private func finish(_ round: Round, _ count: Int) {
        condition.lock()
        round.remaining -= count
        if round.remaining == 0 { condition.broadcast() }
        condition.unlock()
    }
}

/// Results written by index from several threads, each index by exactly one, into storage
/// allocated up front (no lock: distinct slots never overlap).
final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }
    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }
    func set(_ i: Int, _ v: T) { slots[i] = v }
    var values: [T] { slots.map { $0! } }
}

/// Hands a value to another thread that alone uses it.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
