import AllotSupport
import Foundation
import Mustache

/// The templates, layout, assets and schemas a site is built from, by relative path:
/// `statement.md`, `partials/entries.html`, `layout.html`, `assets/style.css`,
/// `schema/statement.schema.json`. The defaults are built into the binary; a folder
/// of overrides replaces any of them by path and may add new ones.
public struct TemplateSet: Sendable {
    public private(set) var files: [String: String]
    /// Where each file an override folder put in place is, as the user named the folder:
    /// what an error about that file names.
    private(set) var origins: [String: String] = [:]
    /// One sentence for each override file that nothing uses (a misspelt name, most often).
    public private(set) var warnings: [String] = []

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
        let shownFolder = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
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
            copy.origins[relative] = shownFolder + "/" + relative
        }
        copy.warnings = copy.unusedOverrides()
        return copy
    }

    /// Override files that are not a built-in template's path, not copied as they are
    /// (`assets/`, `schema/`) and not included by any template, and whose names are a near
    /// miss of a built-in one (`statment.md`): no page shows them. A name unlike any
    /// built-in one is a plugin report's own template (`leaderboard.md`), not a mistake.
    private func unusedOverrides() -> [String] {
        let templates = files.filter { !$0.key.hasPrefix("assets/") && !$0.key.hasPrefix("schema/") }
        let included = Set(templates.values.flatMap { (try? TemplateSyntax($0))?.inclusions.map(\.name) ?? [] })
        return origins.keys.sorted().compactMap { path in
            if DefaultTemplates.files[path] != nil || path.hasPrefix("assets/") || path.hasPrefix("schema/")
                || Self.registrations(path).contains(where: { included.contains($0.0) })
            {
                return nil
            }
            guard let near = TemplateNames.closest(to: path, among: DefaultTemplates.files.keys.sorted()) else { return nil }
            return "\(origins[path]!) matches no template and no template includes it, so it is not used; did you mean \(near)?"
        }
    }

    /// The path an error about `path` names: the override file, else the built-in name.
    private func shown(_ path: String) -> String { origins[path] ?? path }

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
        var syntax: [String: TemplateSyntax] = [:]
        var sources: [String: String] = [:]
        for path in files.keys.sorted() where !path.hasPrefix("assets/") && !path.hasPrefix("schema/") {
            let registrations = Self.registrations(path)
            guard !registrations.isEmpty else { continue }
            let parsed: TemplateSyntax
            do {
                parsed = try TemplateSyntax(files[path]!)
            } catch {
                throw AllotError(error.message, path: shown(path), line: error.line, column: error.column)
            }
            for (name, pragma) in registrations {
                if let other = owners.updateValue(path, forKey: name) {
                    throw AllotError(
                        "is known as \"\(name)\", like \(shown(other)); a page template, a partial and a layout each need a name of their own",
                        path: shown(path))
                }
                syntax[name] = parsed
                let pragmaTag = "{{% CONTENT_TYPE: \(pragma)}}"
                sources[name] = pragmaTag + files[path]!
                do {
                    library.register(try MustacheTemplate(string: sources[name]!), named: name)
                } catch let error as MustacheTemplate.ParserError {
                    let line = error.context.lineNumber
                    throw AllotError(
                        TemplateSyntax.sentence(for: error.error), path: shown(path), line: line,
                        column: line == 1 ? max(1, error.context.columnNumber - pragmaTag.count) : error.context.columnNumber)
                }
            }
        }
        var inclusions = TemplateInclusions(syntax: syntax)
        for name in owners.keys.sorted() {
            do {
                try inclusions.check(name)
            } catch {
                throw AllotError(error.message, path: shown(owners[error.template]!), line: error.line, column: error.column)
            }
        }
        return TemplateLibrary(mustache: library, sources: sources)
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
