import Foundation

/// The shared core of `samizdat import`: writes the posts a platform's reader produced into the
/// site, with their media, threads, the import record and the map of old addresses.
///
/// - Posts go to `Content/posts/imported/<platform>/YYYY/MM/…` (see `ImportedPost.path`).
/// - Importing again updates the files the last import wrote and adds what is new. A file whose
///   bytes changed since (the author edited it) or that was removed is left alone, and so is a
///   file already there that no import wrote.
/// - Everything is first written into a folder inside `.samizdat/`, then moved into place, so a
///   failed import leaves the site as it was.
/// - `Public/imported/<platform>.json` maps each original address to the post's site path.
public struct Importer {
    public struct Options: Sendable {
        public var since: Date?
        public var dryRun = false
        public var includeReposts = false
        /// Import followers-only posts and direct messages too.
        public var includePrivate = false

        public init(since: Date? = nil, dryRun: Bool = false, includeReposts: Bool = false, includePrivate: Bool = false) {
            self.since = since
            self.dryRun = dryRun
            self.includeReposts = includeReposts
            self.includePrivate = includePrivate
        }
    }

    /// What an import did, or with `--dry-run` would do.
    public struct Summary: Sendable, Equatable {
        public var read = 0
        public var written: [String] = []
        public var updated: [String] = []
        /// Files of posts from other platforms to which a cross-post's address was added.
        public var merged: [String] = []
        public var unchanged = 0
        /// Why posts were not written, with how many each time.
        public var skipped: [String: Int] = [:]
        public var mediaCopied = 0
        public var mediaMissing = 0
        /// Missing media, edited files left alone: each with the member or file it is about.
        public var warnings: [Diagnostic] = []
        /// The address map, below the site's folder.
        public var addressMap: String?
    }

    public static let repostReason = "reposts"
    public static let sinceReason = "older than --since"
    public static let followersReason = "followers-only"
    public static let directReason = "direct messages"
    public static let editedReason = "edited since the last import"
    public static let removedReason = "removed since the last import"
    public static let occupiedReason = "in the way of a file no import wrote"
    public static let crossPostEditedReason = "cross-posts of a post edited since its import"

    public var site: URL
    public var config: SiteConfig
    public var options: Options

    public init(site: URL, config: SiteConfig, options: Options) {
        self.site = site
        self.config = config
        self.options = options
    }

    /// One post's fate.
    enum Action: Equatable {
        case write, update, unchanged
        /// Its address added to the `syndication` of the post it is a cross-post of.
        case merge
    }

    struct Planned {
        var post: ImportedPost
        var file: String
        var sitePath: String
        var markdown: String
        var action: Action
    }

