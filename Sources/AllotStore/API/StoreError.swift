import GRDB

/// A failure of the store itself (locked, disk full, damaged), said as one sentence that
/// names the store and what to do, never as SQLite's `SQLite error 5: …`.
public struct StoreError: Error, CustomStringConvertible {
    public var path: String
    public var description: String

    init(_ error: DatabaseError, path: String, busyTimeout: Double) {
        self.path = path
        let store = "the store " + path
        let detail = error.message ?? "result code \(error.resultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            let seconds = busyTimeout == busyTimeout.rounded() ? "\(Int(busyTimeout))" : "\(busyTimeout)"
            description =
                "\(store) is locked by another process (an import or build still running?) and stayed locked for \(seconds) s; try again when it has finished"
        case .SQLITE_FULL:
            description = "\(store) cannot grow: the disk is full; free some space and run the command again (the store is as it was)"
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            description = "\(store) cannot be written: permission denied or a read-only file system; run as a user who may write there"
        case .SQLITE_CANTOPEN: description = "\(store) cannot be opened; check that its folder exists and may be written"
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            description = "\(store) is damaged or not an Allot store (\(detail)); move it away and import the sources again"
        case .SQLITE_IOERR: description = "\(store) could not be read or written: a disk error (\(detail))"
        default: description = "\(store) failed: \(detail)"
        }
    }
}
