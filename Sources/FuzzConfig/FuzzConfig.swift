import Allot
import CFuzzerDriver
import Foundation

/// Any text as allot.toml: a config or a clear error, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? ProjectConfig.parse(text, file: "allot.toml")
    return 0
}

/// With -DFUZZING (fuzz/run): libFuzzer drives `fuzz`. Without: runs it on each file
/// named, to replay a corpus or a crash.
@main
enum Driver {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = Optional(CommandLine.unsafeArgv)
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) })
        #else
        for path in CommandLine.arguments.dropFirst() {
            let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
            _ = bytes.withUnsafeBufferPointer { fuzz($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
        }
        #endif
    }
}
