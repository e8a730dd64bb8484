/// What reading one CSV record found: where the next starts, how many fields it has, how
/// many line feeds its quoted fields hold, and a quoted field the file ended inside.
struct CSVRecordShape {
    let next: Int
    let fields: Int
    let newlines: Int
    /// The field still open at the end of the file, and the line feeds before its quote.
    let unclosed: (field: Int, line: Int)?

    @inline(__always)
    init(_ next: Int, _ fields: Int, _ newlines: Int, unclosed: (field: Int, line: Int)? = nil) {
        self.next = next
        self.fields = fields
        self.newlines = newlines
        self.unclosed = unclosed
    }
}
