import AllotLedger

/// Where a batch goes while it is validated: the store inside the import's transaction
/// (rolled back unless the whole batch is valid), or a `MemoryLedger`. Validation hands
/// it events a chunk at a time and keeps none of them, so a batch of any size takes
/// the same memory; lookups see what was added so far.
public protocol LedgerSink: LedgerLookup {
    /// Adds new seats and replaces changed ones, before any event is added.
    mutating func add(_ accounts: [Account]) throws
    /// Adds events as if one at a time in this order. Returns the ones it did not
    /// add, by position in `events` (in increasing order), with the reason.
    mutating func add(_ events: [LedgerEvent]) throws -> [(index: Int, refusal: Refusal)]
}

/// Why a `LedgerSink` did not add an event.
public enum Refusal: Sendable, Equatable {
    /// An event with this id is held, stored before the batch or added earlier in it.
    case idTaken(by: LedgerEvent, inBatch: Bool)
    /// A send whose message another send already carries.
    case messageTaken(by: LedgerEvent)
}
