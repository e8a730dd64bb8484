/// The data of one page: what its JSON twin holds. Every model has a `kind`.
public protocol PageModel: Encodable, Sendable {
    var kind: String { get }
    /// True when the page cannot change with the as-of instant (a finished month's
    /// statement): its twin then says `"final": true` instead of carrying `asOf`, and a
    /// later build reuses its files while its data stays the same.
    var isFinal: Bool { get }
}

extension PageModel {
    public var isFinal: Bool { false }
}

/// One page of the site: written as `path.html` from its template and view, and as
/// `path.json` from its model, and each of its `tables` as `path.<name>.csv`. All come from
/// the same data; none from another.
/// (A notice preview is written as `path.html` alone; see `PageOutput`.)
public struct Page: Sendable {
    /// Relative to the site root, without extension, e.g. `accounts/alice/2015-01`.
    public var path: String
    /// The Markdown template that renders `view`, e.g. `statement`.
    public var template: String
    /// The page's title, for the layout's `<title>` and headings.
    public var title: String
    public var model: any PageModel
    /// What the template sees: display-ready values, read through their `Encodable`
    /// conformance (keys are the property names).
    public var view: any Encodable & Sendable
    public var output: PageOutput
    /// The page's tables as data, each written as `path.<name>.csv` beside `path.html`.
    public var tables: [DataTable]
    /// The page names the time zone itself (a statement's header block), so the layout
    /// does not name it again.
    public var namesItsZone = false

    public init(
        path: String, template: String, title: String, model: any PageModel, view: any Encodable & Sendable,
        output: PageOutput = .document, tables: [DataTable] = []
    ) {
        self.path = path; self.template = template; self.title = title; self.model = model; self.view = view
        self.output = output; self.tables = tables
    }

    /// How many folders deep the page is: `../` repeated this often leads to the root.
    public var depth: Int { path.split(separator: "/").count - 1 }

    /// The relative prefix from this page to the site root.
    public var root: String { String(repeating: "../", count: depth) }
}
