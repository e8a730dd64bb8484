import Foundation

extension TestSupport {
    /// Every entry under a folder, hidden ones included, by relative path: a file's bytes,
    /// a symlink's target, nil for a folder. Equal results mean the folder is as it was. A
    /// site's record of its files' inodes and times (`.allot-file-stats`) is left out: it
    /// differs between two folders built alike.
    static func entries(under folder: String) -> [String: Data?] {
        var out: [String: Data?] = [:]
        let fm = FileManager.default
        for case let path as String in fm.enumerator(atPath: folder)! where !path.hasSuffix(".allot-file-stats") {
            let full = folder + "/" + path
            switch (try? fm.attributesOfItem(atPath: full))?[.type] as? FileAttributeType {
            case .typeSymbolicLink?: out[path] = Data(("-> " + ((try? fm.destinationOfSymbolicLink(atPath: full)) ?? "")).utf8)
            case .typeDirectory?: out[path] = .some(nil)
            default: out[path] = fm.contents(atPath: full)
            }
        }
        return out
    }

    /// The paths where two `entries` differ, for a failure message.
    static func differences(_ a: [String: Data?], _ b: [String: Data?]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }
}
