/// A notice preview page's view: the notice as sent, and links from the preview into the
/// site (the seat's page and its team's warnings), shown above the message, never in it.
public struct NoticePreview: Sendable, Encodable {
    public var notice: NoticeView
    /// Relative links from the preview page.
    public var seatHref, warningsHref: String

    public init(notice: NoticeView, seatHref: String, warningsHref: String) {
        self.notice = notice; self.seatHref = seatHref; self.warningsHref = warningsHref
    }
}
