import AllotStore
import CLibpq
import Glibc

/// `SQLConnection` over one libpq connection, used by one thread at a time
/// (`PostgresBackend` sees to it). Statements with arguments are prepared once per
/// connection; results come back in text format.
final class PostgresConnection: SQLConnection {
    /// Rows per INSERT when adding many: 11 columns stay far below the 65,535 parameters
    /// a statement may have.
    static let rowsPerInsert = 1000

    private let connection: OpaquePointer
    private var prepared: [String: String] = [:]

    /// Connects to the database the URI names. The URI may set any libpq parameter; a
    /// connection attempt gives up after 10 s unless it says otherwise.
    init(uri: String) throws {
        if let misreading = PostgresURI.misreading(uri) { throw PostgresError.misread(misreading) }
        var message: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(uri, &message) else {
            defer { PQfreemem(message) }
            throw PostgresError.uri(message.map { String(cString: $0) } ?? "not a connection URI")
        }
        PQconninfoFree(options)
        let keywords = ["connect_timeout", "fallback_application_name", "dbname", "client_encoding"]
        let values = ["10", "allot", uri, "UTF8"]
        let connection = Self.withCStrings(keywords) { k in Self.withCStrings(values) { v in PQconnectdbParams(k, v, 1)! } }
        guard PQstatus(connection) == CONNECTION_OK else {
            defer { PQfinish(connection) }
            throw PostgresError.connection(String(cString: PQerrorMessage(connection)))
        }
        // Notices (`relation … already exists, skipping`) are the server talking to
        // itself; libpq would print them on standard error.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        self.connection = connection
    }

    deinit { PQfinish(connection) }

    /// Connects again when the server or the network dropped the connection.
    func reconnectIfLost() throws -> Bool {
        guard PQstatus(connection) != CONNECTION_OK else { return false }
        prepared = [:]
        PQreset(connection)
        guard PQstatus(connection) == CONNECTION_OK else {
            throw PostgresError.connection(String(cString: PQerrorMessage(connection)))
        }
        return true
    }

    func execute(_ sql: String, arguments: [SQLValue]) throws {
        var parameters = PostgresParameters()
        for value in arguments { try parameters.append(value) }
        PQclear(try run(sql, parameters))
    }

    func query(_ sql: String, arguments: [SQLValue], _ row: (any SQLRow) throws -> Void) throws {
        var parameters = PostgresParameters()
        for value in arguments { try parameters.append(value) }
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        for i in 0..<PQntuples(result) { try row(PostgresRow(result: result, row: i)) }
    }

    /// Many rows to a statement (`rowsPerInsert`); the rows that went in come back by
    /// their first column.
    func insert(into table: String, columns: [String], count: Int, values: (Int, inout [SQLValue]) -> Void) throws -> [Bool] {
        var inserted: [Bool] = []
        inserted.reserveCapacity(count)
        var buffer: [SQLValue] = []
        var start = 0
        while start < count {
            let end = min(count, start + Self.rowsPerInsert)
            var parameters = PostgresParameters(), firsts: [String?] = []
            for i in start..<end {
                buffer.removeAll(keepingCapacity: true)
                values(i, &buffer)
                let first = parameters.count
                for value in buffer { try parameters.append(value) }
                firsts.append(parameters.text(at: first))
            }
            let width = columns.count
            let rows = (0..<(end - start)).map { r in "(" + (1...width).map { "?\(r * width + $0)" }.joined(separator: ", ") + ")" }
            let sql = """
                INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(rows.joined(separator: ", "))
                ON CONFLICT DO NOTHING RETURNING \(columns[0])
                """
            let result = try run(sql, parameters, prepare: end - start == Self.rowsPerInsert)
            var returned: Set<String> = []
            for i in 0..<PQntuples(result) { if let first = PostgresRow(result: result, row: i).text(0) { returned.insert(first) } }
            PQclear(result)
            inserted += firsts.map { $0.map(returned.contains) ?? false }
            start = end
        }
        return inserted
    }

    func bulkInsert(eventsStored: Bool) throws -> any SQLBulkInsert {
        try PostgresBulkInsert(self, eventsStored: eventsStored)
    }

    /// Runs a statement: several at once when there are no parameters, else one,
    /// prepared first unless `prepare` is false. Returns its result, to be cleared.
    private func run(_ sql: String, _ parameters: PostgresParameters, prepare: Bool = true) throws -> OpaquePointer {
        guard parameters.count > 0 else { return try checked(PQexec(connection, sql)) }
        if !prepare {
            return try parameters.withPointers { p in
                try checked(PQexecParams(connection, PostgresPlaceholders.translate(sql), Int32(p.count), nil, p, nil, nil, 0))
            }
        }
        let name = try statement(sql)
        return try parameters.withPointers { p in try checked(PQexecPrepared(connection, name, Int32(p.count), p, nil, nil, 0)) }
    }

    /// The name of the prepared statement for `sql`, preparing it the first time.
    private func statement(_ sql: String) throws -> String {
        if let name = prepared[sql] { return name }
        let name = "allot\(prepared.count + 1)"
        PQclear(try checked(PQprepare(connection, name, PostgresPlaceholders.translate(sql), 0, nil)))
        prepared[sql] = name
        return name
    }

    /// The result when the statement succeeded; else it is cleared and its error thrown.
    private func checked(_ result: OpaquePointer?) throws -> OpaquePointer {
        guard let result else { throw PostgresError.connection(String(cString: PQerrorMessage(connection))) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: return result
        default:
            defer { PQclear(result) }
            // A connection the server ended (a restart, an administrator) comes back
            // without an SQLSTATE: say it is lost.
            let lost = PQstatus(connection) != CONNECTION_OK ? "08006" : nil
            let state = lost ?? PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            let message = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
            throw PostgresError.statement(state: state ?? "", message: message ?? String(cString: PQerrorMessage(connection)))
        }
    }

    private static func withCStrings<T>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        return body(copies.map { UnsafePointer($0) } + [nil])
    }
}
