import Foundation

/// What a complete build derived from every post of the site, kept for the next build of the
/// same output folder: the site's structure (`Site`: order, threads, timeline, tags, taxonomies,
/// years), the plan's entries, the feeds' dates, and the warnings of the content and the site.
///
/// A build on the edit path (only posts' texts changed, each post's shape as it was: `EditPath`)
/// would make all of these again and find them as they were. At 100,000 posts that is every
/// post's record decoded, `Site.init`, the plan and the feeds' plans: some 0.5 s of an edit that
/// makes 17 files. With this file the build makes the `Site` from it and from posts decoded when
/// a page first shows them (`Post.init(decodingWhenUsed:)`). See `docs/edit-path.md`,
/// stage 2.
///
/// A flat file beside the build database, `.samizdat/shape-<digest of the folder's path>.bin`,
/// written after each complete build that did not use it, under a temporary name then renamed.
/// Like `OutputStamps`, it is trusted only when its SHA-256 is the one the folder's committed
/// state names (`BuildDatabase.BuildState.shape`): a file that is missing, damaged, left by a
/// build that did not finish, or made by another version is not used, and the site is made from
/// its posts as before.
///
/// Kept only for sites whose pages are made from their posts' records as stored: no post's
/// `updated` dropped as an export's time, no link between content files, no tag renumbered, no
/// unknown layout dropped (`Builder` checks these before keeping it), since each of those
/// changes the posts after they are read.
struct SiteShape: Sendable {
    /// How many posts the content gave (`ContentLoader.Loaded.posts`, drafts included).
    var loadedPosts: Int
    /// How many pages the site shows (`Site.pages`, which the plan's pages index).
    var pages: Int
    /// `Site.posts[i]` is `loaded.posts[order[i]]`.
    var order: [Int]
    var parent: [Int: Int]
    var threads: [[Int]]
    var timeline: [Int]
    var pinned: [Int]
    var problems: [Diagnostic]
    var tags: [Site.Tag]
    var taxonomies: [Site.Taxonomy]
    var tagSlugs: [String: String]
    var tagSlugOfName: [String: String]
    var years: [Site.Year]
    var heldBack: [HeldBack]
    var languages: [String]
    /// The plan's entries, as `SitePlan(site:)` makes them.
    var plan: [SitePlan.Entry]
    /// `Feed.updated` of each feed of `Feed.plans(for:)`, in order.
    var feedsUpdated: [Date]
    /// The warnings of the content and the site (what the build adds to its list from the
    /// content step to the site's problems), in order.
    var diagnostics: [Diagnostic]

    /// The file for `output` in the state folder `.samizdat/`.
    static func url(for output: URL, in stateFolder: URL) -> URL {
        stateFolder.appendingPathComponent("shape-\(Digest.of(output.standardizedFileURL.path).prefix(16)).bin")
    }

    private static let magic = "samizdat site shape 2"

    init(site: Site, loadedPosts: Int, plan: SitePlan, feeds: [Feed], diagnostics: [Diagnostic]) {
        self.loadedPosts = loadedPosts
        pages = site.pages.count
        order = site.postOrder
        parent = site.parent
        threads = site.threads.map(\.posts)
        timeline = site.timeline
        pinned = site.pinned.sorted()
        problems = site.problems
        tags = site.tags
        taxonomies = site.taxonomies
        tagSlugs = site.tagSlugs
        tagSlugOfName = site.tagSlugOfName
        years = site.years
        heldBack = site.heldBackItems
        languages = site.languages
        self.plan = plan.entries
        feedsUpdated = feeds.map(\.updated)
        self.diagnostics = diagnostics
    }

    // MARK: - Bytes

