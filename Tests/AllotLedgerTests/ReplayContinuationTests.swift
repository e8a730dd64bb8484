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

    /// A build replays each team once for its pages and its forecast
    /// (`TeamForecast.replay`): the same ledger as `Ledger.replay` and the same forecast as
    /// `TeamForecast.make` on a ledger of its own.
    @Test func oneReplayForTheLedgerAndTheForecastGivesWhatTwoGive() async {
        await propertyCheck(count: 300, input: LedgerPropertyTests.seeds) { seed in
            var draw = RandomLedger(seed: seed)
            var (scenario, asOf) = draw.scenario()
            scenario.warnDays = draw.random.pick([1, 30, 90])
            let settings = scenario.settings
            let end = try! InstantParser(calendar: scenario.calendar).parseEnd(asOf).get()
            for team in Set(scenario.seats.map(\.team)).sorted() {
                let seats = scenario.seats.filter { $0.team == team }
                let expected = Ledger.replay(accounts: seats, events: scenario.events, settings: settings, asOf: end)
                let forecast = TeamForecast.make(team: team, expected, events: scenario.events)
                let got = TeamForecast.replay(team: team, accounts: seats, events: scenario.events, settings: settings, asOf: end)
                #expect(got.forecast == forecast, "seed \(seed)")
                #expect(got.ledger.asOf == expected.asOf && got.ledger.accounts.map(\.account) == expected.accounts.map(\.account))
                #expect(got.ledger.accounts.map(\.postings) == expected.accounts.map(\.postings), "seed \(seed)")
                #expect(got.ledger.accounts.map(\.lots) == expected.accounts.map(\.lots), "seed \(seed)")
                #expect(got.ledger.accounts.map(\.lotsAtMonthStart) == expected.accounts.map(\.lotsAtMonthStart), "seed \(seed)")
                #expect(got.ledger.accounts.map(\.messages) == expected.accounts.map(\.messages), "seed \(seed)")
                #expect(got.ledger.problems == expected.problems && got.ledger.shares == expected.shares, "seed \(seed)")
            }
        }
    }
}
