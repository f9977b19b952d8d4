import Foundation
public import LuaSandbox

/// `rubric watch`: re-runs recommendations when a rule, catalog or profile file
/// changes, and keeps the last good rule set running when an edit breaks it.
///
/// A new rule set replaces the old one only once it has been read completely (the
/// files did not change while it was read), every plugin compiled, and every
/// watched profile evaluated without a rule error: no run sees half a rule set.
public final class RuleWatcher {
    /// The rules folder whose `.lua` and `.yaml` files are watched.
    public let rulesDirectory: String
    /// The profile files watched, and evaluated with each new rule set.
    public let profiles: [String]
    /// The sandbox limits each rule set is compiled and run under.
    public let limits: SandboxLimits
    private var snapshot: [String: String] = [:]
    private var good: Evaluator?
    private var lastRankings: [String: [RankedTechnique]] = [:]

    /// Watches `rulesDirectory` and `profiles`; nothing is read before the first ``poll()``.
    public init(rulesDirectory: String, profiles: [String], limits: SandboxLimits = SandboxLimits()) {
        self.rulesDirectory = rulesDirectory
        self.profiles = profiles
        self.limits = limits
    }

    /// The hash of the rule set in use, if one has loaded.
    public var activeHash: String? { good?.ruleSet.hash }

    /// The content hash of every watched file (robust to edits within one clock tick).
    private func takeSnapshot() -> [String: String] {
        var out: [String: String] = [:]
        let fm = FileManager.default
        var files = profiles
        if let walker = fm.enumerator(atPath: rulesDirectory) {
            while let rel = walker.nextObject() as? String {
                if rel.hasSuffix(".lua") || rel.hasSuffix(".yaml") { files.append("\(rulesDirectory)/\(rel)") }
            }
        }
        for f in files {
            out[f] = fm.contents(atPath: f).map { SHA256.hex(Array($0)) } ?? "missing"
        }
        return out
    }

    /// What one poll found, for a front end to show.
    public enum Event: Sendable {
        /// A new rule set loaded and every watched profile was evaluated with it; `previous` holds
        /// each profile's last ranking (nil on the first load).
        case loaded(RuleSet, ruleCount: Int, results: [ProfileResult])
        /// The rules (or a profile) could not be used: the errors, and the last good rule set
        /// still running with its last rankings (nil if none has loaded yet).
        case kept(errors: [String], lastGood: RuleSet?, rankings: [ProfileResult])
    }

    /// One watched profile's result.
    public struct ProfileResult: Sendable {
        /// The profile file, as given.
        public var path: String
        /// Its recommendation with the new rules (nil when only the last ranking is known).
        public var recommendation: Recommendation?
        /// Its ranking before this change, when there was one.
        public var previous: [RankedTechnique]?
    }

    /// Checks the files; returns what happened when something changed (and on the first call), else `nil`.
    public func poll() -> Event? {
        let before = takeSnapshot()
        guard before != snapshot else { return nil }
        let event = reload()
        // If files moved while they were read, leave the snapshot stale so the next poll reads again.
        if takeSnapshot() == before { snapshot = before }
        return event
    }

    private func reload() -> Event {
        let candidate: Evaluator
        do {
            candidate = try Evaluator(ruleSet: try RuleSet.load(directory: rulesDirectory), limits: limits)
        } catch {
            return keeping(["\(error)"])
        }
        var results: [(String, Recommendation)] = []
        var failures: [String] = []
        for path in profiles {
            do {
                let rec = candidate.evaluate(try Profile.load(path: path))
                failures += rec.failures.map { "\($0) (while evaluating \(path))" }
                results.append((path, rec))
            } catch {
                failures.append("\(error)")
            }
        }
        if !failures.isEmpty { return keeping(failures.uniqued()) }
        let first = good == nil
        good = candidate
        var out: [ProfileResult] = []
        for (path, rec) in results {
            out.append(ProfileResult(path: path, recommendation: rec, previous: first ? nil : lastRankings[path]))
            lastRankings[path] = rec.ranking
        }
        return .loaded(candidate.ruleSet, ruleCount: candidate.rules.count, results: out)
    }

    private func keeping(_ errors: [String]) -> Event {
        .kept(errors: errors, lastGood: good?.ruleSet,
              rankings: good == nil ? [] : profiles.map { ProfileResult(path: $0, recommendation: nil, previous: lastRankings[$0]) })
    }
}