    /// The file's bytes.
    func encoded() -> Data {
        var w = RecordCoding.Writer()
        w.string(Self.magic)
        w.int(loadedPosts)
        w.int(pages)
        w.array(order) { $0.int($1) }
        w.array(parent.sorted { $0.key < $1.key }) { w, pair in
            w.int(pair.key)
            w.int(pair.value)
        }
        w.array(threads) { $0.array($1) { $0.int($1) } }
        w.array(timeline) { $0.int($1) }
        w.array(pinned) { $0.int($1) }
        w.array(problems) { $0.diagnostic($1) }
        w.array(tags) { $0.tag($1) }
        w.array(taxonomies) { w, taxonomy in
            w.string(taxonomy.name)
            w.array(taxonomy.terms) { $0.tag($1) }
            w.array(taxonomy.postTerms) { $0.strings($1) }
            w.stringTable(taxonomy.slugByKey)
            w.stringTable(taxonomy.slugOfName)
        }
        w.stringTable(tagSlugs)
        w.stringTable(tagSlugOfName)
        w.array(years) { w, year in
            w.int(year.year)
            w.array(year.months) { w, month in
                w.int(month.year)
                w.int(month.month)
                w.array(month.posts) { $0.int($1) }
            }
        }
        w.array(heldBack) { w, item in
            w.url(item.source)
            w.string(item.reason.rawValue)
        }
        w.strings(languages)
        w.array(plan) { $0.entry($1) }
        w.array(feedsUpdated) { $0.date($1) }
        w.array(diagnostics) { $0.diagnostic($1) }
        return Data(w.bytes)
    }

    /// The shape in `data`, or nil if it is not one this version wrote whole.
    static func decode(_ data: Data) -> SiteShape? {
        try? RecordCoding.read(data) { r throws(RecordCoding.Malformed) in
            guard try r.string() == magic else { throw RecordCoding.Malformed() }
            let loadedPosts = try r.int()
            let pages = try r.int()
            let order = try r.array { r throws(RecordCoding.Malformed) in try r.int() }
            var parent: [Int: Int] = [:]
            for (child, post) in try r.array({ r throws(RecordCoding.Malformed) in (try r.int(), try r.int()) }) { parent[child] = post }
            let threads = try r.array { r throws(RecordCoding.Malformed) in try r.array { r throws(RecordCoding.Malformed) in try r.int() } }
            let timeline = try r.array { r throws(RecordCoding.Malformed) in try r.int() }
            let pinned = try r.array { r throws(RecordCoding.Malformed) in try r.int() }
            let problems = try r.array { r throws(RecordCoding.Malformed) in try r.diagnostic() }
            let tags = try r.array { r throws(RecordCoding.Malformed) in try r.tag() }
            let taxonomies = try r.array { r throws(RecordCoding.Malformed) in
                Site.Taxonomy(name: try r.string(), terms: try r.array { r throws(RecordCoding.Malformed) in try r.tag() },
                              postTerms: try r.array { r throws(RecordCoding.Malformed) in try r.strings() },
                              slugByKey: try r.stringTable(), slugOfName: try r.stringTable())
            }
            let tagSlugs = try r.stringTable(), tagSlugOfName = try r.stringTable()
            let years = try r.array { r throws(RecordCoding.Malformed) in
                Site.Year(year: try r.int(), months: try r.array { r throws(RecordCoding.Malformed) in
                    Site.Month(year: try r.int(), month: try r.int(), posts: try r.array { r throws(RecordCoding.Malformed) in try r.int() })
                })
            }
            let heldBack = try r.array { r throws(RecordCoding.Malformed) in
                let source = try r.url()
                guard let reason = HeldBack.Reason(rawValue: try r.string()) else { throw RecordCoding.Malformed() }
                return HeldBack(source: source, reason: reason)
            }
            let languages = try r.strings()
            let plan = try r.array { r throws(RecordCoding.Malformed) in try r.entry() }
            let feedsUpdated = try r.array { r throws(RecordCoding.Malformed) in try r.date() }
            let diagnostics = try r.array { r throws(RecordCoding.Malformed) in try r.diagnostic() }
            let shape = SiteShape(loadedPosts: loadedPosts, pages: pages, order: order, parent: parent, threads: threads, timeline: timeline, pinned: pinned,
                                  problems: problems, tags: tags, taxonomies: taxonomies, tagSlugs: tagSlugs, tagSlugOfName: tagSlugOfName,
                                  years: years, heldBack: heldBack, languages: languages, plan: plan, feedsUpdated: feedsUpdated,
                                  diagnostics: diagnostics)
            guard shape.isConsistent else { throw RecordCoding.Malformed() }
            return shape
        }
    }

