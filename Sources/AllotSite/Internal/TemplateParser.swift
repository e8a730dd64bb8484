import Mustache

/// Mustache text read into `TemplateNode`s: the language of the Mustache specification's
/// required modules (interpolation, sections, inverted sections, comments, partials and
/// set delimiters) and the `{{% CONTENT_TYPE: NAME}}` pragma. Text, standalone lines and
/// the indentation of standalone partials come out as swift-mustache reads the same text,
/// token for token, so that the renderer gives its output byte for byte.
///
/// What the specification's required modules do not have (transforms such as
/// `{{uppercased(name)}}`, inheritance, blocks, dynamic partials) is not read here: the
/// parser gives up, and swift-mustache, through its public API, renders that template.
/// So does text swift-mustache refuses (`TemplateSet` reports its errors when it loads the
/// set) and the rare text where reading bytes and reading characters could differ: a
/// delimiter joined to a combining mark, a tag holding a line break or other non-ASCII.
struct TemplateParser {
    /// A content type as a template's pragma names it.
    typealias ContentTypes = [String: any MustacheContentType]

    struct GivesUp: Error {}

    private let bytes: [UInt8]
    private let contentTypes: ContentTypes
    private var i = 0

    private struct State {
        var section: [UInt8]?
        var newLine = true
        var open: [UInt8] = Array("{{".utf8)
        var close: [UInt8] = Array("}}".utf8)
    }

    /// The nodes of `text`, or nil when swift-mustache has to read it.
    static func nodes(of text: String, contentTypes: ContentTypes) -> [TemplateNode]? {
        var parser = TemplateParser(bytes: Array(text.utf8), contentTypes: contentTypes)
        return try? parser.parse(State())
    }

    private init(bytes: [UInt8], contentTypes: ContentTypes) {
        self.bytes = bytes
        self.contentTypes = contentTypes
    }

