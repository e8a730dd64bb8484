import Allot
import AllotImport
import Foundation
import FuzzSupport

/// Any text as allot.toml: a config or a clear error, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? ProjectConfig.parse(text, file: "allot.toml")
    return 0
}

@main
enum Driver {
    static func main() { FuzzDriver.run { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) } }
}
