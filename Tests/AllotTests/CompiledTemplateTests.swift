import Foundation
import Mustache
import PropertyBased
import Testing

@testable import Allot
@testable import AllotReports
@testable import AllotSite

/// The compiled renderer must give swift-mustache's text, byte for byte, for every
/// built-in template and for templates a user might write; what it does not cover falls
/// back to swift-mustache.
@Suite(.cleansScratch) struct CompiledTemplateTests {
    @Test func everyBuiltInTemplateCompiles() throws {
        let library = try TemplateSet.defaults.library()
        for path in TemplateSet.defaults.files.keys.sorted() {
            for (name, _) in TemplateSet.registrations(path) {
                #expect(library.compiled.compiled(name), "\(path) as \(name)")
            }
        }
    }

    @Test(arguments: ["transition", "edges"])
    func everyPageOfAFixtureRendersAsSwiftMustacheDoes(_ fixture: String) throws {
        let library = try TemplateSet.defaults.library()
        let compiled = library.compiled
        for page in try TemplateDataTests.pages(fixture) {
            let view = try TemplateData.convert(page.view)
            let fast = try #require(compiled.render(view, withTemplate: page.template), "\(page.path)")
            #expect(fast == library.mustache.render(view, withTemplate: page.template), "\(page.path)")
            #expect(!fast.isEmpty)
        }
    }

    @Test func hostileTextRendersAsSwiftMustacheDoes() throws {
        let library = try TemplateSet.defaults.library()
        let compiled = library.compiled
        let hostile = "<script>alert('x')</script> *a* [l](javascript:x) \\ `c` & \"q\" \n\n# h \r\t| t |\0 é\u{301} 👩‍👩‍👧"
        let layout = TemplateObject(strings: ["title": hostile, "siteTitle": hostile, "root": "../", "body": hostile, "kind": hostile])
        for name in ["layout", "email-layout", "notice-subject", "notice.text"] {
            #expect(compiled.render(layout, withTemplate: name) == library.mustache.render(layout, withTemplate: name), "\(name)")
        }
    }

    @Test func aTemplateWithTransformsFallsBackToSwiftMustache() throws {
        let library = try TemplateSet(files: ["page.md": "{{uppercased(name)}} {{#rows}}{{index()}}{{/rows}}", "layout.html": "{{{body}}}"])
            .library()
        let view = TemplateObject(strings: ["name": "ana"])
        view.set(.list(TemplateList([.string("x"), .string("y")])), forKey: "rows")
        #expect(library.compiled.render(view, withTemplate: "page") == nil)
        #expect(try library.render(view, withTemplate: "page") == "ANA 01")
    }

    @Test func dataSwiftMustacheAloneUnderstandsFallsBack() throws {
        let library = try TemplateSet(files: ["page.md": "{{#s}}{{.}}{{/s}}", "layout.html": "{{{body}}}"]).library()
        let view: [String: Any] = ["s": Set(["only"])]
        #expect(library.compiled.render(view, withTemplate: "page") == nil)
        #expect(try library.render(view, withTemplate: "page") == "only")
    }

    /// Random templates (sections, inverted sections, partials at any indentation,
    /// standalone lines, comments, dotted names, pragmas, set delimiters) over random data, both ways.
    @Test func randomTemplatesRenderAsSwiftMustacheDoes() async throws {
        _ = TemplateContentTypes.registered
        await propertyCheck(count: 400, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var rng = SeededRandom(seed: seed)
            var library = MustacheLibrary()
            var sources: [String: String] = [:]
            var drawer = TemplateDrawer()
            let leaf = drawer.template(&rng, depth: 2, partials: [])
            let middle = drawer.template(&rng, depth: 2, partials: ["leaf", "absent"])
            let main = drawer.template(&rng, depth: 3, partials: ["leaf", "middle", "absent"])
            for (name, text) in [("leaf", leaf), ("middle", middle), ("main", main)] {
                let pragma = ["MARKDOWN", "HTML_BLOCK", "PLAIN_LINE", "HTML", "TEXT"].randomElement(using: &rng)!
                sources[name] = "{{% CONTENT_TYPE: \(pragma)}}" + text
                guard let template = try? MustacheTemplate(string: sources[name]!) else { return }
                library.register(template, named: name)
            }
            let renderer = CompiledRenderer(sources: sources)
            let view = DataDrawer().object(&rng, depth: 3)
            let fast = renderer.render(view, withTemplate: "main")
            // The one text drawn here the parser leaves to swift-mustache on purpose: an
            // opening delimiter right before a line break, which swift-mustache reads as text.
            let leftOnPurpose = [leaf, middle, main].contains { $0.contains("{{\n") || $0.contains("{{\r\n") }
            #expect(renderer.uncompiled.isEmpty || leftOnPurpose, "template: \(main)\nmiddle: \(middle)\nleaf: \(leaf)")
            if renderer.uncompiled.isEmpty {
                #expect(fast == library.render(view, withTemplate: "main"), "template: \(main)\nmiddle: \(middle)\nleaf: \(leaf)")
            } else {
                // Left to swift-mustache: the compiled renderer renders none of it.
                #expect(fast == nil)
            }
            // The same data as plain dictionaries and arrays is swift-mustache's alone, and reads the same.
            #expect(renderer.render(DataDrawer.dictionaries(.object(view)), withTemplate: "main") == nil)
        }
    }
}

