import Foundation
import Mustache
import Testing

@testable import Allot
@testable import AllotReports
@testable import AllotSite

/// Views become `TemplateObject`s and `TemplateList`s; templates must see exactly what
/// they saw in plain dictionaries and arrays.
@Suite(.cleansScratch) struct TemplateDataTests {
    static func pages(_ fixture: String) throws -> [Page] {
        let folder = TestSupport.copyOfFixture(fixture)
        let project = try Project(configPath: folder + "/allot.toml")
        try project.importSources()
        let (ledger, comparisons) = try project.replayWithComparisons()
        let context = ReportContext(ledger: ledger, title: project.config.title, comparisons: comparisons)
        return BuiltInReports.all.flatMap { $0.pages(context) }
    }

    @Test(arguments: ["transition", "edges"])
    func everyPageRendersAsWithDictionaries(_ fixture: String) throws {
        let library = try TemplateSet.defaults.library()
        for page in try Self.pages(fixture) {
            let nodes = try TemplateData.convert(page.view)
            let dictionaries = try DictionaryData.convert(page.view)
            #expect(nodes is TemplateObject)
            #expect(
                try library.render(nodes, withTemplate: page.template) == library.render(dictionaries, withTemplate: page.template),
                "\(page.path)")
        }
    }

    struct Row: Encodable { var name: String; var note: String?; var n: Int; var on: Bool; var tags: [String] }
    struct View: Encodable {
        var title: String; var note: String; var rows: [Row]; var empty: [Row]; var count: Int; var ratio: Double
        var nested: [[Int]]; var missing: String?
    }

    /// Sections, inverted sections, stack climbing past nil optionals, transforms and
    /// sequence context, in a template a user might write.
    @Test func aTemplateUsingEveryFeatureSeesTheSame() throws {
        let view = View(
            title: "T <&>", note: "outer note",
            rows: [
                Row(name: "a", note: nil, n: 0, on: true, tags: ["x", "y"]),
                Row(name: "b", note: "inner", n: 2, on: false, tags: []),
            ], empty: [], count: 3, ratio: 0.5, nested: [[1, 2], [], [3]], missing: nil)
        let template = try MustacheTemplate(
            string: """
                {{title}} {{{title}}} {{count}} {{ratio}} {{missing}}|{{^missing}}none{{/missing}}
                {{#rows}}[{{name}}/{{note}}/{{n}}/{{on}}{{#on}} on{{/on}}{{^on}} off{{/on}}{{#n}}<{{.}}>{{/n}}\
                {{#first()}}F{{/first()}}{{#last()}}L{{/last()}}{{index()}}{{#tags}}{{.}}{{/tags}}{{^tags}}-{{/tags}}\
                {{count(tags)}}{{#empty(tags)}}E{{/empty(tags)}}{{uppercased(name)}}{{plusone(n)}}]{{/rows}}
                {{^empty}}no rows{{title}}{{/empty}}{{#empty}}never{{/empty}}{{count(rows)}}{{#reversed(rows)}}{{name}}{{/reversed(rows)}}
                {{#first(rows)}}{{name}}{{/first(rows)}} {{#last(rows)}}{{name}}{{/last(rows)}} {{rows.1.name}}
                {{#nested}}({{#.}}{{.}},{{/.}}){{/nested}} {{count(.)}} {{#title}}{{.}}{{/title}} {{#count}}{{.}}{{title}}{{/count}}
                """)
        let rendered = template.render(try TemplateData.convert(view))
        #expect(rendered.contains("[a/outer note/0/true on<0>F0xy2A1][b/inner/2/false off<2>L1-0EB3]"), "\(rendered)")
        #expect(rendered.contains("no rowsT &lt;&amp;&gt;2ba"), "\(rendered)")
        #expect(rendered.contains("(1,2,)()(3,) 7 "), "\(rendered)")
        #expect(try rendered == template.render(DictionaryData.convert(view)))
    }

    /// A view using a super encoder goes the dictionary way and still renders.
    struct Odd: Encodable {
        enum K: String, CodingKey { case a, b }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: K.self)
            try c.encode("A", forKey: .a)
            try "B".encode(to: c.superEncoder(forKey: .b))
        }
    }

    struct Model: PageModel { var kind = "test" }

    struct Broken: Encodable, Sendable {
        struct Refused: Error, CustomStringConvertible { var description: String { "the view refused" } }
        func encode(to encoder: Encoder) throws { throw Refused() }
    }

    /// A view that fails to encode stops the page with an error naming it; it never
    /// renders as an empty page.
    @Test func aViewThatFailsToEncodeIsAnError() throws {
        let renderer = try PageRenderer(templates: .defaults, siteTitle: "t")
        let page = Page(path: "accounts/x/index", template: "account", title: "x", model: Model(), view: Broken())
        #expect {
            _ = try renderer.files(page)
        } throws: { error in
            "\(error)".contains("accounts/x/index") && "\(error)".contains("the view refused")
        }
    }

    @Test func aViewTheDirectPathDoesNotFollowFallsBack() throws {
        let data = try TemplateData.convert(Odd())
        #expect(data is [String: Any])
        #expect(try MustacheTemplate(string: "{{a}}{{b}}").render(data) == "AB")
    }
}
