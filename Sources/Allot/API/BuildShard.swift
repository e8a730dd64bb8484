import AllotSupport

/// One part of a build spread over several processes or machines: shard `index` of
/// `count` (0 ≤ index < count, as a Kubernetes Indexed Job numbers its pods) renders the
/// teams whose id hashes to `index`. The hash is the first 8 bytes of the SHA-256 of the
/// team id's UTF-8, read big-endian, modulo `count`: it depends on nothing but the id, so
/// every machine agrees, and adding a team moves no other team to another shard.
public struct BuildShard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, (0..<count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// `K/N`, e.g. `0/3`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    /// `K/N`.
    public var description: String { "\(index)/\(count)" }

    /// The shard of `count` that renders `team`.
    public static func index(of team: String, count: Int) -> Int {
        precondition(count >= 1, "a build has at least one shard")
        let digest = SHA256.digest(Array(team.utf8))
        let prefix = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(prefix % UInt64(count))
    }

    /// Whether this shard renders `team`.
    public func holds(team: String) -> Bool { Self.index(of: team, count: count) == index }
}
