/// Something a `MinHeap` can order.
protocol HeapOrdered {
    /// True when `a` must come out before `b`.
    static func comesFirst(_ a: Self, _ b: Self) -> Bool
}

/// A binary min-heap. The order is a static function, not a stored closure, so that it
/// is inlined and compares elements in place instead of copying them for each call.
struct MinHeap<Element: HeapOrdered> {
    private var items: [Element] = []

    var peek: Element? { items.first }
    var isEmpty: Bool { items.isEmpty }

    mutating func push(_ e: Element) {
        items.append(e)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Element.comesFirst(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Element? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count, Element.comesFirst(items[l], items[m]) { m = l }
            if r < items.count, Element.comesFirst(items[r], items[m]) { m = r }
            if m == i { break }
            items.swapAt(i, m)
            i = m
        }
        return top
    }
}
