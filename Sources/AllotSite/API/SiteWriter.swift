import AllotSupport
import Foundation

#if canImport(Glibc)
    import Glibc
    private let posixWrite = Glibc.write
#else
    import Darwin
    private let posixWrite = Darwin.write
#endif

/// Writes a site into a folder: only files whose bytes changed are rewritten, and files
/// an earlier build wrote that no longer belong are removed. Files the builds did not
/// write (listed in `.allot-manifest`) are left alone.
///
/// A build hands its files over group by group (a team at a time); new bytes go into a
/// staging folder and nothing in the site changes until `finish` has staged the rest
/// (the manifest, the builder's records) and renames them all into place. So a build
/// that fails before the renames (a template error, a full disk) leaves the previous
/// site as it was, byte for byte. A build killed during the renames leaves a mix of old
/// and new files; the manifest lists every path first, so the next build still removes a
/// page that no longer belongs (which groups it must render again is the builder's
/// business).
public struct SiteWriter: Sendable {
    public let folder: String
    static let manifestName = ".allot-manifest"
    /// Where new bytes are written before being renamed into place; a killed build's
    /// leftovers there are removed by the next.
    static let stagingName = ".allot-staging"

    public init(folder: String) { self.folder = folder }

    /// A file beside the pages that records what a build left (a cache, a key), not in
    /// the manifest: it holds `whileChanging` (nil: it is removed) from before the first
    /// page changes until the last has, then `after`.
    public struct Record: Sendable {
        public var name: String
        public var whileChanging: Data?
        public var after: Data

        public init(name: String, whileChanging: Data?, after: Data) {
            self.name = name; self.whileChanging = whileChanging; self.after = after
        }
    }

    public struct Summary: Sendable, Equatable {
        public var written = 0, unchanged = 0, removed = 0

        public init(written: Int = 0, unchanged: Int = 0, removed: Int = 0) {
            self.written = written; self.unchanged = unchanged; self.removed = removed
        }
    }

    /// Writes a whole site at once.
    public func write(_ files: [RenderedFile]) throws -> Summary {
        let session = try begin()
        try session.write(files)
        return try session.finish(keeping: Set(files.map(\.path)))
    }

    /// Starts writing: creates the folder and an empty staging folder.
    public func begin() throws -> Session { try Session(folder: folder) }

