import Foundation

/// Every HTML page of a build: its output path, the template that renders it and what it shows.
///
/// Pure: made from a `Site`, no file access and no rendering. Planning first lets a build find
/// every clash between output paths (two posts with the same slug and day, a page named `tags`,
/// an alias over a post) before anything is written.
public struct SitePlan: Sendable {
    public enum Kind: Sendable, Equatable {
        case post(Int)
        case page(Int)
        /// A page of the timeline (see `Paging`: 0 is the front page, 1 the oldest archive page),
        /// with the number of archive pages.
        case timeline(page: Int, archived: Int)
        case tagIndex
        /// A page of a tag's list, as for the timeline.
        case tag(Int, page: Int, archived: Int)
        /// The page listing the terms of `Site.taxonomies[taxonomy]`.
        case taxonomy(Int)
        /// A page of a term's list, as for a tag: `Site.taxonomies[taxonomy].terms[term]`.
        case term(taxonomy: Int, term: Int, page: Int, archived: Int)
        case archive
        case year(Int)
        case month(year: Int, month: Int)
        case alias(to: String, from: SourceLocation)
        case notFound
    }

    public struct Entry: Sendable {
        /// Path of the file below the output folder, e.g. `2026/11/20/hello/index.html`.
        public var outputPath: String
        /// The site URL path it is served at, e.g. `/2026/11/20/hello/`.
        public var urlPath: String
        public var template: String
        public var kind: Kind
        /// The file this page comes from, when one does (for clash messages).
        public var source: SourceLocation? {
            switch origin {
            case .generated: nil
            case .location(let location): location
            case .file(let path): SourceLocation(file: URL(fileURLWithPath: path, isDirectory: false))
            }
        }
        /// `source`, kept as a post's path: a `URL` made for each of 100,000 posts on every build,
        /// for messages of clashes that are rare, was a few percent of an edit's time.
        enum Origin: Sendable {
            /// A page Samizdat makes from no file of its own (the timeline, tag pages…).
            case generated
            case location(SourceLocation)
            case file(String)
        }
        var origin: Origin
    }

    public var entries: [Entry] = []

    /// A plan of these entries (`SiteShape` keeps a site's).
    init(entries: [Entry]) {
        self.entries = entries
    }

    public init(site: Site) {
        var entries: [Entry] = []
        func add(_ urlPath: String, _ template: String, _ kind: Kind, origin: Entry.Origin) {
            entries.append(Entry(outputPath: SitePlan.outputPath(for: urlPath), urlPath: urlPath, template: template, kind: kind, origin: origin))
        }
        func add(_ urlPath: String, _ template: String, _ kind: Kind, source: SourceLocation? = nil) {
            add(urlPath, template, kind, origin: source.map(Entry.Origin.location) ?? .generated)
        }
        let perPage = max(1, site.config.postsPerPage)

        // Threads count once on the timeline, so pages are cut by timeline entries, not posts.
        let timeline = Paging(count: site.timeline.count, perPage: perPage)
        for page in timeline.pages {
            add(Router.paginated(Router.home, page), "timeline", .timeline(page: page, archived: timeline.archived))
        }
        for (index, post) in site.posts.enumerated() {
            add(post.path, post.layout ?? "post", .post(index), origin: .file(post.sourceFile))
            for alias in post.aliases {
                let location = SourceLocation(file: post.source)
                add(alias, "alias", .alias(to: post.path, from: location), source: location)
            }
        }
        for (index, page) in site.pages.enumerated() {
            add(page.path, page.frontMatter.layout ?? "page", .page(index), source: SourceLocation(file: page.source))
            for alias in page.frontMatter.aliases {
                add(alias, "alias", .alias(to: page.path, from: SourceLocation(file: page.source)), source: SourceLocation(file: page.source))
            }
        }
        add(Router.tags, "tags", .tagIndex)
        for (index, tag) in site.tags.enumerated() {
            let paging = Paging(count: tag.posts.count, perPage: perPage)
            for page in paging.pages {
                add(Router.paginated(Router.tag(tag.slug), page), "tag", .tag(index, page: page, archived: paging.archived))
            }
        }
        // Taxonomies no post uses have no pages at all.
        for (taxonomyIndex, taxonomy) in site.taxonomies.enumerated() where !taxonomy.terms.isEmpty {
            add(Router.taxonomy(taxonomy.name), "taxonomy", .taxonomy(taxonomyIndex))
            for (termIndex, term) in taxonomy.terms.enumerated() {
                let paging = Paging(count: term.posts.count, perPage: perPage)
                for page in paging.pages {
                    add(Router.paginated(Router.term(term.slug, in: taxonomy.name), page), "term",
                        .term(taxonomy: taxonomyIndex, term: termIndex, page: page, archived: paging.archived))
                }
            }
        }
        add(Router.archive, "archive", .archive)
        for (yearIndex, year) in site.years.enumerated() {
            add(Router.year(year.year), "year", .year(yearIndex))
            for (monthIndex, month) in year.months.enumerated() {
                add(Router.month(month.year, month.month), "month", .month(year: yearIndex, month: monthIndex))
            }
        }
        add(Router.notFound, "404", .notFound)
        self.entries = entries
    }

