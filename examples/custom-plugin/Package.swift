// swift-tools-version:6.1
import Foundation
import PackageDescription

// Allot is this repository's root package, two folders up. SwiftPM names a path
// dependency after its folder (`main`, `allot`, whatever the clone is called), and
// `.product(name:package:)` needs that name, so it is worked out here rather than
// written down.
let allotRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .appendingPathComponent("../..")
    .standardizedFileURL
let allotPackage = allotRoot.lastPathComponent

let package = Package(
    name: "AllotCustomPlugin",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "TeamPlugin", targets: ["TeamPlugin"]),
        .executable(name: "team-site", targets: ["team-site"]),
    ],
    dependencies: [
        .package(path: "../.."),
    ],
    targets: [
        // The plugin: the `flat-rate` policy and the `leaderboard` report.
        .target(
            name: "TeamPlugin",
            dependencies: [.product(name: "Allot", package: allotPackage)]
        ),
        // Builds a site with the plugin: `team-site [--config FILE] [--templates FOLDER] [--as-of DATE] OUTPUT`.
        .executableTarget(
            name: "team-site",
            dependencies: ["TeamPlugin", .product(name: "Allot", package: allotPackage)]
        ),
        .testTarget(
            name: "TeamPluginTests",
            dependencies: ["TeamPlugin", .product(name: "Allot", package: allotPackage)]
        ),
    ]
)
