import AllotMarkdown
import AllotReports
import AllotSupport
import Foundation
import Mustache

/// An expiry notice's three texts: the subject (`notice-subject.txt`), the plain-text
/// body (`notice.md` filled with values as they are) and the HTML body (`notice.md`
/// filled with Markdown-escaped values, through libcmark, in `email-layout.html` with
/// inline styles).
public struct NoticeRenderer: Sendable {
    public struct Rendered: Sendable, Equatable {
        public var subject, text, html: String
    }

    private let library: TemplateLibrary
    private let cmark = MarkdownRenderer()

    public init(templates: TemplateSet) throws {
        library = try templates.library()
        for name in ["notice", "notice-subject", "email-layout"] where !library.contains(name) {
            throw AllotError("is missing; notices need notice.md, notice-subject.txt and email-layout.html", path: name)
        }
    }

    /// The notice as sent; with `preview`, its HTML part has links into the site above the message.
    public func render(_ notice: NoticeView, preview: NoticePreview? = nil) throws -> Rendered {
        let view = try TemplateData.convert(notice)
        let subject = try library.render(view, withTemplate: "notice-subject").trimmingSpaces()
        let markdown = try library.render(view, withTemplate: "notice")
        let text = PlainTextRenderer().text(markdown)
        let body = EmailStyles.inline(cmark.html(markdown))
        let layout = EmailLayoutView(
            subject: subject, title: notice.title, body: body,
            preview: preview.map {
                EmailLayoutView.PreviewBar(
                    name: notice.name, teamName: notice.teamName, seatHref: $0.seatHref, warningsHref: $0.warningsHref)
            })
        let html = try library.render(TemplateData.convert(layout), withTemplate: "email-layout")
        return Rendered(subject: subject, text: text, html: html)
    }

    /// A notice page (`PageOutput.notice`) as `path.html`: the notice's HTML part.
    public func files(_ page: Page) throws -> [RenderedFile] {
        if let preview = page.view as? NoticePreview {
            return [RenderedFile(path: page.path + ".html", bytes: Data(try render(preview.notice, preview: preview).html.utf8))]
        }
        guard let notice = page.view as? NoticeView else {
            throw AllotError("cannot be filled for the \(page.path) page: its view is not a NoticePreview or NoticeView", path: "notice.md")
        }
        return [RenderedFile(path: page.path + ".html", bytes: Data(try render(notice).html.utf8))]
    }
}

struct EmailLayoutView: Sendable, Encodable {
    /// Shown on a notice preview page only: where the notice came from on the site.
    struct PreviewBar: Sendable, Encodable {
        var name, teamName, seatHref, warningsHref: String
    }

    var subject, title, body: String
    var preview: PreviewBar?
}

/// Mail clients drop style sheets; cmark's plain tags get their styles inline.
enum EmailStyles {
    static let styles: [(String, String)] = [
        ("<p>", "<p style=\"margin:0 0 12px;\">"),
        ("<ul>", "<ul style=\"margin:0 0 14px;padding-left:22px;\">"),
        ("<li>", "<li style=\"margin:2px 0;\">"),
        ("<strong>", "<strong style=\"color:#a15c00;\">"),
        ("<a href=", "<a style=\"color:#2456a6;\" href="),
        ("<h1>", "<h1 style=\"font-size:20px;margin:0 0 12px;\">"),
        ("<h2>", "<h2 style=\"font-size:17px;margin:18px 0 8px;\">"),
    ]

    /// Safe as plain replacement: data reaches cmark escaped, so these tags are cmark's own.
    /// One pass over the bytes; no replacement holds another's tag, so it equals replacing
    /// each tag in turn.
    static func inline(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var i = 0
        next: while i < bytes.count {
            if bytes[i] == UInt8(ascii: "<") {
                for (tag, styled) in utf8Styles where bytes[i...].starts(with: tag) {
                    out += styled
                    i += tag.count
                    continue next
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let utf8Styles = styles.map { (Array($0.0.utf8), Array($0.1.utf8)) }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
