import Foundation

/// An output that keeps only the paths written: what `samizdat check` builds into, so it knows
/// every file the site would have without holding or writing any of them.
final class PathRecorder: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var written: Set<String> = []

    var paths: Set<String> { lock.withLock { written } }

    func check(_ path: String) throws(OutputWriter.Failure) {
        try DiskSink(directory: URL(fileURLWithPath: "/")).check(path)
    }

    func prepare() throws(OutputWriter.Failure) {}

    func stamp(of path: String) -> FileStamp? { nil }

    func read(_ path: String) -> Data? { nil }

    func write(_ data: Data, to path: String) throws(OutputWriter.Failure) -> FileStamp? {
        lock.withLock { _ = written.insert(path) }
        return nil
    }

    func remove(_ path: String) throws(OutputWriter.Failure) -> Bool { false }

    func finish() {}
}