    /// The front page (0) of `/tags/x/` is `/tags/x/`, archive page 2 is `/tags/x/page/2/`.
    public static func paginated(_ base: String, _ page: Int) -> String {
        Router.paginated(base, page)
    }

    /// `/a/b/` → `a/b/index.html`; `/old/post.html` → `old/post.html`.
    public static func outputPath(for urlPath: String) -> String {
        Router.outputPath(for: urlPath)
    }

    /// The two-or-more entries that would write the same file, a page where another file is
    /// written, and a file where another output needs a folder, as errors naming each source.
    ///
    /// `extraPaths` are the other files (feeds, `Public/` files…), each with what it is, and
    /// `extraSources` the files some of them come from.
    public func clashes(extraPaths: [String: String] = [:], extraSources: [String: SourceLocation] = [:]) -> [Diagnostic] {
        // Case-insensitive: on macOS and Windows `About/` and `about/` are the same folder.
        let extraPaths = Dictionary(extraPaths.map { ($0.key.foldedForPathComparison, $0.value) }, uniquingKeysWith: { a, _ in a })
        let extraSources = Dictionary(extraSources.map { ($0.key.foldedForPathComparison, $0.value) }, uniquingKeysWith: { a, _ in a })
        // The first entry of each path; a group is made only for paths written twice.
        var first: [String: Int] = [:]
        first.reserveCapacity(entries.count)
        var keys: [String] = []
        keys.reserveCapacity(entries.count)
        var isFirst = [Bool](repeating: false, count: entries.count)
        var byPath: [String: [Entry]] = [:]
        // One lookup per entry (each entry copied out of the array only when it clashes).
        for index in entries.indices {
            let key = entries[index].outputPath.foldedForPathComparison
            keys.append(key)
            if let earlier = first.updateValue(index, forKey: key) {
                first[key] = earlier
                byPath[key, default: [entries[earlier]]].append(entries[index])
            } else {
                isFirst[index] = true
            }
        }
        // The other files are fewer than the pages: each is looked up among them.
        for key in extraPaths.keys where byPath[key] == nil {
            if let index = first[key] { byPath[key] = [entries[index]] }
        }
        var diagnostics: [Diagnostic] = []
        // Sorted for a stable report; only the paths with a problem (sorting every path of a big
        // site was most of this check).
        for (path, group) in byPath.sorted(by: { $0.key < $1.key }) {
            if group.count > 1 {
                let names = group.map(SitePlan.describe)
                for entry in group {
                    let others = names.filter { $0 != SitePlan.describe(entry) }
                    let otherText = others.isEmpty ? "another page" : others.joined(separator: " and ")
                    diagnostics.append(.error(
                        "Output path '\(path)' is also written by \(otherText). Give one of them a different 'slug' or date",
                        at: entry.source))
                }
            } else if let entry = group.first, let generated = extraPaths[path] {
                diagnostics.append(.error(
                    "Output path '\(path)' clashes with the \(generated). Give this file a different 'slug'",
                    at: entry.source))
            }
        }
        diagnostics += folderClashes(keys: keys, isFirst: isFirst, first: first, others: extraPaths, sources: extraSources)
        return diagnostics
    }

