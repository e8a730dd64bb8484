import AllotLedger

/// Plain-text renderings for a terminal. Times are shown on the ledger's wall clock.
public struct TerminalText: Sendable {
    public let calendar: LedgerCalendar

    public init(calendar: LedgerCalendar) { self.calendar = calendar }

    /// `2015-01-05 09:03` in the ledger's zone.
    public func time(_ t: Instant) -> String {
        let l = calendar.local(t)
        let minutes = Int(l.millisOfDay / 60_000)
        return l.date.isoDate + " " + pad2(minutes / 60) + ":" + pad2(minutes % 60)
    }

    public func problems(_ all: [LedgerProblem]) -> String {
        var lines: [String] = []
        let kinds: [LedgerProblem.Kind] = [.rejectedShare, .rejectedAdjust, .unfundedSend, .duplicateResponse]
        for kind in kinds {
            let list = all.filter { $0.kind == kind }
            lines.append("\(list.count) \(plural(kind.rawValue, list.count))" + (list.isEmpty ? "" : ":"))
            for p in list {
                lines.append("  \(time(p.time))  \(literal(p.eventId))  \(literal(p.account)): \(literal(p.detail))")
            }
        }
        return lines.joined(separator: "\n")
    }

    public func statement(_ s: Statement) -> String {
        var out: [String] = []
        let title = "Statement \(s.month) for \(literal(s.account.name)) (\(literal(s.account.id))), team \(literal(s.account.team))"
        out.append(title)
        out.append(String(repeating: "=", count: min(title.count, 78)))
        let end = s.partial ? "to \(time(s.end)) (partial month)" : "whole month"
        out.append("Policy: \(s.policy ?? "none"); \(end); times in \(calendar.identifier)")
        out.append("")
        let t = s.totals
        let rows: [(String, Int)] = [
            ("Allotments", t.allotment), ("Bonuses", t.bonus), ("Grants", t.grant), ("Adjustments", t.adjust),
            ("Refunds", t.refund), ("Shared in", t.shareIn), ("Shared out", t.shareOut), ("Sent", t.send),
            ("Expired", t.expire), ("Forfeited", t.forfeit),
        ]
        out.append(line("Opening balance", String(s.opening)))
        for (label, n) in rows where n != 0 { out.append(line("  " + label, signed(n))) }
        out.append(line("Closing balance", String(s.closing)))
        if s.capped > 0 { out.append("  (\(s.capped) \(plural("credit", s.capped)) not granted: the cap was reached)") }
        let m = s.messages
        out.append("")
        out.append(
            "Messages: \(m.sent) sent (\(m.unfunded) unfunded), \(m.accepted) accepted, \(m.declined) declined, \(m.lost) lost, \(m.pending) pending"
        )
        out.append("")
        out.append(s.lots.isEmpty ? "No credits left at the end." : "Credits left at the end:")
        for lot in Lot.mergingSameExpiry(s.lots) {
            out.append("  \(pad(String(lot.amount), 6)) " + (lot.expires.map { "expire \(time($0))" } ?? "never expire"))
        }
        out.append("")
        out.append(s.entries.isEmpty ? "No postings this month." : "Postings:")
        for e in s.entries {
            let ref = e.ref.map { "  " + literal($0) } ?? ""
            let capped = e.capped > 0 ? " (\(e.capped) capped)" : ""
            out.append(
                "  \(time(e.time))  \(e.kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(pad(signed(e.amount), 6))  \(pad(String(e.balance), 6))\(ref)\(capped)"
            )
        }
        return out.joined(separator: "\n")
    }

    /// Data shown on a terminal: control characters (line breaks, escapes) made visible.
    public func literal(_ text: String) -> String { Self.literal(text) }

    /// Data shown on a terminal: control characters (line breaks, escapes) made visible.
    public static func literal(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
            {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private func line(_ label: String, _ value: String) -> String {
        label.padding(toLength: 30, withPad: " ", startingAt: 0) + pad(value, 8)
    }

    private func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
    private func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    private func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : "\(n)" }
    private func plural(_ word: String, _ n: Int) -> String { n == 1 ? word : word + "s" }
}
