/// A row no version of Allot writes (an event type this one does not know, a seat with
/// no id): the store is damaged or not an Allot store. Each backend words it for its kind
/// of store.
package struct StoreDamage: Error {
    package let detail: String

    package init(_ detail: String) { self.detail = detail }
}
