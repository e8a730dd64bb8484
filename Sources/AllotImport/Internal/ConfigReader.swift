import AllotLedger
import Foundation
import TOMLKit

/// Reads `allot.toml` with TOMLKit; every error names the key it is about.
struct ConfigReader {
    let file: String
    let registry: PolicyRegistry

    func read(_ text: String) throws(ImportFailure) -> ProjectConfig {
        try refuseControlCharacters(text)
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ImportFailure([ImportIssue(file: file, line: error.source.begin.line, "is not valid TOML: \(error.description)")])
        } catch {
            throw ImportFailure([ImportIssue(file: file, line: 0, "is not valid TOML")])
        }
        let collected = IssueList()
        let file = self.file
        let fail: (String, String) -> Void = { collected.issues.append(ImportIssue(file: file, line: 0, field: $0, $1)) }

        for key in table.keys.sorted() where !ProjectConfig.keys.contains(key) {
            fail(key, "is not a config key; the keys are \(ProjectConfig.keys.joined(separator: ", "))")
        }
        let title = string(table, "title", fail) ?? "Allot"
        let zoneName = string(table, "timezone", fail) ?? "UTC"
        let calendar =
            LedgerCalendar(identifier: zoneName)
            ?? {
                fail(
                    "timezone",
                    "\"\(zoneName)\" is not an IANA time zone; name the zone by its area and place, such as America/New_York or Europe/Berlin, or write UTC (abbreviations such as EST and offsets such as GMT+5 are not zones)"
                )
                return .utc
            }()
        let instants = InstantParser(calendar: calendar)
        let warnDays = count(table, "warn_days", in: LedgerLimits.days, fail) ?? 30
        let delay = count(table, "refund_delay_hours", in: LedgerLimits.refundDelayHours, fail) ?? 0
        let responseDays = count(table, "response_rate_days", in: LedgerLimits.responseRateDays, fail) ?? 30
        var asOf: Instant?
        if let text = instantText(table, "as_of", fail) {
            switch instants.parseEnd(text) {
            case .success(let t): asOf = t
            case .failure(let f): fail("as_of", f.description)
            }
        }
        let sources = stringList(table, "sources", fail) ?? []
        let templates = string(table, "templates", fail)
        let store = string(table, "store", fail)
        if store?.isEmpty == true { fail("store", "must name an SQLite file or a PostgreSQL URI, not be empty") }
        let siteURL = string(table, "site_url", fail)
        if let url = siteURL, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
            fail("site_url", "\"\(url)\" must start with https:// or http://")
        }
        let notifyFrom = notify(table, fail)
        let teamNames = teams(table, fail)
        let timeline = policies(table, instants, fail)
        let bonuses = bonusList(table, fail)
        let comparisons = comparisonList(table, instants, bonuses, fail)
        guard collected.issues.isEmpty, let timeline else { throw ImportFailure(collected.issues) }
        let settings = LedgerSettings(
            calendar: calendar, timeline: timeline, bonuses: bonuses,
            refundDelayHours: delay, warnDays: warnDays, responseRateDays: responseDays)
        var config = ProjectConfig(
            title: title, settings: settings, asOf: asOf, sources: sources, templates: templates,
            siteURL: siteURL, notifyFrom: notifyFrom, comparisons: comparisons)
        config.teamNames = teamNames
        config.store = store
        let pageInputs = TOMLTable()
        for key in table.keys where key != "sources" && key != "store" { pageInputs[key] = table[key] }
        config.pageInputs = pageInputs.convert(to: .json)
        pageInputs.remove(at: "as_of")
        config.finalPageInputs = pageInputs.convert(to: .json)
        return config
    }

    private func refuseControlCharacters(_ text: String) throws(ImportFailure) {
        guard let bad = TOMLPrecheck.firstForbidden(text) else { return }
        let code = "U+" + String(format: "%04X", bad.scalar.value)
        let what =
            switch bad.scalar {
            case "\n": "a line break inside a table header or an inline table {…}"
            case _ where !bad.scalar.isASCII: "the character \(bad.scalar) (\(code)) outside a string or comment"
            case _ where bad.scalar.value < 0x20 || bad.scalar.value == 0x7F: "a control character (\(code))"
            default: "the character `\(bad.scalar)`"
            }
        throw ImportFailure([
            ImportIssue(
                file: file, line: bad.line,
                "has \(what) at column \(bad.column); TOML does not allow it there")
        ])
    }

    private func policies(
        _ table: TOMLTable, _ instants: InstantParser, _ fail: @escaping (String, String) -> Void,
        path: String = ""
    ) -> PolicyTimeline? {
        var entries: [PolicyTimeline.Entry] = []
        for (i, entry) in tables(table, "policy", { fail(path + $0, $1) }).enumerated() {
            let prefix = path + "policy[\(i + 1)]"
            guard let name = string(entry, "name", { fail("\(prefix).\($0)", $1) }) else {
                fail("\(prefix).name", "is required"); continue
            }
            guard let factory = registry.factory(named: name) else {
                fail("\(prefix).name", "\"\(name)\" is not a known policy; the policies are \(registry.names.joined(separator: ", "))")
                continue
            }
            var from: Instant?
            if let text = instantText(entry, "from", { fail("\(prefix).\($0)", $1) }) {
                switch instants.parse(text) {
                case .success(let t): from = t
                case .failure(let f): fail("\(prefix).from", f.description)
                }
            } else {
                fail("\(prefix).from", "is required")
            }
            var parameters = PolicyParameters()
            for key in entry.keys.sorted() where key != "name" && key != "from" {
                if let n = entry[key]?.int {
                    parameters.values[key] = .integer(n)
                } else if let s = entry[key]?.string {
                    parameters.values[key] = .text(s)
                } else {
                    fail("\(prefix).\(key)", "must be a whole number or a string")
                }
            }
            do {
                let policy = try factory.makePolicy(parameters)
                if let from { entries.append(PolicyTimeline.Entry(from: from, policy: policy)) }
            } catch {
                fail("\(prefix).\(error.key)", error.reason)
            }
        }
        guard let timeline = PolicyTimeline(entries) else {
            fail(path + "policy", "entries must be listed in order of their from instants, each later than the one before")
            return nil
        }
        return timeline
    }

    /// `[notify]`: `from`, the sender of expiry notices.
    private func notify(_ table: TOMLTable, _ fail: @escaping (String, String) -> Void) -> String? {
        guard let value = table["notify"] else { return nil }
        guard let section = value.table else { fail("notify", "must be a table: [notify]"); return nil }
        for key in section.keys.sorted() where key != "from" { fail("notify.\(key)", "is not a notify key; the key is from") }
        return string(section, "from", { fail("notify.\($0)", $1) })
    }

    /// `[teams]`: a display name for each team id, e.g. `northwind = "Northwind Talent"`.
    private func teams(_ table: TOMLTable, _ fail: @escaping (String, String) -> Void) -> [String: String] {
        guard let value = table["teams"] else { return [:] }
        guard let section = value.table else {
            fail("teams", "must be a table: [teams] with a line team = \"Display name\" each"); return [:]
        }
        var names: [String: String] = [:]
        for key in section.keys.sorted() {
            guard let name = string(section, key, { fail("teams.\($0)", $1 + " (the team's display name)") }) else { continue }
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { fail("teams.\(key)", "must not be empty"); continue }
            names[key] = name
        }
        return names
    }

    /// `[[compare]]`: `name`, `[[compare.policy]]` (required), `[[compare.bonus]]`.
    private func comparisonList(
        _ table: TOMLTable, _ instants: InstantParser, _ mainBonuses: [Bonus],
        _ fail: @escaping (String, String) -> Void
    ) -> [ComparisonConfig] {
        var out: [ComparisonConfig] = [], names = Set<String>()
        for (i, entry) in tables(table, "compare", fail).enumerated() {
            let prefix = "compare[\(i + 1)]."
            let scoped: (String, String) -> Void = { fail(prefix + $0, $1) }
            for key in entry.keys.sorted() where !["name", "policy", "bonus"].contains(key) {
                scoped(key, "is not a compare key; the keys are name, policy ([[compare.policy]]) and bonus ([[compare.bonus]])")
            }
            guard let name = string(entry, "name", scoped) else { scoped("name", "is required"); continue }
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { scoped("name", "must not be empty"); continue }
            guard names.insert(name).inserted else { scoped("name", "\"\(name)\" is the name of an earlier comparison"); continue }
            guard entry["policy"] != nil else {
                scoped("policy", "is required: add [[compare.policy]] entries after this [[compare]]"); continue
            }
            let timeline = policies(entry, instants, fail, path: prefix)
            let bonuses = entry["bonus"] == nil ? mainBonuses : bonusList(entry, fail, path: prefix)
            if let timeline { out.append(ComparisonConfig(name: name, timeline: timeline, bonuses: bonuses)) }
        }
        return out
    }

    private func bonusList(_ table: TOMLTable, _ fail: @escaping (String, String) -> Void, path: String = "") -> [Bonus] {
        var bonuses: [Bonus] = []
        for (i, entry) in tables(table, "bonus", { fail(path + $0, $1) }).enumerated() {
            let prefix = path + "bonus[\(i + 1)]"
            let scoped: (String, String) -> Void = { fail("\(prefix).\($0)", $1) }
            for key in entry.keys.sorted() where !["month", "amount", "note"].contains(key) {
                scoped(key, "is not a bonus key; the keys are month, amount, note")
            }
            let monthText = string(entry, "month", scoped)
            let month = monthText.flatMap(Month.init)
            if monthText == nil {
                scoped("month", "is required")
            } else if month == nil {
                scoped("month", "\"\(monthText!)\" is not a month; write it as 2015-01")
            } else if let month, !(1970..<2200).contains(month.year) {
                scoped("month", "\"\(monthText!)\" is outside the years a ledger holds, 1970 to 2199")
            }
            let amount = count(entry, "amount", in: LedgerLimits.credits, scoped)
            if entry["amount"] == nil { scoped("amount", "is required") }
            let note = string(entry, "note", scoped)
            if let month, let amount { bonuses.append(Bonus(month: month, amount: amount, note: note)) }
        }
        return bonuses
    }

    // MARK: typed look-ups; each reports a wrong type against its key

    private func string(_ t: TOMLTable, _ key: String, _ fail: (String, String) -> Void) -> String? {
        guard let v = t[key] else { return nil }
        guard let s = v.string else { fail(key, "must be a string"); return nil }
        return s
    }

    private func count(_ t: TOMLTable, _ key: String, in range: ClosedRange<Int>, _ fail: (String, String) -> Void) -> Int? {
        guard let v = t[key] else { return nil }
        guard let n = v.int, range.contains(n) else { fail(key, "must be a whole number \(LedgerLimits.text(range))"); return nil }
        return n
    }

    /// A string, or a TOML date or offset date-time written without quotes.
    private func instantText(_ t: TOMLTable, _ key: String, _ fail: (String, String) -> Void) -> String? {
        guard let v = t[key] else { return nil }
        if let s = v.string { return s }
        if let d = v.date { return CivilDate(year: d.year, month: d.month, day: d.day).isoDate }
        if let dt = v.dateTime, let offset = dt.offset {
            let date = CivilDate(year: dt.date.year, month: dt.date.month, day: dt.date.day).isoDate
            let minutes = abs(offset.offset)
            let sign = offset.offset < 0 ? "-" : "+"
            let time = [dt.time.hour, dt.time.minute, dt.time.second].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
            let zone = "\(sign)\(minutes / 60 < 10 ? "0" : "")\(minutes / 60):\(minutes % 60 < 10 ? "0" : "")\(minutes % 60)"
            return "\(date)T\(time)\(zone)"
        }
        fail(key, "must be a date such as \"2015-01-01\" or an instant with an offset")
        return nil
    }

    private func stringList(_ t: TOMLTable, _ key: String, _ fail: (String, String) -> Void) -> [String]? {
        guard let v = t[key] else { return nil }
        guard let array = v.array else { fail(key, "must be a list of file paths"); return nil }
        var out: [String] = []
        for (i, item) in array.enumerated() {
            guard let s = item.string, !s.isEmpty else { fail("\(key)[\(i + 1)]", "must be a file path"); continue }
            out.append(s)
        }
        return out
    }

    private func tables(_ t: TOMLTable, _ key: String, _ fail: (String, String) -> Void) -> [TOMLTable] {
        guard let v = t[key] else { return [] }
        guard let array = v.array else { fail(key, "must be written as [[\(key)]] entries"); return [] }
        return array.enumerated().compactMap { i, item in
            if let table = item.table { return table }
            fail("\(key)[\(i + 1)]", "must be a table")
            return nil
        }
    }
}

/// Collects config errors from the look-ups as they go.
private final class IssueList {
    var issues: [ImportIssue] = []
}
