import AllotLedger

extension TerminalText {
    /// `allot suggest` as text: per team, what is projected to expire and the shares that
    /// would save some of it. `names` and `teamNames` give display names by id.
    public func suggestions(_ forecasts: [TeamForecast], names: [String: String], teamNames: [String: String]) -> String {
        var lines: [String] = []
        for f in forecasts {
            let team = literal(teamNames[f.team] ?? "Team " + f.team)
            let name = { (id: String) in self.literal(names[id] ?? id) }
            let span = horizon(from: f.asOf, to: f.horizonEnd)
            guard f.expiryWithout > 0 else {
                lines.append("\(team): no credits are projected to expire \(span).")
                continue
            }
            let projected =
                "\(f.expiryWithout) \(f.expiryWithout == 1 ? "credit is" : "credits are") projected to expire \(span)"
            guard !f.shares.isEmpty else {
                let short = f.seats.count { $0.shortfall > 0 }
                let why =
                    short == 0
                    ? "no teammate would run short, so no share would save them"
                    : "\(short) \(short == 1 ? "seat" : "seats") would run short, but no share made now would save any of them"
                lines.append("\(team): \(projected); \(why).")
                continue
            }
            lines.append("\(team): \(projected); these shares would save \(f.saved):")
            for s in f.shares {
                lines.append(
                    "  share \(s.amount) from \(name(s.from)) to \(name(s.to)) now (the first of them expire \(time(s.expiring)))")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The horizon as every page words it, with ISO dates: `in the 30 days to 2015-06-21,
    /// inclusive`, for the days from `start` to the exclusive `end`.
    func horizon(from start: Instant, to end: Instant) -> String {
        let days = calendar.local(end).date.daysSinceEpoch - calendar.local(start).date.daysSinceEpoch
        let last = calendar.local(Instant(millis: end.millis - 1)).date
        return "in the \(days) \(days == 1 ? "day" : "days") to \(last.isoDate), inclusive"
    }
}
