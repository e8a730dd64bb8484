import AllotReports
import AllotSupport

/// The digest of everything a page's files are made from besides the build's inputs
/// (templates, config, program): its path, template, title, model, view and tables, and
/// the as-of instant unless the page is final (`PageModel.isFinal`). Two builds that give
/// a page the same key write the same bytes for it.
enum PageKey {
    static func of(_ page: Page, inputs: String, clock: PageClock) throws -> String {
        let digest = DigestEncoder()
        digest.add("allot page 1")
        digest.add(inputs)
        digest.add(page.path)
        digest.add(page.template)
        digest.add(page.title)
        digest.add(page.namesItsZone ? "names its zone" : "")
        switch page.output {
        case .document: digest.add("document")
        case .notice: digest.add("notice")
        }
        digest.add(page.model.isFinal ? "final" : "as of \(clock.asOf.millis)")
        try digest.add(page.model)
        try digest.add(page.view)
        for table in page.tables {
            digest.add(table.name)
            for column in table.columns { digest.add((column.isInstant ? "i" : "c") + column.header) }
            for row in table.rows {
                digest.add("row")
                for cell in row {
                    switch cell {
                    case .number(let n): digest.add("n\(n)")
                    case .text(let t): digest.add("t" + t)
                    case .instant(let shown, let iso): digest.add("s" + shown); digest.add(iso)
                    case .empty: digest.add("e")
                    }
                }
            }
        }
        return digest.hex()
    }
}
