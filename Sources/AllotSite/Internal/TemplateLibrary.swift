import AllotSupport
import Mustache

/// The parsed templates of a `TemplateSet`, by name. A page is rendered by the compiled
/// renderer when its template and data allow, and by swift-mustache otherwise; both give
/// the same text.
struct TemplateLibrary: Sendable {
    let mustache: MustacheLibrary
    let compiled: CompiledRenderer?

    init(mustache: MustacheLibrary, names: [String]) {
        self.mustache = mustache
        self.compiled = CompiledRenderer(library: mustache, names: names)
    }

    func contains(_ name: String) -> Bool { mustache.getTemplate(named: name) != nil }

    /// The template filled with `view`.
    func render(_ view: Any, withTemplate name: String) throws(AllotError) -> String {
        if let text = compiled?.render(view, withTemplate: name) { return text }
        guard let text = mustache.render(view, withTemplate: name) else {
            throw AllotError("is not a template Allot knows", path: name)
        }
        return text
    }
}
