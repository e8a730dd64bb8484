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

/// A whole input file, checked but not yet interpreted. A CSV file is held as its bytes
/// (mapped, for a file on disk) and cut into cells again on each pass; JSON Lines as
/// decoded cells. Nothing is held per row.
public struct SourceTable: Sendable {
    /// The path errors name, as the user gave it.
    public var file: String
    /// The source its rows belong to in the store (spec §8): the path relative to the
    /// config, or the name given on `allot import`. The file's path unless set.
    public var source: String
    public var kind: SourceKind
    /// What reads as valid but looks like a mistake (a quoted field holding a whole row).
    public var warnings: [ImportIssue] = []
    let storage: Storage

    public init(file: String, kind: SourceKind, rows: [SourceRow]) {
        self.file = file; self.source = file; self.kind = kind
        var cells = DecodedCells(width: kind.columns.count)
        for row in rows {
            cells.append(line: row.line) { column in row.fields[kind.columns[column]].map { Array($0.utf8) } }
        }
        storage = .decoded(cells)
    }

    init(file: String, kind: SourceKind, storage: Storage) {
        self.file = file; self.source = file; self.kind = kind; self.storage = storage
    }

    /// Every record as a dictionary of its non-empty cells (slow: for tests and small files).
    public var rows: [SourceRow] {
        var out: [SourceRow] = []
        forEachRow { row in
            var fields: [String: String] = [:]
            for (c, name) in kind.columns.enumerated() { if let v = row.string(c) { fields[name] = v } }
            out.append(SourceRow(line: row.line, fields: fields))
        }
        return out
    }

    /// Calls `body` with each record in file order. The cells are valid only during the call.
    func forEachRow(_ body: (borrowing RowCells) throws -> Void) rethrows {
        switch storage {
        case .decoded(let cells): try cells.forEachRow(body)
        case .csv(let csv): try csv.forEachRow(width: kind.columns.count, body)
        }
    }

    enum Storage: Sendable {
        case decoded(DecodedCells)
        case csv(CSVRecords)
    }
}

/// One record's cells by column (in `SourceKind.columns` order); an empty cell is absent.
struct RowCells: ~Copyable {
    var line: Int
    /// Start and end of each cell in `base`, or nil when absent or empty.
    var starts: UnsafeMutableBufferPointer<Int>
    var ends: UnsafeMutableBufferPointer<Int>
    var bases: UnsafeMutableBufferPointer<UnsafePointer<UInt8>?>

    func bytes(_ column: Int) -> UnsafeBufferPointer<UInt8>? {
        guard let base = bases[column], ends[column] > starts[column] else { return nil }
        return UnsafeBufferPointer(start: base + starts[column], count: ends[column] - starts[column])
    }

    func has(_ column: Int) -> Bool { bytes(column) != nil }

    func string(_ column: Int) -> String? { bytes(column).map { String(decoding: $0, as: UTF8.self) } }

    /// The column's names for issues.
    static func withScratch<R>(width: Int, _ body: (inout RowCells) throws -> R) rethrows -> R {
        let starts = UnsafeMutableBufferPointer<Int>.allocate(capacity: width)
        let ends = UnsafeMutableBufferPointer<Int>.allocate(capacity: width)
        let bases = UnsafeMutableBufferPointer<UnsafePointer<UInt8>?>.allocate(capacity: width)
        defer { starts.deallocate(); ends.deallocate(); bases.deallocate() }
        var row = RowCells(line: 0, starts: starts, ends: ends, bases: bases)
        row.clear()
        return try body(&row)
    }

    mutating func clear() {
        for i in 0..<starts.count { starts[i] = 0; ends[i] = 0; bases[i] = nil }
    }
}

/// Cells decoded into one byte buffer: `width` cells per record, each ending at `ends[i]`.
struct DecodedCells: Sendable {
    let width: Int
    var bytes: [UInt8] = []
    var ends: [Int] = []
    var lines: [Int] = []

    init(width: Int) { self.width = width }

    mutating func append(line: Int, _ cell: (Int) -> [UInt8]?) {
        for c in 0..<width {
            if let v = cell(c) { bytes += v }
            ends.append(bytes.count)
        }
        lines.append(line)
    }

    func forEachRow(_ body: (borrowing RowCells) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { buffer in
            try RowCells.withScratch(width: width) { row in
                let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
                for r in 0..<lines.count {
                    row.line = lines[r]
                    for c in 0..<width {
                        let i = r * width + c
                        row.starts[c] = i == 0 ? 0 : ends[i - 1]
                        row.ends[c] = ends[i]
                        row.bases[c] = base
                    }
                    try body(row)
                }
            }
        }
    }
}
