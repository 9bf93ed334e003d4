import Foundation

/// Finds where something was written in a content file, for problems found after parsing (a
/// link that leads nowhere is known only from the rendered HTML, which has no positions).
enum SourceSearch {
    /// The first line and column where one of `terms` is written (tried in order); the file alone
    /// when none is.
    static func location(of terms: [String], in file: URL) -> SourceLocation {
        let lines = self.lines(file)
        for term in terms where !term.isEmpty {
            for (index, line) in lines.enumerated() {
                if let range = line.range(of: term) {
                    return SourceLocation(file: file, line: index + 1, column: line.distance(from: line.startIndex, to: range.lowerBound) + 1)
                }
            }
        }
        return SourceLocation(file: file)
    }

    /// The text of a 1-based line.
    static func lineText(_ line: Int?, in file: URL) -> String? {
        guard let line, line >= 1 else { return nil }
        let lines = self.lines(file)
        return line <= lines.count ? lines[line - 1] : nil
    }

    /// How a site path may have been written: `/2026/11/20/hello/` as itself, without its final
    /// slash, or relatively by its last segment (`../hello/`).
    static func searchTerms(for sitePath: String) -> [String] {
        let trimmed = sitePath.hasSuffix("/") && sitePath.count > 1 ? String(sitePath.dropLast()) : sitePath
        return [sitePath, trimmed, trimmed.split(separator: "/").last.map(String.init) ?? ""]
    }

    private static func lines(_ file: URL) -> [String] {
        guard let data = FileManager.default.contents(atPath: file.path) else { return [] }
        return SourceText.normalizingLineEndings(String(decoding: data, as: UTF8.self))
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
