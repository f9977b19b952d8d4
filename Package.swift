// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Rubric",
    products: [
        .executable(name: "rubric", targets: ["RubricCLI"]),
        .library(name: "Rubric", targets: ["Rubric"]),
        .library(name: "RubricRendering", targets: ["RubricRendering"]),
        .library(name: "LuaSandbox", targets: ["LuaSandbox"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Lua 5.4 from the system (Debian: liblua5.4-dev), never vendored.
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"]), .brew(["lua"])]
        ),
        // C trampolines: every Lua call that may raise runs here, inside a protected call.
        .target(name: "CLuaShim", dependencies: ["CLua"]),
        // A sandboxed Lua host that knows nothing of massage. Its trusted Lua is in Lua/*.lua.
        .target(name: "LuaSandbox", dependencies: ["CLuaShim"], exclude: ["Lua"], plugins: ["EmbedLua"]),
        // The recommendation engine: catalog, profiles, rules, scoring, explanations.
        // The rule host (the plugin API, in Lua) is in Lua/*.lua.
        .target(name: "Rubric", dependencies: ["LuaSandbox", .product(name: "Yams", package: "Yams")],
                exclude: ["Lua"], plugins: ["EmbedLua"]),
        // Trusted Lua is kept in .lua files (linted by `make lint`) and embedded at build time.
        .executableTarget(name: "LuaEmbed"),
        .plugin(name: "EmbedLua", capability: .buildTool(), dependencies: ["LuaEmbed"]),
        // What people read: text, Markdown, JUnit, SARIF, watch and diff reports (the engine
        // returns values; JSON, its data format, stays in the engine).
        .target(name: "RubricRendering", dependencies: ["Rubric", "LuaSandbox"]),
        // The `rubric` command.
        .executableTarget(
            name: "RubricCLI",
            dependencies: ["Rubric", "RubricRendering", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Measures what the limits cost (`make bench`); figures are printed, never asserted.
        .executableTarget(name: "RubricBench", dependencies: ["Rubric", "LuaSandbox"], path: "Benchmarks/RubricBench"),
        .testTarget(name: "LuaSandboxTests", dependencies: ["LuaSandbox"]),
        .testTarget(name: "RubricTests", dependencies: ["Rubric", "RubricRendering"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RubricCLITests", dependencies: ["RubricCLI"], exclude: ["Snapshots"]),
    ]
)

for target in package.targets where target.type != .system && target.type != .plugin && target.name != "CLuaShim" {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ]
}
