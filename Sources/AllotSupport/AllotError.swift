/// The product's one error for a failure that is the user's to fix, said as one plain
/// sentence: what is wrong and, where it helps, the file (and line) it is in and what to
/// do. Bad input rows come as `ImportFailure`, which lists every row's problem instead.
public struct AllotError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var path: String?
    public var line: Int?
    /// The column on `line`, where knowing it helps (a template's tag).
    public var column: Int?
    /// The system's error number when the system refused (a full disk is `ENOSPC`), so
    /// the sentence shown can say what to do.
    public var systemError: Int32?
    /// The exit status a command that fails with this ends with.
    public var status: Int32

    public init(_ message: String, path: String? = nil, line: Int? = nil, systemError: Int32? = nil, status: Int32 = 1) {
        self.message = message
        self.path = path
        self.line = line
        self.systemError = systemError
        self.status = status
    }

    /// An error at a line and column of a file (a template's tag).
    public init(_ message: String, path: String, line: Int, column: Int) {
        self.init(message, path: path, line: line)
        self.column = column
    }

    public var description: String {
        guard let path else { return message }
        return path + (line.map { ":\($0)" } ?? "") + (column.map { ":\($0)" } ?? "") + ": " + message
    }
}
