import Foundation
import Testing

@testable import AllotSite

/// Every test of the Mustache specification's required modules (Fixtures/mustache-spec),
/// through Allot's own parser and renderer: none is left to swift-mustache.
@Suite struct MustacheSpecTests {
    static let modules = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections"]

    struct SpecFile: Decodable {
        var tests: [SpecTest]
    }

    struct SpecTest: Decodable {
        var name: String
        var template: String
        var data: JSONValue
        var partials: [String: String]?
        var expected: String
    }

    /// A spec test's data as JSON holds it. A null is left out of its object, as
    /// `TemplateData` leaves out a nil optional.
    indirect enum JSONValue: Decodable {
        case null, bool(Bool), int(Int), double(Double), string(String), list([JSONValue]), object([String: JSONValue])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let flag = try? container.decode(Bool.self) {
                self = .bool(flag)
            } else if let number = try? container.decode(Int.self) {
                self = .int(number)
            } else if let number = try? container.decode(Double.self) {
                self = .double(number)
            } else if let text = try? container.decode(String.self) {
                self = .string(text)
            } else if let list = try? container.decode([JSONValue].self) {
                self = .list(list)
            } else {
                self = .object(try container.decode([String: JSONValue].self))
            }
        }

        var template: TemplateValue? {
            switch self {
            case .null: nil
            case .bool(let flag): .bool(flag)
            case .int(let number): .int(number)
            case .double(let number): .double(number)
            case .string(let text): .string(text)
            case .list(let items): .list(TemplateList(items.compactMap(\.template)))
            case .object(let fields):
                .object(
                    fields.keys.sorted().reduce(into: TemplateObject()) { object, key in
                        if let value = fields[key]!.template { object.set(value, forKey: key) }
                    })
            }
        }
    }

    static func tests(of module: String) throws -> [SpecTest] {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture("mustache-spec/\(module).json")))
        return try JSONDecoder().decode(SpecFile.self, from: data).tests
    }

    @Test(arguments: modules)
    func everyTestOfTheModulePasses(_ module: String) throws {
        let tests = try Self.tests(of: module)
        try #require(!tests.isEmpty)
        for test in tests {
            var sources = test.partials ?? [:]
            sources["spec main template"] = test.template
            let renderer = CompiledRenderer(sources: sources)
            #expect(renderer.uncompiled.isEmpty, "\(module): \(test.name): left to swift-mustache")
            let rendered = renderer.render(value: test.data.template ?? .string(""), withTemplate: "spec main template")
            #expect(rendered == test.expected, "\(module): \(test.name)\n\(test.template)")
        }
    }
}
