import AllotSupport
import GRDB

/// A failure of an SQLite store (locked, disk full, damaged) as the product's error: one
/// sentence that names the store and what to do, never SQLite's `SQLite error 5: …`.
enum SQLiteFailure {
    static func explained<T>(_ path: String, _ busyTimeout: Double, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw Self.error(error, path: path, busyTimeout: busyTimeout)
        } catch let damage as StoreDamage {
            throw damaged(path, damage.detail)
        }
    }

    static func error(_ error: DatabaseError, path: String, busyTimeout: Double) -> AllotError {
        let store = "the store " + path
        let detail = error.message ?? "result code \(error.resultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            let seconds = busyTimeout == busyTimeout.rounded() ? "\(Int(busyTimeout))" : "\(busyTimeout)"
            return AllotError(
                "\(store) is locked by another process (an import or build still running?) and stayed locked for \(seconds) s; try again when it has finished"
            )
        case .SQLITE_FULL:
            return AllotError(
                "\(store) cannot grow: the disk is full; free some space and run the command again (the store is as it was)")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return AllotError("\(store) cannot be written: permission denied or a read-only file system; run as a user who may write there")
        case .SQLITE_CANTOPEN: return AllotError("\(store) cannot be opened; check that its folder exists and may be written")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return damaged(path, detail)
        case .SQLITE_IOERR: return AllotError("\(store) could not be read or written: a disk error (\(detail))")
        default: return AllotError("\(store) failed: \(detail)")
        }
    }

    private static func damaged(_ path: String, _ detail: String) -> AllotError {
        AllotError("the store \(path) is damaged or not an Allot store (\(detail)); move it away and import the sources again")
    }
}
