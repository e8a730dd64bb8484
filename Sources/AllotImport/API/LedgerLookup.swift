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

/// A lookup over records held in memory: an empty store, or a ledger built in a test.
public struct MemoryLedger: LedgerLookup, Sendable {
    public private(set) var accounts: [String: Account] = [:]
    public private(set) var events: [String: LedgerEvent] = [:]
    private var sends: [String: LedgerEvent] = [:]

    public init(accounts: [Account] = [], events: [LedgerEvent] = []) {
        add(ImportPlan(accounts: accounts, events: events))
    }

    public mutating func add(_ plan: ImportPlan) {
        for a in plan.accounts { accounts[a.id] = a }
        for e in plan.events {
            events[e.id] = e
            if e.kind == .send, let m = e.message { sends[m] = e }
        }
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
