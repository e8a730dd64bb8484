import AllotLedger

/// What an event must agree with besides its own fields (spec §4): its seats, and for a
/// response the send it answers. Import checks each new row with these rules, and the
/// store checks the rows a changed source leaves standing with the same ones.
public enum EventRules {
    /// A problem as the field it is about and a sentence.
    public typealias Problem = (field: String, message: String)

    /// A send, share, grant or adjust against its seat (`giver`) and, for a share, the
    /// receiving seat; nil stands for a seat no source holds.
    public static func problems(_ e: LedgerEvent, giver: Account?, receiver: Account?) -> [Problem] {
        guard let giver else { return [("account", "\(e.account ?? "") is not a known seat; add it to a seats file")] }
        var problems: [Problem] = []
        if !giver.isOpen(at: e.time) { problems.append(("time", notOpen(giver, e))) }
        guard e.kind == .share, let to = e.to else { return problems }
        if to == giver.id {
            problems.append(("to", "is the giver itself; a share goes to another seat"))
        } else if let receiver {
            if receiver.team != giver.team {
                problems.append(("to", "\(to) is in team \(receiver.team), not \(giver.team); shares stay within a team"))
            } else if !receiver.isOpen(at: e.time) {
                problems.append(("time", notOpen(receiver, e)))
            }
        } else {
            problems.append(("to", "\(to) is not a known seat; add it to a seats file"))
        }
        return problems
    }

    /// A response against the send of its message; nil when no source holds that send.
    public static func problems(response e: LedgerEvent, sentBy sent: LedgerEvent?) -> [Problem] {
        let m = e.message ?? ""
        guard let sent else {
            return [("message", "\(m) has no send; import the file with its send in the same batch or first")]
        }
        var problems: [Problem] = []
        if e.time < sent.time { problems.append(("time", "\(e.time.iso8601) is before the send of \(m) at \(sent.time.iso8601)")) }
        if let a = e.account, a != sent.account {
            problems.append(("account", "is \(a) but message \(m) was sent by \(sent.account ?? "")"))
        }
        return problems
    }

    private static func notOpen(_ a: Account, _ e: LedgerEvent) -> String {
        let period = a.closed.map { "from \(a.opened.iso8601) to \($0.iso8601)" } ?? "from \(a.opened.iso8601)"
        return "\(e.time.iso8601) is outside the open period of seat \(a.id) (\(period))"
    }
}
