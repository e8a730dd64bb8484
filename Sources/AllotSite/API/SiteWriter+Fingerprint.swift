import AllotSupport
import Foundation

extension SiteWriter {
    /// What a build recorded of each file it left, as the file system tells it: size,
    /// modification time and inode. The first line is the `fingerprint` of every file in
    /// the manifest, then one line per file. It describes this copy on this disk (a copy
    /// of the site has other inodes), so unlike the site's other files it is not the same
    /// in two folders built alike.
    static let fileStatsName = ".allot-file-stats"

    /// A file's size, modification time and inode (not following a link); nil when missing.
    static func statLine(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)"
    }

    /// What the site's files at `paths` are now, cheaply: a hash of each one's size,
    /// modification time and inode (a file replaced by a rename, or copied in, gets
    /// another). nil when one is missing. A shard records it for the files it left in
    /// the site; the merge takes those files only while it is still the same.
    public static func fingerprint(_ paths: [String], in folder: String) -> String? {
        // On every core: a medium site is 157k files, and a build with nothing to do is
        // mostly this.
        let stats = ParallelMap.map(paths) { statLine(folder + "/" + $0) }
        var lines: [(String, String)] = []
        lines.reserveCapacity(paths.count)
        for (path, line) in zip(paths, stats) {
            guard let line else { return nil }
            lines.append((path, line))
        }
        return digest(lines)
    }

    static func digest(_ lines: [(path: String, stat: String)]) -> String {
        var text: [UInt8] = []
        for (path, stat) in lines {
            text += path.utf8
            text.append(0)
            text += stat.utf8
            text.append(UInt8(ascii: "\n"))
        }
        return SHA256.hex(text)
    }

    /// The record's bytes for `lines` in manifest order.
    static func fileStats(_ lines: [(path: String, stat: String)]) -> Data {
        var text = digest(lines) + "\n"
        for (path, stat) in lines { text += path + "\u{0}" + stat + "\n" }
        return Data(text.utf8)
    }

    /// Whether every file the manifest lists is as the last build recorded it: the
    /// check that lets a build with nothing to do write nothing.
    public static func filesAsRecorded(_ manifest: [String], in folder: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: folder + "/" + fileStatsName) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 65)) ?? Data()
        guard head.count == 65, head.last == UInt8(ascii: "\n") else { return false }
        return fingerprint(manifest, in: folder) == String(decoding: head.dropLast(), as: UTF8.self)
    }

    /// Each file's recorded line by path; empty when there is no record.
    public static func recordedStats(of folder: String) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileStatsName) else { return [:] }
        var out: [String: String] = [:]
        for line in [UInt8](data).split(separator: UInt8(ascii: "\n")).dropFirst() {
            guard let nul = line.firstIndex(of: 0) else { continue }
            out[String(decoding: line[..<nul], as: UTF8.self)] = String(decoding: line[(nul + 1)...], as: UTF8.self)
        }
        return out
    }

    /// Whether each of `paths` is in the folder as `recorded` says the last build left it.
    public static func asRecorded(_ paths: [String], in folder: String, _ recorded: [String: String]) -> Bool {
        paths.allSatisfy { path in recorded[path].map { $0 == statLine(folder + "/" + path) } ?? false }
    }
}
