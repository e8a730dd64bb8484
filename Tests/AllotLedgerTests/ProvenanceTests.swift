import AllotLedger
import Testing

/// Spec §9 worked by hand: every lot's id and origin, and the lots every posting created
/// or took from.
@Suite struct ProvenanceTests {
    func draws(_ p: Posting) -> [String] { p.lots.map { "\($0.lot) \($0.amount)" } }

    /// The hand-worked ledger of the tests below: seats a, b and c of one team from 1 Jan
    /// 2015, a 10-credit January bonus, a grant and an adjust to a, a's m1 answered, a
    /// share of 112 from a to b and of 150 from b to c.
    static func threeSeats(aCloses: String?) -> Scenario {
        var s = Scenario()
        s.bonuses = [Bonus(month: Month(year: 2015, month: 1), amount: 10, note: "New year")]
        s.seat("a", opened: "2015-01-01", closed: aCloses)
        s.seat("b", opened: "2015-01-01")
        s.seat("c", opened: "2015-01-01")
        s.event("g1", "2015-01-02", .grant, "a", amount: 5)
        s.event("j1", "2015-01-03", .adjust, "a", amount: 3)
        s.event("s1", "2015-01-04", .send, "a", message: "m1")
        s.event("r1", "2015-01-05", .accept, message: "m1")
        s.event("sh1", "2015-01-06", .share, "a", to: "b", amount: 112)
        s.event("sh2", "2015-01-07", .share, "b", to: "c", amount: 150)
        return s
    }

    func posting(_ ledger: Ledger, _ account: String, _ kind: Posting.Kind, at time: String, _ s: Scenario) -> Posting? {
        ledger.postings(account).first { $0.kind == kind && $0.time == s.instant(time) }
    }

    /// Seats a, b and c of one team open on 1 Jan 2015 under inmail-2015 (100 a month,
    /// 90-day lots), with a 10-credit January bonus. Each gets L1 (its allotment) and L2
    /// (the bonus), both expiring 1 Apr. Then a gets L3 (grant g1, 5 credits, 2 Jan, to 2
    /// Apr) and L4 (adjust j1, 3, 3 Jan, to 3 Apr); sends m1 on 4 Jan from L1 (99 left)
    /// and, answered on 5 Jan, gets L5 (its refund, 1, to 5 Apr). On 6 Jan a shares 112
    /// with b, drawn as L1 99, L2 10 and L3 3: b gets L3, L4, L5 (99, 10, 3) naming them.
    /// On 7 Jan b shares 150 with c, drawn from its lots expiring 1 Apr in creation
    /// order: L1 100, L2 10, L3 40; c gets L3, L4, L5 (100, 10, 40), the last a share of
    /// a share: b's L3 came from a's L1. On 1 Apr c's five lots expiring then (its own
    /// L1 100 and L2 10, and 100 + 10 + 40 from b) expire as one posting of 260 that
    /// names each. a closes on 15 Feb holding L3 2, L4 3, L5 1 and L6 (its February
    /// allotment, 100): the forfeit of 106 takes all four in consumption order.
    @Test func everyPostingNamesItsLotsAndEveryLotItsOrigin() throws {
        let s = Self.threeSeats(aCloses: "2015-02-15")
        let ledger = s.replay(asOf: "2015-04-30")

        #expect(draws(try #require(posting(ledger, "a", .allotment, at: "2015-01-01", s))) == ["L1 100"])
        #expect(draws(try #require(posting(ledger, "a", .bonus, at: "2015-01-01", s))) == ["L2 10"])
        #expect(draws(try #require(posting(ledger, "a", .grant, at: "2015-01-02", s))) == ["L3 5"])
        #expect(draws(try #require(posting(ledger, "a", .adjust, at: "2015-01-03", s))) == ["L4 3"])
        #expect(draws(try #require(posting(ledger, "a", .send, at: "2015-01-04", s))) == ["L1 1"])
        #expect(draws(try #require(posting(ledger, "a", .refund, at: "2015-01-05", s))) == ["L5 1"])
        #expect(draws(try #require(posting(ledger, "a", .shareOut, at: "2015-01-06", s))) == ["L1 99", "L2 10", "L3 3"])
        #expect(draws(try #require(posting(ledger, "b", .shareIn, at: "2015-01-06", s))) == ["L3 99", "L4 10", "L5 3"])
        #expect(draws(try #require(posting(ledger, "b", .shareOut, at: "2015-01-07", s))) == ["L1 100", "L2 10", "L3 40"])
        #expect(draws(try #require(posting(ledger, "c", .shareIn, at: "2015-01-07", s))) == ["L3 100", "L4 10", "L5 40"])
        let expiry = try #require(posting(ledger, "c", .expire, at: "2015-04-01", s))
        #expect(expiry.amount == -260)
        #expect(draws(expiry) == ["L1 100", "L2 10", "L3 100", "L4 10", "L5 40"])
        let forfeit = try #require(posting(ledger, "a", .forfeit, at: "2015-02-15", s))
        #expect(forfeit.amount == -106)
        #expect(draws(forfeit) == ["L3 2", "L4 3", "L5 1", "L6 100"])

        // By 30 Apr c holds its February, March and April allotments, L6 to L8.
        let held = try #require(ledger["c"]).lots
        #expect(held.map(\.id) == ["L6", "L7", "L8"])
        #expect(held.first?.origin == .allotment(s.instant("2015-02-01")))
    }

