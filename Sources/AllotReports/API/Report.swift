/// A report plugin: turns the replayed ledger into pages. The built-in ones are
/// ordinary reports; add or replace one by handing your own list to the builder.
public protocol Report: Sendable {
    /// A unique name, e.g. `statements`.
    var name: String { get }
    func pages(_ context: ReportContext) -> [Page]
}
