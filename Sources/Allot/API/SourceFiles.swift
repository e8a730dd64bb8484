import AllotImport
import Foundation

/// Reads input files from disk into tables, collecting every unreadable file's problem.
public enum SourceFiles {
    public static func read(_ paths: [String]) throws(ImportFailure) -> [SourceTable] {
        var tables: [SourceTable] = [], issues: [ImportIssue] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                var isFolder: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
                issues.append(ImportIssue(file: path, line: 0, exists && isFolder.boolValue
                    ? "is a folder; name the CSV or JSON Lines files in it" : "cannot be read; does it exist?"))
                continue
            }
            do {
                tables.append(try SourceReader.read([UInt8](data), file: path))
            } catch {
                issues += error.issues
            }
        }
        guard issues.isEmpty else { throw ImportFailure(issues) }
        return tables
    }
}
