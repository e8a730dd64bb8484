import AllotLedger

/// What a validated batch added to the store: counts, not the rows themselves.
public struct ImportPlan: Sendable {
    /// New seats, and known seats whose name, email or closing changed (their new state).
    public var accounts: [Account]
    /// Events not stored before.
    public var addedEvents: Int
    /// Seat rows that changed nothing.
    public var unchangedSeats: Int
    /// Event rows already stored with identical content.
    public var repeatedEvents: Int
    /// For each source imported before whose content changed: what it added, changed and removed.
    public var sourceChanges: [SourceChange] = []

    public init(accounts: [Account] = [], addedEvents: Int = 0, unchangedSeats: Int = 0, repeatedEvents: Int = 0) {
        self.accounts = accounts; self.addedEvents = addedEvents
        self.unchangedSeats = unchangedSeats; self.repeatedEvents = repeatedEvents
    }

    public var isEmpty: Bool {
        accounts.isEmpty && addedEvents == 0 && sourceChanges.allSatisfy { $0.changed == 0 && $0.removed == 0 }
    }
}
