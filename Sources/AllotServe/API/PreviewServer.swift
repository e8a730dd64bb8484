import FlyingFox
import FlyingSocks
import Foundation

/// The preview server: `SitePreviewHandler` behind FlyingFox, which listens on a loopback
/// port of its own behind a front door (`FrontDoor`) that reads each request's line and
/// headers with limits. Every wait on a client ends (`ClientTimeouts`), and nothing is
/// written per request: FlyingFox's own log prints three lines a request, and a terminal or
/// pipe that stops reading them would stall every client.
///
/// Made, it listens on its address (a client may connect before `run` starts); `run`
/// answers until the server stops, and is called once.
public final class PreviewServer: Sendable {
    /// How long `allot serve` waits on a client, in seconds.
    public static let clientTimeout: TimeInterval = 15
    /// How long the server may take to find an answer (open and read a file) before it
    /// answers 500. FlyingFox's `timeout` is this one, not a wait on the client (that is
    /// `ClientTimeouts`): tied to the client timeout, a machine busy enough to take 2 s over
    /// a file made the tests' server answer 500 to requests it would have answered.
    static let answerTimeout: TimeInterval = 120

    /// The port it listens on: the one the system gave when the address asked for port 0.
    public let port: UInt16
    private let listener: Socket
    private let root: String
    private let state: PreviewState
    private let clientTimeout: TimeInterval
    private let inside: HTTPServer
    private let timeouts: ClientTimeouts
    private let executor: (any TaskExecutor)?

    /// `executor` runs the tasks that wait on clients with a deadline (nil: Swift's
    /// concurrency pool); a program that keeps that pool busy gives the server its own.
    public convenience init(
        address: sockaddr_in, root: String, state: PreviewState, clientTimeout: TimeInterval = clientTimeout,
        executor: (any TaskExecutor)? = nil
    ) throws {
        let listener = try Socket(domain: AF_INET)
        let port: UInt16
        do {
            try listener.setValue(true, for: .localAddressReuse)
            try listener.bind(to: address)
            try listener.listen()
            guard case .ip4(_, let given) = try listener.sockname() else { throw SocketError.unsupportedAddress }
            port = given
        } catch {
            try? listener.close()
            throw error
        }
        try self.init(listener: listener, port: port, root: root, state: state, clientTimeout: clientTimeout, executor: executor)
    }

    private init(
        listener: Socket, port: UInt16, root: String, state: PreviewState, clientTimeout: TimeInterval, executor: (any TaskExecutor)?
    ) throws {
        self.listener = listener
        self.port = port
        self.root = root
        self.state = state
        self.clientTimeout = clientTimeout
        self.executor = executor
        timeouts = ClientTimeouts(limit: .seconds(clientTimeout))
        let site = SitePreviewHandler(root: root, state: state)
        let insideTimeouts = ClientTimeouts(limit: .seconds(clientTimeout))
        inside = HTTPServer(
            address: try .inet(ip4: "127.0.0.1", port: 0), timeout: Self.answerTimeout,
            pool: TimeoutSocketPool(base: HTTPServer.defaultPool(), timeouts: insideTimeouts, executor: executor), logger: .disabled,
            handler: ClosureHTTPHandler { request in
                insideTimeouts.requestArrived(from: request.remoteAddress)
                return try await site.handleRequest(request)
            })
    }

    /// A fresh server on the same listening socket, for after `run` stopped with an error:
    /// clients that connect in between wait in the socket's queue, not refused.
    public func again() throws -> PreviewServer {
        try PreviewServer(
            listener: listener, port: port, root: root, state: state, clientTimeout: clientTimeout, executor: executor)
    }

    /// Answers until accepting a connection fails (as it does when the process runs out of
    /// file descriptors) and throws why, having dropped every connection but kept the
    /// listening socket for `again`; or until its task is cancelled, which closes that
    /// socket.
    public func run() async throws {
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.inside.run() }
                defer { group.cancelAll() }
                try await inside.waitUntilListening(timeout: 60)
                guard case .ip4(_, let port) = await inside.listeningAddress else { throw SocketError.unsupportedAddress }
                let door = FrontDoor(
                    listener: listener, inside: try .inet(ip4: "127.0.0.1", port: port), timeouts: timeouts, executor: executor)
                group.addTask { try await door.run() }
                try await group.next()
            }
        } catch {
            if Task.isCancelled { try? listener.close() }
            throw error
        }
        if Task.isCancelled { try? listener.close() }
    }

    /// Why a server stopped, in plain words: the system's own for a socket call that failed.
    public static func reason(_ error: Error) -> String {
        guard case SocketError.failed(_, let code, _) = error else { return error.localizedDescription }
        return String(cString: strerror(code)).lowercased()
    }

    /// Why a port cannot be listened on, to follow "port N on HOST".
    public static func whyNotListening(_ error: Error) -> String {
        if case SocketError.failed(_, let code, _) = error, code == EADDRINUSE { return "is in use by another program" }
        return "cannot be listened on: " + reason(error)
    }
}
