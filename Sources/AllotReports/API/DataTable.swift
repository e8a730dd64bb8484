/// A table a page shows, as data: written beside the page as `path.<name>.csv` for
/// spreadsheets. Made from the same values as the table in the page's view, column for
/// column and row for row.
public struct DataTable: Sendable, Equatable {
    /// The file suffix and the key templates link it by (`csv.<name>`), e.g. `postings`.
    public var name: String
    public var columns: [DataColumn]
    /// One cell per column.
    public var rows: [[DataCell]]

    public init(name: String, columns: [DataColumn], rows: [[DataCell]]) {
        self.name = name; self.columns = columns; self.rows = rows
    }

    /// The header row as written: an instant column gives two headers.
    public var headers: [String] {
        columns.flatMap { $0.isInstant ? [$0.header, "\($0.header) (ISO 8601)"] : [$0.header] }
    }
}