    private init(loadedPosts: Int, pages: Int, order: [Int], parent: [Int: Int], threads: [[Int]], timeline: [Int], pinned: [Int], problems: [Diagnostic],
                 tags: [Site.Tag], taxonomies: [Site.Taxonomy], tagSlugs: [String: String], tagSlugOfName: [String: String], years: [Site.Year],
                 heldBack: [HeldBack], languages: [String], plan: [SitePlan.Entry], feedsUpdated: [Date], diagnostics: [Diagnostic]) {
        (self.loadedPosts, self.pages, self.order, self.parent, self.threads, self.timeline, self.pinned) = (loadedPosts, pages, order, parent, threads, timeline, pinned)
        (self.problems, self.tags, self.taxonomies, self.tagSlugs, self.tagSlugOfName) = (problems, tags, taxonomies, tagSlugs, tagSlugOfName)
        (self.years, self.heldBack, self.languages, self.plan) = (years, heldBack, languages, plan)
        (self.feedsUpdated, self.diagnostics) = (feedsUpdated, diagnostics)
    }

    /// Every index points at a post of the site, and every entry at a post, tag, term, year or
    /// month there is: a file that passes its digest check but not this (which only a bug could
    /// make) is not used rather than crash a build.
    private var isConsistent: Bool {
        let count = order.count
        func valid(_ index: Int) -> Bool { index >= 0 && index < count }
        guard count <= loadedPosts, order.allSatisfy({ $0 >= 0 && $0 < loadedPosts }),
              parent.allSatisfy({ valid($0.key) && valid($0.value) }), threads.allSatisfy({ $0.allSatisfy(valid) }),
              timeline.allSatisfy(valid), pinned.allSatisfy(valid), tags.allSatisfy({ $0.posts.allSatisfy(valid) }),
              taxonomies.allSatisfy({ $0.postTerms.count == count && $0.terms.allSatisfy { $0.posts.allSatisfy(valid) } }),
              years.allSatisfy({ $0.months.allSatisfy { $0.posts.allSatisfy(valid) } }) else { return false }
        return plan.allSatisfy { entry in
            switch entry.kind {
            case .post(let index): valid(index)
            case .tag(let index, _, _): index >= 0 && index < tags.count
            case .taxonomy(let index): index >= 0 && index < taxonomies.count
            case .term(let taxonomy, let term, _, _): taxonomy >= 0 && taxonomy < taxonomies.count && term >= 0 && term < taxonomies[taxonomy].terms.count
            case .year(let index): index >= 0 && index < years.count
            case .month(let year, let month): year >= 0 && year < years.count && month >= 0 && month < years[year].months.count
            case .page(let index): index >= 0 && index < pages
            case .timeline, .tagIndex, .archive, .alias, .notFound: true
            }
        }
    }

    /// The shape in the file, if its SHA-256 is `digest` (the one the last complete build
    /// recorded): no other file is decoded.
    static func read(_ url: URL, digest: String) -> SiteShape? {
        guard let data = try? Data(contentsOf: url), Digest.of(data) == digest else { return nil }
        return decode(data)
    }

}

extension Builder {
    /// `data` read as a build reads the state files it keeps beside the database: as a site's
    /// shape (`SiteShape`) and as the Markdown files' stamps (`SourceStamps`). Each is refused or
    /// read whole, in range, and reads back the same once written again. The number of posts and
    /// of files each holds, or nil. (The fuzzer's entry point, `FuzzTarget.state`; a build reads
    /// them only when their digest is the one it recorded.)
    public static func readKeptState(_ data: Data) -> (posts: Int?, files: Int?) {
        let shape = SiteShape.decode(data)
        if let shape {
            let again = SiteShape.decode(shape.encoded())
            precondition(again?.order == shape.order && again?.plan.count == shape.plan.count, "a shape read does not read back")
        }
        let stamps = SourceStamps.parse(data)
        if let stamps { precondition(SourceStamps.parse(stamps.bytes) == stamps, "stamps read do not read back") }
        return (shape?.order.count, stamps?.stamps.count)
    }
}

