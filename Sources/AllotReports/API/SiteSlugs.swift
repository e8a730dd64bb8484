import AllotLedger
import Foundation

/// URL-safe, unique folder names for accounts and teams: lowercase ASCII letters,
/// digits and dashes, so no id can reach outside the output folder. Ids are taken in
/// UTF-8 order; one whose name is taken gets the next free `-2`, `-3`, …. A site keeps
/// the slugs its store recorded (`init(seats:teams:)`), so a slug never changes hands.
public struct SiteSlugs: Sendable {
    private let accounts: [String: String]
    private let teams: [String: String]

    public init(_ ledger: Ledger) { self.init(accounts: ledger.accounts.map(\.account)) }

    /// Slugs for every seat and team, given afresh (a ledger with no slugs recorded).
    public init(accounts: [Account]) {
        self.accounts = Self.assign(accounts.map(\.id), fallback: Self.seatFallback)
        teams = Self.assign(accounts.map(\.team), fallback: Self.teamFallback)
    }

    /// The slugs a store recorded, by seat id and by team id: a build names every seat and
    /// team with them, then renders one team at a time.
    public init(seats: [String: String], teams: [String: String]) {
        accounts = seats
        self.teams = teams
    }

    public func account(_ id: String) -> String { accounts[id] ?? Self.base(id, fallback: Self.seatFallback) }
    public func team(_ id: String) -> String { teams[id] ?? Self.base(id, fallback: Self.teamFallback) }

    /// The slug of a seat or team whose id has no letter or digit.
    public static let seatFallback = "seat", teamFallback = "team"

    /// Slugs for `ids`, none of them one of `taken` (the slugs given before, kept by
    /// their seats or teams for life) nor another's.
    public static func assign(_ ids: [String], taken: Set<String> = [], fallback: String) -> [String: String] {
        var taken = taken, out: [String: String] = [:]
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
