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
    /// The stored events among these ids, by id: one look-up for a whole file.
    func events(ids: [String]) throws -> [String: LedgerEvent]
    /// The stored sends of these messages, by message.
    func sends(ofMessages messages: [String]) throws -> [String: LedgerEvent]
    /// The stored seats among these ids, by id.
    func accounts(ids: [String]) throws -> [String: Account]
    /// Whether any event is stored: when none is, a batch's events need no look-ups.
    func hasEvents() throws -> Bool
}

extension LedgerLookup {
    public func hasEvents() throws -> Bool { true }

    public func events(ids: [String]) throws -> [String: LedgerEvent] {
        var out: [String: LedgerEvent] = [:]
        for id in ids { if let e = try event(id) { out[id] = e } }
        return out
    }

    public func accounts(ids: [String]) throws -> [String: Account] {
        var out: [String: Account] = [:]
        for id in ids { if let a = try account(id) { out[id] = a } }
        return out
    }

    public func sends(ofMessages messages: [String]) throws -> [String: LedgerEvent] {
        var out: [String: LedgerEvent] = [:]
        for m in messages { if let e = try send(ofMessage: m) { out[m] = e } }
        return out
    }
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

    public func hasEvents() -> Bool { !events.isEmpty }
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
