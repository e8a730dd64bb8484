import AllotSupport
import Foundation

/// Publishes built sites for a web server that serves `DIR/current`: each release is
/// copied whole into `DIR/releases/<id>/`, then `DIR/current`, a symlink, is replaced
/// by an atomic rename, so a reader gets the old site or the new one, never a mix.
struct Publisher: Sendable {
    let folder: String

    var releasesFolder: String { folder + "/releases" }
    var currentLink: String { folder + "/current" }

    /// A release's id: the time in UTC to the millisecond, then a hash of the site's files,
    /// `20261126T145500.042Z-3f1c0a9b2e`, so two publishes within one second still sort in order.
    static func releaseID(at time: Instant, content: String) -> String {
        let millis = Int(((time.millis % 1000) + 1000) % 1000)
        let second = Instant(seconds: (time.millis - Int64(millis)) / 1000).iso8601.filter { $0 != "-" && $0 != ":" }.dropLast()
        return second + "." + String(String(millis + 1000).dropFirst()) + "Z-" + content
    }

    /// A short hash of the site's files: the same site gets the same suffix.
    static func contentID(_ folder: String, _ files: [String]) -> String {
        var bytes: [UInt8] = []
        for file in files.sorted() {
            bytes += Array(file.utf8) + [0]
            bytes += SHA256.digest(FileManager.default.contents(atPath: folder + "/" + file) ?? Data())
        }
        return String(SHA256.hex(bytes).prefix(10))
    }

    /// Release ids, oldest first (ids sort by time).
    func releases() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: releasesFolder)) ?? [])
            .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".partial") }.sorted()
    }

    /// The release `current` points at; an error when `current` is a file or folder of
    /// someone else's, which switching would replace and lose.
    func current() throws -> String? {
        var info = stat()
        guard lstat(currentLink, &info) == 0 else { return nil }
        guard info.st_mode & S_IFMT == S_IFLNK else {
            let what = info.st_mode & S_IFMT == S_IFDIR ? "a folder" : "a file"
            throw AllotError(
                "is \(what), not the link Allot publishes through; move it out of the way, then publish again", path: currentLink)
        }
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: currentLink) else { return nil }
        return (target as NSString).lastPathComponent
    }

    /// Copies `files` (paths relative to `site`) into a new release `id` and switches to it.
    func publish(site: String, files: [String], id: String) throws -> ReleaseChange {
        let fm = FileManager.default
        let target = releasesFolder + "/" + id
        if fm.fileExists(atPath: target) {
            // A publish killed after copying but before switching leaves a whole release;
            // with the same files it is finished, not copied again.
            let wanted = Dictionary(uniqueKeysWithValues: files.map { ($0, fm.contents(atPath: site + "/" + $0)) })
            guard self.files(in: target) == wanted else { throw AllotError("release \(id) exists already with other files") }
            let previous = try current()
            try switchCurrent(to: id)
            return try compare(previous, id)
        }
        let partial = target + ".partial"
        let previous = try current()
        do {
            try? fm.removeItem(atPath: partial)
            try fm.createDirectory(atPath: partial, withIntermediateDirectories: true)
            for file in files {
                let destination = partial + "/" + file
                try fm.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                // Not copyItem, whose errors name the file copied, not the disk that is full.
                try Data(contentsOf: URL(fileURLWithPath: site + "/" + file)).write(to: URL(fileURLWithPath: destination))
            }
            try fsyncFolder(partial)
            try move(partial, to: target)
            try switchCurrent(to: id)
        } catch {
            // A full disk while copying or switching: `current` was never touched, and the
            // release that was never served goes, freeing its space.
            try? fm.removeItem(atPath: partial)
            if (try? current()) != id { try? fm.removeItem(atPath: target) }
            throw error
        }
        return try compare(previous, id)
    }

    /// Points `current` back at the release before it.
    func rollback() throws -> ReleaseChange {
        guard let now = try current(), let index = releases().firstIndex(of: now) else {
            throw AllotError("nothing is published in \(folder)")
        }
        guard index > 0 else { throw AllotError("\(now) is the oldest release kept; there is nothing to roll back to") }
        let before = releases()[index - 1]
        try switchCurrent(to: before)
        return try compare(now, before)
    }

    /// Removes all but the newest `keep` releases, never the current one.
    func prune(keep: Int) throws -> [String] {
        let all = releases()
        let current = try current()
        let doomed = all.dropLast(max(0, keep)).filter { $0 != current }
        for id in doomed { try FileManager.default.removeItem(atPath: releasesFolder + "/" + id) }
        return Array(doomed)
    }

    /// A symlink made beside `current`, then renamed over it: rename(2) is atomic.
    private func switchCurrent(to id: String) throws {
        let temporary = folder + "/.current-" + id
        try? FileManager.default.removeItem(atPath: temporary)
        try FileManager.default.createSymbolicLink(atPath: temporary, withDestinationPath: "releases/" + id)
        do {
            try move(temporary, to: currentLink)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    private func move(_ from: String, to: String) throws {
        guard rename(from, to) == 0 else { throw AllotError("cannot rename \(from) to \(to): \(String(cString: strerror(errno)))") }
    }

    private func fsyncFolder(_ path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    private func compare(_ old: String?, _ new: String) throws -> ReleaseChange {
        var change = ReleaseChange(release: new, previous: old)
        let newFiles = files(in: releasesFolder + "/" + new)
        let oldFiles = old.map { files(in: releasesFolder + "/" + $0) } ?? [:]
        for (path, bytes) in newFiles.sorted(by: { $0.key < $1.key }) {
            if let before = oldFiles[path] { if before != bytes { change.changed.append(path) } } else { change.added.append(path) }
        }
        change.removed = oldFiles.keys.filter { newFiles[$0] == nil }.sorted()
        return change
    }

    private func files(in root: String) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: root) else { return out }
        for case let path as String in walker {
            if let data = FileManager.default.contents(atPath: root + "/" + path) { out[path] = data }
        }
        return out
    }
}
