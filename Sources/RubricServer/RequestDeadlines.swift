import Dispatch
import Foundation
import Synchronization

/// Something waiting for an answer that a deadline can cut short.
protocol Expiring: AnyObject, Sendable {
    /// Whether it was answered already (then its deadline is moot).
    var isAnswered: Bool { get }
    /// Answers it as timed out; does nothing if it was answered meanwhile.
    func expire()
}

/// The time budgets of every request in flight, kept by one thread.
///
/// A dispatch timer per request cost about 6% of the server's CPU under load (each one is a
/// source registered with and removed from dispatch's timer heap, on its manager thread). Here a
/// request's deadline is one entry in a list ordered by deadline; one thread sleeps until the
/// first deadline (at most ``tick`` at a time, so answered entries at the front are dropped
/// promptly) and expires whatever is still unanswered when its time comes.
final class RequestDeadlines: Sendable {
    /// The deadlines of the whole process: they need no more than one thread.
    static let shared = RequestDeadlines()

    /// The longest the thread sleeps while entries wait.
    static let tick: Duration = .milliseconds(20)

    private struct Entry {
        let deadline: ContinuousClock.Instant
        let item: any Expiring
    }

    private struct State {
        /// Ordered by deadline; the live part starts at `head`.
        var entries: [Entry] = []
        var head = 0
        var started = false
        var live: Int { entries.count - head }
        var first: Entry? { head < entries.count ? entries[head] : nil }
    }

    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)

    init() {}

    /// Expires `item` at `deadline` unless it is answered by then.
    func add(_ item: any Expiring, at deadline: ContinuousClock.Instant) {
        let (start, signal) = state.withLock { s -> (Bool, Bool) in
            // requests share one budget, so a new deadline is almost always the last
            var index = s.entries.count
            while index > s.head, s.entries[index - 1].deadline > deadline { index -= 1 }
            s.entries.insert(Entry(deadline: deadline, item: item), at: index)
            // the thread sleeps until the first deadline: wake it when that is now this one
            let start = !s.started
            s.started = true
            return (start, index == s.head && !start)
        }
        if start {
            let thread = Thread { [self] in run() }
            thread.name = "rubric-deadlines"
            thread.start()
        } else if signal {
            wake.signal()
        }
    }

    /// Entries not yet dropped (answered or expired ones at the front are dropped each tick).
    var pending: Int { state.withLock { $0.live } }

    private func run() {
        while true {
            let now = ContinuousClock.now
            let (due, next) = state.withLock { s -> ([any Expiring], ContinuousClock.Instant?) in
                var due: [any Expiring] = []
                while let first = s.first, first.item.isAnswered || first.deadline <= now {
                    if !first.item.isAnswered { due.append(first.item) }
                    s.head += 1
                }
                if s.head > 1024, s.head * 2 > s.entries.count {
                    s.entries.removeFirst(s.head)
                    s.head = 0
                }
                if s.live == 0 {
                    s.entries.removeAll(keepingCapacity: s.entries.capacity <= 65_536)
                    s.head = 0
                }
                return (due, s.first?.deadline)
            }
            for item in due { item.expire() }
            if let next {
                let wait = min(next - ContinuousClock.now, Self.tick)
                if wait > .zero { _ = wake.wait(timeout: .now() + .nanoseconds(Int(wait.nanoseconds))) }
            } else {
                wake.wait()
            }
        }
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
