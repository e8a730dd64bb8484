/// Ids are ordered by their UTF-8 bytes (spec §5), not by Swift's Unicode-aware `<`.
public enum UTF8Order {
    public static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