    /// A file whose path is a folder of another's: an alias `/_headers` is `_headers/index.html`
    /// while `_headers` is the hosts' file; a `Public/about` file is where the page
    /// `about/index.html` needs a folder. Both cannot be written, and the writer would find out
    /// only part way through writing the site.
    ///
    /// `keys` are the entries' folded paths (`isFirst` for the first entry of each path, `first`
    /// that entry by path), `others` the other files by folded path. Every path is read once,
    /// byte by byte, with a running FNV-1a hash: at each `/` the hash of the folder so far is
    /// looked up among the hashes of the files, and a hit is compared byte for byte. (Looking
    /// each folder up as a string cost a tenth of an edit's time at 10,000 posts.)
    private func folderClashes(keys: [String], isFirst: [Bool], first: [String: Int], others: [String: String],
                               sources: [String: SourceLocation]) -> [Diagnostic] {
        let otherKeys = others.keys.filter { first[$0] == nil }
        // The files, by the hash of their path: an entry's number, or -1 - the other's number
        // (and any other file whose path has the same hash, in `collided`).
        var files: [UInt64: Int] = [:]
        var collided: [UInt64: [Int]] = [:]
        files.reserveCapacity(keys.count + otherKeys.count)
        func add(_ path: String, _ number: Int) {
            let hash = Self.pathHash(path)
            if let existing = files.updateValue(number, forKey: hash) {
                files[hash] = existing
                collided[hash, default: []].append(number)
            }
        }
        for number in keys.indices where isFirst[number] { add(keys[number], number) }
        for (number, key) in otherKeys.enumerated() { add(key, -1 - number) }
        // Per folder, the first path that needs it (in the plan's order, then the others' by path).
        var needed: [String: (path: String, entry: Int?)] = [:]
        func found(_ number: Int, length: Int, in path: String, entry: Int?) {
            let folder = number >= 0 ? keys[number] : otherKeys[-1 - number]
            guard folder.utf8.count == length, path.utf8.starts(with: folder.utf8) else { return }
            if let earlier = needed[folder], earlier.entry != nil || (entry == nil && earlier.path < path) { return }
            needed[folder] = (path, entry)
        }
        func check(_ path: String, entry: Int?) {
            var hash = Self.fnvOffset
            var length = 0
            for byte in path.utf8 {
                if byte == UInt8(ascii: "/") && length > 0, let number = files[hash] {
                    found(number, length: length, in: path, entry: entry)
                    for other in collided[hash] ?? [] { found(other, length: length, in: path, entry: entry) }
                }
                hash = (hash ^ UInt64(byte)) &* Self.fnvPrime
                length += 1
            }
        }
        for number in keys.indices where isFirst[number] { check(keys[number], entry: number) }
        for key in otherKeys { check(key, entry: nil) }
        return needed.sorted { ($0.value.path, $0.key) < ($1.value.path, $1.key) }.map { folder, need in
            let writer = first[folder].map { SitePlan.describe(entries[$0]) } ?? others[folder].map { "the \($0)" } ?? "another file"
            return .error(
                "Output path '\(need.path)' needs a folder '\(folder)', which is written as a file by \(writer). Rename or remove one of them",
                // The path that needs the folder, or else the file in its way.
                at: need.entry.flatMap { entries[$0].source } ?? sources[need.path] ?? first[folder].flatMap { entries[$0].source } ?? sources[folder])
        }
    }

    private static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    /// FNV-1a of the path's bytes.
    static func pathHash(_ path: String) -> UInt64 {
        var hash = fnvOffset
        for byte in path.utf8 { hash = (hash ^ UInt64(byte)) &* fnvPrime }
        return hash
    }

    /// A file of the output that is not a page: a feed, the sitemap, a file from Public/ or a
    /// post's media.
    public struct Claim: Sendable {
        public var path: String
        public var what: String
        public var source: SourceLocation?

        public init(path: String, what: String, source: SourceLocation? = nil) {
            self.path = path
            self.what = what
            self.source = source
        }
    }

    /// Files other than pages that would land on the same output path (case-insensitively):
    /// `Public/feed.xml` against the generated feed, a post's photo against a Public/ file.
    public static func clashes(among claims: [Claim]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for group in Dictionary(grouping: claims, by: { $0.path.foldedForPathComparison }).values where group.count > 1 {
            let names = group.map(\.what)
            let sourced = group.filter { $0.source != nil }
            for claim in sourced.isEmpty ? [group[0]] : sourced {
                let others = names.filter { $0 != claim.what }.joined(separator: " and ")
                diagnostics.append(.error("Output path '\(claim.path)' is also written by the \(others). Rename or remove one of them",
                                          at: claim.source))
            }
        }
        return diagnostics
    }

    private static func describe(_ entry: Entry) -> String {
        switch entry.kind {
        case .alias: return "an alias in \(entry.source?.file.lastPathComponent ?? "a post")"
        default:
            if let file = entry.source?.file { return "'\(file.path)'" }
            return "the generated \(entry.template) page"
        }
    }
}
