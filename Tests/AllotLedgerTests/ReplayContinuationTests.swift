import PropertyBased
import Testing

@testable import AllotLedger

/// A forecast's projections go on from one replay of the team's history
/// (`TeamReplay.continuing`). A team replayed up to an instant and then on with later
/// events ends exactly as when all its events are replayed at once, with a forecast's
/// rule of no refund from that instant on; and going on twice from one pause gives two
/// independent replays.
@Suite struct ReplayContinuationTests {
    @Test func aReplayPausedAndContinuedEqualsOneReplayOfEverything() async {
        await propertyCheck(count: 300, input: LedgerPropertyTests.seeds) { seed in
            var draw = RandomLedger(seed: seed)
            let (scenario, asOf) = draw.scenario()
            let settings = scenario.settings
            let end = try! InstantParser(calendar: scenario.calendar).parseEnd(asOf).get()
            let pause = scenario.calendar.adding(days: -draw.random.int(0...90), to: end)
            // What a forecast adds after the pause: no responses, which the replay reads up front.
            let later = scenario.events.filter { $0.time >= pause && !$0.kind.isResponse }
            let (seats, before) = Ledger.byTeam(accounts: scenario.seats, events: scenario.events, before: pause)
            let (_, after) = Ledger.byTeam(accounts: scenario.seats, events: later, before: end)
            for t in seats.indices {
                func whole(_ events: [LedgerEvent]) -> TeamReplay {
                    TeamReplay(accounts: seats[t], events: events, settings: settings, asOf: end, refundsBefore: pause)
                }
                let paused = whole(before[t])
                paused.advance(before: pause)
                let continued = paused.continuing(with: after[t]).run()
                let alone = paused.continuing(with: []).run()
                for (expected, got) in [(whole(before[t] + after[t]).run(), continued), (whole(before[t]).run(), alone)] {
                    #expect(got.accounts.map(\.postings) == expected.accounts.map(\.postings), "seed \(seed)")
                    #expect(got.accounts.map(\.lots) == expected.accounts.map(\.lots), "seed \(seed)")
                    #expect(got.accounts.map(\.lotsAtMonthStart) == expected.accounts.map(\.lotsAtMonthStart), "seed \(seed)")
                    #expect(got.accounts.map(\.messages) == expected.accounts.map(\.messages), "seed \(seed)")
                    #expect(got.problems == expected.problems && got.shares == expected.shares, "seed \(seed)")
                }
            }
        }
    }
}
