import Foundation

/// Replaces a file in the site folder whole: the bytes go to `<name>.next` beside it and
/// are renamed over it. Foundation's `.atomic` write names its temporary file at random,
/// so a build killed during one left a stray file no later build removed; a killed write
/// here leaves the same `.next` file each time, and the next build's write renames it away.
enum WholeFile {
    static func replace(_ path: String, with data: Data) throws {
        let next = path + ".next"
        try data.write(to: URL(fileURLWithPath: next))
        guard rename(next, path) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
