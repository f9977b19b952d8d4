import ArgumentParser
import Foundation
import Rubric
import RubricRendering

struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Re-run recommendations whenever a rule, catalog or profile file changes; show what moved.",
        discussion: "A broken edit shows its error with file:line and the last good rule set keeps running. Stop with Ctrl-C.")

    @Argument(help: "Profile files.")
    var profiles: [String]

    @OptionGroup var ruleOptions: RuleOptions

    @Option(name: .long, help: "Milliseconds between two checks of the files.")
    var interval: Int = 300

    func validate() throws {
        if profiles.isEmpty { throw ValidationError("give at least one profile file") }
        if interval < 10 { throw ValidationError("--interval must be at least 10 ms") }
    }

    func run() throws {
        let watcher = RuleWatcher(rulesDirectory: ruleOptions.rules, profiles: profiles, limits: ruleOptions.limits)
        Terminal.write("watching \(ruleOptions.rules) and \(profiles.count) profile\(profiles.count == 1 ? "" : "s") (Ctrl-C to stop)\n")
        while true {
            if let event = watcher.poll() { Terminal.write("\n" + Terminal.safe(event.text)) }
            Thread.sleep(forTimeInterval: Double(interval) / 1000)
        }
    }
}
