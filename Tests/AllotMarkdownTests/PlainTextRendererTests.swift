import Testing

@testable import AllotMarkdown

/// The text part of a notice: Markdown read as a person would read it.
struct PlainTextRendererTests {
    let renderer = PlainTextRenderer(width: 40)

    @Test func emphasisAndLinksReadAsText() {
        let text = renderer.text(
            "**12 credits expire** by *1 April*.\n\nSee [your page](https://x.example/a) or [https://x.example/b](https://x.example/b).\n")
        #expect(text == "12 credits expire by 1 April.\n\nSee your page <https://x.example/a> or\nhttps://x.example/b.\n")
    }

    @Test func listsKeepTheirMarkersAndIndentWrappedLines() {
        let text = renderer.text("- 1 April: 40 credits that a seat could still send with\n- 3 April: 2\n\n1. one\n2. two\n")
        #expect(text == "- 1 April: 40 credits that a seat could\n  still send with\n- 3 April: 2\n\n1. one\n2. two\n")
    }

    @Test func escapedDataIsShownAsWritten() {
        #expect(renderer.text("Hello \\*x\\* \\[a\\]\\(b\\) &lt;script&gt;,\n") == "Hello *x* [a](b) <script>,\n")
    }

    @Test func aWordLongerThanTheWidthGetsALineOfItsOwn() {
        let url = "https://intranet.example/credits/accounts/a-very-long-slug/index.html"
        #expect(renderer.text("See it at \(url) today.\n") == "See it at\n\(url)\ntoday.\n")
    }
}
