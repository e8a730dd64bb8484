import AllotImport
import AllotMail
import AllotStore
import AllotSupport
import Foundation

/// Reads input files from disk into tables, collecting every unreadable file's problem.
/// Files recorded in the store with the same size and modification time are not read
/// again, and files whose content hash is recorded are not parsed again.
public enum SourceFiles {
    public struct Batch: Sendable {
        public var tables: [SourceTable]
        /// What to record for every file named, read or not.
        public var records: [SourceRecord]
        /// What the files read as valid but looks like a mistake (`SourceTable.warnings`).
        public var warnings: [ImportIssue] { tables.flatMap(\.warnings) }
    }

    /// Reads each file at `path` as the source `source` (spec §8); `known` gives a
    /// source's record from its last import.
    public static func read(
        _ files: [(path: String, source: String)], known: (String) throws -> SourceRecord? = { _ in nil }
    ) throws -> Batch {
        var batch = Batch(tables: [], records: []), issues: [ImportIssue] = []
        let fm = FileManager.default
        for (path, key) in files {
            let attributes = try? fm.attributesOfItem(atPath: path)
            if let type = attributes?[.type] as? FileAttributeType, type != .typeRegular {
                issues.append(ImportIssue(file: path, line: 0, notAFile(type)))
                continue
            }
            let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let previous = try known(key)
            if let previous, previous.size == size, previous.modified == modified {
                batch.records.append(previous)
                continue
            }
            guard let bytes = SourceBytes(mapping: path) ?? readBytes(path).map(SourceBytes.init) else {
                issues.append(ImportIssue(file: path, line: 0, "cannot be read; does it exist?"))
                continue
            }
            let hash = sha256(bytes)
            batch.records.append(SourceRecord(path: key, size: size, modified: modified, sha256: hash))
            if previous?.sha256 == hash { continue }
            do {
                var table = try SourceReader.read(bytes, file: path)
                table.source = key
                batch.tables.append(table)
            } catch {
                issues += error.issues
            }
        }
        guard issues.isEmpty else { throw ImportFailure(issues) }
        return batch
    }

    /// Why a source that is not a regular file is refused: a device such as /dev/zero or
    /// a FIFO nobody writes to would be read without end.
    static func notAFile(_ type: FileAttributeType) -> String {
        switch type {
        case .typeDirectory: return "is a folder; name the CSV or JSON Lines files in it"
        case .typeCharacterSpecial, .typeBlockSpecial: return "is a device, not a file; name a CSV or JSON Lines file"
        case .typeSocket: return "is a socket, not a file; name a CSV or JSON Lines file"
        default: return "is a pipe (FIFO), not a file; save what it gives to a CSV or JSON Lines file and name that"
        }
    }

    /// A whole regular file's bytes, where it cannot be mapped (an empty file), in one array.
    static func readBytes(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: max(0, Int(info.st_size)))
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count / 2))) }
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            filled += n
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// The file's hash, read a few megabytes at a time.
    static func sha256(_ bytes: SourceBytes) -> String {
        var hasher = SHA256.Hasher()
        bytes.withUnsafeBufferPointer { all in
            var i = 0
            while i < all.count {
                let end = min(all.count, i + (8 << 20))
                hasher.update(UnsafeBufferPointer(rebasing: all[i..<end]))
                bytes.release(from: i, before: end)
                i = end
            }
        }
        return SHA256.hexString(hasher.finalize())
    }
}
