import Foundation
import Samizdat

/// Output helpers: diagnostics go to standard error, results to standard output.
///
/// Colours only on a terminal, and never when `NO_COLOR` is set (https://no-color.org).
enum Terminal {
    static let currentDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)

    static var errorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var inputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    static var colorsAllowed: Bool {
        !(ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false)
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// A diagnostic as `path:line:column: severity: message`, its severity in colour on a terminal.
    static func report(_ diagnostic: Diagnostic) {
        var line = diagnostic.formatted(relativeTo: currentDirectory)
        if errorIsTerminal && colorsAllowed {
            let label = diagnostic.severity.rawValue + ":"
            let colour = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
            if let range = line.range(of: " " + label + " ") ?? (line.hasPrefix("samizdat: " + label) ? line.range(of: label) : nil) {
                line.replaceSubrange(range, with: line[range].replacingOccurrences(of: label, with: colour + label + "\u{1B}[0m"))
            }
        }
        error(line)
    }

    static func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { report(diagnostic) }
    }

    /// A path as the user would type it from the current folder.
    static func display(_ url: URL) -> String {
        Diagnostic.displayPath(url, relativeTo: currentDirectory)
    }

    /// How to run this same `samizdat` from another folder: its name when the shell finds it
    /// on the PATH, else its absolute path.
    static var invocation: String {
        let first = CommandLine.arguments.first ?? "samizdat"
        guard first.contains("/") else { return (first as NSString).lastPathComponent }
        return URL(fileURLWithPath: first, relativeTo: currentDirectory).standardizedFileURL.path
    }
}

extension Terminal {
    /// `text` as one word for a POSIX shell.
    static func shellQuoted(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./".contains($0)) }
        return plain && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
