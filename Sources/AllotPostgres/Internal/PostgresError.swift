/// What went wrong with PostgreSQL, in libpq's words.
enum PostgresError: Error {
    /// The location is not a URI libpq reads.
    case uri(String)
    /// libpq would read the URI otherwise than it looks (`PostgresURI.misreading`); it is
    /// not handed to libpq, whose messages could show part of a secret.
    case misread(String)
    /// No connection: the server is not there, refused the login, or lacks the database.
    case connection(String)
    /// The server refused a statement, with its SQLSTATE (`55P03`: a lock not granted in time).
    case statement(state: String, message: String)
    /// The database holds a schema version this Allot does not know.
    case newerSchema(Int, known: Int)
}
