import Foundation

@testable import Allot

/// Paths to bundled fixtures and fresh scratch folders.
enum TestSupport {
    static func fixture(_ name: String) -> String {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }

    /// The running test's scratch folders, removed when it ends (`.cleansScratch`).
    @TaskLocal static var scratchRegistry: ScratchRegistry?

    /// A new empty folder under the system's temporary folder, removed after the test.
    static func scratch() -> String {
        let path = NSTemporaryDirectory() + "allot-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        scratchRegistry?.add(path)
        return path
    }

    /// Copies a fixture folder to a scratch folder so its store lands there.
    static func copyOfFixture(_ name: String) -> String {
        let target = scratch() + "/" + name
        try! FileManager.default.copyItem(atPath: fixture(name), toPath: target)
        return target
    }

    /// Writes `text` to `path`, making its folder first.
    static func write(_ text: String, to path: String) {
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

extension TestSupport {
    /// Set by scripts/test-sanitized: the suite runs under a sanitizer, many times slower.
    static let sanitized = ProcessInfo.processInfo.environment["ALLOT_SANITIZED"] != nil

    /// Runs the independent site checker (Python's html.parser and jsonschema) on a
    /// built site; returns its problems, one per line (empty when the site is sound).
    static func siteProblems(_ site: String, literals: [String] = [], onPages: [(page: String, text: String)] = []) async throws -> String {
        let pairs = scratch() + "/pairs.json"
        try JSONSerialization.data(withJSONObject: onPages.map { ["page": $0.page, "text": $0.text] })
            .write(to: URL(fileURLWithPath: pairs))
        let texts = scratch() + "/literals.json"
        try JSONSerialization.data(withJSONObject: literals).write(to: URL(fileURLWithPath: texts))
        return try await python("sitecheck/site_check.py", [site, "--expect=" + pairs, "--literals=" + texts])
    }

    /// Every file under a folder, by relative path, but a site's record of its files'
    /// inodes and times (`.allot-file-stats`), which differs between two folders built alike.
    static func files(under folder: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: folder)!
        for case let path as String in walker where !path.hasSuffix(".allot-file-stats") {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDir), !isDir.boolValue {
                out[path] = FileManager.default.contents(atPath: folder + "/" + path)
            }
        }
        return out
    }
}
