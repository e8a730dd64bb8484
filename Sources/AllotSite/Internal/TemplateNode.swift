import Mustache

/// A template read by `TemplateParser`, as the compiled renderer walks it.
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
