import AllotLedger

/// What import validation needs to know about the ledger already stored. Errors are
/// the store's own (a disk failure), never a problem with the data.
public protocol LedgerLookup {
    func account(_ id: String) throws -> Account?
    func event(_ id: String) throws -> LedgerEvent?
    /// The send that carried a message.
    func send(ofMessage message: String) throws -> LedgerEvent?
    /// A stored send, share (either side), grant or adjust of the account outside
    /// [opened, closed), if any.
    func eventOutside(account: String, opened: Instant, closed: Instant?) throws -> LedgerEvent?
}

/// A ledger held in memory: an empty store, or a ledger built in a test.
public struct MemoryLedger: LedgerSink, Sendable {
    public private(set) var accounts: [String: Account] = [:]
    public private(set) var events: [String: LedgerEvent] = [:]
    private var sends: [String: LedgerEvent] = [:]
    /// Ids added through `add(_:)` as a sink, as opposed to given at the start.
    private var added: Set<String> = []

    public init(accounts: [Account] = [], events: [LedgerEvent] = []) {
        for a in accounts { self.accounts[a.id] = a }
        for e in events { store(e) }
    }

    /// A memory ledger knows one source: the last row for a seat wins.
    public mutating func add(_ seats: [Located<Account>]) {
        for seat in seats { self.accounts[seat.value.id] = seat.value }
    }

    public mutating func add(_ events: [Located<LedgerEvent>]) -> [(index: Int, refusal: Refusal)] {
        var refused: [(index: Int, refusal: Refusal)] = []
        for (i, row) in events.enumerated() {
            let e = row.value
            if let held = self.events[e.id] {
                refused.append((i, .idTaken(by: held, at: added.contains(e.id) ? nil : "an earlier import")))
            } else if e.kind == .send, let m = e.message, let other = sends[m] {
                refused.append((i, .messageTaken(by: other)))
            } else {
                store(e)
                added.insert(e.id)
            }
        }
        return refused
    }

    private mutating func store(_ e: LedgerEvent) {
        events[e.id] = e
        if e.kind == .send, let m = e.message { sends[m] = e }
    }

    public func account(_ id: String) -> Account? { accounts[id] }
    public func event(_ id: String) -> LedgerEvent? { events[id] }
    public func send(ofMessage message: String) -> LedgerEvent? { sends[message] }

    public func eventOutside(account: String, opened: Instant, closed: Instant?) -> LedgerEvent? {
        events.values
            .filter { e in
                !e.kind.isResponse && (e.account == account || e.to == account)
                    && !(opened <= e.time && e.time < (closed ?? .distantFuture))
            }
            .min { $0.time < $1.time }
    }
}
