/// What one shard of a sharded build (`allot build --shard K/N`) left in the store, so
/// that the merge can check every shard ran for the same ledger and settings before it
/// trusts their pages. A shard records itself unfinished before it touches any file and
/// finished, with its teams, at its end: a shard killed midway stays unfinished until it
/// is run again.
public struct ShardRecord: Codable, Sendable, Equatable {
    /// N: how many shards the build has.
    public var count: Int
    /// K: which of them this is, 0 ≤ K < N.
    public var index: Int
    public var finished: Bool
    /// The store revision the shard read (`LedgerStore.revision()`).
    public var revision: Int
    /// The hash of everything else its pages depend on: config, templates, reports, as-of
    /// and program (the build's inputs).
    public var inputs: String
    /// The program that ran the shard (its path, size and modification time).
    public var program: String
    /// The shard's teams, as the builder encodes them (text, JSON lines): each team's
    /// summary, key and the files it made. Opaque to the store.
    public var teams: String

    public init(count: Int, index: Int, finished: Bool, revision: Int, inputs: String, program: String, teams: String) {
        self.count = count
        self.index = index
        self.finished = finished
        self.revision = revision
        self.inputs = inputs
        self.program = program
        self.teams = teams
    }
}
