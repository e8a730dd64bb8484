import CFuzzerDriver
import Foundation

/// The `main` of every fuzz target. Built with -DFUZZING (fuzz/run), libFuzzer drives
/// `target`; built normally, it runs `target` on each file named, to replay a corpus or
/// a crash.
public enum FuzzDriver {
    public typealias Target = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    public static func run(_ target: Target) -> Never {
        #if FUZZING
            var argc = CommandLine.argc
            var argv = Optional(CommandLine.unsafeArgv)
            exit(LLVMFuzzerRunDriver(&argc, &argv, target))
        #else
            for path in CommandLine.arguments.dropFirst() {
                let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
                _ = bytes.withUnsafeBufferPointer { target($0.baseAddress, $0.count) }
            }
            exit(0)
        #endif
    }
}
