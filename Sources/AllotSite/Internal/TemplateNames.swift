/// The template name a misspelt one most likely meant.
enum TemplateNames {
    /// The name in `names` fewest edits away from `name`, when it is a near miss (a few
    /// letters wrong, not another name altogether); the first such name on a tie.
    static func closest(to name: String, among names: [String]) -> String? {
        let limit = max(1, min(3, name.count / 4))
        var best: (name: String, distance: Int)?
        for candidate in names {
            let distance = editDistance(Array(name), Array(candidate))
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// Levenshtein distance: insertions, deletions and substitutions.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
