import GRDB
import GRDBSQLite

/// Binds `SQLValue`s to a statement through SQLite's C API.
enum SQLiteBinding {
    nonisolated(unsafe) private static let emptyText: UnsafePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: 1); p.pointee = 0; return UnsafePointer(p)
    }()
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Binds `values` to parameters 1, 2, … after resetting the statement. Text is copied
    /// by SQLite: Swift strings have no stable address.
    static func bind(_ s: SQLiteStatement, _ values: [SQLValue]) {
        sqlite3_reset(s)
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            switch value {
            case .null: sqlite3_bind_null(s, index)
            case .integer(let n): sqlite3_bind_int64(s, index, n)
            case .real(let x): sqlite3_bind_double(s, index, x)
            case .text(var text):
                text.withUTF8 { b in
                    b.withMemoryRebound(to: CChar.self) { c in
                        _ = sqlite3_bind_text(s, index, c.baseAddress ?? emptyText, Int32(c.count), transient)
                    }
                }
            }
        }
    }
}
