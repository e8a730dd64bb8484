import AllotStore
import AllotSupport

/// A failure of a PostgreSQL store as the product's error: one sentence that names the
/// store (its URI without the password) and what to do.
enum PostgresFailure {
    static func explained<T>(_ location: String, _ uri: String, _ busyTimeout: Double, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError {
            throw Self.error(error, store: "the store " + location, busyTimeout: busyTimeout) { PostgresURI.redacting($0, of: uri) }
        } catch let damage as StoreDamage {
            throw AllotError(
                "the store \(location) is damaged or not an Allot store (\(damage.detail)); import the sources into a new database")
        }
    }

    private static func error(_ error: PostgresError, store: String, busyTimeout: Double, redacting: (String) -> String) -> AllotError {
        switch error {
        case .uri(let message):
            return AllotError("\(store) is not a connection URI libpq reads: \(redacting(reason(message)))")
        case .misread(let message):
            return AllotError("\(store) \(message)")
        case .connection(let message):
            return AllotError(connection(redacting(message), store: store))
        case .newerSchema(let version, let known):
            return AllotError(
                "\(store) has schema version \(version), newer than this version of Allot knows (\(known)); use a newer Allot")
        case .statement(let state, let message):
            let detail = redacting(reason(message))
            switch state {
            case "55P03":
                let seconds = busyTimeout == busyTimeout.rounded() ? "\(Int(busyTimeout))" : "\(busyTimeout)"
                return AllotError(
                    "\(store) is locked by another process (an import or build still running?) and stayed locked for \(seconds) s; try again when it has finished"
                )
            case "42501":
                return AllotError("\(store) cannot be written: \(detail); connect as a user who may create tables in the database")
            case "42P07":
                return AllotError("\(store) holds a table Allot did not make (\(detail)); name a database of Allot's own")
            case "53100":
                return AllotError("\(store) cannot grow: the server's disk is full; free some space and run the command again")
            case _ where state.hasPrefix("08") || state.hasPrefix("57P"):
                return AllotError("\(store) lost its connection to the server (\(detail)); run the command again")
            default:
                return AllotError("\(store) failed: \(detail)")
            }
        }
    }

    /// Why a connection failed, in a sentence.
    private static func connection(_ message: String, store: String) -> String {
        let reason = reason(message)
        if reason.contains("authentication failed") || reason.contains("no password supplied")
            || (reason.hasPrefix("role ") && reason.hasSuffix("does not exist"))
        {
            return
                "\(store) cannot be opened: authentication failed (\(reason)); check the user and password (in the URI, PGPASSWORD or ~/.pgpass)"
        }
        if reason.hasPrefix("database "), reason.hasSuffix("does not exist") {
            return "\(store) cannot be opened: the \(reason); create it (createdb) or name another database"
        }
        let line = message.split(separator: "\n").first.map(String.init) ?? message
        return "\(store) cannot be reached: \(line.trimmingCharacters(in: .whitespaces)); is the server running, and is the URI right?"
    }

    /// libpq's message without its preamble (`connection to server … failed:`,
    /// `FATAL:`), on one line.
    private static func reason(_ message: String) -> String {
        var text = message.split(separator: "\n").first.map(String.init) ?? message
        if text.hasPrefix("connection to server"), let colon = text.range(of: " failed: ") { text = String(text[colon.upperBound...]) }
        for prefix in ["FATAL:", "ERROR:"] where text.hasPrefix(prefix) { text = String(text.dropFirst(prefix.count)) }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
