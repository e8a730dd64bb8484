/// Checks what TOML 1.0 forbids and the TOML parser underneath (toml++, through
/// TOMLKit) can crash on (found by fuzz/run): control characters other than tab and line
/// ends anywhere, characters outside ASCII outside strings and comments, and in keys and
/// table headers anything but letters, digits, `_`, `-`, `.`, spaces and quoted parts;
/// in values, a `]` or `}` that closes nothing or the wrong bracket, and a line break
/// inside an inline table. Returns the line, column and character of the first one.
enum TOMLPrecheck {
    static func firstForbidden(_ text: String) -> (line: Int, column: Int, scalar: Unicode.Scalar)? {
        enum State { case normal, comment, basic, literal, multiBasic, multiLiteral }
        var state = State.normal
        let s = Array(text.unicodeScalars)
        var line = 1, column = 0, i = 0
        /// At a line's start, in a key or a `[table]` header, until `=` or the closing `]`.
        var inKey = true
        /// Open `[` and `{` of values: a multi-line array continues on the next line.
        var open: [Unicode.Scalar] = []
        /// In a `[table]` header, which must close on its own line.
        var inHeader = false
        var lineStart = true
        func bare(_ c: Unicode.Scalar) -> Bool {
            c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == "-")
        }
        /// Key characters seen on this line, and `[` opening this header.
        var keySeen = false, brackets = 0
        /// Whether `c`, at `i`, may stand in a key or a header (toml++ asserts on others).
        func keyCharacter(_ c: Unicode.Scalar) -> Bool {
            if bare(c) || c == "\"" || c == "'" { return true }
            switch c {
            case " ", "\t", "]": return true
            case "\r": return i + 1 < s.count && s[i + 1] == "\n"
            case "#": return !inHeader && !keySeen
            case "[": return inHeader && !keySeen && brackets < 2
            case "=": return keySeen
            case ".":
                return i > 0 && i + 1 < s.count && (bare(s[i - 1]) || s[i - 1] == "\"" || s[i - 1] == "'")
                    && (bare(s[i + 1]) || s[i + 1] == "\"" || s[i + 1] == "'")
            default: return false
            }
        }
        func starts(_ p: String) -> Bool {
            let q = Array(p.unicodeScalars)
            return i + q.count <= s.count && Array(s[i..<(i + q.count)]) == q
        }
        while i < s.count {
            let c = s[i]
            column += 1
            if c == "\n" {
                if inHeader || (state == .normal || state == .comment) && open.contains("{") { return (line, column, c) }
                line += 1; column = 0; lineStart = true; keySeen = false; brackets = 0
                if state == .comment || state == .basic || state == .literal { state = .normal }
                if state == .normal && open.isEmpty { inKey = true }
                i += 1; continue
            }
            if (c.value < 0x20 && c != "\t" && c != "\r") || c.value == 0x7F { return (line, column, c) }
            switch state {
            case .normal:
                if lineStart && c != " " && c != "\t" {
                    lineStart = false
                    inHeader = c == "["
                }
                if !c.isASCII || (inKey && !keyCharacter(c)) { return (line, column, c) }
                if inKey {
                    if c == "[" { brackets += 1 }
                    if bare(c) || c == "\"" || c == "'" { keySeen = true }
                }
                if inKey {
                    if c == "]" { brackets -= 1 }
                    if c == "=" || (c == "]" && brackets <= 0) { inKey = false; inHeader = false }
                } else if c == "[" || c == "{" {
                    open.append(c)
                } else if c == "]" || c == "}" {
                    guard open.popLast() == (c == "]" ? "[" : "{") else { return (line, column, c) }
                }
                if c == "#" {
                    state = .comment
                } else if starts("\"\"\"") {
                    state = .multiBasic; i += 2; column += 2
                } else if starts("'''") {
                    state = .multiLiteral; i += 2; column += 2
                } else if c == "\"" {
                    state = .basic
                } else if c == "'" {
                    state = .literal
                }
            case .comment: break
            case .basic:
                if c == "\\" { i += 1; column += 1 } else if c == "\"" { state = .normal }
            case .literal:
                if c == "'" { state = .normal }
            case .multiBasic:
                if c == "\\" { i += 1; column += 1 } else if starts("\"\"\"") { state = .normal; i += 2; column += 2 }
            case .multiLiteral:
                if starts("'''") { state = .normal; i += 2; column += 2 }
            }
            i += 1
        }
        return nil
    }
}
