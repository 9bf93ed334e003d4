import Foundation

/// The text of a post: its HTML for its own page and for lists, its plain text, its summary.
///
/// Most of a post's bytes, and needed only where the post is shown. An edit renders a few pages
/// again, yet reading and decoding every post's text from the build database was most of the
/// time spent loading a site of 10,000 posts, and most of the memory of an edit at 100,000. So a
/// post that is not parsed again knows only where its text is, and its `Loader` reads it the
/// first time a page or a feed shows the post; a post just parsed holds its text.
///
/// A value once made never changes (`Post` makes a new one when its text is changed), so copies
/// of a post share it.
final class PostText: @unchecked Sendable {
    struct Value: Sendable, Equatable {
        var html: String
        var plainText: String
        var listHTML: String
        var summaryHTML: String? = nil
        var summaryText: String? = nil

        static let empty = Value(html: "", plainText: "", listHTML: "")

        /// Whether links to other content files wait to be resolved (`SourceLinks`) in the HTML.
        var linksToSources: Bool {
            html.containsBytes(SiteURL.sourceMarker) || listHTML.containsBytes(SiteURL.sourceMarker)
                || summaryHTML?.containsBytes(SiteURL.sourceMarker) == true
        }
    }

    /// Set when made, or (for a text read later) under the loader's lock, once.
    fileprivate var loaded: Value?
    private let loader: Loader?
    /// The post's file below `Content/`, whose row holds the text.
    let path: String
    /// The SHA-256 of the text's bytes, as the post's record gives it: a text read back must
    /// match it, or the file is parsed again.
    let digest: String
    let linksToSources: Bool

    init(_ value: Value) {
        loaded = value
        loader = nil
        path = ""
        digest = ""
        linksToSources = value.linksToSources
    }

    /// The text of the file at `path`, read by `loader` when it is first needed.
    init(readLaterFrom path: String, loader: Loader, linksToSources: Bool, digest: String) {
        loaded = nil
        self.loader = loader
        self.path = path
        self.digest = digest
        self.linksToSources = linksToSources
    }

    var value: Value {
        guard let loader else { return loaded! }
        return loader.value(of: self)
    }

    /// Whether the text is still to be read.
    var isDeferred: Bool { loader?.isDeferred(self) ?? false }

    /// Reads the texts of posts that were not parsed again, from the build database; if a text is
    /// not there or cannot be read (a damaged database), the post's file is parsed again for it.
    final class Loader: @unchecked Sendable {
        private let lock = NSLock()
        private let read: @Sendable (String) throws -> Data?
        private let readAll: @Sendable (_ each: (String, Data) -> Void) throws -> Void
        private let reparse: @Sendable (String) -> Value?
        private let finish: @Sendable () -> Void
        private var failed: [String] = []
        private var madeAgain: [String] = []
        private var count = 0
        private var readAheadCount = 0
        private var firstError: (any Error)?
        private var closed = false

        init(read: @escaping @Sendable (String) throws -> Data?, readAll: @escaping @Sendable (_ each: (String, Data) -> Void) throws -> Void,
             reparse: @escaping @Sendable (String) -> Value?, finish: @escaping @Sendable () -> Void = {}) {
            self.read = read
            self.readAll = readAll
            self.reparse = reparse
            self.finish = finish
        }

        /// Once the site is written: the database is no longer read (its connection is closed);
        /// a text asked for later is made from the file.
        func close() {
            lock.withLock { closed = true }
            finish()
        }

        /// The first error the database gave while texts were read; after it, none is read from it.
        var databaseError: (any Error)? { lock.withLock { firstError } }
        /// How many texts were read in one pass (`readAhead`).
        var readAheadTexts: Int { lock.withLock { readAheadCount } }

        /// Files whose text could be read neither from the database nor from the file (removed
        /// while the build ran): the pages that show them were made with an empty text.
        var failures: [String] { lock.withLock { failed } }
        /// Files whose text the database did not give back, and which were parsed again for it: their
        /// rows are dropped, so the next build parses and stores them whole.
        var reparsed: [String] { lock.withLock { madeAgain } }
        /// How many texts were read (from the database or the files).
        var reads: Int { lock.withLock { count } }

        /// A file whose post was made again from it (its record's head could not be decoded):
        /// its row is dropped like those whose text was; `failed` if the file could not be read.
        func noteMadeAgain(_ path: String, failed failedToo: Bool) {
            lock.withLock {
                madeAgain.append(path)
                if failedToo { failed.append(path) }
            }
        }

        fileprivate func isDeferred(_ text: PostText) -> Bool {
            lock.withLock { text.loaded == nil }
        }

        fileprivate func value(of text: PostText) -> Value {
            lock.lock()
            defer { lock.unlock() }
            if let value = text.loaded { return value }
            count += 1
            let value: Value
            if let data = storedText(text.path), Digest.of(data) == text.digest, let decoded = try? RecordCoding.decodeText(data) {
                value = decoded
            } else if let parsed = reparse(text.path) {
                value = parsed
                madeAgain.append(text.path)
            } else {
                madeAgain.append(text.path)
                failed.append(text.path)
                value = .empty
            }
            text.loaded = value
            return value
        }

        /// The stored bytes (under the lock), unless the database failed once already.
        private func storedText(_ path: String) -> Data? {
            guard firstError == nil, !closed else { return nil }
            do {
                return try read(path)
            } catch {
                firstError = error
                return nil
            }
        }

        /// Reads the texts of `texts` still to be read in one pass over the database, rather than
        /// one query each: for a build that renders most pages again (a template changed).
        func readAhead(_ texts: [PostText]) {
            var waiting: [String: PostText] = [:]
            lock.withLock {
                for text in texts where text.loader === self && text.loaded == nil { waiting[text.path] = text }
            }
            guard !waiting.isEmpty, lock.withLock({ firstError == nil && !closed }) else { return }
            do {
                try readAll { path, data in
                    // (A text that does not match its record is left to be made from its file.)
                    guard let text = waiting[path], Digest.of(data) == text.digest, let value = try? RecordCoding.decodeText(data) else { return }
                    lock.withLock {
                        if text.loaded == nil {
                            text.loaded = value
                            count += 1
                            readAheadCount += 1
                        }
                    }
                }
            } catch {
                lock.withLock { firstError = firstError ?? error }
            }
        }
    }
}
