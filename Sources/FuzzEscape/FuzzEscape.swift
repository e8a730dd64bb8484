import Allot
import Foundation
import FuzzSupport

/// Any text as a seat's name, through a Markdown template, libcmark and the layout: the
/// page may hold only the template's own tags, in order, whatever the name holds (an
/// empty name leaves `*{{name}}*` without its emphasis, so a tag may go missing).
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

/// Tag names in order, read scalar by scalar: a combining mark after `>` would join it in
/// one Character.
func tags(_ html: String) -> [String] {
    let scalars = html.unicodeScalars
    return scalars.split(separator: "<", omittingEmptySubsequences: true).dropFirst(scalars.first == "<" ? 0 : 1)
        .map { String(String.UnicodeScalarView($0.prefix { $0 != ">" && $0 != " " })) }
}

/// Whether `found` is `expected` with some tags left out.
func isInOrder(_ found: [String], within expected: [String]) -> Bool {
    var rest = expected[...]
    for tag in found {
        guard let i = rest.firstIndex(of: tag) else { return false }
        rest = rest[(i + 1)...]
    }
    return true
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let name = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let html = try! Setup.renderer.html(Page(path: "p", template: "page", title: "t", model: Model(), view: View(name: name)))
    if !isInOrder(tags(html), within: Setup.expectedTags) {
        fatalError("markup injected by \(name.debugDescription):\n\(html)")
    }
    return 0
}

@main
enum Driver {
    static func main() { FuzzDriver.run { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) } }
}
