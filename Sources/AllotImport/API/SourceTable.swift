/// What an input file holds, told by its columns.
public enum SourceKind: String, Sendable {
    case seats, events

    /// The columns of each kind, in the documented order.
    public var columns: [String] {
        switch self {
        case .seats: return ["account", "name", "team", "email", "opened", "closed"]
        case .events: return ["id", "time", "type", "account", "message", "to", "amount", "note"]
        }
    }

    /// Columns a file of this kind must have.
    public var requiredColumns: [String] {
        switch self {
        case .seats: return ["account", "team", "opened"]
        case .events: return ["id", "time", "type"]
        }
    }
}

/// One record of a file: its first line and its non-empty cells by column.
public struct SourceRow: Sendable, Hashable {
    public var line: Int
    public var fields: [String: String]

    public init(line: Int, fields: [String: String]) { self.line = line; self.fields = fields }
}

/// A whole input file, read but not yet interpreted.
public struct SourceTable: Sendable {
    public var file: String
    public var kind: SourceKind
    public var rows: [SourceRow]

    public init(file: String, kind: SourceKind, rows: [SourceRow]) {
        self.file = file; self.kind = kind; self.rows = rows
    }
}
