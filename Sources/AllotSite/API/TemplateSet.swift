import AllotSupport
import Foundation
import Mustache

/// The templates, layout, assets and schemas a site is built from, by relative path:
/// `statement.md`, `partials/entries.html`, `layout.html`, `assets/style.css`,
/// `schema/statement.schema.json`. The defaults are built into the binary; a folder
/// of overrides replaces any of them by path and may add new ones.
public struct TemplateSet: Sendable {
    public private(set) var files: [String: String]

    public init(files: [String: String]) { self.files = files }

    /// The default templates shipped in `templates/`, built into the binary.
    public static var defaults: TemplateSet { TemplateSet(files: DefaultTemplates.files) }

    /// These templates with every file under `folder` put in place of the one at the same path.
    public func overriding(withFolder folder: String) throws -> TemplateSet {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw AllotError("is not a folder of templates", path: folder)
        }
        var copy = self
        let base = URL(fileURLWithPath: folder).standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return copy }
        for case let relative as String in walker {
            let path = base + "/" + relative
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
                !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") })
            else { continue }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw AllotError("cannot be read as UTF-8 text", path: path)
            }
            copy.files[relative] = text
        }
        return copy
    }

    /// Files copied to the site as they are: `assets/…` and `schema/…`.
    public var staticFiles: [(path: String, text: String)] {
        files.keys.filter { $0.hasPrefix("assets/") || $0.hasPrefix("schema/") }.sorted().map { ($0, files[$0]!) }
    }

    /// Every template parsed into one library. Markdown pages (`*.md`) escape values for
    /// Markdown text, and are also registered as `<name>.text` for plain text (values as
    /// they are, on one line); partials (`partials/*.html`) escape for HTML inside
    /// Markdown; layouts (`*layout.html`) for HTML; `*.txt` (subjects) are plain text.
    func library() throws -> TemplateLibrary {
        _ = TemplateContentTypes.registered
        var library = MustacheLibrary()
        var owners: [String: String] = [:]
        for path in files.keys.sorted() where !path.hasPrefix("assets/") && !path.hasPrefix("schema/") {
            for (name, pragma) in Self.registrations(path) {
                if let other = owners.updateValue(path, forKey: name) {
                    throw AllotError(
                        "is known as \"\(name)\", like \(other); a page template, a partial and a layout each need a name of their own",
                        path: path)
                }
                do {
                    library.register(try MustacheTemplate(string: "{{% CONTENT_TYPE: \(pragma)}}" + files[path]!), named: name)
                } catch let error as MustacheTemplate.ParserError {
                    throw AllotError("\(error.error) near \"\(error.context.line)\"", path: path, line: error.context.lineNumber)
                }
            }
        }
        return TemplateLibrary(mustache: library, names: owners.keys.sorted())
    }

    /// The names a file is known by in the library, each with its content type.
    static func registrations(_ path: String) -> [(String, String)] {
        if !path.contains("/") && path.hasSuffix(".md") {
            let name = String(path.dropLast(3))
            return [(name, TemplateContentTypes.markdown)]
        }
        if path.hasPrefix("partials/") && path.hasSuffix(".html") {
            return [(String(path.dropFirst("partials/".count).dropLast(5)), TemplateContentTypes.htmlBlock)]
        }
        if !path.contains("/") && path.hasSuffix("layout.html") { return [(String(path.dropLast(5)), "HTML")] }
        if !path.contains("/") && path.hasSuffix(".txt") { return [(String(path.dropLast(4)), TemplateContentTypes.plainLine)] }
        return []
    }
}
