import Allot

/// How `notify` names notices, deliveries and claims on a terminal.
struct NoticeText {
    var terminal: TerminalText

    func literal(_ text: String) -> String { terminal.literal(text) }

    func recipient(_ n: Notice) -> String { literal(n.message.to.description) }

    /// `sent through sendmail at 2025-11-27T08:10:03Z`.
    func delivered(_ r: NoticeRecord) -> String {
        "sent " + (r.channel.map { through($0) + " " } ?? "") + "at " + Self.clock(r.deliveredAt)
    }

    /// How many went through each channel: `2 through sendmail, 1 through the outbox`.
    func channels(_ records: [NoticeRecord]) -> String {
        let counts = Dictionary(grouping: records) { $0.channel.map(through) ?? "through a channel not recorded" }.mapValues(\.count)
        return counts.keys.sorted().map { "\(counts[$0]!) \($0)" }.joined(separator: ", ")
    }

    /// Why another run's claim keeps this one from sending: `another run (pid 372 on
    /// host) has been sending it since …`.
    func inProgress(_ claim: NoticeClaim) -> String {
        "another run (\(process(claim.claimant))) has been sending it since \(Self.clock(claim.claimedAt))"
    }

    /// A claim left by a run that did not finish, as far as this host can tell.
    func unfinished(_ claim: NoticeClaim) -> String {
        let run =
            claim.claimant.host == NoticeClaimant.current.host
            ? "a run that did not finish (pid \(claim.claimant.pid)) claimed it at \(Self.clock(claim.claimedAt))"
            : "a run on another host (\(process(claim.claimant))) claimed it at \(Self.clock(claim.claimedAt)) and has not finished, or was stopped"
        return run + "; it may or may not have been sent"
    }

    private func through(_ channel: NoticeChannel) -> String {
        switch channel {
        case .sendmail: "through sendmail"
        case .outbox: "through the outbox"
        }
    }

    private func process(_ c: NoticeClaimant) -> String { "pid \(c.pid) on \(literal(c.host))" }

    /// A wall-clock time in UTC, to the second.
    private static func clock(_ t: Instant) -> String { Instant(millis: t.millis - t.millis % 1000).iso8601 }
}
