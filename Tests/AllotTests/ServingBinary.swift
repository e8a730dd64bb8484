import Foundation

/// `allot serve` run as a user runs it, its output written to files so that a test can
/// read the address it printed, and what it said since, while it runs.
struct ServingBinary {
    struct NotServing: Error, CustomStringConvertible { var description: String }

    let process: ChildProcess
    let port: UInt16
    let outputPath: String
    let errorPath: String

    /// Starts `allot serve` with `arguments` and waits (up to 60 s) for its "Serving …" line.
    init(_ arguments: [String]) async throws {
        let folder = TestSupport.scratch()
        outputPath = folder + "/serve.out"
        errorPath = folder + "/serve.err"
        process = try ChildProcess(
            "/bin/sh", ["-c", "exec \"$@\" >\"$0.out\" 2>\"$0.err\"", folder + "/serve", TestSupport.allotBinary, "serve"] + arguments)
        let deadline = Date().addingTimeInterval(60)
        var printed: UInt16?
        while printed == nil && process.isRunning && Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            printed = Self.port(in: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
        }
        guard let printed else {
            process.kill()
            _ = await process.ended()
            throw NotServing(description: "allot serve printed no address: \(Self.read(errorPath))")
        }
        port = printed
    }

    var outputText: String { Self.read(outputPath) }
    var errorText: String { Self.read(errorPath) }

    func stop() async {
        process.kill()
        _ = await process.ended()
    }

    /// The port of the `http://host:port/` address a line of `text` names.
    static func port(in text: String) -> UInt16? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Serving ") }),
            let address = line.split(separator: " ").first(where: { $0.hasPrefix("http://") }),
            let port = address.dropFirst("http://".count).split(separator: "/").first?.split(separator: ":").last
        else { return nil }
        return UInt16(port)
    }

    private static func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
}
