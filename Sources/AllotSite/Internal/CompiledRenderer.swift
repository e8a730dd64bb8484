import Mustache

/// Renders the templates `TemplateParser` reads, exactly as swift-mustache renders their
/// source, for the template data `TemplateData` makes (`TemplateValue`s under a
/// `TemplateObject`): a tag is one comparison loop per level of the context stack and one
/// append, with no casts. A template the parser leaves to swift-mustache, or one that
/// includes such a partial, and data `TemplateData` could not make (`DictionaryData`'s
/// dictionaries, anything a caller made by hand) are left to swift-mustache: `render`
/// returns nil.
struct CompiledRenderer: Sendable {
    private let templates: [String: [TemplateNode]]
    /// Templates the parser left to swift-mustache: a partial naming one gives up.
    let uncompiled: Set<String>
    /// The content type before a template's first pragma, and in a partial: HTML, as in
    /// swift-mustache.
    private let defaultContentType: any MustacheContentType

    /// A partial that did not compile: swift-mustache renders the whole text instead.
    struct Unsupported: Error {}

    /// `sources` by template name.
    init(sources: [String: String]) {
        var templates: [String: [TemplateNode]] = [:]
        var uncompiled: Set<String> = []
        for (name, source) in sources {
            if let nodes = TemplateParser.nodes(of: source, contentTypes: TemplateContentTypes.all) {
                templates[name] = nodes
            } else {
                uncompiled.insert(name)
            }
        }
        self.templates = templates
        self.uncompiled = uncompiled
        self.defaultContentType = TemplateContentTypes.all["HTML"]!
    }

    /// Whether the parser read the template named `name`.
    func compiled(_ name: String) -> Bool { templates[name] != nil }

    /// The rendered text, or nil when swift-mustache has to render it.
    func render(_ object: Any, withTemplate name: String) -> String? {
        guard let root = object as? TemplateObject else { return nil }
        return render(value: .object(root), withTemplate: name)
    }

    /// The rendered text with `root` as the context, or nil when swift-mustache has to
    /// render it.
    func render(value root: TemplateValue, withTemplate name: String) -> String? {
        guard let nodes = templates[name] else { return nil }
        var out = ""
        var stack: [TemplateValue] = [root]
        do {
            try render(nodes, stack: &stack, indentation: nil, contentType: defaultContentType, into: &out)
        } catch {
            return nil
        }
        return out
    }

    private func render(
        _ nodes: [TemplateNode], stack: inout [TemplateValue], indentation: String?,
        contentType: any MustacheContentType, into out: inout String
    ) throws(Unsupported) {
        var contentType = contentType
        guard let indentation, !indentation.isEmpty else {
            for node in nodes { try render(node, stack: &stack, indentation: indentation, contentType: &contentType, into: &out) }
            return
        }
        // swift-mustache indents a piece that starts a line of what this call has rendered so far.
        var rendered = ""
        for node in nodes {
            var piece = ""
            try render(node, stack: &stack, indentation: indentation, contentType: &contentType, into: &piece)
            if !piece.isEmpty, rendered.last == "\n" { rendered += indentation }
            rendered += piece
        }
        out += rendered
    }

    private func render(
        _ node: TemplateNode, stack: inout [TemplateValue], indentation: String?,
        contentType: inout any MustacheContentType, into out: inout String
    ) throws(Unsupported) {
        switch node {
        case .text(let text):
            out += text
        case .contentType(let type):
            contentType = type
        case .variable(let path, let escaped):
            guard let value = lookUp(path, in: stack) else { return }
            let text = Self.text(of: value)
            out += escaped ? contentType.escapeText(text) : text
        case .section(let path, let nodes, inverted: false):
            switch lookUp(path, in: stack) {
            case nil:
                return
            case .bool(let flag):
                if flag { try render(nodes, stack: &stack, indentation: indentation, contentType: contentType, into: &out) }
            case .list(let list):
                for item in list.items {
                    stack.append(item)
                    try render(nodes, stack: &stack, indentation: indentation, contentType: contentType, into: &out)
                    stack.removeLast()
                }
            case let value?:
                stack.append(value)
                try render(nodes, stack: &stack, indentation: indentation, contentType: contentType, into: &out)
                stack.removeLast()
            }
        case .section(let path, let nodes, inverted: true):
            let value = lookUp(path, in: stack)
            switch value {
            case nil:
                try render(nodes, stack: &stack, indentation: indentation, contentType: contentType, into: &out)
            case .bool(let flag):
                if !flag { try render(nodes, stack: &stack, indentation: indentation, contentType: contentType, into: &out) }
            case .list(let list) where list.items.isEmpty:
                stack.append(.list(list))
                try render(nodes, stack: &stack, indentation: indentation, contentType: contentType, into: &out)
                stack.removeLast()
            default:
                return
            }
        case .partial(let name, let indented):
            guard let partial = templates[name] else {
                if uncompiled.contains(name) { throw Unsupported() }
                return
            }
            let inner = indented.map { (indentation ?? "") + $0 } ?? indentation
            try render(partial, stack: &stack, indentation: inner, contentType: defaultContentType, into: &out)
        }
    }

    private func lookUp(_ path: TemplatePath, in stack: [TemplateValue]) -> TemplateValue? {
        switch path.start {
        case .current:
            return stack.last
        case .anchored:
            return descend(path.names[...], from: stack[stack.count - 1])
        case .climbing:
            let first = path.names[0]
            var level = stack.count - 1
            while level >= 0 {
                if case .object(let object) = stack[level], let child = object.value(named: first) {
                    return descend(path.names.dropFirst(), from: child)
                }
                level -= 1
            }
            return nil
        }
    }

    /// Down a dotted name: only objects have named children (lists and scalars reflect
    /// no labels in swift-mustache).
    private func descend(_ names: ArraySlice<String>, from value: TemplateValue) -> TemplateValue? {
        var value = value
        for name in names {
            guard case .object(let object) = value, let child = object.value(named: name) else { return nil }
            value = child
        }
        return value
    }

    /// A value as a variable tag shows it, before escaping: `String(describing:)`, as in swift-mustache.
    private static func text(of value: TemplateValue) -> String {
        switch value {
        case .string(let text): text
        case .int(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .double(let number): number.description
        case .object(let object): object.description
        case .list(let list): list.description
        }
    }
}
