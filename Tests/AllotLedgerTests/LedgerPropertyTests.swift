import AllotLedger
import PropertyBased
import Testing

/// Invariants that hold for every ledger, checked over many drawn ones.
@Suite struct LedgerPropertyTests {
    static let seeds = Gen.uint64(in: 0...UInt64.max)

    func ledger(_ seed: UInt64) -> Ledger { Self.drawn(seed) }

    /// The ledger `RandomLedger` draws from `seed`, replayed to its as-of.
    static func drawn(_ seed: UInt64) -> Ledger {
        var draw = RandomLedger(seed: seed)
        let (scenario, asOf) = draw.scenario()
        return scenario.replay(asOf: asOf)
    }

    @Test func openingPlusTotalsIsClosingAndMonthsChain() async {
        await propertyCheck(count: 300, input: Self.seeds) { seed in
            let l = ledger(seed)
            for a in l.accounts {
                var previousClosing: Int?
                for month in l.statementMonths(of: a.account.id) {
                    let s = l.statement(of: a.account.id, for: month)!
                    #expect(s.opening + s.totals.sum == s.closing, "seed \(seed) \(a.account.id) \(month)")
                    #expect(s.lots.reduce(0) { $0 + $1.amount } == s.closing, "seed \(seed) lots \(a.account.id) \(month)")
                    if let p = previousClosing { #expect(p == s.opening, "seed \(seed) chain \(a.account.id) \(month)") }
                    previousClosing = s.closing
                }
            }
        }
    }

    @Test func balancesAndLotsAreNeverNegative() async {
        await propertyCheck(count: 300, input: Self.seeds) { seed in
            let l = ledger(seed)
            for a in l.accounts {
                #expect(a.postings.allSatisfy { $0.balance >= 0 }, "seed \(seed)")
                #expect(a.lots.allSatisfy { $0.amount > 0 }, "seed \(seed)")
                #expect(a.lots.reduce(0) { $0 + $1.amount } == a.balance, "seed \(seed)")
                #expect(zip(a.postings, a.postings.dropFirst()).allSatisfy { $0.time <= $1.time }, "seed \(seed)")
            }
        }
    }

    @Test func replayIsDeterministicWhateverTheInputOrder() async {
        await propertyCheck(count: 150, input: Self.seeds) { seed in
            var draw = RandomLedger(seed: seed)
            let (scenario, asOf) = draw.scenario()
            var shuffled = scenario
            var random = TestRandom(seed: seed ^ 0xABCDEF)
            shuffled.events.shuffle(using: &random)
            shuffled.seats.shuffle(using: &random)
            let a = scenario.replay(asOf: asOf), b = shuffled.replay(asOf: asOf)
            #expect(a.accounts.map(\.postings) == b.accounts.map(\.postings), "seed \(seed)")
            #expect(a.accounts.map(\.messages) == b.accounts.map(\.messages), "seed \(seed)")
            #expect(a.problems == b.problems, "seed \(seed)")
        }
    }

    @Test func sendsAreFundedExactlyWhenABalanceWasThere() async {
        await propertyCheck(count: 200, input: Self.seeds) { seed in
            let l = ledger(seed)
            for a in l.accounts {
                for (before, p) in zip([0] + a.postings.map(\.balance), a.postings) where p.kind == .send || p.kind == .unfunded {
                    #expect((p.kind == .send) == (before > 0), "seed \(seed)")
                }
            }
        }
    }
}

/// The drawn ledgers reach every posting and problem kind, so the properties above
/// are checked on all of them.
@Test func drawnLedgersCoverEveryKind() {
    var postingKinds = Set<Posting.Kind>(), problemKinds = Set<LedgerProblem.Kind>()
    var capped = false, lost = false
    /// Under response-weighted: lots that expire and lots that never do.
    var weightedLifetimes = Set<Bool>()
    for seed in UInt64(0)..<300 {
        var draw = RandomLedger(seed: seed)
        let (scenario, asOf) = draw.scenario()
        let l = scenario.replay(asOf: asOf)
        if scenario.policies.last?.name == "response-weighted" {
            weightedLifetimes.formUnion(l.accounts.flatMap(\.lots).filter { $0.amount > 0 }.map { $0.expires == nil })
        }
        for a in l.accounts {
            postingKinds.formUnion(a.postings.map(\.kind))
            capped = capped || a.postings.contains { $0.capped > 0 }
            lost = lost || a.messages.contains { $0.isLost }
        }
        problemKinds.formUnion(l.problems.map(\.kind))
    }
    #expect(postingKinds == Set(Posting.Kind.allCases))
    #expect(problemKinds == [.rejectedShare, .rejectedAdjust, .unfundedSend, .duplicateResponse])
    #expect(capped)
    #expect(lost)
    #expect(weightedLifetimes == [true, false])
}
