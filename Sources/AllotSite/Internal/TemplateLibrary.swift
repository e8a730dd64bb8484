import AllotSupport
import Mustache

/// The parsed templates of a `TemplateSet`, by name. A page is rendered by the compiled
/// renderer when its template and data allow, and by swift-mustache (through its public
/// API) otherwise: for what only it reads, such as transforms and inheritance. Both give
/// the same text.
struct TemplateLibrary: Sendable {
    let mustache: MustacheLibrary
    let compiled: CompiledRenderer

    /// `sources`: each template's text by name, as `mustache` holds it parsed.
    init(mustache: MustacheLibrary, sources: [String: String]) {
        self.mustache = mustache
        self.compiled = CompiledRenderer(sources: sources)
    }

    func contains(_ name: String) -> Bool { mustache.getTemplate(named: name) != nil }

    /// The template filled with `view`.
    func render(_ view: Any, withTemplate name: String) throws(AllotError) -> String {
        if let text = compiled.render(view, withTemplate: name) { return text }
        guard let text = mustache.render(view, withTemplate: name) else {
            throw AllotError("is not a template Allot knows", path: name)
        }
        return text
    }
}
