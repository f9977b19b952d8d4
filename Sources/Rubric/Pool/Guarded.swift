import Dispatch
import Synchronization

/// A value shared between threads, used only under its lock.
///
/// The storage is a `Mutex`, so the compiler checks that only Sendable values cross. The lock
/// is also taken through a semaphore: on Linux `Mutex` is built on futexes, which
/// ThreadSanitizer cannot see, so without the semaphore every access from two threads would be
/// reported as a race (`make test` runs the pool under ThreadSanitizer). Uncontended, the
/// semaphore costs one atomic operation each way.
final class Guarded<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>
    private let gate = DispatchSemaphore(value: 1)

    init(_ value: Value) { storage = Mutex(value) }

    /// Runs `body` with the value, holding the lock.
    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        gate.wait()
        defer { gate.signal() }
        return storage.withLock { body(&$0) }
    }
}
