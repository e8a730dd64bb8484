import Foundation

/// Writes a site into a folder: only files whose bytes changed are rewritten (each by
/// an atomic rename), and files an earlier build wrote that no longer belong are
/// removed. Files the builds did not write (listed in `.allot-manifest`) are left alone.
///
/// A build killed midway leaves a mix of old and new pages; the writer records enough
/// first that the next build repairs it: it drops the page fingerprints (so no page is
/// trusted unread) and lists every path it may write in the manifest (so a page that no
/// longer belongs is still removed).
public struct SiteWriter: Sendable {
    public let folder: String
    static let manifestName = ".allot-manifest"
    static let fingerprintsName = ".allot-pages"
    /// Where new bytes are written before being renamed into place; a killed build's
    /// leftovers there are removed by the next.
    static let stagingName = ".allot-staging"

    public init(folder: String) { self.folder = folder }

    public struct Summary: Sendable, Equatable {
        public var written = 0, unchanged = 0, removed = 0

        public init(written: Int = 0, unchanged: Int = 0, removed: Int = 0) {
            self.written = written; self.unchanged = unchanged; self.removed = removed
        }
    }

    public func write(_ files: [RenderedFile]) throws -> Summary {
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var summary = Summary()
        var paths = Set<String>()
        for file in files {
            guard Self.isSafe(file.path) else { throw SiteWriteError(path: file.path, message: "is not a path inside the site") }
            paths.insert(file.path)
        }
        let previous = previousManifest()
        try? fm.removeItem(atPath: staging)
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: staging) }
        try? fm.removeItem(atPath: folder + "/" + Self.fingerprintsName)
        try writeManifest(previous.union(paths))
        for file in files {
            let target = folder + "/" + file.path
            if file.kept {
                summary.unchanged += 1
                continue
            }
            if let existing = fm.contents(atPath: target), existing == file.bytes {
                summary.unchanged += 1
                continue
            }
            try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try replace(target, with: file.bytes)
            summary.written += 1
        }
        for stale in previous.subtracting(paths).sorted() where Self.isSafe(stale) {
            let target = folder + "/" + stale
            if fm.fileExists(atPath: target) {
                try fm.removeItem(atPath: target)
                summary.removed += 1
                removeEmptyFolders(above: stale)
            }
        }
        try writeManifest(paths)
        let prints = files.compactMap { f in f.fingerprint.map { "\(f.path)\t\(String($0, radix: 16))" } }.sorted()
        try replace(folder + "/" + Self.fingerprintsName, with: Data((prints.joined(separator: "\n") + "\n").utf8))
        return summary
    }

    /// Each page's fingerprint from the last build that wrote this folder.
    public static func fingerprints(of folder: String) -> [String: UInt64] {
        guard let data = FileManager.default.contents(atPath: folder + "/" + fingerprintsName) else { return [:] }
        var out: [String: UInt64] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t")
            if parts.count == 2, let value = UInt64(parts[1], radix: 16) { out[String(parts[0])] = value }
        }
        return out
    }

    /// The files the last successful build wrote, or nil when no build wrote this folder.
    public static func manifest(of folder: String) -> [String]? {
        guard let data = FileManager.default.contents(atPath: folder + "/" + manifestName) else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).filter(isSafe)
    }

    private var staging: String { folder + "/" + Self.stagingName }

    /// Writes `bytes` into the staging folder, then renames them over `target`: a reader
    /// sees the old file or the new one, never part of one.
    private func replace(_ target: String, with bytes: Data) throws {
        let temporary = staging + "/next"
        try bytes.write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, target) == 0 else {
            throw SiteWriteError(path: target, message: "cannot be replaced: \(String(cString: strerror(errno)))")
        }
    }

    private func writeManifest(_ paths: Set<String>) throws {
        try replace(folder + "/" + Self.manifestName, with: Data((paths.sorted().joined(separator: "\n") + "\n").utf8))
    }

    private func previousManifest() -> Set<String> {
        guard let data = FileManager.default.contents(atPath: folder + "/" + Self.manifestName) else { return [] }
        return Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
    }

    private func removeEmptyFolders(above path: String) {
        var parts = path.split(separator: "/").dropLast()
        while !parts.isEmpty {
            let dir = folder + "/" + parts.joined(separator: "/")
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir), entries.isEmpty else { return }
            try? FileManager.default.removeItem(atPath: dir)
            parts = parts.dropLast()
        }
    }

    /// Relative, with no `..`, `.` or empty parts.
    static func isSafe(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return !path.hasPrefix("/") && !parts.isEmpty && parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
            && !path.contains("\\") && !path.contains("\0")
    }
}

public struct SiteWriteError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}
