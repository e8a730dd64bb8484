import AllotStore
import CLibpq
import Glibc

/// A row of a result libpq holds, its values in PostgreSQL's text format.
struct PostgresRow: SQLRow {
    let result: OpaquePointer
    let row: Int32

    func text(_ column: Int32) -> String? {
        guard PQgetisnull(result, row, column) == 0, let value = PQgetvalue(result, row, column) else { return nil }
        let count = Int(PQgetlength(result, row, column))
        return value.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
    }

    func integer(_ column: Int32) -> Int64? {
        guard PQgetisnull(result, row, column) == 0, var p = PQgetvalue(result, row, column) else { return nil }
        let negative = p.pointee == 0x2D
        if negative { p += 1 }
        var n: Int64 = 0
        while p.pointee >= 0x30 && p.pointee <= 0x39 {
            n = n &* 10 &+ Int64(p.pointee - 0x30)
            p += 1
        }
        return negative ? -n : n
    }

    func real(_ column: Int32) -> Double? {
        guard PQgetisnull(result, row, column) == 0, let value = PQgetvalue(result, row, column) else { return nil }
        return strtod(value, nil)
    }

    func bool(_ column: Int32) -> Bool? {
        guard let value = text(column) else { return nil }
        return value == "t" || value == "true" || (Int64(value).map { $0 != 0 } ?? false)
    }
}
