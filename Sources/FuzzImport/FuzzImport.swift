import AllotImport
import AllotLedger
import Foundation
import FuzzSupport

/// Any bytes as a seats or events file: read, parse and validate against an empty
/// ledger. Errors are expected; a crash, a hang or a trap is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let table = try? SourceReader.read(bytes, file: "fuzz.csv") else { return 0 }
    let parser = RowParser(calendar: .utc)
    _ = parser.seats(table)
    _ = parser.events(table)
    var ledger = MemoryLedger()
    _ = try? BatchValidator(calendar: .utc).validate([table], into: &ledger)
    return 0
}

@main
enum Driver {
    static func main() { FuzzDriver.run { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) } }
}
