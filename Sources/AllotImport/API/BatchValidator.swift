import AllotLedger

/// Checks a batch of files against each other and the stored ledger (spec §2, §4).
/// Files in one batch may refer to each other in any order; the batch lands whole or
/// not at all. A seat row for a known account replaces its name, email and closing;
/// when a batch holds several, the last one (in the order the files were given) wins.
public struct BatchValidator {
    public let parser: RowParser

    public init(calendar: LedgerCalendar) { self.parser = RowParser(calendar: calendar) }

    /// Throws only what the store throws; problems with the files come back as `.failure`.
    public func validate(_ tables: [SourceTable], against store: some LedgerLookup) throws -> Result<ImportPlan, ImportFailure> {
        var issues: [ImportIssue] = []
        var seats: [Located<Account>] = [], events: [Located<LedgerEvent>] = []
        for table in tables {
            switch table.kind {
            case .seats:
                let parsed = parser.seats(table)
                seats += parsed.seats; issues += parsed.issues
            case .events:
                let parsed = parser.events(table)
                events += parsed.events; issues += parsed.issues
            }
        }
        var batch = BatchState(store: store)
        issues += try batch.mergeSeats(seats)
        issues += try batch.collectEvents(events)
        issues += try batch.checkEvents()
        issues += try batch.checkSeatChanges()
        guard issues.isEmpty else {
            let order = Dictionary(tables.enumerated().map { ($1.file, $0) }, uniquingKeysWith: { a, _ in a })
            let sorted = issues.enumerated().sorted { a, b in
                let ka = (order[a.element.file] ?? 0, a.element.line, a.offset)
                let kb = (order[b.element.file] ?? 0, b.element.line, b.offset)
                return ka < kb
            }.map(\.element)
            return .failure(ImportFailure(sorted))
        }
        return .success(try batch.plan())
    }
}
