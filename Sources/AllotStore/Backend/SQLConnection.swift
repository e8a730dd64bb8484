/// A connection inside one transaction, as the store's logic uses it. The logic writes
/// SQL that SQLite and PostgreSQL read alike: parameters are `?` or `?N`, `rowid` grows
/// with every row added, `IS [NOT] DISTINCT FROM` compares with NULL, `ON CONFLICT`
/// instead of `INSERT OR …`, and every subquery in FROM has an alias. What differs
/// (tables' types, schema versions, bulk-loading tricks) stays in each backend.
package protocol SQLConnection: AnyObject {
    /// Runs a statement, or several separated by semicolons when there are no arguments.
    func execute(_ sql: String, arguments: [SQLValue]) throws
    /// Runs a query, handing each row to `row` while it is current.
    func query(_ sql: String, arguments: [SQLValue], _ row: (any SQLRow) throws -> Void) throws
    /// Adds `count` rows to `table`, row `i`'s values written by `values(i, &buffer)` in
    /// `columns` order, skipping every row a unique index already holds. Rows must differ
    /// in the first column. Says which rows went in.
    func insert(into table: String, columns: [String], count: Int, values: (Int, inout [SQLValue]) -> Void) throws -> [Bool]
    /// Readies the connection for adding many events in this transaction.
    func bulkInsert(eventsStored: Bool) throws -> any SQLBulkInsert
}

/// What a backend does around adding many events: `rebuildIndexes` once they are in,
/// `finish` in any case.
package protocol SQLBulkInsert {
    func rebuildIndexes() throws
    func finish()
}

extension SQLConnection {
    package func execute(_ sql: String, _ arguments: any SQLArgument...) throws {
        try execute(sql, arguments: arguments.map(\.sqlValue))
    }

    /// Every row, read by `row`.
    package func all<T>(_ sql: String, _ arguments: any SQLArgument..., row: (any SQLRow) throws -> T) throws -> [T] {
        var out: [T] = []
        try query(sql, arguments: arguments.map(\.sqlValue)) { out.append(try row($0)) }
        return out
    }

    /// The first row, read by `row`; nil when there is none.
    package func first<T>(_ sql: String, _ arguments: any SQLArgument..., row: (any SQLRow) throws -> T) throws -> T? {
        var out: T?
        try query(sql, arguments: arguments.map(\.sqlValue)) { if out == nil { out = try row($0) } }
        return out
    }

    /// The first column of every row, as text.
    package func texts(_ sql: String, _ arguments: any SQLArgument...) throws -> [String] {
        var out: [String] = []
        try query(sql, arguments: arguments.map(\.sqlValue)) { if let text = $0.text(0) { out.append(text) } }
        return out
    }

    /// The first column of the first row, as a whole number.
    package func integer(_ sql: String, _ arguments: any SQLArgument...) throws -> Int64? {
        var out: Int64?
        try query(sql, arguments: arguments.map(\.sqlValue)) { if out == nil { out = $0.integer(0) } }
        return out
    }

    /// The first column of the first row, as text.
    package func text(_ sql: String, _ arguments: any SQLArgument...) throws -> String? {
        var out: String?
        try query(sql, arguments: arguments.map(\.sqlValue)) { if out == nil { out = $0.text(0) } }
        return out
    }

    /// The first column of the first row, as a truth value (false when there is none).
    package func bool(_ sql: String, _ arguments: any SQLArgument...) throws -> Bool {
        var out: Bool?
        try query(sql, arguments: arguments.map(\.sqlValue)) { if out == nil { out = $0.bool(0) } }
        return out ?? false
    }
}
