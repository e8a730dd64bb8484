/// Teams as readers know them: the config's `[teams]` display names, by team id.
public struct TeamNames: Sendable {
    private let names: [String: String]

    public init(_ names: [String: String] = [:]) { self.names = names }

    /// For tables and lists: `Northwind Talent`, or the id when the team has no name.
    public func name(_ id: String) -> String { names[id] ?? id }

    /// For headings, links and sentences: `Northwind Talent`, or `Team northwind`.
    public func title(_ id: String) -> String { names[id] ?? "Team " + id }
}