    private mutating func parse(_ entered: State) throws(GivesUp) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var state = entered
        var spaceBefore: ArraySlice<UInt8> = []
        func flushSpace() {
            if !spaceBefore.isEmpty { nodes.append(.text(Self.string(spaceBefore))) }
            spaceBefore = []
        }
        while i < bytes.count {
            if state.newLine {
                let start = i
                while i < bytes.count && (bytes[i] == Self.space || bytes[i] == Self.tab) { i += 1 }
                spaceBefore = bytes[start..<i]
            }
            let (text, stop) = try readText(state)
            if case .lineBreak(let length) = stop {
                nodes.append(.text(Self.string(spaceBefore) + Self.string(text) + Self.string(bytes[i..<i + length])))
                i += length
                state.newLine = true
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(Self.string(spaceBefore) + Self.string(text)))
                spaceBefore = []
                state.newLine = false
            }
            guard stop == .tag else { break }
            var newLine = false
            switch bytes[i] {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = bytes[i] == UInt8(ascii: "^")
                i += 1
                let name = try readName(state)
                if isStandalone(state) { newLine = true } else { flushSpace() }
                var inner = state
                inner.section = name
                if !newLine { inner.newLine = false }
                let nodesInside = try parse(inner)
                nodes.append(.section(try Self.path(name), nodesInside, inverted: inverted))
            case UInt8(ascii: "/"):
                i += 1
                guard try readName(state) == state.section else { throw GivesUp() }
                if !isStandalone(state) { flushSpace() }
                return nodes
            case UInt8(ascii: "!"):
                i += 1
                try skipComment(state)
                newLine = isStandalone(state)
            case UInt8(ascii: "{"):
                flushSpace()
                i += 1
                let name = try readName(state)
                guard i < bytes.count && bytes[i] == UInt8(ascii: "}") else { throw GivesUp() }
                i += 1
                try checkJoin(at: i)
                nodes.append(.variable(try Self.path(name), escaped: false))
            case UInt8(ascii: "&"):
                flushSpace()
                i += 1
                nodes.append(.variable(try Self.path(try readName(state)), escaped: false))
            case UInt8(ascii: ">"):
                i += 1
                skipWhitespace()
                let name = try readName(state, partial: true)
                guard name.first != UInt8(ascii: "*") else { throw GivesUp() }
                // The line's indentation stays as text, standalone or not.
                if !spaceBefore.isEmpty { nodes.append(.text(Self.string(spaceBefore))) }
                if isStandalone(state) {
                    newLine = true
                    nodes.append(.partial(Self.string(name[...]), indentation: Self.string(spaceBefore)))
                } else {
                    nodes.append(.partial(Self.string(name[...]), indentation: nil))
                }
                spaceBefore = []
            case UInt8(ascii: "="):
                i += 1
                try setDelimiters(&state)
                newLine = isStandalone(state)
            case UInt8(ascii: "%"):
                i += 1
                nodes.append(.contentType(try readPragma(state)))
                newLine = isStandalone(state)
            case UInt8(ascii: "<"), UInt8(ascii: "$"):
                throw GivesUp()
            default:
                flushSpace()
                nodes.append(.variable(try Self.path(try readName(state)), escaped: true))
            }
            state.newLine = newLine
        }
        guard state.section == nil else { throw GivesUp() }
        return nodes
    }

    private enum Stop: Equatable {
        case lineBreak(Int)
        /// `i` is just past the opening delimiter.
        case tag
        case end
    }

    /// Text up to a line break (`\n` or `\r\n`, left unread) or an opening delimiter
    /// (read), or to the end.
    private mutating func readText(_ state: State) throws(GivesUp) -> (ArraySlice<UInt8>, Stop) {
        let start = i
        let first = state.open[0]
        while i < bytes.count {
            let byte = bytes[i]
            if byte == Self.lineFeed { return (bytes[start..<i], .lineBreak(1)) }
            if byte == Self.carriageReturn && i + 1 < bytes.count && bytes[i + 1] == Self.lineFeed {
                return (bytes[start..<i], .lineBreak(2))
            }
            if byte == first && matches(state.open, at: i) {
                let text = bytes[start..<i]
                try checkJoin(at: i)
                i += state.open.count
                try checkJoin(at: i)
                // swift-mustache reads a line break right after the delimiter as the line's end.
                if i < bytes.count && Self.lineBreakLength(at: i, in: bytes) != nil { throw GivesUp() }
                return (text, .tag)
            }
            i += 1
        }
        return (bytes[start..<i], .end)
    }

    /// A name up to the closing delimiter (read), with whitespace either side.
    /// A partial's name may hold `/`; brackets in another name make a transform.
    private mutating func readName(_ state: State, partial: Bool = false) throws(GivesUp) -> [UInt8] {
        let allowed = partial ? Self.partialNameBytes : Self.nameBytes
        skipWhitespace()
        let start = i
        while i < bytes.count && bytes[i] < 0x80 && allowed[Int(bytes[i])] { i += 1 }
        let name = Array(bytes[start..<i])
        skipWhitespace()
        try readClose(state)
        if !partial && name.contains(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")") }) { throw GivesUp() }
        return name
    }

    private mutating func readClose(_ state: State) throws(GivesUp) {
        guard matches(state.close, at: i) else { throw GivesUp() }
        i += state.close.count
        try checkJoin(at: i)
    }

    /// Past the closing delimiter, found as swift-mustache finds it (a partial match that
    /// fails starts again at the next character).
    private mutating func skipComment(_ state: State) throws(GivesUp) {
        var matched = 0
        while i < bytes.count {
            if bytes[i] == state.close[matched] {
                matched += 1
                if matched == state.close.count {
                    i += 1
                    try checkJoin(at: i)
                    return
                }
            } else {
                matched = 0
            }
            i += 1
        }
        throw GivesUp()
    }

    /// `{{=<% %>=}}`: two delimiters between `=` signs.
    private mutating func setDelimiters(_ state: inout State) throws(GivesUp) {
        skipWhitespace()
        var start = i
        while i < bytes.count && !Self.isWhitespace(bytes[i]) { i += 1 }
        guard i < bytes.count else { throw GivesUp() }
        let open = Array(bytes[start..<i])
        skipWhitespace()
        start = i
        while i < bytes.count && bytes[i] != UInt8(ascii: "=") && !Self.isWhitespace(bytes[i]) { i += 1 }
        guard i < bytes.count else { throw GivesUp() }
        let close = Array(bytes[start..<i])
        skipWhitespace()
        guard i < bytes.count && bytes[i] == UInt8(ascii: "=") else { throw GivesUp() }
        i += 1
        try readClose(state)
        guard !open.isEmpty, !close.isEmpty, (open + close).allSatisfy({ $0 < 0x80 }) else { throw GivesUp() }
        state.open = open
        state.close = close
    }

    /// `{{% CONTENT_TYPE: NAME}}`, NAME one of `contentTypes`.
    private mutating func readPragma(_ state: State) throws(GivesUp) -> any MustacheContentType {
        func word() -> [UInt8] {
            let start = i
            while i < bytes.count && bytes[i] < 0x80 && Self.wordBytes[Int(bytes[i])] { i += 1 }
            return Array(bytes[start..<i])
        }
        skipWhitespace()
        let variable = word()
        skipWhitespace()
        guard i < bytes.count && bytes[i] == UInt8(ascii: ":") else { throw GivesUp() }
        i += 1
        skipWhitespace()
        let value = word()
        skipWhitespace()
        try readClose(state)
        guard Self.string(variable[...]) == "CONTENT_TYPE", let type = contentTypes[Self.string(value[...])] else {
            throw GivesUp()
        }
        return type
    }

    /// swift-mustache's test for a standalone tag: the line began before the tag, and only
    /// spaces and tabs follow it to a line break (which is then read) or the end.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if i == bytes.count { return true }
        var j = i
        while j < bytes.count && (bytes[j] == Self.space || bytes[j] == Self.tab) { j += 1 }
        guard j < bytes.count, let length = Self.lineBreakLength(at: j, in: bytes) else { return false }
        i = j + length
        return true
    }

    private mutating func skipWhitespace() {
        while i < bytes.count && Self.isWhitespace(bytes[i]) { i += 1 }
    }

    private func matches(_ delimiter: [UInt8], at position: Int) -> Bool {
        guard position + delimiter.count <= bytes.count else { return false }
        for (k, byte) in delimiter.enumerated() where bytes[position + k] != byte { return false }
        return true
    }

    /// Gives up where a delimiter's first or last character and its non-ASCII neighbour
    /// make one character (a combining mark): swift-mustache, reading characters, would not
    /// see the delimiter there.
    private func checkJoin(at boundary: Int) throws(GivesUp) {
        guard boundary > 0, boundary < bytes.count, bytes[boundary] >= 0x80 || bytes[boundary - 1] >= 0x80 else { return }
        var start = boundary - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        var end = boundary + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        if String(decoding: bytes[start..<end], as: UTF8.self).count == 1 { throw GivesUp() }
    }

    private static func path(_ name: [UInt8]) throws(GivesUp) -> TemplatePath {
        guard let path = TemplatePath(string(name[...])) else { throw GivesUp() }
        return path
    }

    private static func string(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Swift's `Character.isNewline`, as swift-mustache tests the end of a standalone line.
    private static func lineBreakLength(at j: Int, in bytes: [UInt8]) -> Int? {
        switch bytes[j] {
        case carriageReturn: return j + 1 < bytes.count && bytes[j + 1] == lineFeed ? 2 : 1
        case lineFeed, 0x0B, 0x0C: return 1
        case 0xC2 where j + 1 < bytes.count && bytes[j + 1] == 0x85: return 2
        case 0xE2 where j + 2 < bytes.count && bytes[j + 1] == 0x80 && (bytes[j + 2] == 0xA8 || bytes[j + 2] == 0xA9): return 3
        default: return nil
        }
    }

    /// Whitespace inside a tag. Non-ASCII whitespace is left to swift-mustache: a name is
    /// ASCII, so a tag holding any other byte makes `readClose` give up.
    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || (0x09...0x0D).contains(byte) }

    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    private static func byteTable(_ characters: String) -> [Bool] {
        var table = [Bool](repeating: false, count: 128)
        for byte in characters.utf8 { table[Int(byte)] = true }
        return table
    }

    private static let wordCharacters = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*"
    /// A pragma's words: swift-mustache's name characters without brackets.
    private static let wordBytes = byteTable(wordCharacters)
    private static let nameBytes = byteTable(wordCharacters + "()")
    private static let partialNameBytes = byteTable(wordCharacters + "()/")
}
