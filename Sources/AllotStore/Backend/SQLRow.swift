/// The current row of a query, read by column position (from 0). NULL reads as nil.
package protocol SQLRow {
    func text(_ column: Int32) -> String?
    func integer(_ column: Int32) -> Int64?
    func real(_ column: Int32) -> Double?
    func bool(_ column: Int32) -> Bool?
}
