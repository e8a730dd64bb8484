import Mustache

/// Renders compiled templates exactly as swift-mustache renders their source, for the
/// template data Allot makes (`TemplateObject`, `TemplateList`, strings, integers,
/// booleans, doubles, and `DictionaryData`'s dictionaries and arrays): a tag is one
/// dictionary read per level of the context stack and one append. Anything else in the
/// data (which only swift-mustache knows how to treat) makes `render` give up, and the
/// caller renders the page with swift-mustache.
struct CompiledRenderer: Sendable {
    private let templates: [String: CompiledTemplate]
    /// Templates in the library that did not compile: a partial naming one gives up.
    private let uncompiled: Set<String>
    /// swift-mustache's content type before a template's first pragma, and in a partial.
    private let defaultContentType: any MustacheContentType

    struct Unsupported: Error {}

    init?(library: MustacheLibrary, names: [String]) {
        guard let probe = try? MustacheTemplate(string: "{{% CONTENT_TYPE: HTML}}"),
              case .contentType(let html)? = CompiledTemplate(probe)?.nodes.first else { return nil }
        var templates: [String: CompiledTemplate] = [:]
        var uncompiled: Set<String> = []
        for name in names {
            guard let template = library.getTemplate(named: name) else { continue }
            if let compiled = CompiledTemplate(template) { templates[name] = compiled } else { uncompiled.insert(name) }
        }
        self.templates = templates
        self.uncompiled = uncompiled
        self.defaultContentType = html
    }

    /// The rendered text, or nil when swift-mustache has to render it.
    func render(_ object: Any, withTemplate name: String) -> String? {
        guard let template = templates[name] else { return nil }
        var out = ""
        var stack: [Any] = [object]
        do {
            try render(template.nodes, stack: &stack, indentation: nil, contentType: defaultContentType, into: &out)
        } catch {
            return nil
        }
        return out
    }

    private func render(_ nodes: [TemplateNode], stack: inout [Any], indentation: String?,
                        contentType: any MustacheContentType, into out: inout String) throws(Unsupported) {
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

    private func render(_ node: TemplateNode, stack: inout [Any], indentation: String?,
                        contentType: inout any MustacheContentType, into out: inout String) throws(Unsupported) {
        switch node {
        case .text(let text):
            out += text
        case .contentType(let type):
            contentType = type
        case .variable(let path, let escaped):
            guard let value = try lookUp(path, in: stack) else { return }
            let text = try Self.text(of: value)
            out += escaped ? contentType.escapeText(text) : text
        case .section(let path, let nodes, inverted: false):
            let value = try lookUp(path, in: stack)
            switch value {
            case nil:
                return
            case let flag as Bool:
                if flag { try render(nodes, stack: &stack, indentation: indentation, contentType: contentType, into: &out) }
            case let list as TemplateList:
                for item in list.items {
                    stack.append(item)
                    try render(nodes, stack: &stack, indentation: indentation, contentType: contentType, into: &out)
                    stack.removeLast()
                }
            case let value?:
                let items = try Self.items(of: value)
                for item in items ?? [value] {
                    stack.append(item)
                    try render(nodes, stack: &stack, indentation: indentation, contentType: contentType, into: &out)
                    stack.removeLast()
                }
            }
        case .section(let path, let nodes, inverted: true):
            let value = try lookUp(path, in: stack)
            switch value {
            case nil:
                try render(nodes, stack: &stack, indentation: indentation, contentType: contentType, into: &out)
            case let flag as Bool:
                if !flag { try render(nodes, stack: &stack, indentation: indentation, contentType: contentType, into: &out) }
            case let value?:
                guard let items = try Self.items(of: value), items.isEmpty else { return }
                stack.append(value)
                try render(nodes, stack: &stack, indentation: indentation, contentType: contentType, into: &out)
                stack.removeLast()
            }
        case .partial(let name, let indented):
            guard let template = templates[name] else {
                if uncompiled.contains(name) { throw Unsupported() }
                return
            }
            let inner = indented.map { (indentation ?? "") + $0 } ?? indentation
            try render(template.nodes, stack: &stack, indentation: inner, contentType: defaultContentType, into: &out)
        }
    }

    private func lookUp(_ path: TemplatePath, in stack: [Any]) throws(Unsupported) -> Any? {
        switch path.start {
        case .current:
            return stack.last
        case .anchored:
            return try descend(path.names[...], from: stack[stack.count - 1])
        case .climbing:
            let first = path.names[0]
            for object in stack.reversed() {
                if let child = try Self.child(named: first, of: object) {
                    return try descend(path.names.dropFirst(), from: child)
                }
            }
            return nil
        }
    }

    private func descend(_ names: ArraySlice<String>, from object: Any) throws(Unsupported) -> Any? {
        var object = object
        for name in names {
            guard let child = try Self.child(named: name, of: object) else { return nil }
            object = child
        }
        return object
    }

    /// What swift-mustache finds under `name` in `object`: a field of an object or a
    /// dictionary; nothing in a list or a scalar (their reflections have no labels).
    private static func child(named name: String, of object: Any) throws(Unsupported) -> Any? {
        switch object {
        case let object as TemplateObject: return object.child(named: name)
        case is TemplateList, is String, is Int, is Bool, is Double: return nil
        case let dictionary as [String: Any]: return dictionary[name]
        case is [Any]: return nil
        default: throw Unsupported()
        }
    }

    /// A section's items when the value is a list, nil when it is a single value.
    private static func items(of value: Any) throws(Unsupported) -> [Any]? {
        switch value {
        case let list as TemplateList: return list.items
        case is TemplateObject, is String, is Int, is Double, is [String: Any]: return nil
        case let array as [Any]: return array
        default: throw Unsupported()
        }
    }

    /// A value as a variable tag shows it, before escaping: `String(describing:)`, as in swift-mustache.
    private static func text(of value: Any) throws(Unsupported) -> String {
        switch value {
        case let text as String: return text
        case let number as Int: return String(number)
        case let flag as Bool: return flag ? "true" : "false"
        case let number as Double: return number.description
        case is TemplateObject, is TemplateList, is [String: Any], is [Any]: return String(describing: value)
        default: throw Unsupported()
        }
    }
}
