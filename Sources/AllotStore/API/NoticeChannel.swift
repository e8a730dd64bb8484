/// How a notice reached its seat: piped to a sendmail command, or written to an outbox
/// folder that is itself the delivery (something else sends its files on).
public enum NoticeChannel: String, Sendable {
    case sendmail
    case outbox
}