    /// The origins themselves, read from the lots as the replay made them, before any
    /// expired: b's L3 came from a's L1 by sh1, c's L5 from b's L3 by sh2.
    @Test func eachOriginKindNamesItsEventMonthOrGiver() throws {
        let s = Self.threeSeats(aCloses: nil)
        let ledger = s.replay(asOf: "2015-01-31")
        let a = Dictionary(uniqueKeysWithValues: try #require(ledger["a"]).lots.map { ($0.id, $0.origin) })
        #expect(a["L3"] == .grant(event: "g1", note: nil))
        #expect(a["L4"] == .adjust(event: "j1", note: nil))
        #expect(a["L5"] == .refund(event: "s1", message: "m1"))
        let b = Dictionary(uniqueKeysWithValues: try #require(ledger["b"]).lots.map { ($0.id, $0.origin) })
        #expect(b["L4"] == .share(event: "sh1", from: "a", fromLot: "L2"))
        #expect(b["L5"] == .share(event: "sh1", from: "a", fromLot: "L3"))
        let c = Dictionary(uniqueKeysWithValues: try #require(ledger["c"]).lots.map { ($0.id, $0.origin) })
        #expect(c["L1"] == .allotment(s.instant("2015-01-01")))
        #expect(c["L2"] == .bonus(month: Month(year: 2015, month: 1), note: "New year"))
        #expect(c["L3"] == .share(event: "sh2", from: "b", fromLot: "L1"))
        #expect(c["L5"] == .share(event: "sh2", from: "b", fromLot: "L3"))
    }

    /// Under legacy from October 2014, d's December allotment L1 (50) never expires; the
    /// switch to inmail-2015 on 1 Jan gives it the carry-over expiry, 1 Apr, keeping its
    /// id and origin. L2, the January allotment (100), expires then too: the expiry of
    /// 150 takes each lot whole.
    @Test func aPolicySwitchGivesALotItsExpiryAndKeepsItsIdAndOrigin() throws {
        var s = Scenario()
        s.policies = [("legacy", "2014-10-01", [:]), ("inmail-2015", "2015-01-01", [:])]
        s.seat("d", opened: "2014-12-01")
        let before = s.replay(asOf: "2014-12-31")
        #expect(try #require(before["d"]).lots.map(\.expires) == [nil])
        let ledger = s.replay(asOf: "2015-04-30")
        let expiry = try #require(posting(ledger, "d", .expire, at: "2015-04-01", s))
        #expect(draws(expiry) == ["L1 50", "L2 100"])
        let january = s.replay(asOf: "2015-01-31")
        let l1 = try #require(january["d"]?.lots.first { $0.id == "L1" })
        #expect(l1.origin == .allotment(s.instant("2014-12-01")))
        #expect(l1.expires == s.instant("2015-04-01"))
    }

    /// Spec §9: the amounts a posting names add up to its size, and each credit taken
    /// comes from a lot the account created and still held, on every posting of
    /// random ledgers.
    @Test(arguments: 1...60) func theLotsOfEveryPostingAddUpToIt(_ seed: Int) {
        var draw = RandomLedger(seed: UInt64(seed))
        let (scenario, asOf) = draw.scenario()
        let ledger = scenario.replay(asOf: asOf)
        for account in ledger.accounts {
            var held: [String: Int] = [:]
            for p in account.postings where p.amount != 0 {
                for d in p.lots { held[d.lot, default: 0] += p.amount > 0 ? d.amount : -d.amount }
                #expect(held.values.allSatisfy { $0 >= 0 }, "seed \(seed) \(account.account.id): a lot overdrawn by \(p)")
            }
            #expect(held.values.reduce(0, +) == account.balance, "seed \(seed) \(account.account.id)")
            #expect(account.lots.allSatisfy { held[$0.id] == $0.amount }, "seed \(seed) \(account.account.id)")
        }
        for account in ledger.accounts {
            for p in account.postings where p.kind != .unfunded {
                #expect(p.lots.reduce(0) { $0 + $1.amount } == abs(p.amount), "seed \(seed) \(account.account.id) \(p)")
                #expect(p.lots.allSatisfy { $0.amount > 0 })
            }
        }
    }
}
