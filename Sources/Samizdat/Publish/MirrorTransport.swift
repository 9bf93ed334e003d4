import Foundation

/// How files reach one kind of mirror: a folder, rsync, a git branch, an S3 bucket, IPFS.
///
/// `Publisher` decides what to send and delete (from the per-mirror record in the build
/// database); a transport only moves files and reads them back.
protocol MirrorTransport: Sendable {
    /// Whether files are only there once `finish` succeeds (a git commit, an IPFS root): then
    /// `sent` and `deleted` are not called, and everything is recorded after `finish`.
    var isAllOrNothing: Bool { get }

    /// Checks what can be checked before sending: the command exists, credentials are set.
    func check() throws(PublishError)

    /// Sends `files` from `folder`, at most `window` at a time, calling `sent` as each is in place.
    func send(_ files: [PublishFile], from folder: URL, window: Int, sent: @escaping @Sendable (PublishFile) -> Void) throws(PublishError)

    /// Deletes `paths`, calling `deleted` for each one gone (or already missing).
    func delete(_ paths: [String], deleted: @escaping @Sendable (String) -> Void) throws(PublishError)

    /// Makes the changes visible (commit and push, add to IPFS); returns lines for the summary.
    func finish(from folder: URL, sent: Int, deleted: Int) throws(PublishError) -> [String]

    /// The bytes now on the mirror at `paths` (nil: not there), to compare with what was sent.
    func read(_ paths: [String]) throws(PublishError) -> [String: Data?]
}

/// A file of a mirror's build.
public struct PublishFile: Sendable, Equatable {
    public var path: String
    public var sha256: String
    public var size: Int
}

/// Why a mirror could not be published; the message names the mirror.
public struct PublishError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension MirrorTransport {
    var isAllOrNothing: Bool { false }
    func check() throws(PublishError) {}
    func finish(from folder: URL, sent: Int, deleted: Int) throws(PublishError) -> [String] { [] }
}

/// Runs `body` on each element, at most `window` at once; stops starting new ones after the
/// first error, which it rethrows.
func forEachBounded<T: Sendable>(_ items: [T], window: Int, _ body: @escaping @Sendable (T) throws(PublishError) -> Void) throws(PublishError) {
    guard !items.isEmpty else { return }
    let state = BoundedState()
    DispatchQueue.concurrentPerform(iterations: max(1, min(window, items.count))) { _ in
        while true {
            let index: Int? = state.lock.withLock {
                guard state.failure == nil, state.next < items.count else { return nil }
                defer { state.next += 1 }
                return state.next
            }
            guard let index else { return }
            do throws(PublishError) {
                try body(items[index])
            } catch {
                state.lock.withLock { if state.failure == nil { state.failure = error } }
            }
        }
    }
    if let failure = state.failure { throw failure }
}

/// The shared cursor and first error of `forEachBounded`.
private final class BoundedState: @unchecked Sendable {
    let lock = NSLock()
    var next = 0
    var failure: PublishError?
}
