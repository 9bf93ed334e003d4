import Foundation

/// The step a long build is at, on one line of a terminal that is rewritten in place.
///
/// Quiet for the first second, so a quick build prints only its summary; never used when
/// standard output is not a terminal (a log or a pipe gets no control characters).
final class BuildProgress: @unchecked Sendable {
    private let enabled: Bool
    private let started = Date()
    private let lock = NSLock()
    private var shown = false

    /// After this long, a build is long enough to say what it is doing.
    static let delay: TimeInterval = 1

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func finished(_ step: String) {
        show("Building… \(step) done" + String(format: " (%.1f s)", Date().timeIntervalSince(started)))
    }

    /// Replaces the line with `text` (once the first second has passed).
    func show(_ text: String) {
        guard enabled, Date().timeIntervalSince(started) >= Self.delay else { return }
        lock.withLock {
            shown = true
            write("\r\u{1B}[K" + text)
        }
    }

    /// Removes the progress line, before the summary or the errors.
    func clear() {
        lock.withLock {
            if shown { write("\r\u{1B}[K") }
            shown = false
        }
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
