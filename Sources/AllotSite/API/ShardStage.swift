import AllotSupport
import Foundation

/// One shard's pages, written beside a site rather than into it: into `folder` (inside
/// the site's folder, `.allot-shards/K-of-N/`), each at its path in the site, unless
/// the site already holds a file with the same bytes. Nothing in the site itself
/// changes; the merge renames the staged files into place (`SiteWriter.Session.adopt`).
/// Shards each write their own folder, so several can write into one site at once.
public final class ShardStage: @unchecked Sendable {
    /// The site's folder.
    public let site: String
    /// The shard's folder, which it alone writes.
    public let folder: String
    private let lock = NSLock()
    private var made = Set<String>()
    public private(set) var staged = 0, unchanged = 0

    /// Starts from an empty `folder` (a run killed earlier left files there).
    public init(site: String, folder: String) throws {
        self.site = site
        self.folder = folder
        let fm = FileManager.default
        try? fm.removeItem(atPath: folder)
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// Stages one group's files: each whose bytes differ from the site's file.
    public func write(_ files: [RenderedFile]) throws {
        for file in files where !SiteWriter.isSafe(file.path) {
            throw AllotError("is not a path inside the site", path: file.path)
        }
        var same = 0, written = 0
        for file in files {
            if FileManager.default.contents(atPath: site + "/" + file.path) == file.bytes {
                same += 1
                continue
            }
            let target = folder + "/" + file.path
            let parent = (target as NSString).deletingLastPathComponent
            if lock.withLock({ !made.contains(parent) }) {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
                lock.withLock { _ = made.insert(parent) }
            }
            try SiteWriter.Session.create(target, with: file.bytes)
            written += 1
        }
        lock.withLock {
            unchanged += same
            staged += written
        }
    }
}
