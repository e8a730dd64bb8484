/// Response rates (spec §10): of the sends in a period old enough to count, how many were
/// answered within `response_rate_days` and how many of those accepted.
public struct ResponseCounts: Codable, Sendable, Hashable {
    /// Settled sends: `response_rate_days` have passed since each, before as-of.
    public var sent = 0
    /// Settled sends whose first response came within `response_rate_days`.
    public var answered = 0
    /// Those of `answered` whose first response was an accept.
    public var accepted = 0
    /// Sends too young to count: their `response_rate_days` end after as-of.
    public var tooRecent = 0

    public init(sent: Int = 0, answered: Int = 0, accepted: Int = 0, tooRecent: Int = 0) {
        self.sent = sent; self.answered = answered; self.accepted = accepted; self.tooRecent = tooRecent
    }

    /// The sends of `messages` (funded or not) made in [start, end), counted as of `asOf`.
    public init(
        _ messages: ArraySlice<SentMessage>, from start: Instant, to end: Instant, days: Int, asOf: Instant, calendar: LedgerCalendar
    ) {
        for m in messages where start <= m.time && m.time < end {
            let settles = calendar.adding(days: days, to: m.time)
            guard settles <= asOf else {
                tooRecent += 1
                continue
            }
            sent += 1
            if let r = m.response, r.time <= settles {
                answered += 1
                if r.kind == .accept { accepted += 1 }
            }
        }
    }

    /// Answered ÷ sent in tenths of a percent, rounded half up (`429` for 42.9 %); nil
    /// when nothing was sent.
    public var rateTenths: Int? {
        guard sent > 0 else { return nil }
        return (answered * 2000 + sent) / (sent * 2)
    }

    /// The counts of several seats or periods: sums, so a team's rate is the ratio of its
    /// sums, never an average of rates.
    public static func + (a: ResponseCounts, b: ResponseCounts) -> ResponseCounts {
        ResponseCounts(
            sent: a.sent + b.sent, answered: a.answered + b.answered, accepted: a.accepted + b.accepted,
            tooRecent: a.tooRecent + b.tooRecent)
    }
}
