import FlyingFox
import FlyingSocks
import Foundation

/// The preview server: `SitePreviewHandler` behind FlyingFox, with an end to every wait
/// on a client (`ClientTimeouts`), and nothing written per request: FlyingFox's own log
/// prints three lines a request, and a terminal or pipe that stops reading them would
/// stall every client.
public enum PreviewServer {
    /// How long `allot serve` waits on a client, in seconds.
    public static let clientTimeout: TimeInterval = 15
    /// How long the server may take to find an answer (open and read a file) before it
    /// answers 500. FlyingFox's `timeout` is this one, not a wait on the client (that is
    /// `ClientTimeouts`): tied to the client timeout, a machine busy enough to take 2 s over
    /// a file made the tests' server answer 500 to requests it would have answered.
    static let answerTimeout: TimeInterval = 120

    public static func make(
        address: some SocketAddress, root: String, state: PreviewState, clientTimeout: TimeInterval = clientTimeout
    ) -> HTTPServer {
        let timeouts = ClientTimeouts(limit: .seconds(clientTimeout))
        let site = SitePreviewHandler(root: root, state: state)
        return HTTPServer(
            address: address, timeout: answerTimeout, pool: TimeoutSocketPool(base: HTTPServer.defaultPool(), timeouts: timeouts),
            logger: .disabled,
            handler: ClosureHTTPHandler { request in
                timeouts.requestArrived(from: request.remoteAddress)
                return try await site.handleRequest(request)
            })
    }

    /// Why a server stopped, in plain words: the system's own for a socket call that failed.
    public static func reason(_ error: Error) -> String {
        guard case SocketError.failed(_, let code, _) = error else { return error.localizedDescription }
        return String(cString: strerror(code)).lowercased()
    }
}
