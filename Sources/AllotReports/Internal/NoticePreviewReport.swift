/// Expiry notice previews (spec §7): `notices/<slug>` for every warned seat with an
/// email, the HTML part of the notice `allot notify` sends it, linked from the team's
/// warnings page, with links back into the site above the message.
struct NoticePreviewReport: Report {
    var name: String { "notices" }

    func pages(_ c: ReportContext) -> [Page] {
        NoticeDraft.drafts(c).filter { $0.account.email != nil }.map {
            let path = ReportContext.noticePath($0.slug)
            let preview = NoticePreview(
                notice: $0.view, seatHref: c.href(from: path, to: c.accountPath($0.account.id)),
                warningsHref: c.href(from: path, to: c.teamWarningsPath($0.account.team)))
            return Page(
                path: path, template: "notice", title: "Expiry notice: \($0.account.name)", model: $0.view, view: preview,
                output: .notice)
        }
    }
}