/// Mustache text drawn from the features the compiled renderer covers.
private struct TemplateDrawer {
    static let names = ["a", "b", "list", "flag", "n", "obj", "none", "obj.a", "obj.list", ".a", "."]
    static let texts = ["x", " ", "\n", "  ", "\r\n", "<&>\"'", "*y* ", "\t", "é", "\n  ", "{", "}", "<%"]

    mutating func template(_ rng: inout SeededRandom, depth: Int, partials: [String]) -> String {
        var out = ""
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            let lineStart = Bool.random(using: &rng)
            if lineStart { out += "\n" + String(repeating: " ", count: Int.random(in: 0...3, using: &rng)) }
            out += piece(&rng, depth: depth, partials: partials)
            if lineStart && Bool.random(using: &rng) { out += "\n" }
        }
        return out
    }

    mutating func piece(_ rng: inout SeededRandom, depth: Int, partials: [String]) -> String {
        let name = Self.names.randomElement(using: &rng)!
        switch Int.random(in: 0..<11, using: &rng) {
        case 0, 1: return Self.texts.randomElement(using: &rng)!
        case 2: return "{{\(name)}}"
        case 3: return Bool.random(using: &rng) ? "{{{\(name)}}}" : "{{& \(name) }}"
        case 4 where depth > 0, 5 where depth > 0:
            let open = Bool.random(using: &rng) ? "#" : "^"
            return "{{\(open)\(name)}}" + template(&rng, depth: depth - 1, partials: partials) + "{{/\(name)}}"
        case 6 where !partials.isEmpty: return "{{> \(partials.randomElement(using: &rng)!)}}"
        case 7: return "{{! a comment }}"
        case 8: return "{{% CONTENT_TYPE: \(["HTML", "TEXT", "MARKDOWN"].randomElement(using: &rng)!)}}"
        case 9: return "{{=<% %>=}}<%\(name)%><%#\(name)%>x<%/\(name)%><%={{ }}=%>"
        default: return "{{ \(name) }}"
        }
    }
}

/// Template data as `TemplateData` makes it: objects, lists, strings, numbers, flags.
private struct DataDrawer {
    func object(_ rng: inout SeededRandom, depth: Int) -> TemplateObject {
        let object = TemplateObject()
        for name in ["a", "b", "list", "flag", "n", "obj"] where Int.random(in: 0..<4, using: &rng) > 0 {
            object.set(value(&rng, depth: depth), forKey: name)
        }
        return object
    }

    func value(_ rng: inout SeededRandom, depth: Int) -> TemplateValue {
        switch Int.random(in: 0..<(depth > 0 ? 9 : 6), using: &rng) {
        case 0, 1: return .string(["", "v", "<b>&amp;", "line\nbreak", " edge ", "*", "0"].randomElement(using: &rng)!)
        case 2: return .int(Int.random(in: -3...3, using: &rng))
        case 3: return .bool(Bool.random(using: &rng))
        case 4: return .double([0.5, -1.25, 1e-7, 3.0].randomElement(using: &rng)!)
        case 5: return .list(TemplateList())
        case 6, 7: return .list(TemplateList((0..<Int.random(in: 1...3, using: &rng)).map { _ in value(&rng, depth: depth - 1) }))
        default: return .object(object(&rng, depth: depth - 1))
        }
    }

    /// The same data as `DictionaryData` makes it: dictionaries and arrays.
    static func dictionaries(_ value: TemplateValue) -> Any {
        switch value {
        case .object(let object): return object.fields.mapValues { dictionaries(any: $0) }
        case .list(let list): return list.items.map(dictionaries)
        default: return value.any
        }
    }

    private static func dictionaries(any value: Any) -> Any {
        switch value {
        case let object as TemplateObject: return dictionaries(.object(object))
        case let list as TemplateList: return dictionaries(.list(list))
        default: return value
        }
    }
}
