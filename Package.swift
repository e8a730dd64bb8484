// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Allot",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "allot", targets: ["AllotCLI"]),
        .library(name: "Allot", targets: ["Allot"]),
        .library(name: "AllotLedger", targets: ["AllotLedger"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/swhitty/FlyingFox.git", from: "0.27.1"),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev).
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // libpq, PostgreSQL's C client, from the system (Debian: libpq-dev).
        .systemLibrary(
            name: "CLibpq",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // SHA-256 and the parallel map: small helpers several stages share, package-only.
        .target(name: "AllotSupport"),
        // RFC 5322 messages: headers, MIME parts, encodings. Pure.
        .target(name: "AllotMail", dependencies: ["AllotSupport"]),
        // Markdown to HTML through libcmark.
        .target(name: "AllotMarkdown", dependencies: ["CCmark"]),
        // Pure ledger logic: time, policies, replay, statements, warnings. No I/O.
        .target(name: "AllotLedger", dependencies: ["AllotSupport"]),
        // Built-in policies written against the public Policy protocol only.
        .target(name: "AllotPolicies", dependencies: ["AllotLedger"]),
        // Reading allot.toml, seat and event files (CSV, JSON Lines) into ledger records, and
        // validating a batch against what is held. Knows nothing of mail or the store.
        .target(
            name: "AllotImport",
            dependencies: [
                "AllotLedger",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // The system of record: appends what import validated, inside one transaction; loads one
        // team at a time. Its SQL runs on SQLite (GRDB), or on any backend of its package-only
        // SQLConnection.
        .target(
            name: "AllotStore",
            dependencies: [
                "AllotLedger",
                "AllotImport",
                "AllotSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The store in PostgreSQL through libpq: the schema and its versions, writers one at a
        // time by an advisory lock, failures as sentences that name the database.
        .target(name: "AllotPostgres", dependencies: ["AllotStore", "AllotSupport", "CLibpq"]),
        // Report plugins: page models (the JSON twins) and their template views. Pure.
        .target(name: "AllotReports", dependencies: ["AllotLedger", "AllotSupport"]),
        // Templates, Markdown to HTML, layout, and the site writer.
        .target(
            name: "AllotSite",
            dependencies: [
                "AllotReports", "AllotMarkdown", "AllotSupport",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The preview server (FlyingFox), with an end to every wait on a client.
        .target(
            name: "AllotServe",
            dependencies: [
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        // The library a CLI or another package drives: `Project` wires import to the store and
        // runs builds, checks, notices and publishing.
        .target(
            name: "Allot",
            dependencies: [
                "AllotLedger", "AllotPolicies", "AllotImport", "AllotStore", "AllotPostgres", "AllotReports", "AllotSite", "AllotMail",
                "AllotSupport", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The `allot` command: options, progress and messages over the Allot library.
        .executableTarget(
            name: "AllotCLI",
            dependencies: [
                "Allot", "AllotServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // libFuzzer targets (fuzz/run builds them with -sanitize=fuzzer -DFUZZING); a normal
        // build makes them replay the files they are given.
        .target(name: "CFuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver"]),
        .executableTarget(name: "FuzzImport", dependencies: ["AllotImport", "AllotLedger", "FuzzSupport"]),
        .executableTarget(name: "FuzzConfig", dependencies: ["Allot", "AllotImport", "FuzzSupport"]),
        .executableTarget(name: "FuzzEscape", dependencies: ["Allot", "FuzzSupport"]),
        .testTarget(
            name: "AllotLedgerTests",
            dependencies: [
                "AllotLedger", "AllotPolicies",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "AllotMarkdownTests", dependencies: ["AllotMarkdown"]),
        .testTarget(
            name: "AllotTests",
            dependencies: [
                "Allot", "AllotImport", "AllotStore", "AllotPostgres", "AllotCLI", "AllotServe",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ]
)
