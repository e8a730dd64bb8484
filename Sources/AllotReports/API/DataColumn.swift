/// A column of a `DataTable`: its header, as the page's table heads it.
public struct DataColumn: Sendable, Equatable {
    public var header: String
    /// Written as two columns: the time as the page shows it, then `<header> (ISO 8601)`.
    public var isInstant: Bool

    public init(_ header: String, instant: Bool = false) {
        self.header = header; self.isInstant = instant
    }
}
