import AllotLedger
import AllotReports

extension TerminalText {
    /// A comparison on a terminal: the policies, the totals, then month by month (for
    /// one line) or team by team and seat by seat.
    public func comparison(_ x: Comparison, line: Comparison.Line, byMonth: Bool) -> String {
        func timeline(_ l: Ledger) -> String {
            l.settings.timeline.entries.map { "\(literal($0.policy.name)) from \(time($0.from))" }.joined(separator: ", then ")
        }
        var out = [
            "What if: \(literal(x.name))" + (line.id.isEmpty ? "" : " for \(literal(line.name))"),
            "As it was: \(timeline(x.base))", "What if:   \(timeline(x.alternative))", "",
        ]
        let labels = ["granted", "refunded", "expired", "lost (messages)", "unfunded (messages)", "closing balance"]
        out.append(pad("", 20) + pad("as it was", 12) + pad("what if", 12) + pad("difference", 12))
        let (b, a, d) = (line.total.base, line.total.alternative, line.total.difference)
        for i in labels.indices {
            out.append(
                labels[i].padding(toLength: 20, withPad: " ", startingAt: 0)
                    + pad("\(b.values[i])", 12) + pad("\(a.values[i])", 12) + pad(signedNumber(d.values[i]), 12))
        }
        let header =
            pad("granted", 9) + pad("refunded", 10) + pad("expired", 9) + pad("lost", 6) + pad("unfunded", 10)
            + pad("closing was", 13) + pad("would be", 10)
        func row(_ label: String, _ p: Comparison.Pair) -> String {
            let d = p.difference
            return label + pad(signedNumber(d.granted), 9) + pad(signedNumber(d.refunded), 10) + pad(signedNumber(d.expired), 9)
                + pad(signedNumber(d.lost), 6) + pad(signedNumber(d.unfunded), 10) + pad("\(p.base.closing)", 13)
                + pad("\(p.alternative.closing)", 10)
        }
        out += ["", "Differences (what if minus as it was), " + (byMonth ? "month by month:" : "by team:"), pad("", 24) + header]
        if byMonth {
            for (m, p) in line.months { out.append(row("\(m)".padding(toLength: 24, withPad: " ", startingAt: 0), p)) }
        } else {
            for t in x.teams { out.append(row(cell("team " + literal(t.id)), t.total)) }
            out += ["", "By seat:", pad("", 24) + header]
            for s in x.accounts { out.append(row(cell(literal(s.id)), s.total)) }
        }
        return out.joined(separator: "\n")
    }

    private func cell(_ text: String) -> String {
        text.count > 22 ? String(text.prefix(21)) + "… " : text.padding(toLength: 24, withPad: " ", startingAt: 0)
    }

    private func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
    private func signedNumber(_ n: Int) -> String { n > 0 ? "+\(n)" : "\(n)" }
}
