import Mustache

/// A template as swift-mustache parsed it, read once into nodes that render without
/// swift-mustache's per-tag work (splitting the name, casting the value to five protocols
/// at every level of the context stack). swift-mustache stays the parser: its token tree
/// is read through reflection, so whitespace, standalone lines and partial indentation
/// are exactly its own. A template using what the nodes do not cover (transforms,
/// inheritance blocks, dynamic partials) does not compile and is rendered by
/// swift-mustache instead.
struct CompiledTemplate: Sendable {
    let nodes: [TemplateNode]

    /// Nil when the template uses something only swift-mustache renders, or when its
    /// token tree is not shaped as this version of swift-mustache shapes it.
    init?(_ template: MustacheTemplate) {
        guard let nodes = Self.nodes(of: template) else { return nil }
        self.nodes = nodes
    }

    private static func nodes(of template: MustacheTemplate) -> [TemplateNode]? {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value as? [Any]
        else { return nil }
        var nodes: [TemplateNode] = []
        nodes.reserveCapacity(tokens.count)
        for token in tokens {
            guard let node = node(of: token) else { return nil }
            nodes.append(node)
        }
        return nodes
    }

    private static func node(of token: Any) -> TemplateNode? {
        let mirror = Mirror(reflecting: token)
        guard mirror.displayStyle == .enum, let token = mirror.children.first, let kind = token.label else { return nil }
        let fields = Mirror(reflecting: token.value).children.map(\.value)
        switch kind {
        case "text":
            return (token.value as? String).map(TemplateNode.text)
        case "variable", "unescapedVariable":
            guard fields.count == 2, let name = fields[0] as? String, let transforms = fields[1] as? [String],
                transforms.isEmpty, let path = TemplatePath(name)
            else { return nil }
            return .variable(path, escaped: kind == "variable")
        case "section", "invertedSection":
            guard fields.count == 3, let name = fields[0] as? String, let transforms = fields[1] as? [String],
                transforms.isEmpty, let path = TemplatePath(name), let inner = fields[2] as? MustacheTemplate,
                let nodes = nodes(of: inner)
            else { return nil }
            return .section(path, nodes, inverted: kind == "invertedSection")
        case "partial":
            guard fields.count == 3, let name = fields[0] as? String,
                let indentation = optional(fields[1], as: String.self),
                let inherits = optional(fields[2], as: [String: MustacheTemplate].self), inherits == nil
            else { return nil }
            return .partial(name, indentation: indentation)
        case "contentType":
            return (token.value as? any MustacheContentType).map(TemplateNode.contentType)
        default:
            return nil
        }
    }

    /// An `Optional<T>` held in an `Any`: `.some(nil)` when it is nil, nil when it is not a `T?`.
    private static func optional<T>(_ value: Any, as type: T.Type) -> T?? {
        guard let optional = value as? T? else { return nil }
        return .some(optional)
    }
}

indirect enum TemplateNode: Sendable {
    case text(String)
    case variable(TemplatePath, escaped: Bool)
    case section(TemplatePath, [TemplateNode], inverted: Bool)
    case partial(String, indentation: String?)
    case contentType(any MustacheContentType)
}

/// A tag's name, as swift-mustache resolves it: `.` is the current object; `.a.b` starts
/// at the current object; `a.b` finds `a` in the nearest object of the context stack that
/// has it, then goes down.
struct TemplatePath: Sendable {
    enum Start { case current, anchored, climbing }

    let start: Start
    let names: [String]

    init?(_ name: String) {
        if name == "." {
            start = .current
            names = []
        } else if name.isEmpty {
            return nil
        } else {
            start = name.first == "." ? .anchored : .climbing
            names = name.split(separator: ".").map(String.init)
            if start == .climbing && names.isEmpty { return nil }
        }
    }
}
