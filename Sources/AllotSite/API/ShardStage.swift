import AllotSupport
import Foundation

/// One shard's pages, written beside a site rather than into it: into `folder` (inside
/// the site's folder, `.allot-shards/K-of-N/`), each at its path in the site. A group
/// (a team) is staged whole, unless the site already holds every one of its files with
/// the same bytes; then nothing is staged. Nothing in the site itself changes; the merge
/// puts the staged files in place (`SiteWriter.Session.adopt`). Shards each write their
/// own folder, so several can write into one site at once.
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

    /// Stages one group's files, all of them, unless `mayKeep` and the site holds each
    /// with the same bytes: whether it staged them.
    public func write(_ files: [RenderedFile], mayKeep: Bool) throws -> Bool {
        for file in files where !SiteWriter.isSafe(file.path) {
            throw AllotError("is not a path inside the site", path: file.path)
        }
        if mayKeep && files.allSatisfy({ FileManager.default.contents(atPath: site + "/" + $0.path) == $0.bytes }) {
            lock.withLock { unchanged += files.count }
            return false
        }
        for file in files {
            let target = folder + "/" + file.path
            let parent = (target as NSString).deletingLastPathComponent
            if lock.withLock({ !made.contains(parent) }) {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
                lock.withLock { _ = made.insert(parent) }
            }
            try SiteWriter.Session.create(target, with: file.bytes)
        }
        lock.withLock { staged += files.count }
        return true
    }

    /// Files left in the site as they are (a group not rendered again).
    public func kept(_ count: Int) { lock.withLock { unchanged += count } }
}
