import AllotLedger

/// What a validated batch adds to the store.
public struct ImportPlan: Sendable {
    /// New seats, and known seats whose name, email or closing changed (their new state).
    public var accounts: [Account]
    /// Events not stored before, in file order.
    public var events: [LedgerEvent]
    /// Seat rows that changed nothing.
    public var unchangedSeats: Int
    /// Event rows already stored with identical content.
    public var repeatedEvents: Int

    public init(accounts: [Account] = [], events: [LedgerEvent] = [], unchangedSeats: Int = 0, repeatedEvents: Int = 0) {
        self.accounts = accounts; self.events = events
        self.unchangedSeats = unchangedSeats; self.repeatedEvents = repeatedEvents
    }

    public var isEmpty: Bool { accounts.isEmpty && events.isEmpty }
}
