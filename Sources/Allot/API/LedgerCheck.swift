import AllotLedger
import AllotSupport

/// What `allot check` reports: the ledger's size and every problem its replay found.
public struct LedgerCheck: Sendable {
    public var asOf: Instant
    public var seats: Int
    /// Messages sent before as-of.
    public var messages: Int
    /// In time order, then by event id, as `Ledger.problems`.
    public var problems: [LedgerProblem]
}

extension Project {
    /// Replays the ledger team by team (memory holds one team per core at a time) and
    /// gathers what `allot check` reports.
    public func check(asOf: Instant? = nil) throws -> LedgerCheck {
        let end = try resolvedAsOf(asOf)
        let parts = try ParallelMap.map(try store.teams().map(\.id)) { team -> LedgerCheck in
            let (accounts, events) = try store.load(team: team)
            let ledger = Ledger.replay(accounts: accounts, events: events, settings: config.settings, asOf: end)
            return LedgerCheck(
                asOf: end, seats: ledger.accounts.count,
                messages: ledger.accounts.reduce(0) { $0 + $1.messages.count }, problems: ledger.problems)
        }
        let problems = parts.flatMap(\.problems).sorted {
            $0.time != $1.time ? $0.time < $1.time : UTF8Order.precedes($0.eventId, $1.eventId)
        }
        return LedgerCheck(
            asOf: end, seats: parts.reduce(0) { $0 + $1.seats }, messages: parts.reduce(0) { $0 + $1.messages },
            problems: problems)
    }

    /// The replayed team of one seat, or nil when no seat has that id.
    public func replay(seat: String, asOf: Instant? = nil) throws -> Ledger? {
        guard let team = try store.accounts().first(where: { $0.id == seat })?.team else { return nil }
        return try replay(team: team, asOf: try resolvedAsOf(asOf)).ledger
    }
}
