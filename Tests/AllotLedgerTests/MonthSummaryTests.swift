import AllotLedger
import PropertyBased
import Testing

/// `Ledger.monthSummaries(of:)` totals each month in one pass; `statement(of:for:)` works
/// each month out on its own. The two must agree on every figure.
@Suite struct MonthSummaryTests {
    /// On drawn ledgers (late and duplicate responses, closings that settle open messages,
    /// an as-of inside a month) every month's summary is its statement's.
    @Test func everyMonthIsAsItsStatementTotalsIt() async {
        await propertyCheck(count: 300, input: LedgerPropertyTests.seeds) { seed in
            let ledger = LedgerPropertyTests.drawn(seed)
            for a in ledger.accounts {
                let id = a.account.id
                let statements = ledger.statementMonths(of: id).compactMap { ledger.statement(of: id, for: $0) }
                #expect(ledger.monthSummaries(of: id) == statements.map(MonthSummary.init), "seed \(seed) \(id)")
            }
        }
    }

    /// A message sent on 20 Jan under the 2015 policy, never answered, waits at the ends
    /// of January to March and is lost when its 90 days close, on 20 Apr.
    @Test func aMessageWaitsAtEachMonthEndUntilItsWindowCloses() {
        var s = Scenario()
        s.seat("a", opened: "2015-01-01")
        s.event("s1", "2015-01-20", .send, "a", message: "m1")
        let ledger = s.replay(asOf: "2015-05-31")
        let months = ledger.monthSummaries(of: "a")
        #expect(months.map(\.month.description) == ["2015-01", "2015-02", "2015-03", "2015-04", "2015-05"])
        #expect(months.map(\.messages.pending) == [1, 1, 1, 0, 0])
        #expect(months.map(\.messages.lost) == [0, 0, 0, 1, 0])
        #expect(months.map(\.messages.sent) == [1, 0, 0, 0, 0])
    }
}
