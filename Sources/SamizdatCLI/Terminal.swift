import Foundation

/// Output helpers: diagnostics go to standard error, results to standard output.
enum Terminal {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
