/// A binary min-heap ordered by a strict "comes first" function.
struct MinHeap<Element> {
    private var items: [Element] = []
    private let first: (Element, Element) -> Bool

    init(by first: @escaping (Element, Element) -> Bool) { self.first = first }

    var peek: Element? { items.first }
    var isEmpty: Bool { items.isEmpty }

    mutating func push(_ e: Element) {
        items.append(e)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard first(items[i], items[parent]) else { break }
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
            if l < items.count, first(items[l], items[m]) { m = l }
            if r < items.count, first(items[r], items[m]) { m = r }
            if m == i { break }
            items.swapAt(i, m)
            i = m
        }
        return top
    }
}
