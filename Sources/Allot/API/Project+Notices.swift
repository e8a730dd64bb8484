import AllotMail
import AllotSite
import Foundation

extension Project {
    /// Imports the sources, replays, and renders an expiry notice for every warned seat
    /// with an email (spec §7). Needs `[notify] from` in the config.
    public func notices(asOf: Instant? = nil, templates: String? = nil) throws -> NoticeBatch {
        guard let from = notifyFrom else {
            throw AllotError(
                "notify.from is not set; add [notify] with from = \"Credits <credits@example.com>\" to say who notices come from",
                path: configPath)
        }
        try importSources()
        let end = try resolvedAsOf(asOf)
        let pipeline = TeamPipeline(project: self, end: end, slugs: try siteSlugs(), comparing: false)
        let renderer = try NoticeRenderer(templates: templateSet(templates))
        var drafts: [(draft: NoticeDraft, urgency: Instant)] = []
        for team in try store.teams() {
            let context = try pipeline.run(team.id).context
            drafts += zip(NoticeDraft.drafts(context), context.warnings.map(\.mostUrgent)).map { ($0, $1) }
        }
        drafts.sort { $0.urgency != $1.urgency ? $0.urgency < $1.urgency : UTF8Order.precedes($0.draft.account.id, $1.draft.account.id) }
        var notices: [Notice] = [], skipped: [(account: Account, reason: String)] = []
        for draft in drafts.map(\.draft) {
            guard let email = draft.account.email else {
                skipped.append((draft.account, "has no email"))
                continue
            }
            guard let to = MailAddress(name: draft.account.name, address: email) else {
                skipped.append((draft.account, "has an email that is not a plain address: \(email)"))
                continue
            }
            let r = try renderer.render(draft.view)
            let message = MailMessage(from: from, to: to, subject: r.subject, date: end.date, text: r.text, html: r.html)
            notices.append(Notice(account: draft.account, slug: draft.slug, message: message))
        }
        return NoticeBatch(asOf: end, notices: notices, skipped: skipped)
    }

    /// The default templates with the given folder's (else the config's) on top; an
    /// override file nothing uses is a warning on standard error.
    func templateSet(_ folder: String?) throws -> TemplateSet {
        guard let overrides = folder ?? templatesPath else { return .defaults }
        let set = try TemplateSet.defaults.overriding(withFolder: overrides)
        for warning in set.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        return set
    }
}
