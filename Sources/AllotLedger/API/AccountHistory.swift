/// What a policy may know about an account when it makes a lot: its sends before `now`
/// and the answers that had come by `now`. Nothing later is visible.
public struct AccountHistory: Sendable {
    public let account: Account
    public let now: Instant
    /// Every send of the account so far, oldest first; responses may lie after `now`.
    private let messages: [SentMessage]

    public init(account: Account, now: Instant, messages: [SentMessage]) {
        self.account = account; self.now = now; self.messages = messages
    }

    /// Messages sent in [`start`, `now`), funded or not, and how many of them had been
    /// answered (accepted or declined) by `now`.
    public func responses(sentFrom start: Instant) -> (sent: Int, answered: Int) {
        var low = 0, high = messages.count
        while low < high {
            let mid = (low + high) / 2
            if messages[mid].time < start { low = mid + 1 } else { high = mid }
        }
        var sent = 0, answered = 0
        for m in messages[low...] where m.time < now {
            sent += 1
            if let r = m.response, r.time <= now { answered += 1 }
        }
        return (sent, answered)
    }
}
