import Allot
import AllotImport
import AllotServe
import ArgumentParser
import FlyingFox
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it for preview, and rebuild when the ledger or templates change.",
        discussion: """
            Serves the built site on the loopback address by default. When allot.toml, a source \
            file or a template changes, the site is rebuilt and open pages reload by themselves. \
            A build error is shown in the browser and here, and the last good site stays served. \
            The reload script is added only while serving; built and published files never hold it. \
            A client that takes more than \(Int(PreviewServer.clientTimeout)) seconds to send a \
            request (an idle connection included) or to take an answer is disconnected, and a \
            request line over 8 KB or headers over 16 KB are refused.
            """
    )

    @OptionGroup var project: ProjectOptions

    @Option(help: ArgumentHelp("The address to listen on (IPv4).", valueName: "address"))
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port: UInt16 = 8080

    @Option(help: ArgumentHelp("The folder to build the site into.", valueName: "folder"))
    var out = "site"

    @Option(help: ArgumentHelp("A folder of templates that replace the defaults.", valueName: "folder"))
    var templates: String?

    /// For tests, which would otherwise wait out the timeout.
    @Option(help: .hidden)
    var clientTimeout = PreviewServer.clientTimeout

    func validate() throws {
        try reportingFailures {
            _ = try hostAddress()
            guard clientTimeout > 0 else { throw AllotError("--client-timeout must be more than 0 seconds") }
        }
    }

    func run() async throws {
        let state = PreviewState()
        // Listening before the first build: a busy port is said at once, and a page opened
        // meanwhile is answered once the build is done.
        let first = try listen(on: port, state: state)
        let p = try project.openProject()
        await rebuild(p, state)
        // `--port 0` asks the system for a free port: the one it gave is the one to print,
        // and the one a restarted server listens on again.
        let bound = first.port
        Task { try await Self.keepServing(first) }
        say(
            "Serving \(out)/ at http://\(host):\(bound)/ . Edit the config, the sources or the templates and open pages reload. Press Ctrl-C to stop."
        )
        var watcher = ChangeWatcher(paths: [p.configPath] + p.sourcePaths + [templates ?? p.templatesPath].compactMap { $0 })
        while true {
            try await Task.sleep(for: .milliseconds(500))
            if watcher.changed() { await rebuild(p, state) }
        }
    }

    /// Runs the `first` server, and a fresh one on the same socket a second after each one
    /// stops: a server stops, dropping every connection, when accepting one fails, as it
    /// does when the process runs out of file descriptors under a flood of connections.
    private static func keepServing(_ first: PreviewServer) async throws {
        var server = first
        while true {
            do {
                try await server.run()
            } catch {
                printError("error: the preview server stopped: \(PreviewServer.reason(error)); starting it again")
            }
            while true {
                try await Task.sleep(for: .seconds(1))
                if let fresh = try? server.again() {
                    server = fresh
                    break
                }
            }
        }
    }

    /// A preview server listening on `port` of `--host`; another program on the port stops
    /// the command with a sentence, not a bind error.
    private func listen(on port: UInt16, state: PreviewState) throws -> PreviewServer {
        do {
            return try PreviewServer(address: try hostAddress(port: port), root: out, state: state, clientTimeout: clientTimeout)
        } catch {
            throw AllotError("port \(port) on \(host) \(PreviewServer.whyNotListening(error)); choose another with --port")
        }
    }

    /// The IPv4 address `--host` names (`localhost` is the loopback address).
    private func hostAddress(port: UInt16? = nil) throws -> sockaddr_in {
        let port = port ?? self.port
        let ip = host == "localhost" ? "127.0.0.1" : host
        var parsed = in_addr()
        guard inet_pton(AF_INET, ip, &parsed) == 1, let address = try? sockaddr_in.inet(ip4: ip, port: port) else {
            throw AllotError("--host \(TerminalText.literal(host)) is not an IPv4 address such as 127.0.0.1")
        }
        return address
    }

    private func rebuild(_ p: Project, _ state: PreviewState) async {
        do {
            let fresh = try project.openProject()
            let summary = try fresh.buildSite(into: out, templates: templates)
            await state.built()
            say("Rebuilt: \(summary.written) files written, \(summary.unchanged) unchanged, \(summary.removed) removed.")
        } catch let failure as ImportFailure {
            let text = failure.issues.prefix(20).map { TerminalText.literal($0.description) }.joined(separator: "\n")
            printError("error: the build failed; still serving the last good site:\n" + text)
            await state.failed(text)
        } catch {
            printError("error: the build failed; still serving the last good site: \(error)")
            await state.failed("\(error)")
        }
    }
}
