import FlyingFox
import FlyingSocks
import Foundation

/// The preview server's public socket. It reads each request's line and headers itself,
/// with limits (`RequestHead`), passes the request to FlyingFox on a loopback socket of its
/// own, and passes the answer back. FlyingFox 0.27.1 reads a line a byte at a time and
/// looks for its end in all of the line read so far: quadratic in the line's length, so a
/// 200 KB request line took 17 s, and two clients sending 1 MB lines held both cores for
/// minutes. Here no line over 8 KB and no head over 16 KB reaches it, and a client that
/// goes away stops the work on its request.
struct FrontDoor: Sendable {
    let listener: Socket
    let inside: sockaddr_in
    let timeouts: ClientTimeouts
    let executor: (any TaskExecutor)?

    /// Accepts clients until accepting fails (as it does when the process runs out of file
    /// descriptors); then every connection is dropped and the error thrown.
    func run() async throws {
        let clients = TimeoutSocketPool(base: HTTPServer.defaultPool(), timeouts: timeouts, executor: executor)
        let relays = HTTPServer.defaultPool()
        try await clients.prepare()
        try await relays.prepare()
        let accepting = try AsyncSocket(socket: listener, pool: clients)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await clients.run() }
            group.addTask { try await relays.run() }
            group.addTask {
                try await withThrowingDiscardingTaskGroup { connections in
                    for try await client in accepting.sockets {
                        connections.addTask { await serve(client, clients: clients, relays: relays) }
                    }
                    throw SocketError.disconnected
                }
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// Answers the requests of one connection in turn, until it closes, asks to close, or
    /// sends a request that is refused.
    private func serve(_ client: AsyncSocket, clients: some AsyncSocketPool, relays: some AsyncSocketPool) async {
        defer { try? client.close() }
        let peer = (try? client.socket.remotePeer()).map(HTTPRequest.Address.make)
        var buffer: [UInt8] = []
        while !Task.isCancelled {
            var scanner = RequestHead.Scanner()
            var reading = RequestHead.read(buffer, &scanner)
            while reading == .needMore {
                guard let more = try? await Self.readSome(client.socket, pool: clients, atMost: RequestHead.headLimit) else { return }
                buffer += more
                reading = RequestHead.read(buffer, &scanner)
            }
            let head: RequestHead
            switch reading {
            case .needMore:
                return
            case .refused(let refusal):
                try? await client.write(Data(refusal.response))
                return
            case .head(let read, let length):
                head = read
                buffer.removeFirst(length)
            }
            while buffer.count < head.bodyLength {
                guard let more = try? await Self.readSome(client.socket, pool: clients, atMost: head.bodyLength - buffer.count)
                else { return }
                buffer += more
            }
            let request = head.forwarded + buffer.prefix(head.bodyLength)
            buffer.removeFirst(head.bodyLength)
            timeouts.requestArrived(from: peer)
            guard await relay(request, to: client, relays: relays), head.keepAlive else { return }
        }
    }

    /// Sends `request` to the server inside and its whole answer to `client`; false when
    /// either side failed, and the client's connection is to be closed.
    private func relay(_ request: [UInt8], to client: AsyncSocket, relays: some AsyncSocketPool) async -> Bool {
        // FlyingFox gives a connection 5 s by default; on a loopback port only a machine too
        // busy to schedule the wait takes longer, and then waiting beats refusing.
        let server: AsyncSocket
        do {
            server = try await AsyncSocket.connected(to: inside, pool: relays, timeout: PreviewServer.answerTimeout)
        } catch {
            let refusal = RequestHead.Refusal(
                status: 503, reason: "Service Unavailable",
                text: "The preview server could not answer (\(PreviewServer.reason(error))); try again.")
            try? await client.write(Data(refusal.response))
            return false
        }
        defer { try? server.close() }
        do {
            try await server.write(Data(request))
            while true {
                let answer: [UInt8]
                do {
                    answer = try await Self.readSome(server.socket, pool: relays, atMost: 65_536)
                } catch SocketError.disconnected {
                    return true
                }
                try await client.write(Data(answer))
            }
        } catch {
            return false
        }
    }

    /// Up to `count` bytes, once there are some; throws `SocketError.disconnected` at the end.
    /// `AsyncSocket.read(atMost:)` reads at most 4 KiB at a time.
    private static func readSome(_ socket: Socket, pool: some AsyncSocketPool, atMost count: Int) async throws -> [UInt8] {
        while true {
            try Task.checkCancellation()
            do {
                return try socket.read(atMost: count)
            } catch SocketError.blocked {
                try await pool.suspendSocket(socket, untilReadyFor: .read)
            }
        }
    }
}
