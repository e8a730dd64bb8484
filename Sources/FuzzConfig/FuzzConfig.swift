import Allot
import AllotImport
import AllotLedger
import Foundation
import FuzzSupport

/// Any text as allot.toml: a config or a clear error, never a crash; and a config that
/// is read holds only values inside spec §1–§2's ranges.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let config = try? ProjectConfig.parse(text, file: "allot.toml") else { return 0 }
    let settings = config.settings
    precondition(LedgerLimits.days.contains(settings.warnDays), "warn_days outside its range")
    precondition(LedgerLimits.refundDelayHours.contains(settings.refundDelayHours), "refund_delay_hours outside its range")
    for bonus in settings.bonuses + config.comparisons.flatMap(\.bonuses) {
        precondition(LedgerLimits.credits.contains(bonus.amount), "a bonus outside its range")
        precondition((1970..<2200).contains(bonus.month.year), "a bonus month outside the ledger's years")
    }
    precondition(config.asOf.map(LedgerLimits.instants.contains) ?? true, "as_of outside the instants a ledger holds")
    return 0
}

@main
enum Driver {
    static func main() { FuzzDriver.run { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) } }
}
