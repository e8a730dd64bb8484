import Foundation
import Testing

@testable import AllotSite

/// The binary's built-in templates are exactly the files in `templates/`.
@Test func builtInTemplatesMatchTheTemplatesFolder() {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("templates").path
    var onDisk: [String: String] = [:]
    for case let path as String in FileManager.default.enumerator(atPath: root)! {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDir), !isDir.boolValue,
            !path.hasPrefix("."), path != "README.md"
        else { continue }
        onDisk[path] = try? String(contentsOfFile: root + "/" + path, encoding: .utf8)
    }
    #expect(!onDisk.isEmpty)
    #expect(DefaultTemplates.files == onDisk, "templates/ changed: run scripts/embed-templates")
}
