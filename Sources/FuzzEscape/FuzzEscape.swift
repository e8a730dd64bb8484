import Allot
import FuzzSupport
import Foundation

/// Any text as a seat's name, through a Markdown template, libcmark and the layout: the
/// page must hold exactly the template's own tags, whatever the name holds.
struct Model: PageModel { var kind = "fuzz" }
struct View: Encodable, Sendable { var name: String }

enum Setup {
static let templates = TemplateSet(files: [
    "page.md": "# {{name}}\n\nName: {{name}} and *{{name}}*\n\n{{> cell}}\n",
    "partials/cell.html": "<table><tr><td>{{name}}</td></tr></table>",
    "layout.html": "<main>{{{body}}}</main>",
])
static let renderer = try! PageRenderer(templates: templates, siteTitle: "fuzz")
static let expectedTags = try! tags(renderer.html(Page(path: "p", template: "page", title: "t", model: Model(), view: View(name: "x"))))
}

func tags(_ html: String) -> [Substring] {
    html.split(separator: "<", omittingEmptySubsequences: true).dropFirst(html.hasPrefix("<") ? 0 : 1)
        .map { $0.prefix { $0 != ">" && $0 != " " } }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let name = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let html = try! Setup.renderer.html(Page(path: "p", template: "page", title: "t", model: Model(), view: View(name: name)))
    if tags(html) != Setup.expectedTags {
        fatalError("markup injected by \(name.debugDescription):\n\(html)")
    }
    return 0
}

@main
enum Driver {
    static func main() { FuzzDriver.run { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) } }
}
