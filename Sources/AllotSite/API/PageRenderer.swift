import AllotMarkdown
import AllotReports
import AllotSupport
import Foundation
import Mustache

/// Page → Markdown (its template filled with its view) → HTML (libcmark) → layout;
/// and the page's model → its JSON twin.
public struct PageRenderer: Sendable {
    private let library: TemplateLibrary
    private let cmark = MarkdownRenderer()
    public let siteTitle: String

    public init(templates: TemplateSet, siteTitle: String) throws {
        self.library = try templates.library()
        self.siteTitle = siteTitle
        for name in ["layout"] where !library.contains(name) {
            throw AllotError("is missing; every page is laid out with it", path: "\(name).html")
        }
    }

    /// The filled Markdown of a page, before it becomes HTML.
    public func markdown(_ page: Page) throws -> String {
        try markdown(page, view: view(of: page))
    }

    /// The page's view as template data, with `csv`: each table's name and the relative
    /// link to its file. A view that fails to encode stops the build.
    private func view(of page: Page) throws -> Any {
        let view: Any
        do {
            view = try TemplateData.convert(page.view)
        } catch {
            throw AllotError("cannot be filled for the \(page.path) page: its view did not encode (\(error))", path: "\(page.template).md")
        }
        guard !page.tables.isEmpty else { return view }
        let links = page.tables.map { ($0.name, Self.csvHref(page, $0)) }
        if let object = view as? TemplateObject {
            let csv = TemplateObject()
            for (name, href) in links { csv.set(.string(href), forKey: name) }
            object.set(.object(csv), forKey: "csv")
            return object
        }
        if var dictionary = view as? [String: Any] {
            dictionary["csv"] = Dictionary(links, uniquingKeysWith: { $1 })
            return dictionary
        }
        return view
    }

    private static let tableNameBytes = Set("abcdefghijklmnopqrstuvwxyz0123456789-".utf8)

    /// `path.<name>.csv`, beside `path.html`.
    static func csvPath(_ page: Page, _ table: DataTable) -> String { "\(page.path).\(table.name).csv" }

    /// The link from the page to its table's file: the file's name, as it sits beside the page.
    static func csvHref(_ page: Page, _ table: DataTable) -> String {
        String(csvPath(page, table).split(separator: "/").last ?? "")
    }

    private func markdown(_ page: Page, view: Any) throws -> String {
        guard library.contains(page.template) else {
            throw AllotError("is missing; the \(page.path) page needs it", path: "\(page.template).md")
        }
        return try library.render(view, withTemplate: page.template)
    }

    /// The page in the layout; with a clock, the layout names its time zone (`zone`).
    public func html(_ page: Page, clock: PageClock? = nil) throws -> String {
        try html(page, view: view(of: page), clock: clock)
    }

    private func html(_ page: Page, view: Any, clock: PageClock?) throws -> String {
        let body = cmark.html(try markdown(page, view: view))
        let layout = TemplateObject(strings: [
            "title": page.title, "siteTitle": siteTitle, "root": page.root, "body": body,
            "kind": page.template,
        ])
        if let clock, !page.namesItsZone { layout.set(.string(clock.format.zoneText), forKey: "zone") }
        return try library.render(layout, withTemplate: "layout")
    }

    /// The page's HTML, its JSON twin and its tables' CSV files. With a clock, the JSON
    /// twin carries `asOf` and `timeZone`.
    public func files(_ page: Page, clock: PageClock? = nil) throws -> [RenderedFile] {
        let html = RenderedFile(path: page.path + ".html", bytes: Data(try html(page, view: view(of: page), clock: clock).utf8))
        var seen = Set<String>()
        for table in page.tables {
            guard !table.name.isEmpty, table.name.utf8.allSatisfy({ Self.tableNameBytes.contains($0) }) else {
                throw AllotError("has a table named \"\(table.name)\"; use lower-case letters, digits and hyphens", path: page.path)
            }
            guard seen.insert(table.name).inserted else {
                throw AllotError("has two tables named \(table.name); give one of them another name", path: page.path)
            }
        }
        let json = try clock.map { try JSONOutput.encode(ClockedModel(model: page.model, clock: $0)) } ?? JSONOutput.encode(page.model)
        return [html, RenderedFile(path: page.path + ".json", bytes: json)]
            + page.tables.map { RenderedFile(path: Self.csvPath(page, $0), bytes: TableCSV.data($0)) }
    }
}

// What the layout sees: `title`, `siteTitle`, `root`, `body` and `kind` (the page's
// template), all strings, made directly as template data.