    /// Imports `posts` (all of one platform), copying media from `archive`.
    ///
    /// - Parameter progress: called with (done, total) as posts are written.
    public func run(_ posts: [ImportedPost], from archive: ImportArchive, progress: (Int, Int) -> Void = { _, _ in })
        throws(DiagnosticList) -> Summary {
        guard let platform = posts.first?.platform else { return Summary() }
        var summary = Summary()
        summary.read = posts.count
        let lock = options.dryRun ? nil : try BuildLock(siteDirectory: site) {}
        defer { _ = lock }
        let database = try openDatabase()
        var records: [String: BuildDatabase.ImportRecord] = [:]
        let allRecords: [BuildDatabase.ImportRecord]
        do {
            allRecords = try database?.importRecords() ?? []
            for record in allRecords where record.platform == platform { records[record.originalID] = record }
        } catch {
            throw DiagnosticList([.error("Cannot read the import record in .samizdat/build.sqlite: \(error)")])
        }

        // Which posts to write, and where each one is (for threads).
        var kept: [ImportedPost] = []
        for var post in posts {
            if post.isRepost && !options.includeReposts {
                summary.skipped[Self.repostReason, default: 0] += 1
                continue
            }
            if !options.includePrivate && (post.audience == .followers || post.audience == .direct) {
                summary.skipped[post.audience == .followers ? Self.followersReason : Self.directReason, default: 0] += 1
                continue
            }
            if let since = options.since, post.date < since {
                summary.skipped[Self.sinceReason, default: 0] += 1
                continue
            }
            post.media = post.media.filter { media in
                if archive.contains(media.member) { return true }
                summary.mediaMissing += 1
                summary.warnings.append(.warning("Media '\(media.member)' of post \(post.url) is not in the archive; the post is imported without it",
                                                 at: SourceLocation(file: archive.url)))
                return false
            }
            kept.append(post)
        }
        var sitePaths: [String: String] = records.mapValues(\.sitePath)
        for post in kept {
            sitePaths[post.id] = records[post.id]?.sitePath ?? config.permalink.path(date: post.date, slug: post.slug, timeZone: config.timeZone)
        }

        var planned: [Planned] = []
        let manager = FileManager.default
        var crossPosts = CrossPosts(site: site, records: allRecords)
        for post in kept {
            let replyPath = post.replyTo?.ownID.flatMap { sitePaths[$0] }
            let sitePath = sitePaths[post.id] ?? ""
            if let record = records[post.id], !Self.owns(post, record.file) {
                // Merged into a post of another platform by an earlier import: that file stands
                // for this post too, and is that post's to update.
                guard let current = manager.contents(atPath: site.appendingPathComponent(record.file).path) else {
                    summary.skipped[Self.removedReason, default: 0] += 1
                    continue
                }
                if Digest.of(current) != record.sha256 {
                    summary.skipped[Self.editedReason, default: 0] += 1
                } else {
                    summary.unchanged += 1
                }
                continue
            }
            let alsoAt = records[post.id].map { record in
                allRecords.filter { $0.file == record.file && !($0.platform == platform && $0.originalID == post.id) }.map(\.originalURL)
            } ?? []
            let markdown = post.markdown(replyPath: replyPath, alsoAt: alsoAt)
            if let record = records[post.id] {
                let url = site.appendingPathComponent(record.file)
                guard let current = manager.contents(atPath: url.path) else {
                    summary.skipped[Self.removedReason, default: 0] += 1
                    continue
                }
                guard Digest.of(current) == record.sha256 else {
                    summary.skipped[Self.editedReason, default: 0] += 1
                    summary.warnings.append(.warning("Left as it is: edited since the last import",
                                                     at: SourceLocation(file: url)))
                    continue
                }
                let mediaPresent = post.media.allSatisfy { manager.fileExists(atPath: url.deletingLastPathComponent().appendingPathComponent($0.name).path) }
                let samePlace = record.file == "Content/" + post.path
                // Moving (a post whose media came or went) never goes over a file no import wrote.
                if !samePlace && manager.fileExists(atPath: site.appendingPathComponent("Content/" + post.path).path) {
                    summary.skipped[Self.occupiedReason, default: 0] += 1
                    continue
                }
                let action: Action = current == Data(markdown.utf8) && mediaPresent && samePlace ? .unchanged : .update
                planned.append(Planned(post: post, file: "Content/" + post.path, sitePath: sitePath, markdown: markdown, action: action))
            } else if let original = crossPosts.match(post) {
                guard !original.edited, let merged = CrossPosts.adding(post.url, toSyndicationOf: original.content) else {
                    summary.skipped[Self.crossPostEditedReason, default: 0] += 1
                    summary.warnings.append(.warning("Left as it is: \(post.url) is a cross-post of this post, which was edited since it was imported; add the address to its 'syndication' yourself",
                                                     at: SourceLocation(file: site.appendingPathComponent(original.file))))
                    continue
                }
                crossPosts.merged(post, into: original.file, content: merged)
                var item = post
                item.media = []
                planned.append(Planned(post: item, file: original.file, sitePath: original.sitePath, markdown: merged, action: .merge))
            } else {
                let file = "Content/" + post.path
                if isOccupied(file, bundle: !post.media.isEmpty) {
                    summary.skipped[Self.occupiedReason, default: 0] += 1
                    summary.warnings.append(.warning("Left as it is: this file was not written by an import, so the post \(post.url) was not imported",
                                                     at: SourceLocation(file: site.appendingPathComponent(file))))
                    continue
                }
                planned.append(Planned(post: post, file: file, sitePath: sitePath, markdown: markdown, action: .write))
            }
        }

        for item in planned {
            switch item.action {
            case .write: summary.written.append(item.file)
            case .update: summary.updated.append(item.file)
            case .unchanged: summary.unchanged += 1
            case .merge: summary.merged.append(item.file)
            }
        }
        // Several posts merged into one file in this run: its last content has them all.
        var lastByFile: [String: Int] = [:]
        for (index, item) in planned.enumerated() where item.action != .unchanged { lastByFile[item.file] = index }
        let changing = planned.enumerated().filter { $0.element.action != .unchanged && lastByFile[$0.element.file] == $0.offset }.map(\.element)
        summary.mediaCopied = changing.reduce(0) { $0 + $1.post.media.count }
        let mapFile = "Public/imported/\(platform).json"
        summary.addressMap = mapFile
        if options.dryRun { return summary }

        try write(changing, records: records, from: archive, progress: progress)
        var changed: [BuildDatabase.ImportRecord] = []
        for item in planned {
            let bytes = Data(item.markdown.utf8)
            let record = BuildDatabase.ImportRecord(platform: platform, originalID: item.post.id, originalURL: item.post.url,
                                                    file: item.file, sitePath: item.sitePath, sha256: Digest.of(bytes))
            records[item.post.id] = record
            if item.action != .unchanged { changed.append(record) }
        }
        // Every record of a file written now (the cross-posts merged into it, from any platform)
        // takes its new hash, so that the next import of any of them sees it unedited.
        let written = Dictionary(changing.map { ($0.file, Digest.of(Data($0.markdown.utf8))) }, uniquingKeysWith: { $1 })
        changed = changed.map { record in
            var record = record
            record.sha256 = written[record.file] ?? record.sha256
            return record
        }
        let changedKeys = Set(changed.map { $0.platform + "\u{0}" + $0.originalID })
        for var record in allRecords where written[record.file] != nil && !changedKeys.contains(record.platform + "\u{0}" + record.originalID) {
            record.sha256 = written[record.file]!
            changed.append(record)
            if record.platform == platform { records[record.originalID] = record }
        }
        for record in changed where record.platform == platform { records[record.originalID] = record }
        do {
            try database?.storeImportRecords(changed)
        } catch {
            summary.warnings.append(.warning("The import record could not be saved in .samizdat/build.sqlite (\(error)); importing again will leave these posts alone"))
        }
        try writeAddressMap(records.values, to: mapFile)
        return summary
    }

