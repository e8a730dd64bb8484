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

    /// The page's view as template data; a view that fails to encode stops the build.
    private func view(of page: Page) throws -> Any {
        do {
            return try TemplateData.convert(page.view)
        } catch {
            throw AllotError("cannot be filled for the \(page.path) page: its view did not encode (\(error))", path: "\(page.template).md")
        }
    }

    private func markdown(_ page: Page, view: Any) throws -> String {
        guard library.contains(page.template) else {
            throw AllotError("is missing; the \(page.path) page needs it", path: "\(page.template).md")
        }
        return try library.render(view, withTemplate: page.template)
    }

    public func html(_ page: Page) throws -> String {
        try html(page, view: view(of: page))
    }

    private func html(_ page: Page, view: Any) throws -> String {
        let body = cmark.html(try markdown(page, view: view))
        let layout = TemplateObject(strings: [
            "title": page.title, "siteTitle": siteTitle, "root": page.root, "body": body,
            "kind": page.template,
        ])
        return try library.render(layout, withTemplate: "layout")
    }

    /// The page's HTML and its JSON twin.
    public func files(_ page: Page) throws -> [RenderedFile] {
        let html = RenderedFile(path: page.path + ".html", bytes: Data(try html(page, view: view(of: page)).utf8))
        return [html, RenderedFile(path: page.path + ".json", bytes: try JSONOutput.encode(page.model))]
    }
}

// What the layout sees: `title`, `siteTitle`, `root`, `body` and `kind` (the page's
// template), all strings, made directly as template data.
