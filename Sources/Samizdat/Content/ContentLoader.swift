import Foundation

/// Finds and parses every Markdown file of `Content/`, reusing what the build database kept.
///
/// `Content/posts/**` are posts; every other Markdown file is a standalone page. A file whose
/// size and time (or, when those cannot be trusted, whose SHA-256) match the database, parsed
/// with the same settings, and whose photos and bundle files did not change, is not parsed again:
/// its post comes from the database. Files are handled in parallel; the result does not depend on
/// the order they were found in.
public enum ContentLoader {
    static let markdownExtensions: Set<String> = ["md", "markdown"]

    /// Whether `bytes` are one of `markdownExtensions`, in any case.
    static func isMarkdownExtension(_ bytes: Substring.UTF8View) -> Bool {
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            return markdownExtensions.contains(String(decoding: bytes, as: UTF8.self).lowercased())
        }
        // Compared in place, ASCII letters folded: a lowered copy of each name was an array and a
        // string for every file of `Content/`.
        func equalsFolded(_ lower: String.UTF8View) -> Bool {
            bytes.count == lower.count && zip(bytes, lower).allSatisfy { ($0 >= 65 && $0 <= 90 ? $0 + 32 : $0) == $1 }
        }
        return equalsFolded("md".utf8) || equalsFolded("markdown".utf8)
    }

    /// Whether the file at `path` (below `Content/`) is Markdown, by its extension.
    static func isMarkdownPath(_ path: String) -> Bool {
        let utf8 = path.utf8
        let name = utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8[utf8.index(after: $0)...] } ?? utf8[...]
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return false }
        return isMarkdownExtension(name[name.index(after: dot)...])
    }

    /// What the database keeps of one parsed file.
    struct Cached: Codable {
        var post: Post?
        var page: Page?
        var warnings: [Diagnostic]
    }

    public struct Loaded: Sendable {
        public var posts: [Post] = []
        public var pages: [Page] = []
        public var diagnostics: [Diagnostic] = []
        /// Digest of each file's parsed value, by path below `Content/`.
        public var recordDigests: [String: String] = [:]
        /// Rows to store (files parsed again, or whose stamp moved), when there is no `store`.
        ///
        /// A row whose `record` is empty keeps its parsed value in `unencoded` instead, under its
        /// path: the site holds that value anyway, where the encoded bytes would be a second copy
        /// of every post until the end of a first build (`recorded()` makes them again).
        public var changed: [BuildDatabase.SourceRow] = []
        var unencoded: [String: Cached] = [:]
        /// Files the database knew that are gone.
        public var removed: [String] = []
        /// How many files were parsed (the others came from the database).
        public var parsed = 0
        /// The files read again (their stamp moved, or the database had no row for them), by path,
        /// and the posts they gave (indices into `posts`).
        public var reread: [String] = []
        public var rereadPosts: [Int] = []
        /// The warnings of each file read again.
        var rereadDiagnostics: [String: [Diagnostic]] = [:]
        /// Reads the texts of the posts that came from the database, when they are shown.
        var texts: PostText.Loader?

        /// The posts of `posts` that came from the database undecoded (`load(…, decodingWhenUsed: true)`),
        /// each with the place of its warnings among `diagnostics`, which do not hold them yet.
        struct PendingHead: Sendable {
            var post: Int
            var diagnosticsAt: Int
            var path: String
            var head: Data
        }
        var pendingHeads: [PendingHead] = []
        /// Decodes a pending post's head (its post and warnings), or parses its file again.
        var makePending: (@Sendable (_ path: String, _ head: Data) -> Cached)?
        /// Reads a file's record head and digest from the database (`loadChanged`'s posts).
        var readHead: (@Sendable (_ path: String) -> (record: Data, digest: String)?)?

        /// Each Markdown file read (in order), its stamp, and whether the database now holds a
        /// row for that stamp that a later build may trust without reading the file (`SourceStamps`).
        var fileStamps: [FileStamp] = []
        var fileTrusted: [Bool] = []
        /// Whether each gave a post (not a page, nothing).
        var filePosts: [Bool] = []
        /// For `loadChanged`: the indices, among the Markdown files, of those read.
        var fileIndices: [Int] = []
        /// `recordDigests` and those of the posts not read, read when asked for (`loadChanged`).
        var digestsWhenAsked: RecordDigests?

        /// Every post still to be decoded, decoded now on all cores, in a box of its own, and their
        /// warnings put where a build that decodes them as it loads lists them: for a build that
        /// reads every post after all.
        public mutating func decodePending() {
            guard !pendingHeads.isEmpty, let make = makePending else { return }
            let chunk = 1024
            let pending = pendingHeads
            let made = Array(stride(from: 0, to: pending.count, by: chunk)).concurrentMap { start in
                pending[start..<min(start + chunk, pending.count)].map { make($0.path, $0.head) }
            }
            var inserted = 0
            // (A record that cannot be decoded is made again from its file, which may no longer
            // give a post: it leaves the posts.)
            var notPosts: Set<Int> = []
            for (head, cached) in zip(pending, made.joined()) {
                if let post = cached.post {
                    posts[head.post] = post
                } else {
                    notPosts.insert(head.post)
                    if let page = cached.page { pages.append(page) }
                }
                if !cached.warnings.isEmpty {
                    diagnostics.insert(contentsOf: cached.warnings, at: head.diagnosticsAt + inserted)
                    inserted += cached.warnings.count
                }
            }
            pendingHeads = []
            if !notPosts.isEmpty {
                let kept = posts.indices.filter { !notPosts.contains($0) }
                var newIndex: [Int: Int] = [:]
                for (new, old) in kept.enumerated() { newIndex[old] = new }
                posts = kept.map { posts[$0] }
                rereadPosts = rereadPosts.compactMap { newIndex[$0] }
            }
        }
    }


    /// `changed`, each with its record's bytes (encoded again where `unencoded` kept the value),
    /// made a few hundred at a time, on all cores, as they are stored.
    static func recorded(_ rows: [BuildDatabase.SourceRow], unencoded: [String: Cached]) -> some Sequence<BuildDatabase.SourceRow> {
        let chunk = 512
        return stride(from: 0, to: rows.count, by: chunk).lazy.flatMap { start in
            Array(rows[start..<min(start + chunk, rows.count)]).concurrentMap { row in
                guard row.record.isEmpty, let value = unencoded[row.path] else { return row }
                var row = row
                let record = RecordCoding.encode(value)
                row.record = record.head
                row.text = record.text
                return row
            }
        }
    }

    /// Folder names other generators keep posts in (Hugo's `post`, Jekyll's `_posts`).
    static let usualPostFolders = ["post", "blog", "notes", "_posts"]

    /// The top folder of `path` when it is named like a post folder but `post_folders` does not list it.
    static func unlistedPostFolder(_ path: String, config: SiteConfig) -> String? {
        // By bytes, and a string made only for a folder named like one: this runs for every file.
        let utf8 = path.utf8
        guard let slash = utf8.firstIndex(of: UInt8(ascii: "/")), case let top = utf8[..<slash],
              let folder = usualPostFolders.first(where: { $0.utf8.elementsEqual(top) }), !config.isPostPath(path) else { return nil }
        return folder
    }

    /// One warning per folder whose Markdown files look like posts but become pages.
    static func unlistedPostFolderWarnings(_ paths: some Sequence<String>, directory: URL, config: SiteConfig) -> [Diagnostic] {
        var counts: [String: Int] = [:]
        for path in paths {
            if let folder = unlistedPostFolder(path, config: config) { counts[folder, default: 0] += 1 }
        }
        let listed = (config.postFolders + counts.keys.sorted()).joined(separator: ", ")
        return counts.sorted { $0.key < $1.key }.map { folder, count in
            return .warning(
                "\(directory.lastPathComponent)/\(folder)/ holds \(count) Markdown file\(count == 1 ? "" : "s") that become\(count == 1 ? "s a page" : " pages"), not posts, because site.yml's 'post_folders' does not list it. If they are posts, add 'post_folders: [\(listed)]' to site.yml",
                at: SourceLocation(file: directory.appendingPathComponent(folder)))
        }
    }

    /// The Markdown files of a scan of `Content/` that the build reads, in the scan's order, and
    /// the warnings for those it skips.
    /// (`warnings: false`: the files alone, for a build that has the warnings already.)
    static func markdownFiles(_ scanned: [FileTree.Entry], directory: URL, config: SiteConfig, warnings: Bool = true)
        -> (files: [FileTree.Entry], skipped: [Diagnostic]) {
        var skipped: [Diagnostic] = []
        let files = scanned.filter { entry in
            // Plain byte work: NSString path methods were a tenth of an incremental build, and
            // `String.lastIndex(of:)` by characters a sixth of this step at 100,000 posts.
            let utf8 = entry.path.utf8
            let name = utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8[utf8.index(after: $0)...] } ?? utf8[...]
            guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex,
                  isMarkdownExtension(name[name.index(after: dot)...]) else { return false }
            // Hugo's section files hold list-page settings; Samizdat has no sections to apply them to.
            // The root one is the home page's text (`Site.home`).
            if name.elementsEqual("_index.md".utf8) && entry.path != "_index.md" {
                skipped.append(.warning("Skipped: '_index.md' files configure Hugo sections, which Samizdat does not have",
                                        at: SourceLocation(file: directory.appendingPathComponent(entry.path))))
                return false
            }
            return true
        }
        if warnings { skipped += unlistedPostFolderWarnings(files.lazy.map(\.path), directory: directory, config: config) }
        return (files, skipped)
    }

    /// What an undecoded post holds when its record does not decode and its file gives no post:
    /// an empty one. (A file that cannot be read is reported by the texts' loader, and the build
    /// stops; an unchanged file that made a post makes it again.)
    private static func unreadable(_ path: String, in directory: URL) -> Post {
        Post(source: directory.appendingFile(path), sourcePath: path, frontMatter: FrontMatter(), date: Date(timeIntervalSince1970: 0),
             slug: "", path: "", content: RenderedMarkdown(), listHTML: "")
    }

    /// The content when the Markdown files are those the last build read, in the same order
    /// (`files`, from `markdownFiles`), and `changed` are the indices of those whose stamps
    /// moved since (`SourceStamps`): only those files and the pages are read and parsed, from
    /// their rows alone; every other post comes undecoded, its row read when a page first uses
    /// it (`Post.init(decodingWhenUsed:)`), and its record's digest too (`recordDigests`).
    ///
    /// The rows of the files read are returned (the edit path compares their shapes). The
    /// parsed files' rows are not stored: they are in `changed`, for the build to store. The
    /// warnings are those of the files read; the build takes the kept ones (`SiteShape`). Nil
    /// when the rows cannot be read.
    /// (`posts`: whether each file gave a post last time; the others are read too.)
    static func loadChanged(from directory: URL, files: [FileTree.Entry], changed: [Int], posts wasPost: [Bool], publicDirectory: URL?, parser: ContentParser,
                            database: BuildDatabase, parseKey: String, checked: Int64) -> (loaded: Loaded, rows: [String: BuildDatabase.SourceRow])? {
        guard wasPost.count == files.count else { return nil }
        var read = Set(changed)
        for index in files.indices where !wasPost[index] { read.insert(index) }
        let readIndices = read.sorted()
        let subset = readIndices.map { files[$0] }
        guard let rows = try? database.sources(paths: subset.map(\.path)) else { return nil }
        var part = load(from: directory, files: subset, publicDirectory: publicDirectory, parser: parser, cache: rows, texts: database,
                        parseKey: parseKey, checked: checked)
        guard part.removed.isEmpty, let makePending = part.makePending, let readHead = part.readHead else { return nil }
        // The posts of the files read, by path (as bytes: two spellings of one name are two files).
        var postOf: [[UInt8]: Int] = [:]
        for (number, post) in part.posts.enumerated() { postOf[Array(post.sourcePath.utf8)] = number }
        let rereadPosts = Set(part.rereadPosts)
        var loaded = Loaded(diagnostics: part.diagnostics, texts: part.texts)
        loaded.pages = part.pages
        loaded.parsed = part.parsed
        loaded.reread = part.reread
        loaded.rereadDiagnostics = part.rereadDiagnostics
        loaded.changed = part.changed
        loaded.unencoded = part.unencoded
        loaded.makePending = makePending
        loaded.readHead = readHead
        loaded.fileStamps = part.fileStamps
        loaded.fileTrusted = part.fileTrusted
        loaded.filePosts = part.filePosts
        loaded.fileIndices = readIndices
        let known = part.recordDigests, partPosts = part.posts
        let pagePaths = Set(part.pages.map { Array($0.sourcePath.utf8) })
        part = Loaded()
        // The digests of the posts not read are read with their heads, or when first asked for.
        let digests = RecordDigests(known) { path in readHead(path)?.digest }
        loaded.recordDigests = known
        loaded.digestsWhenAsked = digests
        loaded.posts.reserveCapacity(files.count)
        for (index, file) in files.enumerated() {
            if read.contains(index) {
                let bytes = Array(file.path.utf8)
                guard let number = postOf[bytes] else {
                    // A page; or a file read now that gave nothing (an error): the build's usual path reports it.
                    guard pagePaths.contains(bytes) else { return nil }
                    continue
                }
                if rereadPosts.contains(number) { loaded.rereadPosts.append(loaded.posts.count) }
                loaded.posts.append(partPosts[number])
            } else {
                let path = file.path
                loaded.posts.append(Post(decodingWhenUsed: {
                    let head = readHead(path)
                    if let head { digests.note(head.digest, for: path) }
                    return makePending(path, head?.record ?? Data()).post ?? unreadable(path, in: directory)
                }))
            }
        }
        return (loaded, rows)
    }

    /// `decodingWhenUsed`: the posts of files that did not change are not decoded but made
    /// when first used (`Post.init(decodingWhenUsed:)`), and their warnings are not
    /// known until `Loaded.decodePending()`: for a build that may make only a few pages.
    static func load(from directory: URL, files scanned: [FileTree.Entry]? = nil, publicDirectory: URL? = nil, parser: ContentParser,
                     cache: [String: BuildDatabase.SourceRow] = [:], texts database: BuildDatabase? = nil, parseKey: String = "",
                     checked: Int64 = 0, store: (([BuildDatabase.SourceRow]) -> Void)? = nil, decodingWhenUsed: Bool = false) -> Loaded {
        guard FileStamp.ofFolder(directory.path) != nil else {
            return Loaded(removed: cache.keys.sorted())
        }
        let (files, skipped) = markdownFiles(scanned ?? FileTree.scan(directory), directory: directory, config: parser.config)
        let media = MediaResolver(publicDirectory: publicDirectory)
        // The posts that come from the database read their texts from it when they are shown; a
        // text that is not there (a damaged database) is made again from the post's file.
        let reader = database.map(BuildDatabase.TextReader.init)
        let texts = PostText.Loader(read: { path in try reader?.text(of: path) },
                                    readAll: { each in try reader?.forEachText(each) },
                                    reparse: { path in
            let url = directory.appendingFile(path)
            guard let data = FileManager.default.contents(atPath: url.path),
                  case .post(let post)? = parser.parse(data, file: url, sourcePath: path, kind: .post).0 else { return nil }
            return post.text.value
        }, finish: { reader?.close() })
        let decode: @Sendable (FileTree.Entry, Data) -> Cached? = { entry, head in
            try? RecordCoding.decode(head: head) { _, linksToSources, digest in
                PostText(readLaterFrom: entry.path, loader: texts, linksToSources: linksToSources, digest: digest)
            }
        }
        // A post's file parsed again for its post alone (its record's head could not be decoded).
        let reparse: @Sendable (String) -> Cached = { path in
            let url = directory.appendingFile(path)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                texts.noteMadeAgain(path, failed: true)
                return Cached(warnings: [.error("Cannot read this file", at: SourceLocation(file: url))])
            }
            texts.noteMadeAgain(path, failed: false)
            var (parsed, diagnostics) = parser.parse(data, file: url, sourcePath: path, kind: .post)
            guard case .post(var post)? = parsed else { return Cached(warnings: diagnostics) }
            var used: [URL] = []
            diagnostics += media.resolve(&post, used: &used)
            return Cached(post: post, warnings: diagnostics)
        }
        let makePending: @Sendable (String, Data) -> Cached = { path, head in
            (try? RecordCoding.decode(head: head) { _, linksToSources, digest in
                PostText(readLaterFrom: path, loader: texts, linksToSources: linksToSources, digest: digest)
            }) ?? reparse(path)
        }
        // (`recorded`: the file has a row in `cache`; `pending`: a post decoded when used, whose
        // warnings are not known yet; `dependent`: its value depends on other files, photos or
        // files next to it, whose stamps are checked when its row is used.)
        typealias Result = (cached: Cached?, row: BuildDatabase.SourceRow?, digest: String?, changed: Bool, parsed: Bool, diagnostics: [Diagnostic],
                            recorded: Bool, pending: Data?, dependent: Bool)
        let handle: @Sendable (FileTree.Entry) -> Result = { entry in
            let recorded = cache[entry.path]
            let previous = recorded.flatMap { row in
                row.parseKey == parseKey && row.dependencies.allSatisfy(\.isCurrent) ? row : nil
            }
            // 1. Same stamp, trusted: not even read.
            // (No row to return: it is stored again only when it changed.)
            if let previous, previous.stamp == entry.stamp, previous.stamp.isSettled(at: previous.checked) {
                // (Only a record that holds a post, as its first byte says: a file of a post
                // folder without a date is a page.)
                if decodingWhenUsed && previous.record.first == 1 {
                    let path = entry.path, head = previous.record
                    let post = Post(decodingWhenUsed: {
                        makePending(path, head).post ?? unreadable(path, in: directory)
                    })
                    return (Cached(post: post, warnings: []), nil, previous.recordDigest, false, false, [], true, head, !previous.dependencies.isEmpty)
                }
                if let cached = decode(entry, previous.record) {
                    return (cached, nil, previous.recordDigest, false, false, cached.warnings, true, nil, !previous.dependencies.isEmpty)
                }
            }
            let url = directory.appendingFile(entry.path)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                return (nil, nil, nil, false, false, [.error("Cannot read this file", at: SourceLocation(file: url))], recorded != nil, nil, false)
            }
            let sha = Digest.of(data)
            // 2. Same bytes: the parse is reused, the new stamp kept.
            // (Its text stays in the database: `row.text` is nil.)
            if let previous, previous.sha256 == sha, let cached = decode(entry, previous.record) {
                var row = previous
                row.stamp = entry.stamp
                row.checked = checked
                return (cached, row, row.recordDigest, true, false, cached.warnings, true, nil, !row.dependencies.isEmpty)
            }
            // 3. Parse.
            let kind: ContentParser.Kind = parser.config.isPostPath(entry.path) ? .post : .page
            var (parsed, diagnostics) = parser.parse(data, file: url, sourcePath: entry.path, kind: kind)
            var used: [URL] = []
            var cached = Cached(warnings: [])
            switch parsed {
            case .post(var post):
                diagnostics += media.resolve(&post, used: &used)
                cached.post = post
                parsed = .post(post)
            case .page(var page):
                diagnostics += media.resolve(&page, used: &used)
                cached.page = page
                parsed = .page(page)
            case nil:
                break
            }
            // Files with errors are not kept: they are read again until they are fixed.
            guard parsed != nil, !diagnostics.hasErrors else { return (nil, nil, nil, true, true, diagnostics, recorded != nil, nil, false) }
            cached.warnings = diagnostics
            let record = RecordCoding.encode(cached)
            let digest = record.digest
            let row = BuildDatabase.SourceRow(path: entry.path, stamp: entry.stamp, sha256: sha, parseKey: parseKey, record: record.head,
                                              text: record.text, recordDigest: digest, dependencies: used.map(BuildDatabase.Dependency.init),
                                              checked: checked)
            return (cached, row, digest, true, true, diagnostics, recorded != nil, nil, !used.isEmpty)
        }
        var loaded = Loaded(diagnostics: skipped, texts: texts)
        loaded.makePending = makePending
        loaded.readHead = { path in try? reader?.head(of: path) }
        loaded.fileStamps = files.map(\.stamp)
        loaded.fileTrusted.reserveCapacity(files.count)
        loaded.filePosts.reserveCapacity(files.count)
        loaded.recordDigests.reserveCapacity(files.count)
        // Files with a row in `cache` and a digest now.
        var recordedAndRead = 0
        // A window of files at a time, so the new records can be stored (`store`) and let go of
        // as they are made instead of all being held at once.
        var start = 0
        while start < files.count {
            let chunk = Array(files[start..<min(start + 2048, files.count)])
            start += chunk.count
            var results = chunk.concurrentMap(handle)
            var changed: [BuildDatabase.SourceRow] = []
            var changedValues: [Cached?] = []
            // Each result swapped out of the array whole, then its values moved out of it: reading
            // `results[index].field` copied the whole result (a `Page?` of a few dozen fields
            // and a `Post`) for each field read, 1.5 % of an edit at 100,000 posts.
            for index in results.indices {
                var result: Result = (nil, nil, nil, false, false, [], false, nil, false)
                swap(&result, &results[index])
                // A row stored now is trusted if the file's time was settled when it was read; a
                // row kept, if the file gave a value (it was trusted, or read to the same bytes).
                // A row whose value depends on other files is not: their stamps are checked only
                // when the row is read (a photo may be a hidden file, or a link out of `Content/`,
                // which the frame does not see).
                loaded.fileTrusted.append(!result.dependent && (result.row != nil ? chunk[index].stamp.isSettled(at: checked)
                                                                : !result.changed && (result.cached != nil || result.pending != nil)))
                loaded.filePosts.append(result.cached?.post != nil)
                if !result.diagnostics.isEmpty { loaded.diagnostics += result.diagnostics }
                if result.parsed { loaded.parsed += 1 }
                if result.changed {
                    loaded.reread.append(chunk[index].path)
                    loaded.rereadDiagnostics[chunk[index].path] = result.diagnostics
                }
                // (Counted once per path as `String`s compare: two spellings of one name, NFC and
                // NFD, can be two files with one row.)
                if let digest = result.digest, loaded.recordDigests.updateValue(digest, forKey: chunk[index].path) == nil, result.recorded {
                    recordedAndRead += 1
                }
                var cached = result.cached.take()
                if result.changed, let row = result.row.take() {
                    changed.append(row)
                    changedValues.append(cached)
                }
                if let post = cached?.post.take() {
                    if result.changed { loaded.rereadPosts.append(loaded.posts.count) }
                    if let head = result.pending.take() {
                        loaded.pendingHeads.append(.init(post: loaded.posts.count, diagnosticsAt: loaded.diagnostics.count, path: chunk[index].path, head: head))
                    }
                    loaded.posts.append(post)
                }
                if let page = cached?.page.take() { loaded.pages.append(page) }
            }
            if let store {
                if !changed.isEmpty { store(changed) }
            } else {
                for (var row, value) in zip(changed, changedValues) {
                    if let value, !row.record.isEmpty {
                        row.record = Data()
                        row.text = nil
                        loaded.unencoded[row.path] = value
                    }
                    loaded.changed.append(row)
                }
            }
        }
        // Files that failed or disappeared lose their rows (a file read or parsed has a digest).
        // (When every row's file was read, none is looked for: 100,000 look-ups of an edit at
        // 100,000 posts, on the build's thread.)
        loaded.removed = recordedAndRead == cache.count ? [] : cache.keys.filter { loaded.recordDigests[$0] == nil }.sorted()
        return loaded
    }
}
