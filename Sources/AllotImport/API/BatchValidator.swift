import AllotLedger

/// Checks a batch of files against each other and the stored ledger (spec §2, §4),
/// handing it to a sink as it goes. Files in one batch may refer to each other in any
/// order; the batch lands whole or not at all (the sink's owner rolls back on failure).
/// Every row goes to the sink with its source (spec §8). A seat row for a known account
/// replaces its name, email and closing; when a batch holds several, the last one (in
/// the order the files were given) wins.
public struct BatchValidator {
    public let parser: RowParser
    /// Events parsed before they go to the sink together: enough that the store can
    /// group them (by team) and look them up in bulk, few enough to cost little memory.
    static let chunkSize = 100_000

    public init(calendar: LedgerCalendar) { self.parser = RowParser(calendar: calendar) }

    /// Throws only what the sink throws; problems with the files come back as `.failure`.
    /// Seat files are read first: every event is checked against the batch's seats.
    public func validate<Sink: LedgerSink>(_ tables: [SourceTable], into sink: inout Sink) throws -> Result<ImportPlan, ImportFailure> {
        var issues = IssueLog(files: tables.map(\.file))
        var batch = BatchState(sink: sink)
        for table in tables where table.kind == .seats {
            var seats: [Located<Account>] = []
            var found: [ImportIssue] = []
            table.forEachRow { row in
                if let seat = parser.seat(row, table.file, &found) {
                    seats.append(Located(seat, file: table.file, line: row.line, source: table.source))
                }
            }
            issues.add(found, .row)
            issues.add(try batch.mergeSeats(seats), .seat)
        }
        let changed = try batch.changedSeats()
        issues.add(try batch.addSeats(), .seatChange)

        var chunk: [Located<LedgerEvent>] = []
        chunk.reserveCapacity(Self.chunkSize)
        for table in tables where table.kind == .events {
            var found: [ImportIssue] = []
            try table.forEachRow { row in
                if let event = parser.event(row, table.file, &found) {
                    chunk.append(Located(event, file: table.file, line: row.line, source: table.source))
                }
                if chunk.count == Self.chunkSize {
                    try batch.add(chunk, &issues)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            issues.add(found, .row)
        }
        try batch.add(chunk, &issues)
        try batch.checkLateResponses(&issues)
        if !batch.reused.isEmpty { issues.add(batch.reuseIssues(first: firstLocations(of: batch.reused, in: tables)), .event) }
        sink = batch.sink
        guard issues.isEmpty else { return .failure(ImportFailure(issues.sorted())) }
        return .success(
            ImportPlan(
                accounts: changed, addedEvents: batch.addedEvents,
                unchangedSeats: batch.unchangedSeats, repeatedEvents: batch.repeatedEvents))
    }

    /// Where each of these ids first appears as a valid event row: read again, only
    /// when a batch reuses ids, to name the first use in the error.
    private func firstLocations(of rows: [Located<LedgerEvent>], in tables: [SourceTable]) -> [String: Located<Void>] {
        var wanted = Set(rows.map(\.value.id))
        var out: [String: Located<Void>] = [:]
        for table in tables where table.kind == .events && !wanted.isEmpty {
            var ignored: [ImportIssue] = []
            table.forEachRow { row in
                guard let e = parser.event(row, table.file, &ignored), wanted.remove(e.id) != nil else { return }
                out[e.id] = Located((), file: table.file, line: row.line)
            }
        }
        return out
    }
}
