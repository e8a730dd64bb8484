/// The replays behind a `TeamForecast`: the team's events before as-of, synthetic sends
/// at each open seat's pace, and any suggested shares, replayed to the horizon's end with
/// no refund from as-of on. The history before as-of is replayed once; each projection
/// goes on from a copy of it.
struct ForecastProjection {
    let team: String
    let asOf: Instant
    let horizonEnd: Instant
    let settings: LedgerSettings
    /// The team's seats and events replayed up to as-of, to the horizon's rules.
    let history: TeamReplay
    /// Open seats with their pace (sends, days), by account id.
    let paces: [(account: Account, sends: Int, days: Int)]
    let syntheticSends: [LedgerEvent]
    /// What each open seat holds at as-of, in consumption order: what a share would take from.
    let heldAtAsOf: [String: [Lot]]

    init(team: String, _ ledger: Ledger, events: [LedgerEvent]) {
        let members = ledger.accounts.filter { $0.account.team == team }.map(\.account)
        let (seats, teamEvents) = Ledger.byTeam(accounts: members, events: events, before: ledger.asOf)
        self.init(
            team: team, ledger,
            history: Self.history(of: seats.first ?? [], teamEvents.first ?? [], settings: ledger.settings, asOf: ledger.asOf))
    }

    /// The replay a projection goes on from: one team's seats and events, up to `asOf`, to
    /// the horizon's rules. Up to as-of it is the team's own replay to `asOf`.
    static func history(of seats: [Account], _ events: [LedgerEvent], settings: LedgerSettings, asOf: Instant) -> TeamReplay {
        let replay = TeamReplay(
            accounts: seats, events: events, settings: settings, asOf: settings.calendar.adding(days: settings.warnDays, to: asOf),
            refundsBefore: asOf)
        replay.advance(before: asOf)
        return replay
    }

    /// The projection of `team` in `ledger`, from `history` (`ForecastProjection.history`
    /// of the team's seats and events, to the ledger's as-of).
    init(team: String, _ ledger: Ledger, history: TeamReplay) {
        self.team = team
        asOf = ledger.asOf
        settings = ledger.settings
        let calendar = settings.calendar
        horizonEnd = calendar.adding(days: settings.warnDays, to: asOf)
        let members = ledger.accounts.filter { $0.account.team == team }
        self.history = history
        let windowStart = calendar.adding(days: -TeamForecast.paceDays, to: asOf)
        let open = members.filter { $0.account.opened < ledger.asOf && $0.account.isOpen(at: ledger.asOf) }
        paces = open.map { a in
            let start = max(windowStart, a.account.opened)
            let sends = a.messages.count { $0.time >= start && $0.time < ledger.asOf }
            let days =
                a.account.opened > windowStart
                ? max(1, Int((ledger.asOf.millis - a.account.opened.millis) / 86_400_000)) : TeamForecast.paceDays
            return (a.account, sends, days)
        }
        var sends: [LedgerEvent] = []
        for (account, n, d) in paces where n > 0 {
            for k in 0..<settings.warnDays {
                let day = calendar.adding(days: k, to: asOf)
                guard account.isOpen(at: day) else { continue }
                for i in 0..<(n * (k + 1) / d - n * k / d) {
                    let id = "\u{0}forecast \(account.id) \(k) \(i)"
                    sends.append(LedgerEvent(id: id, time: day, kind: .send, account: account.id, message: id))
                }
            }
        }
        syntheticSends = sends
        heldAtAsOf = Dictionary(
            uniqueKeysWithValues: open.map { a in (a.account.id, a.lots.filter { $0.expires.map { $0 > ledger.asOf } ?? true }) })
    }

    /// The team replayed to the horizon's end with `shares` made at as-of.
    func project(_ shares: [SuggestedShare]) -> Ledger {
        let shareEvents = shares.enumerated().map { i, s in
            LedgerEvent(
                id: "\u{0}suggest " + String(String(1_000_000 + i).dropFirst()), time: asOf, kind: .share, account: s.from, to: s.to,
                amount: s.amount)
        }
        return Ledger.merged([history.continuing(with: shareEvents + syntheticSends).run()], settings: settings, asOf: horizonEnd)
    }

    /// Each open seat's pace, projected expiry and shortfall in `projected`.
    func seats(in projected: Ledger) -> [SeatForecast] {
        paces.map { account, sends, days in
            var seat = SeatForecast(account: account.id, recentSends: sends, paceDays: days)
            for p in projected[account.id]?.postings ?? [] where p.time >= asOf {
                switch p.kind {
                case .expire:
                    seat.projectedExpiry -= p.amount
                    seat.firstExpiry = seat.firstExpiry ?? p.time
                    seat.lastExpiry = p.time
                case .unfunded where p.ref?.hasPrefix("\u{0}forecast ") == true:
                    seat.shortfall += 1
                    seat.firstShort = seat.firstShort ?? p.time
                default: break
                }
            }
            return seat
        }
    }

    func forecast() -> TeamForecast {
        let projected = project([])
        let base = seats(in: projected)
        let planned = SharePlanner(self, baseline: base, projected: projected).plan()
        return TeamForecast(
            team: team, asOf: asOf, horizonEnd: horizonEnd, seats: planned.seats, shares: planned.shares,
            expiryWithout: base.reduce(0) { $0 + $1.projectedExpiry }, expiryWith: planned.seats.reduce(0) { $0 + $1.projectedExpiry })
    }
}