    /// Whether `file` is the post's own (its name ends in its slug), rather than the post of
    /// another platform it was merged into as a cross-post.
    static func owns(_ post: ImportedPost, _ file: String) -> Bool {
        file.hasSuffix("-\(post.slug).md") || file.hasSuffix("-\(post.slug)/index.md")
    }

    /// Whether a file or bundle of this name (either form) is already in the site.
    private func isOccupied(_ file: String, bundle: Bool) -> Bool {
        let url = site.appendingPathComponent(file)
        let name = bundle ? url.deletingLastPathComponent() : url.deletingPathExtension()
        return [name.path, name.path + ".md", name.path + ".markdown"].contains { FileManager.default.fileExists(atPath: $0) }
    }

    private func openDatabase() throws(DiagnosticList) -> BuildDatabase? {
        let url = site.appendingPathComponent(".samizdat/build.sqlite")
        if options.dryRun && !FileManager.default.fileExists(atPath: url.path) { return nil }
        do {
            return try BuildDatabase(url: url)
        } catch {
            let reason = (error as? BuildDatabase.Unusable)?.description ?? "\(error)"
            throw DiagnosticList([.error("Cannot use .samizdat/build.sqlite, where imports are recorded: \(reason). Move it away (a build makes a new one) and import again",
                                         at: SourceLocation(file: url))])
        }
    }

    /// Writes everything into a folder inside `.samizdat/`, then moves each file into place.
    private func write(_ items: [Planned], records: [String: BuildDatabase.ImportRecord], from archive: ImportArchive,
                       progress: (Int, Int) -> Void) throws(DiagnosticList) {
        guard !items.isEmpty else { return }
        let manager = FileManager.default
        let staging = site.appendingPathComponent(".samizdat/import-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: staging) }
        var copies: [(String, URL)] = []
        for (index, item) in items.enumerated() {
            let file = staging.appendingPathComponent(item.file)
            do {
                try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                // A plain write: `Data.write(to:)` syncs each file to disk, which over tens of
                // thousands of posts is most of the import's time; the move into place is the
                // step that counts, and a crash before it leaves only the staging folder.
                guard manager.createFile(atPath: file.path, contents: nil), let handle = FileHandle(forWritingAtPath: file.path) else {
                    throw CocoaError(.fileWriteUnknown)
                }
                defer { try? handle.close() }
                try handle.write(contentsOf: Data(item.markdown.utf8))
            } catch {
                throw DiagnosticList([.error("Cannot write the imported post: \(error.localizedDescription)", at: SourceLocation(file: file))])
            }
            for media in item.post.media {
                copies.append((media.member, file.deletingLastPathComponent().appendingPathComponent(media.name)))
            }
            progress(index + 1, items.count * 2)
        }
        // In the archive's order: a .tar.gz is then read once for all of them.
        for (member, destination) in copies.sorted(by: { archive.position(of: $0.0) < archive.position(of: $1.0) }) {
            try archive.copy(member, to: destination)
        }
        // Every file is ready: move them into place. An update replaces the file the last
        // import wrote (checked unchanged above), and its media of the same names.
        for (index, item) in items.enumerated() {
            let source = staging.appendingPathComponent(item.file)
            let target = site.appendingPathComponent(item.file)
            do {
                if let old = records[item.post.id]?.file, old != item.file {
                    try? manager.removeItem(at: site.appendingPathComponent(old))
                }
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                for name in [target.lastPathComponent] + item.post.media.map(\.name) {
                    let from = source.deletingLastPathComponent().appendingPathComponent(name)
                    let to = target.deletingLastPathComponent().appendingPathComponent(name)
                    if manager.fileExists(atPath: to.path) { try manager.removeItem(at: to) }
                    try manager.moveItem(at: from, to: to)
                }
            } catch {
                throw DiagnosticList([.error("Cannot move the imported post into place: \(error.localizedDescription)", at: SourceLocation(file: target))])
            }
            progress(items.count + index + 1, items.count * 2)
        }
    }

    /// `{"https://twitter.com/ada/status/1": "/2023/02/18/1/", …}`, sorted, for every post ever
    /// imported from the platform.
    private func writeAddressMap(_ records: Dictionary<String, BuildDatabase.ImportRecord>.Values, to path: String) throws(DiagnosticList) {
        var map: [String: String] = [:]
        for record in records { map[record.originalURL] = record.sitePath }
        let url = site.appendingPathComponent(path)
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (encoder.encode(map) + Data("\n".utf8)).write(to: url, options: .atomic)
        } catch {
            throw DiagnosticList([.error("Cannot write the map of old addresses: \(error.localizedDescription)", at: SourceLocation(file: url))])
        }
    }
}
