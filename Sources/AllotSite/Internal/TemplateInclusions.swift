/// The partials templates include, checked across templates: each one named exists, no
/// partial includes itself (through others or not), and sections and partials together
/// nest at most `TemplateSyntax.deepest` deep, so rendering a page cannot recurse without
/// end or overflow the stack.
struct TemplateInclusions {
    struct Problem: Error {
        /// The name of the template holding the tag.
        var template: String
        var line: Int
        var column: Int
        var message: String
    }

    private let syntax: [String: TemplateSyntax]
    /// How deep each template checked so far nests, its partials included.
    private var depths: [String: Int] = [:]

    init(syntax: [String: TemplateSyntax]) {
        self.syntax = syntax
    }

    mutating func check(_ name: String) throws(Problem) {
        var within: [String] = []
        _ = try depth(of: name, within: &within)
    }

    private mutating func depth(of name: String, within: inout [String]) throws(Problem) -> Int {
        if let known = depths[name] { return known }
        guard let template = syntax[name] else { return 0 }
        within.append(name)
        defer { within.removeLast() }
        var deepest = template.depth
        for tag in template.inclusions {
            func problem(_ message: String) -> Problem {
                Problem(template: name, line: tag.line, column: tag.column, message: message)
            }
            guard syntax[tag.name] != nil else {
                throw problem("\(tag.written) includes a partial that does not exist: there is no partials/\(tag.name).html")
            }
            if let start = within.firstIndex(of: tag.name) {
                let chain = (within[start...] + [tag.name]).joined(separator: " → ")
                throw problem("\(tag.written) includes \"\(tag.name)\" inside itself (\(chain)); a partial cannot include itself")
            }
            let nested = try tag.depth + 1 + depth(of: tag.name, within: &within)
            guard nested <= TemplateSyntax.deepest else {
                throw problem(
                    "\(tag.written) nests sections and partials more than \(TemplateSyntax.deepest) deep here; no page needs that many")
            }
            deepest = max(deepest, nested)
        }
        depths[name] = deepest
        return deepest
    }
}
