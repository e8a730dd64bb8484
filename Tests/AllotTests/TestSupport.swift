import Foundation
@testable import Allot

/// Paths to bundled fixtures and fresh scratch folders.
enum TestSupport {
    static func fixture(_ name: String) -> String {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }

    /// A new empty folder under the system's temporary folder.
    static func scratch() -> String {
        let path = NSTemporaryDirectory() + "allot-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Copies a fixture folder to a scratch folder so its store lands there.
    static func copyOfFixture(_ name: String) -> String {
        let target = scratch() + "/" + name
        try! FileManager.default.copyItem(atPath: fixture(name), toPath: target)
        return target
    }

    static func write(_ text: String, to path: String) {
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
