import Foundation

/// A place in a source file: the file, and where known the 1-based line and column.
public struct SourceLocation: Hashable, Sendable, Comparable, Codable {
    public var file: URL
    public var line: Int?
    public var column: Int?

    public init(file: URL, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.file.path != rhs.file.path { return lhs.file.path < rhs.file.path }
        if (lhs.line ?? 0) != (rhs.line ?? 0) { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        return (lhs.column ?? 0) < (rhs.column ?? 0)
    }
}

/// One problem found in the user's input, reported as `path:line:column: severity: message`.
///
/// Every area has its own error vocabulary; they all end up as `Diagnostic`s so that a build can
/// report every problem of a run at once, sorted by file and position.
public struct Diagnostic: Error, Hashable, Sendable, Comparable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    public var location: SourceLocation?
    public var message: String

    public init(_ severity: Severity = .error, _ message: String, at location: SourceLocation? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    public static func error(_ message: String, at location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: location)
    }

    public static func warning(_ message: String, at location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: location)
    }

    /// The conventional compiler form, with the path shown relative to `directory` when inside it.
    public func formatted(relativeTo directory: URL? = nil) -> String {
        guard let location else { return "samizdat: \(severity.rawValue): \(message)" }
        var text = Diagnostic.displayPath(location.file, relativeTo: directory)
        if let line = location.line {
            text += ":\(line)"
            if let column = location.column { text += ":\(column)" }
        }
        return "\(text): \(severity.rawValue): \(message)"
    }

    public static func displayPath(_ file: URL, relativeTo directory: URL?) -> String {
        let path = file.standardizedFileURL.path
        guard let directory else { return path }
        let base = directory.standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        switch (lhs.location, rhs.location) {
        case let (l?, r?) where l != r: return l < r
        case (nil, _?): return true
        case (_?, nil): return false
        default: return lhs.message < rhs.message
        }
    }
}

/// A failed step: all the diagnostics it produced, errors and warnings alike.
public struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]
    /// The build stopped while writing the site: the files written before the error are whole
    /// and new, the others as they were, and the next build finishes the work. (Every other
    /// failure comes before the first file is written.)
    public var whileWriting = false

    public init(_ diagnostics: [Diagnostic], whileWriting: Bool = false) {
        self.diagnostics = diagnostics.sorted()
        self.whileWriting = whileWriting
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

extension Array where Element == Diagnostic {
    var hasErrors: Bool { contains { $0.severity == .error } }
}
