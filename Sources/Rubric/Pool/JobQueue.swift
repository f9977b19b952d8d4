import Dispatch

/// A first-in, first-out queue of jobs that worker threads block on.
///
/// Sendable by construction: its state is ``Guarded`` and the waiting is a semaphore that
/// counts the jobs (plus one wake-up per worker when the queue closes).
final class JobQueue<Job: Sendable>: Sendable {
    private struct State: Sendable {
        var jobs: [Job?] = []
        var head = 0
        var closed = false
    }

    private let state = Guarded(State())
    private let available = DispatchSemaphore(value: 0)

    /// Adds a job; false when the queue is closed (the job is not run).
    @discardableResult
    func push(_ job: Job) -> Bool {
        let queued = state.withLock { s -> Bool in
            guard !s.closed else { return false }
            s.jobs.append(job)
            return true
        }
        if queued { available.signal() }
        return queued
    }

    /// Jobs waiting for a worker.
    var count: Int { state.withLock { $0.jobs.count - $0.head } }

    /// The next job, waiting for one; nil once the queue is closed and empty.
    func take() -> Job? {
        while true {
            available.wait()
            let next = state.withLock { s -> (Job?, Bool) in
                if s.head < s.jobs.count {
                    let job = s.jobs[s.head]
                    s.jobs[s.head] = nil
                    s.head += 1
                    if s.head > 1024 && s.head * 2 > s.jobs.count {   // drop the taken prefix now and then
                        s.jobs.removeFirst(s.head)
                        s.head = 0
                    }
                    return (job, false)
                }
                return (nil, s.closed)
            }
            if let job = next.0 { return job }
            if next.1 { return nil }
        }
    }

    /// Stops taking jobs; the jobs queued are still handed out, then `take` returns nil
    /// for each of the `waiters` threads.
    func close(waking waiters: Int) {
        state.withLock { $0.closed = true }
        for _ in 0..<waiters { available.signal() }
    }
}
