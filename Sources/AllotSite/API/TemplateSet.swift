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
            throw TemplateError(file: folder, message: "is not a folder of templates")
        }
        var copy = self
        let base = URL(fileURLWithPath: folder).standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return copy }
        for case let relative as String in walker {
            let path = base + "/" + relative
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
                  !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw TemplateError(file: path, message: "cannot be read as UTF-8 text")
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
    /// Markdown text, partials (`partials/*.html`) for HTML inside Markdown, and the
    /// layout (`layout.html`) for HTML; the right pragma is put on each.
    func library() throws -> MustacheLibrary {
        _ = TemplateContentTypes.registered
        var library = MustacheLibrary()
        for path in files.keys.sorted() {
            let text = files[path]!
            let name: String, pragma: String
            if path.hasSuffix(".md"), !path.contains("/") {
                name = String(path.dropLast(3)); pragma = TemplateContentTypes.markdown
            } else if path.hasPrefix("partials/"), path.hasSuffix(".html") {
                name = String(path.dropFirst("partials/".count).dropLast(5)); pragma = TemplateContentTypes.htmlBlock
            } else if path == "layout.html" {
                name = "layout"; pragma = "HTML"
            } else {
                continue
            }
            do {
                library.register(try MustacheTemplate(string: "{{% CONTENT_TYPE: \(pragma)}}" + text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw TemplateError(file: path, message: "line \(error.context.lineNumber): \(error.error) near \"\(error.context.line)\"")
            }
        }
        return library
    }
}

/// A template that cannot be read or parsed.
public struct TemplateError: Error, CustomStringConvertible {
    public var file: String
    public var message: String

    public var description: String { "\(file): \(message)" }
}
