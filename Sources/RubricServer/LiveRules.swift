import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import CoreFoundation
public import Foundation
public import Rubric
import Synchronization

/// The rule set the server answers with, and its reloads.
///
/// A reload (the folder changed, or `SIGHUP`) loads the folder into a new ``RuleGeneration``
/// beside the current one; only if every plugin loads is it swapped in, atomically. A broken
/// edit leaves the last good rule set serving and is reported in ``lastReload``, with the file
/// and line that broke it.
public final class LiveRules: Sendable {
    /// What the last reload did.
    public struct Reload: Sendable, Equatable {
        /// Whether the new rules were swapped in.
        public var ok: Bool
        /// When it happened.
        public var at: Date
        /// The hash of the rule set swapped in, when it was.
        public var hash: String?
        /// The file, line and message of what broke it, when it failed.
        public var file: String?
        public var line: Int?
        public var message: String?
    }

    /// The rules folder.
    public let directory: String
    private let limits: RuleLimits
    private let workers: Int
    private let state: Mutex<State>
    private let reloads = DispatchQueue(label: "rubric.reload")
    private struct State {
        var current: RuleGeneration
        var lastReload: Reload?
        /// What the folder held when it last failed to load (its hash, or the error), so one
        /// broken edit is reported once, not every poll.
        var failedFingerprint: String?
        var stopped = false
        /// The folder's files as `stat` saw them at the last poll, and polls since a full read.
        var stamp: [FileStamp] = []
        var pollsSinceRead = 0
    }

    /// What `stat` says of one file: a write changes its size or status-change time (to the
    /// file system's time resolution; a full read every ``pollsPerRead`` polls catches the rest).
    struct FileStamp: Equatable {
        var path: String
        var size: Int64
        var changed: timespec
        var modified: timespec
        var inode: UInt64

        static func == (a: FileStamp, b: FileStamp) -> Bool {
            a.path == b.path && a.size == b.size && a.inode == b.inode
                && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
                && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
        }
    }

    /// A poll reads the whole folder at least this often even when no file's stat changed.
    static let pollsPerRead = 16

    /// Loads `directory` and starts its evaluators.
    /// - Throws: ``InputError`` or ``RuleError`` when the rules do not load: a server never
    ///   starts without a good rule set.
    public init(directory: String, limits: RuleLimits, workers: Int) throws {
        self.directory = directory
        self.limits = limits
        self.workers = workers
        state = Mutex(State(current: try RuleGeneration(directory: directory, limits: limits, workers: workers)))
    }

    /// The generation answering now.
    public var current: RuleGeneration { state.withLock { $0.current } }

    /// What the last reload did; nil before the first.
    public var lastReload: Reload? { state.withLock { $0.lastReload } }

    /// Runs `body` with a lease on the current generation, so a reload cannot stop it midway.
    func withGeneration<T>(_ body: (RuleGeneration) async throws -> T) async throws -> T {
        let generation = try state.withLock { s throws(ServerError) -> RuleGeneration in
            guard !s.stopped, s.current.lease() else { throw ServerError.stopping }
            return s.current
        }
        defer { generation.release() }
        return try await body(generation)
    }

    /// Checks the folder and, if it changed, loads it and swaps it in when every plugin loads.
    /// Runs on the reload queue; returns what it did, or nil when nothing changed.
    /// - Parameter force: Reload even if the folder's hash is the current one (`SIGHUP`).
    @discardableResult
    public func reload(force: Bool = false) -> Reload? {
        reloads.sync { reloadNow(force: force) }
    }

    /// Reloads on the reload queue without waiting (from a signal or a timer).
    func reloadInBackground(force: Bool, then report: @escaping @Sendable (Reload) -> Void) {
        reloads.async { [self] in if let r = reloadNow(force: force) { report(r) } }
    }

    private func reloadNow(force: Bool) -> Reload? {
        // the cheapest check first: the files' stat, so a poll of an unchanged folder reads nothing
        let stamp = Self.stamp(directory)
        let unchanged = state.withLock { s -> Bool in
            defer { s.stamp = stamp }
            s.pollsSinceRead = s.stamp == stamp ? s.pollsSinceRead + 1 : 0
            guard !force, s.stamp == stamp, s.pollsSinceRead < Self.pollsPerRead else { s.pollsSinceRead = 0; return false }
            return true
        }
        if unchanged { return nil }
        let (currentHash, failed) = state.withLock { ($0.current.hash, $0.failedFingerprint) }
        // a first, cheap read: the folder's hash, without compiling anything
        let fingerprint: String
        do { fingerprint = try RuleSet.load(directory: directory).hash } catch {
            let text = "\(error)"
            if !force && text == failed { return nil }
            return record(failure: error, fingerprint: text)
        }
        if !force && fingerprint == currentHash {
            // back to the rules serving after a broken edit: say so, nothing to swap
            guard failed != nil else { return nil }
            let reload = Reload(ok: true, at: Date(), hash: currentHash)
            state.withLock { s in
                s.lastReload = reload
                s.failedFingerprint = nil
            }
            return reload
        }
        if !force && fingerprint == failed { return nil }
        let generation: RuleGeneration
        do { generation = try RuleGeneration(directory: directory, limits: limits, workers: workers) } catch {
            return record(failure: error, fingerprint: fingerprint)
        }
        let reload = Reload(ok: true, at: Date(), hash: generation.hash)
        let old = state.withLock { s -> RuleGeneration? in
            guard !s.stopped else { return nil }
            let old = s.current
            s.current = generation
            s.lastReload = reload
            s.failedFingerprint = nil
            return old
        }
        guard let old else { generation.stop(); return nil }
        old.retire()
        return reload
    }

    private func record(failure error: any Error, fingerprint: String) -> Reload {
        var reload = Reload(ok: false, at: Date())
        switch error {
        case let e as InputError: (reload.file, reload.line, reload.message) = (e.file, e.line, e.message)
        case let e as RuleError: (reload.file, reload.line, reload.message) = (e.file, e.line, e.message)
        default: reload.message = "\(error)"
        }
        state.withLock { s in
            s.lastReload = reload
            s.failedFingerprint = fingerprint
            s.stamp = []   // read again at the next poll: the failure may not be the files' (EMFILE, EIO)
        }
        return reload
    }

    /// Every file under `directory`, sorted by path, as `stat` sees it (links followed); hidden
    /// folders (a checkout's `.git`) are not walked.
    static func stamp(_ directory: String) -> [FileStamp] {
        guard let walk = FileManager.default.enumerator(atPath: directory) else { return [] }
        var stamps: [FileStamp] = []
        while let relative = walk.nextObject() as? String {
            var info = stat()
            guard stat(directory + "/" + relative, &info) == 0 else { continue }
            if (relative as NSString).lastPathComponent.hasPrefix("."), (info.st_mode & S_IFMT) == S_IFDIR {
                walk.skipDescendants()
                continue
            }
            #if canImport(Darwin)
            let (changed, modified) = (info.st_ctimespec, info.st_mtimespec)
            #else
            let (changed, modified) = (info.st_ctim, info.st_mtim)
            #endif
            stamps.append(FileStamp(path: relative, size: Int64(info.st_size), changed: changed,
                                    modified: modified, inode: UInt64(info.st_ino)))
        }
        return stamps.sorted { $0.path < $1.path }
    }

    /// Stops every evaluator; later requests get 503.
    public func stop() {
        let generation = state.withLock { s -> RuleGeneration in
            s.stopped = true
            return s.current
        }
        reloads.sync {}
        generation.stop()
    }
}
