import AllotLedger
import Foundation

/// URL-safe, unique folder names for accounts and teams: lowercase ASCII letters,
/// digits and dashes, so no id can reach outside the output folder. Ids are taken in
/// UTF-8 order; one whose name is taken gets the next free `-2`, `-3`, ….
public struct SiteSlugs: Sendable {
    private let accounts: [String: String]
    private let teams: [String: String]

    public init(_ ledger: Ledger) { self.init(accounts: ledger.accounts.map(\.account)) }

    /// Slugs for every seat and team of the site: a build names them from all seats, then
    /// renders one team at a time.
    public init(accounts: [Account]) {
        self.accounts = Self.assign(accounts.map(\.id), fallback: "seat")
        teams = Self.assign(accounts.map(\.team), fallback: "team")
    }

    public func account(_ id: String) -> String { accounts[id] ?? Self.base(id, fallback: "seat") }
    public func team(_ id: String) -> String { teams[id] ?? Self.base(id, fallback: "team") }

    static func assign(_ ids: [String], fallback: String) -> [String: String] {
        var taken = Set<String>(), out: [String: String] = [:]
        for id in Set(ids).sorted(by: UTF8Order.precedes) {
            let base = Self.base(id, fallback: fallback)
            var slug = base, n = 2
            while taken.contains(slug) { slug = "\(base)-\(n)"; n += 1 }
            taken.insert(slug)
            out[id] = slug
        }
        return out
    }

    /// Letters without accents, lowercased; anything else becomes one dash.
    public static func base(_ id: String, fallback: String) -> String {
        let folded = id.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var out = "", dash = false
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if dash && !out.isEmpty { out += "-" }
                dash = false
                out.unicodeScalars.append(scalar)
            } else {
                dash = true
            }
            if out.count >= 60 { break }
        }
        out = out.lowercased()
        return out.isEmpty ? fallback : out
    }
}
