import Testing

@testable import AllotMarkdown
@testable import AllotReports
@testable import AllotSite

/// Values escaped for Markdown come out of cmark as the same text, never as markup.
@Suite(.cleansScratch) struct EscapingTests {
    let markdown = MarkdownTextContentType()

    func paragraph(_ value: String) -> String {
        MarkdownRenderer().html("Name: " + markdown.escapeText(value) + "\n")
    }

    @Test(arguments: [
        ("*bold*", "<p>Name: *bold*</p>\n"),
        ("[x](javascript:alert(1))", "<p>Name: [x](javascript:alert(1))</p>\n"),
        ("<script>alert(1)</script>", "<p>Name: &lt;script&gt;alert(1)&lt;/script&gt;</p>\n"),
        ("&amp;", "<p>Name: &amp;amp;</p>\n"),
        ("a\\*b", "<p>Name: a\\*b</p>\n"),
        ("`code`", "<p>Name: `code`</p>\n"),
        ("<http://x.test>", "<p>Name: &lt;http://x.test&gt;</p>\n"),
    ])
    func inlineMarkupStaysText(_ value: String, _ html: String) {
        #expect(paragraph(value) == html)
    }

    @Test(arguments: ["# heading", "- item", "1. item", "> quote", "    indented", "Line\nBreak", "a\n\n# b", "---", "  two  "])
    func aValueCanNeverStartABlock(_ value: String) {
        let html = MarkdownRenderer().html(markdown.escapeText(value) + "\n")
        #expect(html.hasPrefix("<p>"), "\(html)")
        #expect(html.components(separatedBy: "<p>").count == 2, "\(html)")
        let text = html.dropFirst(3).dropLast(5)
        #expect(String(text).replacingOccurrences(of: "&gt;", with: ">") == value, "\(html)")
    }

    @Test func htmlBlockValuesCannotEndTheBlock() {
        let cell = HTMLBlockContentType().escapeText("a\n\n# b <i>\"'&")
        #expect(cell == "a&#10;&#10;# b &lt;i&gt;&quot;&#39;&amp;")
        let html = MarkdownRenderer().html("<table><tr><td>\(cell)</td></tr></table>\n")
        #expect(!html.contains("<h1>"))
    }
}

@Suite(.cleansScratch) struct SlugTests {
    @Test func slugsAreLowercaseASCIIAndUnique() {
        let ids = ["Ann", "ann", "ANN", "ann-2", "../../etc/passwd", ".", "", "a/b", "Chloé Moreau", "李", "CON"]
        let slugs = SiteSlugs.assign(ids, fallback: "seat")
        #expect(Set(slugs.values).count == ids.count)
        #expect(slugs.values.allSatisfy { s in !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") } })
        #expect(slugs["../../etc/passwd"] == "etc-passwd")
        #expect(slugs["Chloé Moreau"] == "chloe-moreau")
        #expect(slugs[""] == "seat")
        #expect(slugs["."] == "seat-2")
        // Ids in UTF-8 order: "ANN" < "Ann" < "ann" < "ann-2".
        #expect(slugs["ANN"] == "ann")
        #expect(slugs["Ann"] == "ann-2")
        #expect(slugs["ann-2"] == "ann-2-2")
    }

    @Test func slugsDoNotDependOnInputOrder() {
        let ids = ["b", "B", "b!", "a", "A"]
        #expect(SiteSlugs.assign(ids, fallback: "x") == SiteSlugs.assign(ids.reversed(), fallback: "x"))
    }
}
