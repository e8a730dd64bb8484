/// One thing wrong with an input file, with where it is: `events.csv:12: amount: …`.
public struct ImportIssue: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem is the file as a whole.
    public var line: Int
    public var field: String?
    public var message: String

    public init(file: String, line: Int, field: String? = nil, _ message: String) {
        self.file = file; self.line = line; self.field = field; self.message = message
    }

    public var description: String {
        var text = file
        if line > 0 { text += ":\(line)" }
        if let field { text += ": \(field)" }
        return text + ": " + message
    }
}

/// Every problem found in a batch of files; nothing from the batch was stored.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    public var issues: [ImportIssue]

    public init(_ issues: [ImportIssue]) { self.issues = issues }

    /// The issues one per line, the first `limit` of them.
    public func report(limit: Int = 50) -> String {
        var lines = issues.prefix(limit).map(\.description)
        if issues.count > limit { lines.append("… and \(issues.count - limit) more problems") }
        return lines.joined(separator: "\n")
    }

    public var description: String { report() }
}
