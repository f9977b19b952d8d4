import Foundation

/// Paths to the fixtures on disk (copied into the test bundle as `Fixtures`).
enum FixturePaths {
    static let root: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The package root, for the shipped `rules/` and `examples/`.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
