/// A record with the file and line it came from.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var file: String
    public var line: Int

    public init(_ value: Value, file: String, line: Int) {
        self.value = value; self.file = file; self.line = line
    }

    func issue(_ field: String?, _ message: String) -> ImportIssue {
        ImportIssue(file: file, line: line, field: field, message)
    }
}
