import AllotLedger
import PropertyBased
import Testing

/// "Where your credits went": each origin's credits and how they ended, followed lot by lot.
@Suite struct CreditOutcomesTests {
    func rows(_ ledger: Ledger, _ account: String) -> [String] {
        CreditOutcomes(ledger[account]!).rows.map {
            "\($0.origin) \($0.brought): sent \($0.sent), shared \($0.sharedOut), adjusted \($0.adjusted), "
                + "expired \($0.expired), forfeited \($0.forfeited), held \($0.held)"
        }
    }

    /// The ledger of `ProvenanceTests.everyPostingNamesItsLotsAndEveryLotItsOrigin`, as of
    /// the end of 30 Apr 2015.
    ///
    /// a: allotments 100 (1 Jan) + 100 (1 Feb); m1 takes 1 of the first and its refund brings
    /// 1; the share to b takes 99 of it, the bonus's 10 and 3 of grant g1's 5; a's closing on
    /// 15 Feb forfeits the rest: 2 of g1, j1's 3, the refund's 1 and February's 100.
    /// b: four allotments (Jan–Apr, 400), the bonus 10 and 112 shared in; its share to c
    /// takes January's 100, the bonus's 10 and 40 of the 99 from a; the 72 from a it still
    /// holds expire on 1 and 2 Apr; February to April (300) are held.
    /// c: its January allotment and bonus expire on 1 Apr with the 150 from b; 300 held.
    @Test func theHandWorkedSeats() {
        let ledger = ProvenanceTests.threeSeats(aCloses: "2015-02-15").replay(asOf: "2015-04-30")
        #expect(
            rows(ledger, "a") == [
                "allotment 200: sent 1, shared 99, adjusted 0, expired 0, forfeited 100, held 0",
                "bonus 10: sent 0, shared 10, adjusted 0, expired 0, forfeited 0, held 0",
                "grant 5: sent 0, shared 3, adjusted 0, expired 0, forfeited 2, held 0",
                "adjust 3: sent 0, shared 0, adjusted 0, expired 0, forfeited 3, held 0",
                "refund 1: sent 0, shared 0, adjusted 0, expired 0, forfeited 1, held 0",
            ])
        #expect(
            rows(ledger, "b") == [
                "allotment 400: sent 0, shared 100, adjusted 0, expired 0, forfeited 0, held 300",
                "bonus 10: sent 0, shared 10, adjusted 0, expired 0, forfeited 0, held 0",
                "share 112: sent 0, shared 40, adjusted 0, expired 72, forfeited 0, held 0",
            ])
        #expect(
            rows(ledger, "c") == [
                "allotment 400: sent 0, shared 0, adjusted 0, expired 100, forfeited 0, held 300",
                "bonus 10: sent 0, shared 0, adjusted 0, expired 10, forfeited 0, held 0",
                "share 150: sent 0, shared 0, adjusted 0, expired 150, forfeited 0, held 0",
            ])
    }

    /// A negative adjust takes credits in consumption order: they are "adjusted away".
    @Test func aNegativeAdjustmentIsAdjustedAway() {
        var s = Scenario()
        s.seat("a", opened: "2015-01-01")
        s.event("j1", "2015-01-03", .adjust, "a", amount: -30)
        let ledger = s.replay(asOf: "2015-01-31")
        #expect(rows(ledger, "a") == ["allotment 100: sent 0, shared 0, adjusted 30, expired 0, forfeited 0, held 70"])
    }

    /// On drawn ledgers every origin's credits all end somewhere, what is held is the
    /// balance, and the sends and expiries match the postings.
    @Test func everyCreditEndsSomewhere() async {
        await propertyCheck(count: 200, input: LedgerPropertyTests.seeds) { seed in
            let ledger = LedgerPropertyTests.drawn(seed)
            for a in ledger.accounts {
                let rows = CreditOutcomes(a).rows
                #expect(rows.allSatisfy { $0.brought == $0.ended }, "seed \(seed) \(a.account.id)")
                #expect(rows.allSatisfy { $0.origin != "unknown" }, "seed \(seed) \(a.account.id)")
                #expect(rows.reduce(0) { $0 + $1.held } == a.balance, "seed \(seed) \(a.account.id) held")
                let sent = a.postings.filter { $0.kind == .send }.reduce(0) { $0 - $1.amount }
                let expired = a.postings.filter { $0.kind == .expire }.reduce(0) { $0 - $1.amount }
                #expect(rows.reduce(0) { $0 + $1.sent } == sent, "seed \(seed) \(a.account.id) sent")
                #expect(rows.reduce(0) { $0 + $1.expired } == expired, "seed \(seed) \(a.account.id) expired")
            }
        }
    }
}
