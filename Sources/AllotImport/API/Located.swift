/// A record with the file and line it came from, and the source it belongs to.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var file: String
    public var line: Int
    /// The store's name for the file (spec §8); the file's path unless given.
    public var source: String

    public init(_ value: Value, file: String, line: Int, source: String? = nil) {
        self.value = value; self.file = file; self.line = line; self.source = source ?? file
    }

    func issue(_ field: String?, _ message: String) -> ImportIssue {
        ImportIssue(file: file, line: line, field: field, message)
    }
}
