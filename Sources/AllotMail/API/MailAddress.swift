import Foundation

/// A mailbox: an optional display name and an address (`Maya Chen <maya@example.com>`).
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    public var name: String?
    public var address: String

    /// nil when `address` is not a plain `local@domain` address: no spaces, angle
    /// brackets, quotes, commas, semicolons or control characters, one `@`, a dotted domain.
    public init?(name: String? = nil, address: String) {
        guard Self.isPlainAddress(address) else { return nil }
        self.name = name.map { $0.isEmpty ? nil : $0 } ?? nil
        self.address = address
    }

    /// Reads `Name <address>` or a bare address.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            var name = String(trimmed[..<open]).trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            self.init(name: name, address: String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]))
        } else {
            self.init(address: trimmed)
        }
    }

    public var description: String { name.map { "\($0) <\(address)>" } ?? address }

    /// The part after `@`, for Message-IDs.
    public var domain: String { String(address[address.index(after: address.lastIndex(of: "@")!)...]) }

    static func isPlainAddress(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), s.utf8.count <= 254
        else { return false }
        return s.unicodeScalars.allSatisfy { c in
            c.value > 0x20 && c.value < 0x7F && !"<>()[]\\,;:\"".unicodeScalars.contains(c)
        }
    }
}
