import AllotMarkdown
import Testing

@Suite struct MarkdownRendererTests {
    @Test func rendersCommonMarkThroughLibcmark() {
        let html = MarkdownRenderer().html("# Statement\n\nOpening *balance*: 149\n")
        #expect(html == "<h1>Statement</h1>\n<p>Opening <em>balance</em>: 149</p>\n")
        #expect(!MarkdownRenderer.libraryVersion.isEmpty)
    }

    @Test func emptyInputGivesEmptyOutput() {
        #expect(MarkdownRenderer().html("") == "")
    }
}
