/// SHA-256 (FIPS 180-4), for content hashes and Message-IDs that must be the same on
/// every machine.
package enum SHA256 {
    package static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        hexString(digest(bytes))
    }

    package static func digest<S: Sequence>(_ bytes: S) -> [UInt8] where S.Element == UInt8 {
        var hasher = Hasher()
        if bytes.withContiguousStorageIfAvailable({ hasher.update($0) }) == nil {
            let copy = Array(bytes)
            copy.withUnsafeBufferPointer { hasher.update($0) }
        }
        return hasher.finalize()
    }

    /// Lowercase hex of a digest.
    package static func hexString(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digest.count * 2)
        for b in digest { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Hashes a message fed in pieces: a large file need not be held whole.
    package struct Hasher: Sendable {
        private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
            (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
        private var pending: [UInt8] = []
        private var length: UInt64 = 0

        package init() { pending.reserveCapacity(64) }

        package mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard var p = bytes.baseAddress else { return }
            var n = bytes.count
            length &+= UInt64(n)
            if !pending.isEmpty {
                let take = min(64 - pending.count, n)
                pending.append(contentsOf: UnsafeBufferPointer(start: p, count: take))
                p += take; n -= take
                guard pending.count == 64 else { return }
                pending.withUnsafeBufferPointer { Self.compress(&h, $0.baseAddress!, blocks: 1) }
                pending.removeAll(keepingCapacity: true)
            }
            let blocks = n / 64
            if blocks > 0 { Self.compress(&h, p, blocks: blocks) }
            p += blocks * 64; n -= blocks * 64
            if n > 0 { pending.append(contentsOf: UnsafeBufferPointer(start: p, count: n)) }
        }

        package mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { update($0) } }

        package mutating func finalize() -> [UInt8] {
            let bitLength = length &* 8
            var tail = pending
            tail.append(0x80)
            while tail.count % 64 != 56 { tail.append(0) }
            for i in (0..<8).reversed() { tail.append(UInt8(truncatingIfNeeded: bitLength >> (UInt64(i) * 8))) }
            tail.withUnsafeBufferPointer { Self.compress(&h, $0.baseAddress!, blocks: tail.count / 64) }
            var out: [UInt8] = []
            out.reserveCapacity(32)
            for v in [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7] {
                for shift in [24, 16, 8, 0] as [UInt32] { out.append(UInt8(truncatingIfNeeded: v >> shift)) }
            }
            return out
        }

        @inline(__always) private static func rotate(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 - n) }

        private static func compress(
            _ h: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
            _ data: UnsafePointer<UInt8>, blocks: Int
        ) {
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                k.withUnsafeBufferPointer { k in
                    var p = data
                    for _ in 0..<blocks {
                        for i in 0..<16 {
                            let b = p + i * 4
                            w[i] = UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
                        }
                        for i in 16..<64 {
                            let x = w[i - 15], y = w[i - 2]
                            let s0 = rotate(x, 7) ^ rotate(x, 18) ^ (x >> 3)
                            let s1 = rotate(y, 17) ^ rotate(y, 19) ^ (y >> 10)
                            w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                        }
                        var (a, b, c, d, e, f, g, hh) = h
                        for i in 0..<64 {
                            let sum1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
                            let choice = (e & f) ^ (~e & g)
                            let t1 = hh &+ sum1 &+ choice &+ k[i] &+ w[i]
                            let sum0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
                            let majority = (a & b) ^ (a & c) ^ (b & c)
                            let t2 = sum0 &+ majority
                            hh = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
                        }
                        h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
                        p += 64
                    }
                }
            }
        }
    }

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]
}
