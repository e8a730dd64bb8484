import AllotImport
import AllotLedger
import Foundation
import FuzzSupport

/// Any bytes as a seats or events file: read, parse and validate against an empty
/// ledger. Errors are expected; a crash, a hang or a trap is a bug, and so is a row
/// read with an amount or instant outside spec §1–§2's ranges, or a CSV file read whole
/// although it ends inside a quoted field.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let table = try? SourceReader.read(bytes, file: "fuzz.csv") else { return 0 }
    if bytes.first(where: { $0 > 0x20 }) != UInt8(ascii: "{") { precondition(!endsInsideAQuote(bytes), "a quote left open was read") }
    let parser = RowParser(calendar: .utc)
    for seat in parser.seats(table).seats {
        precondition(LedgerLimits.instants.contains(seat.value.opened), "a seat opened outside the instants a ledger holds")
    }
    for event in parser.events(table).events {
        precondition(LedgerLimits.instants.contains(event.value.time), "an event outside the instants a ledger holds")
        precondition(event.value.amount.map(LedgerLimits.eventAmount.contains) ?? true, "an amount outside spec §2's range")
    }
    var ledger = MemoryLedger()
    _ = try? BatchValidator(calendar: .utc).validate([table], into: &ledger)
    return 0
}

/// Whether the file ends inside a quoted field, told apart from the reader: a quote opens
/// a field only at its start, and inside one a quote closes it only before a comma, a
/// line end or the end; any other quote stands for itself with the character after it.
func endsInsideAQuote(_ bytes: [UInt8]) -> Bool {
    var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var atFieldStart = true
    while i < bytes.count {
        let c = bytes[i]
        if atFieldStart, c == UInt8(ascii: "\"") {
            i += 1
            while true {
                guard i < bytes.count else { return true }
                if bytes[i] == UInt8(ascii: "\"") {
                    guard i + 1 < bytes.count else { return false }
                    let d = bytes[i + 1]
                    if d == UInt8(ascii: ",") || d == 0x0A || d == 0x0D { break }
                    i += d < 0x80 ? 2 : d < 0xE0 ? 3 : d < 0xF0 ? 4 : 5
                } else {
                    i += 1
                }
            }
            i += 1
            atFieldStart = false
            continue
        }
        atFieldStart = c == UInt8(ascii: ",") || c == 0x0A || c == 0x0D
        i += 1
    }
    return false
}

@main
enum Driver {
    static func main() { FuzzDriver.run { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) } }
}