    /// The files the last successful build wrote, or nil when no build wrote this folder.
    public static func manifest(of folder: String) -> [String]? {
        guard let data = FileManager.default.contents(atPath: folder + "/" + manifestName) else { return nil }
        return [UInt8](data).split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }.filter(isSafe)
    }

    /// One build's writes; `write` may be called from several threads at once.
    public final class Session: @unchecked Sendable {
        public let folder: String
        private let lock = NSLock()
        private let previous: Set<String>
        /// Staged files and where each goes.
        private var staged: [(temporary: String, target: String)] = []
        private var stagedNames = 0
        private var summary = Summary()
        private var staging: String { folder + "/" + SiteWriter.stagingName }

        init(folder: String) throws {
            self.folder = folder
            let fm = FileManager.default
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
            previous = Set(SiteWriter.manifest(of: folder) ?? [])
            try? fm.removeItem(atPath: folder + "/" + SiteWriter.stagingName)
            try fm.createDirectory(atPath: folder + "/" + SiteWriter.stagingName, withIntermediateDirectories: true)
        }

        /// Ends a build that failed before `finish` or in it: the staged files are dropped,
        /// and the site is as it was unless a rename failed.
        public func abandon() { try? FileManager.default.removeItem(atPath: staging) }

        /// Files left as they are on disk (a group the builder did not render again).
        public func kept(_ count: Int) { lock.withLock { summary.unchanged += count } }

        /// Stages one group's files: each whose bytes differ from the file on disk.
        public func write(_ files: [RenderedFile]) throws {
            for file in files where !SiteWriter.isSafe(file.path) {
                throw AllotError("is not a path inside the site", path: file.path)
            }
            var unchanged = 0
            for file in files {
                let target = folder + "/" + file.path
                if let existing = FileManager.default.contents(atPath: target), existing == file.bytes {
                    unchanged += 1
                    continue
                }
                let temporary = try stage(file.bytes)
                lock.withLock { staged.append((temporary, file.path)) }
            }
            lock.withLock { summary.unchanged += unchanged }
        }

        /// Takes `file`, which another process wrote (a shard's page), as this build's
        /// `path`, unless the site's file has the same bytes: it is hard-linked into the
        /// staging folder (copied when it is on another file system) and put in place by
        /// `finish`. `file` itself stays, so a build killed at any point can be run again.
        public func adopt(_ file: String, as path: String) throws {
            guard SiteWriter.isSafe(path) else { throw AllotError("is not a path inside the site", path: path) }
            if Self.sameBytes(file, folder + "/" + path) {
                lock.withLock { summary.unchanged += 1 }
                return
            }
            let temporary = staging + "/" + String(nextName())
            if link(file, temporary) != 0 {
                guard let bytes = FileManager.default.contents(atPath: file) else { throw Self.failure("cannot be read", file) }
                try Self.create(temporary, with: bytes)
            }
            lock.withLock { staged.append((temporary, path)) }
        }

        /// Whether two files hold the same bytes (false when either is missing).
        private static func sameBytes(_ a: String, _ b: String) -> Bool {
            let fm = FileManager.default
            guard let sizeA = (try? fm.attributesOfItem(atPath: a))?[.size] as? NSNumber,
                let sizeB = (try? fm.attributesOfItem(atPath: b))?[.size] as? NSNumber, sizeA == sizeB
            else { return false }
            return fm.contents(atPath: a) == fm.contents(atPath: b)
        }

        /// Puts every staged file in place, removes what earlier builds wrote that is not
        /// in `paths`, and leaves `paths` as the manifest and the records as they say.
        /// `checked` holds the stat lines of files this build found as the last one
        /// recorded them (`asRecorded`) and left alone: they are recorded as found, not
        /// stated again (one that changed since is then taken for changed next time).
        ///
        /// Every byte is written into the staging folder before the first thing in the
        /// site changes, so a full disk fails the build with the site as it was; what
        /// follows makes folders, renames and removes, which needs no space.
        public func finish(keeping paths: Set<String>, records: [Record] = [], checked: [String: String] = [:]) throws -> Summary {
            let fm = FileManager.default
            let gone = previous.subtracting(paths)
            try SiteWriter.refuseLinks(on: staged.map(\.target) + gone, in: folder)
            let stale = gone.filter { SiteWriter.isSafe($0) && fm.fileExists(atPath: folder + "/" + $0) }
            let changing = !staged.isEmpty || !stale.isEmpty
            let sortedPaths = paths.sorted()
            let manifest = try stage(Self.manifest(sortedPaths))
            // A rename keeps a file's inode and modification time: what each staged file
            // says now is what it will say in place.
            let temporaries = Dictionary(staged.map { ($0.target, $0.temporary) }, uniquingKeysWith: { _, last in last })
            let lines = ParallelMap.map(sortedPaths) { path in
                if let temporary = temporaries[path] { return SiteWriter.statLine(temporary) }
                return checked[path] ?? SiteWriter.statLine(folder + "/" + path)
            }
            let stats = zip(sortedPaths, lines).compactMap { path, line in line.map { (path: path, stat: $0) } }
            let fileStats = try stage(SiteWriter.fileStats(stats))
            let stagedRecords = try records.map { record in
                (record.name, whileChanging: changing ? try record.whileChanging.map(stage) : nil, after: try stage(record.after))
            }
            if changing {
                // The manifest lists every path first, so a build killed during the renames
                // is repaired by the next.
                let everyPath = try stage(Self.manifest(Self.merged(sortedPaths, gone.sorted())))
                try makeFolders(for: staged.map(\.target))
                unlink(folder + "/" + SiteWriter.fileStatsName)
                for (name, whileChanging, _) in stagedRecords {
                    if let whileChanging { try move(whileChanging, to: folder + "/" + name) } else { unlink(folder + "/" + name) }
                }
                try move(everyPath, to: folder + "/" + SiteWriter.manifestName)
                for (temporary, path) in staged.sorted(by: { $0.target < $1.target }) {
                    try move(temporary, to: folder + "/" + path)
                }
                summary.written = staged.count
                for path in stale.sorted() {
                    try fm.removeItem(atPath: folder + "/" + path)
                    summary.removed += 1
                    removeEmptyFolders(above: path)
                }
            }
            try move(manifest, to: folder + "/" + SiteWriter.manifestName)
            for (name, _, after) in stagedRecords { try move(after, to: folder + "/" + name) }
            try move(fileStats, to: folder + "/" + SiteWriter.fileStatsName)
            try? fm.removeItem(atPath: staging)
            return summary
        }

        /// The manifest's bytes for `paths`, sorted.
        private static func manifest(_ paths: [String]) -> Data {
            guard !paths.isEmpty else { return Data("\n".utf8) }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(paths.reduce(0) { $0 + $1.utf8.count + 1 })
            for path in paths {
                bytes += path.utf8
                bytes.append(UInt8(ascii: "\n"))
            }
            return Data(bytes)
        }

        /// Two sorted lists with no path in both, as one sorted list.
        private static func merged(_ a: [String], _ b: [String]) -> [String] {
            var out: [String] = []
            out.reserveCapacity(a.count + b.count)
            var i = 0, j = 0
            while i < a.count || j < b.count {
                if j == b.count || i < a.count && a[i] < b[j] {
                    out.append(a[i]); i += 1
                } else {
                    out.append(b[j]); j += 1
                }
            }
            return out
        }

        /// Writes `bytes` into a new file in the staging folder; returns its path.
        private func stage(_ bytes: Data) throws -> String {
            let temporary = staging + "/\(nextName())"
            try Self.create(temporary, with: bytes)
            return temporary
        }

        /// A new name in the staging folder.
        private func nextName() -> Int {
            lock.withLock {
                stagedNames += 1
                return stagedNames
            }
        }

        /// Makes the missing folders the files go into; when one cannot be made, removes
        /// those it made, so the site is as it was.
        private func makeFolders(for paths: [String]) throws {
            var needed = Set<String>()
            for path in paths {
                var parts = path.split(separator: "/").dropLast()
                while !parts.isEmpty, needed.insert(parts.joined(separator: "/")).inserted { parts = parts.dropLast() }
            }
            var made: [String] = []
            do {
                for dir in needed.sorted() where !FileManager.default.fileExists(atPath: folder + "/" + dir) {
                    try FileManager.default.createDirectory(atPath: folder + "/" + dir, withIntermediateDirectories: false)
                    made.append(dir)
                }
            } catch {
                for dir in made.reversed() { rmdir(folder + "/" + dir) }
                throw error
            }
        }

        /// Writes a new file. No fsync: a killed build is repaired by the next one, and
        /// syncing every page cost more than rendering it.
        static func create(_ path: String, with bytes: Data) throws {
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else { throw Self.failure("cannot be written", path) }
            defer { close(fd) }
            let written = bytes.withUnsafeBytes { buffer -> Int in
                var done = 0
                while done < buffer.count {
                    let n = posixWrite(fd, buffer.baseAddress! + done, buffer.count - done)
                    if n < 0 { if errno == EINTR { continue }; return -1 }
                    done += n
                }
                return done
            }
            guard written == bytes.count else {
                throw Self.failure("cannot be written", path)
            }
        }

        /// A rename: a reader sees the old file or the new one, never part of one.
        private func move(_ temporary: String, to target: String) throws {
            guard rename(temporary, target) == 0 else {
                throw Self.failure("cannot be replaced", target)
            }
        }

        /// The system's refusal, with its error number for the sentence the user sees.
        static func failure(_ what: String, _ path: String) -> AllotError {
            let code = errno
            return AllotError("\(what): \(String(cString: strerror(code)))", path: path, systemError: code)
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
    }

    /// Relative, with no `..`, `.` or empty parts, no backslash and no NUL.
    static func isSafe(_ path: String) -> Bool {
        var partLength = 0, dots = 0
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "/"):
                if partLength == 0 || dots == partLength && dots <= 2 { return false }
                partLength = 0; dots = 0
                continue
            case UInt8(ascii: "\\"), 0: return false
            case UInt8(ascii: "."): dots += 1
            default: break
            }
            partLength += 1
        }
        return !(partLength == 0 || dots == partLength && dots <= 2)
    }
}
