/// One cell of a `DataTable`.
public enum DataCell: Sendable, Equatable {
    /// Written as a plain number, e.g. `-3`.
    case number(Int)
    /// Written as it is, unless a spreadsheet would take it for a formula.
    case text(String)
    /// A time as the page shows it and the same time in ISO 8601 (with the ledger zone's
    /// offset), for an instant column.
    case instant(shown: String, iso8601: String)
    case empty
}