extension Site {
    /// The site a build made from `shape` (its structure) and the content loaded now, when only
    /// posts' texts changed since (`EditPath`): `posts` are the loaded posts, most of them
    /// decoded when used; the pages are made as `init(config:posts:pages:now:…)` makes them.
    /// Nil when the posts loaded, or the pages shown, are not as many as the shape was made from.
    init?(shape: SiteShape, config: SiteConfig, posts loaded: [Post], pages: [Page], now: Date, includeDrafts: Bool) {
        guard loaded.count == shape.loadedPosts else { return nil }
        self.config = config
        posts = shape.order.map { loaded[$0] }
        postOrder = shape.order
        parent = shape.parent
        threads = shape.threads.map(Thread.init)
        for (number, thread) in threads.enumerated() {
            for member in thread.posts { threadOf[member] = number }
        }
        timeline = shape.timeline
        pinned = Set(shape.pinned)
        problems = shape.problems
        tags = shape.tags
        taxonomies = shape.taxonomies
        tagSlugs = shape.tagSlugs
        tagSlugOfName = shape.tagSlugOfName
        years = shape.years
        heldBackItems = shape.heldBack
        languages = shape.languages
        (home, self.pages) = Self.shownPages(pages, now: now, includeDrafts: includeDrafts)
        guard self.pages.count == shape.pages else { return nil }
        placeInTimeline()
    }
}

extension RecordCoding.Writer {
    mutating func tag(_ tag: Site.Tag) {
        string(tag.name)
        string(tag.slug)
        array(tag.posts) { $0.int($1) }
    }

    /// A table of strings, in the order of its keys.
    mutating func stringTable(_ table: [String: String]) {
        array(table.sorted { $0.key < $1.key }) { w, pair in
            w.string(pair.key)
            w.string(pair.value)
        }
    }

    mutating func location(_ location: SourceLocation) {
        url(location.file)
        optionalInt(location.line)
        optionalInt(location.column)
    }

    mutating func entry(_ entry: SitePlan.Entry) {
        string(entry.outputPath)
        string(entry.urlPath)
        string(entry.template)
        switch entry.kind {
        case .post(let index): int(0); int(index)
        case .page(let index): int(1); int(index)
        case .timeline(let page, let archived): int(2); int(page); int(archived)
        case .tagIndex: int(3)
        case .tag(let index, let page, let archived): int(4); int(index); int(page); int(archived)
        case .taxonomy(let index): int(5); int(index)
        case .term(let taxonomy, let term, let page, let archived): int(6); int(taxonomy); int(term); int(page); int(archived)
        case .archive: int(7)
        case .year(let index): int(8); int(index)
        case .month(let year, let month): int(9); int(year); int(month)
        case .alias(let to, let from): int(10); string(to); location(from)
        case .notFound: int(11)
        }
        switch entry.origin {
        case .generated: int(0)
        case .location(let location): int(1); self.location(location)
        case .file(let path): int(2); string(path)
        }
    }
}

extension RecordCoding.Reader {
    mutating func tag() throws(RecordCoding.Malformed) -> Site.Tag {
        Site.Tag(name: try string(), slug: try string(), posts: try array { r throws(RecordCoding.Malformed) in try r.int() })
    }

    mutating func stringTable() throws(RecordCoding.Malformed) -> [String: String] {
        var table: [String: String] = [:]
        for (key, value) in try array({ r throws(RecordCoding.Malformed) in (try r.string(), try r.string()) }) { table[key] = value }
        return table
    }

    mutating func location() throws(RecordCoding.Malformed) -> SourceLocation {
        SourceLocation(file: try url(), line: try optionalInt(), column: try optionalInt())
    }

    mutating func entry() throws(RecordCoding.Malformed) -> SitePlan.Entry {
        let outputPath = try string(), urlPath = try string(), template = try string()
        let kind: SitePlan.Kind
        switch try int() {
        case 0: kind = .post(try int())
        case 1: kind = .page(try int())
        case 2: kind = .timeline(page: try int(), archived: try int())
        case 3: kind = .tagIndex
        case 4: kind = .tag(try int(), page: try int(), archived: try int())
        case 5: kind = .taxonomy(try int())
        case 6: kind = .term(taxonomy: try int(), term: try int(), page: try int(), archived: try int())
        case 7: kind = .archive
        case 8: kind = .year(try int())
        case 9: kind = .month(year: try int(), month: try int())
        case 10: kind = .alias(to: try string(), from: try location())
        case 11: kind = .notFound
        default: throw RecordCoding.Malformed()
        }
        let origin: SitePlan.Entry.Origin
        switch try int() {
        case 0: origin = .generated
        case 1: origin = .location(try location())
        case 2: origin = .file(try string())
        default: throw RecordCoding.Malformed()
        }
        return SitePlan.Entry(outputPath: outputPath, urlPath: urlPath, template: template, kind: kind, origin: origin)
    }
}
