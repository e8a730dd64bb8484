/// Expiry notice previews (spec §7): `notices/<slug>` for every warned seat with an
/// email, the HTML part of the notice `allot notify` sends it, linked from the team's
/// warnings page.
struct NoticePreviewReport: Report {
    var name: String { "notices" }

    func pages(_ c: ReportContext) -> [Page] {
        NoticeDraft.drafts(c).filter { $0.account.email != nil }.map {
            Page(
                path: ReportContext.noticePath($0.slug), template: "notice", title: "Expiry notice: \($0.account.name)",
                model: $0.view, view: $0.view, output: .notice)
        }
    }
}
