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
        // `rubric serve`: the HTTP server, its logs and its Prometheus metrics.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // The decision log: SQLite (embedded) or PostgreSQL (shared by replicas).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // CDS Hooks: the EHR's JWTs (JWKS) and fetching what a prefetch left out from its FHIR server.
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
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
        // The decision log: every result recorded (id, time, rule-set hash, input hash, status,
        // the result; the input only on request), in SQLite or PostgreSQL, and replayed.
        .target(
            name: "RubricDecisionLog",
            dependencies: [
                "Rubric",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // `rubric serve`: the JSON API under /v1 and the front-desk web page (Web/, embedded at
        // build time), on Hummingbird, evaluating on an EvaluatorPool.
        .target(
            name: "RubricServer",
            dependencies: [
                "Rubric", "RubricRendering", "RubricDecisionLog",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            exclude: ["Web"], plugins: ["EmbedLua"]),
        // The `rubric` command.
        .executableTarget(
            name: "RubricCLI",
            dependencies: ["Rubric", "RubricRendering", "RubricServer", "RubricDecisionLog",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Measures what the limits cost (`make bench`); figures are printed, never asserted.
        .executableTarget(name: "RubricBench", dependencies: ["Rubric", "LuaSandbox"], path: "Benchmarks/RubricBench"),
        .testTarget(name: "LuaSandboxTests", dependencies: ["LuaSandbox"]),
        .testTarget(name: "RubricTests", dependencies: ["Rubric", "RubricRendering"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RubricCLITests", dependencies: ["RubricCLI"], exclude: ["Snapshots"]),
        .testTarget(name: "RubricServerTests", dependencies: ["RubricServer", .product(name: "Logging", package: "swift-log"),
                                                             .product(name: "JWTKit", package: "jwt-kit")],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "RubricDecisionLogTests", dependencies: ["RubricDecisionLog", "Rubric"]),
    ]
)

for target in package.targets where target.type != .system && target.type != .plugin && target.name != "CLuaShim" {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ]
}
