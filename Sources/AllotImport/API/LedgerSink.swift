import AllotLedger

/// Where a batch goes while it is validated: the store inside the import's transaction
/// (rolled back unless the whole batch is valid), or a `MemoryLedger`. Validation hands
/// it events a chunk at a time and keeps none of them, so a batch of any size takes
/// the same memory; lookups see what was added so far.
public protocol LedgerSink: LedgerLookup {
    /// Adds every seat row of the batch with its source, before any event is added. A
    /// seat held by several sources takes the row of the source added to the store last.
    mutating func add(_ seats: [Located<Account>]) throws
    /// Adds events as if one at a time in this order. Returns the ones it did not
    /// add, by position in `events` (in increasing order), with the reason. An event
    /// another source holds with the same content is held by this row's source too.
    mutating func add(_ events: [Located<LedgerEvent>]) throws -> [(index: Int, refusal: Refusal)]
}

/// Why a `LedgerSink` did not add an event.
public enum Refusal: Sendable, Equatable {
    /// An event with this id is held: added earlier in the batch (`at` nil), or stored
    /// before it, held by the source and line `at` names.
    case idTaken(by: LedgerEvent, at: String?)
    /// A send whose message another send already carries.
    case messageTaken(by: LedgerEvent)
}
