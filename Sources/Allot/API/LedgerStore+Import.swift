import AllotImport
import AllotLedger
import AllotStore

extension LedgerStore {
    /// Validates the batch against what is stored and puts it in, each table replacing
    /// what its source held before (spec §8), or changes nothing. Rows go into the
    /// transaction as they are validated; a batch with any problem is rolled back whole.
    public func importBatch(
        _ tables: [SourceTable], calendar: LedgerCalendar, sources: [SourceRecord] = []
    ) throws -> Result<ImportPlan, ImportFailure> {
        try importBatch(zone: calendar.identifier, batch: tables.map(\.source), sources: sources) { sink in
            try BatchValidator(calendar: calendar).validate(tables, into: &sink)
        }
    }
}
