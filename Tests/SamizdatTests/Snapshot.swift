import Foundation
import Testing

/// Compares `text` with `Snapshots/<name>`; `RECORD_SNAPSHOTS=1` writes the file instead.
///
/// A missing snapshot is written and the test fails, so a new snapshot is always looked at
/// before it is committed.
func expectSnapshot(_ text: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let url = Repository.root.appendingPathComponent("Tests/SamizdatTests/Snapshots/\(name)")
    let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    guard !recording, let data = FileManager.default.contents(atPath: url.path) else {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: url)
        if !recording {
            Issue.record("Recorded a new snapshot at \(url.path); check it and run again", sourceLocation: sourceLocation)
        }
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    if expected != text {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expectedLines.count, actualLines.count)
        let shown = { (lines: [Substring]) in first < lines.count ? String(lines[first]) : "<end of file>" }
        Issue.record("""
            \(name) differs from its snapshot at line \(first + 1) (re-record with RECORD_SNAPSHOTS=1):
              expected: \(shown(expectedLines))
              actual:   \(shown(actualLines))
            """, sourceLocation: sourceLocation)
    }
}
