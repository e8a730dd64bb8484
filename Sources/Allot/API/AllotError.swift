/// A failure that is the user's to fix, said as one plain sentence: what is wrong and,
/// where it helps, the file (and line) it is in and what to do.
public struct AllotError: Error, CustomStringConvertible {
    public var message: String
    public var path: String?
    public var line: Int?

    public init(_ message: String, path: String? = nil, line: Int? = nil) {
        self.message = message
        self.path = path
        self.line = line
    }

    public var description: String {
        guard let path else { return message }
        return path + (line.map { ":\($0)" } ?? "") + ": " + message
    }
}
