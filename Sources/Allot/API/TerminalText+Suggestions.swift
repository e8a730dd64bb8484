import AllotLedger

extension TerminalText {
    /// `allot suggest` as text: per team, what is projected to expire and the shares that
    /// would save some of it. `names` and `teamNames` give display names by id.
    public func suggestions(_ forecasts: [TeamForecast], names: [String: String], teamNames: [String: String]) -> String {
        var lines: [String] = []
        for f in forecasts {
            let team = literal(teamNames[f.team] ?? "Team " + f.team)
            let name = { (id: String) in self.literal(names[id] ?? id) }
            guard f.expiryWithout > 0 else {
                lines.append("\(team): no credits are projected to expire by \(time(f.horizonEnd)).")
                continue
            }
            let projected =
                "\(f.expiryWithout) \(f.expiryWithout == 1 ? "credit is" : "credits are") projected to expire by \(time(f.horizonEnd))"
            guard !f.shares.isEmpty else {
                lines.append("\(team): \(projected); no teammate would run short, so no share would save them.")
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
}
