import FlyingFox
import FlyingSocks
import Foundation

/// How long the preview server waits on a client, so an idle or slow one holds a
/// connection for a bounded time. A request must arrive whole within `limit` of the
/// server's first wait for it (after the connection opens, or after the answer before),
/// which ends both a client that sends nothing and one that sends a byte now and then;
/// each part of an answer must be taken within `limit`. The listening socket waits for
/// new clients without end.
final class ClientTimeouts: @unchecked Sendable {
    let limit: Duration
    /// Not Synchronization's Mutex: ThreadSanitizer does not see its locking on Linux.
    private let lock = NSLock()
    private var pending: [HTTPRequest.Address: Due] = [:]

    /// When the request a connection is sending is due. The socket cookie (unique for
    /// the life of the system) tells the connection from an earlier one that had the
    /// same peer address and ended mid-request.
    private struct Due {
        var cookie: UInt64
        var at: ContinuousClock.Instant
    }

    init(limit: Duration) {
        self.limit = limit
    }

    /// When a wait for `events` on `socket` must end, or nil when it need not.
    func deadline(for socket: Socket, waitingFor events: Socket.Events) -> ContinuousClock.Instant? {
        let now = ContinuousClock.now
        if Self.isListening(socket) { return nil }
        guard events == .read, let peer = try? socket.remotePeer(), let cookie = Self.cookie(of: socket) else {
            return now + limit
        }
        let key = HTTPRequest.Address.make(from: peer)
        return lock.withLock {
            if let due = pending[key], due.cookie == cookie { return due.at }
            // Entries of connections that ended mid-request: any wait on them is long over.
            if pending.count >= 256 { pending = pending.filter { now - $0.value.at < limit } }
            pending[key] = Due(cookie: cookie, at: now + limit)
            return now + limit
        }
    }

    /// The request from `peer` arrived whole: the clock for its next request starts at
    /// the server's first wait for it.
    func requestArrived(from peer: HTTPRequest.Address?) {
        guard let peer else { return }
        _ = lock.withLock { pending.removeValue(forKey: peer) }
    }

    private static func isListening(_ socket: Socket) -> Bool {
        (try? socket.getValue(for: BoolSocketOption(name: SO_ACCEPTCONN))) == true
    }

    private static func cookie(of socket: Socket) -> UInt64? {
        var cookie: UInt64 = 0
        var length = socklen_t(MemoryLayout<UInt64>.size)
        return getsockopt(socket.file.rawValue, SOL_SOCKET, SO_COOKIE, &cookie, &length) == 0 ? cookie : nil
    }
}
