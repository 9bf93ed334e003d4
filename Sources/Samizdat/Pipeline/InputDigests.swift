import Foundation

/// The digest of everything each output file is made from.
///
/// A file whose digest is the one recorded when it was last written, and which is still on disk
/// as written, is not rendered again. So every value a page or feed shows must be part of its
/// digest; leaving one out would leave a stale page after an incremental build, which the
/// incremental-build tests (random edits, each build compared with a clean one) look for.
///
/// The parts:
/// - `global`: what every page shows: the tool (version and binary), `site.yml` and the
///   `--base-url` given, the navigation (top-level pages with a title), the copyright year.
/// - each post's key (`PostKeys`): the digest of its parsed file (front matter, rendered HTML, photos
///   with their sizes…) plus what the site around it decides: its address, its tags' pages, whether
///   it is pinned, and the post it answers.
/// - per page kind, the posts it lists, its pagination, and the digest of its template with the
///   partials it uses.
struct InputDigests: Sendable {
    let global: String
    let postKeys: PostKeys
    let pageKeys: [String]
    let templates: [String: String]
    let assets: String
    let recordDigests: RecordDigests

    /// `keysWhenAsked`: each post's key is made when a digest first needs it (an edit's build
    /// digests a few dozen outputs, which show a few hundred of 100,000 posts) instead of all at once.
    init(site: Site, templates: TemplateLibrary, settings: String, recordDigests: [String: String], keysWhenAsked: Bool = false) {
        self.init(site: site, templates: templates, settings: settings, recordDigests: RecordDigests(recordDigests), keysWhenAsked: keysWhenAsked)
    }

    init(site: Site, templates: TemplateLibrary, settings: String, recordDigests: RecordDigests, keysWhenAsked: Bool = false) {
        var global = Digest.Builder("global")
        global.add(settings)
        for page in site.menuPages {
            global.add(page.path)
            global.add(page.title)
        }
        // The navigation links to each taxonomy that has pages.
        global.add(site.taxonomies.filter { !$0.terms.isEmpty }.map(\.name))
        // The copyright year is the newest post's.
        global.add(DateFormats.shared(language: site.config.language, timeZone: site.config.timeZone)
            .year(of: site.posts.first?.date ?? Date(timeIntervalSince1970: 0)))
        self.global = global.finalize()
        self.recordDigests = recordDigests
        self.templates = templates.digests
        var assets = Digest.Builder("assets")
        for asset in templates.assets {
            assets.add(asset.path)
            assets.add(asset.data)
        }
        self.assets = assets.finalize()

        postKeys = PostKeys(site: site, recordDigests: recordDigests, all: !keysWhenAsked)
        pageKeys = site.pages.map { page in
            var key = Digest.Builder("page")
            key.add(recordDigests[page.sourcePath] ?? "unrecorded \(UUID())")
            key.add(page.content.hashtags.map { site.tagSlug(for: $0) ?? "" })
            return key.finalize()
        }
    }

    /// The digest of a page of the plan.
    func page(_ entry: SitePlan.Entry, site: Site) -> String {
        var d = Digest.Builder("entry")
        d.add(global)
        d.add(entry.template)
        d.add(templates[entry.template] ?? "")
        d.add(entry.outputPath)
        d.add(entry.urlPath)
        let perPage = max(1, site.config.postsPerPage)
        func addPosts(_ indices: some Sequence<Int>) {
            for index in indices { d.add(postKeys[index]) }
        }
        func addThread(of index: Int) {
            guard let thread = site.threadOf[index] else { return d.add(0) }
            let members = site.threads[thread].posts
            d.add(members.count)
            addPosts(members)
        }
        /// A page of a tag's or term's list.
        func addTerm(_ term: Site.Tag, page: Int) {
            let paging = Paging(count: term.posts.count, perPage: perPage)
            d.add("\(page) \(perPage)")
            d.add(paging.newer(than: page))
            d.add(paging.older(than: page))
            d.add(term.name)
            d.add(term.slug)
            // Only the front page shows how many posts the term has: archive pages stay as they are.
            if page == 0 { d.add(term.posts.count) }
            addPosts(term.posts[paging.positions(onPage: page)])
        }
        switch entry.kind {
        case .timeline(let page, _):
            let paging = Paging(count: site.timeline.count, perPage: perPage)
            d.add("timeline \(page) \(perPage)")
            // The front page shows the home text.
            if page == 0, let home = site.home {
                d.add(recordDigests[home.sourcePath] ?? "unrecorded \(UUID())")
            }
            // Which neighbour links the page shows; the number of pages itself is not shown.
            d.add(paging.newer(than: page))
            d.add(paging.older(than: page))
            for index in site.timeline[paging.positions(onPage: page)] {
                d.add(postKeys[index])
                addThread(of: index)
            }
        case .post(let index):
            d.add("post")
            d.add(postKeys[index])
            addThread(of: index)
            let (newer, older) = site.neighbours(of: index)
            d.add(newer.map { postKeys[$0] })
            d.add(older.map { postKeys[$0] })
            if let position = site.timelinePosition[index] {
                d.add(Paging(count: site.timeline.count, perPage: perPage).page(ofPosition: position))
                // The link to the post's place in the timeline ends with its anchor, which its path makes.
                d.add(site.posts[site.timeline[position]].path)
            }
        case .page(let index):
            d.add("page")
            d.add(pageKeys[index])
        case .tagIndex:
            d.add("tags")
            for tag in site.tags {
                d.add(tag.name)
                d.add(tag.slug)
                d.add(tag.posts.count)
            }
        case .tag(let index, let page, _):
            d.add("tag")
            addTerm(site.tags[index], page: page)
        case .taxonomy(let index):
            let taxonomy = site.taxonomies[index]
            d.add("taxonomy \(taxonomy.name)")
            for term in taxonomy.terms {
                d.add(term.name)
                d.add(term.slug)
                d.add(term.posts.count)
            }
        case .term(let taxonomyIndex, let termIndex, let page, _):
            let taxonomy = site.taxonomies[taxonomyIndex]
            d.add("term \(taxonomy.name)")
            addTerm(taxonomy.terms[termIndex], page: page)
        case .archive:
            d.add("archive")
            for year in site.years {
                d.add(year.year)
                for month in year.months {
                    d.add(month.month)
                    d.add(month.posts.count)
                }
            }
        case .year(let index):
            let year = site.years[index]
            d.add("year \(year.year)")
            for month in year.months {
                d.add(month.month)
                d.add(month.posts.count)
                addPosts(month.posts)
            }
        case .month(let yearIndex, let monthIndex):
            let month = site.years[yearIndex].months[monthIndex]
            d.add("month \(month.year) \(month.month)")
            addPosts(month.posts)
        case .alias(let target, _):
            d.add("alias")
            d.add(target)
        case .notFound:
            d.add("404")
            d.add(assets)
        }
        return d.finalize()
    }

    /// Whether the digest of `entry` (`page(_:site:)`) holds the key of any post of `posts`: what
    /// decides, when only those posts' texts changed, which pages to make again (the edit path,
    /// `EditPath`). It follows `page` case by case; keep the two together.
    static func shows(_ entry: SitePlan.Entry, site: Site, any posts: Set<Int>) -> Bool {
        let perPage = max(1, site.config.postsPerPage)
        func threadShown(of index: Int) -> Bool {
            guard let thread = site.threadOf[index] else { return false }
            return site.threads[thread].posts.contains(where: posts.contains)
        }
        func termShown(_ term: Site.Tag, page: Int) -> Bool {
            term.posts[Paging(count: term.posts.count, perPage: perPage).positions(onPage: page)].contains(where: posts.contains)
        }
        switch entry.kind {
        case .timeline(let page, _):
            let paging = Paging(count: site.timeline.count, perPage: perPage)
            return site.timeline[paging.positions(onPage: page)].contains { posts.contains($0) || threadShown(of: $0) }
        case .post(let index):
            let (newer, older) = site.neighbours(of: index)
            return posts.contains(index) || threadShown(of: index) || newer.map(posts.contains) == true || older.map(posts.contains) == true
        case .tag(let index, let page, _):
            return termShown(site.tags[index], page: page)
        case .term(let taxonomyIndex, let termIndex, let page, _):
            return termShown(site.taxonomies[taxonomyIndex].terms[termIndex], page: page)
        case .year(let index):
            return site.years[index].months.contains { $0.posts.contains(where: posts.contains) }
        case .month(let yearIndex, let monthIndex):
            return site.years[yearIndex].months[monthIndex].posts.contains(where: posts.contains)
        case .page, .tagIndex, .taxonomy, .archive, .alias, .notFound:
            return false
        }
    }

    /// Whether the digest of a feed's file (`feed(_:kind:page:)`) holds the key of any post of `posts`.
    static func shows(_ feed: Feed, page: Int, any posts: Set<Int>) -> Bool {
        feed.posts(onPage: page).contains(where: posts.contains)
    }

    /// A file of the sitemap: the pages it lists, with the date of posts and of the newest post.
    func sitemap(_ sitemap: Sitemap, path: String) -> String {
        var d = Digest.Builder("sitemap")
        d.add(global)
        d.add(path)
        sitemap.add(path, to: &d)
        return d.finalize()
    }

    /// The digest of one file of a feed.
    func feed(_ feed: Feed, kind: Feed.FileKind, page: Int) -> String {
        var d = Digest.Builder("feed")
        d.add(global)
        d.add(kind.rawValue)
        d.add(feed.folder)
        d.add(feed.title)
        d.add(feed.description)
        d.add(feed.homeURL)
        d.add(page)
        // The links to other pages, and the date: archive documents show their own items' dates.
        d.add(feed.paging.older(than: page))
        d.add(feed.paging.newer(than: page))
        if page == 0 { d.add(feed.updated) }
        for index in feed.posts(onPage: page) { d.add(postKeys[index]) }
        return d.finalize()
    }
}

/// The digest of each file's parsed value (its record), by path below `Content/`: those of the
/// files loaded, and, for posts loaded undecoded (`ContentLoader.loadChanged`), each read from
/// the database the first time it is asked for (or noted when the post's head is read).
final class RecordDigests: @unchecked Sendable {
    private var known: [String: String]
    private let read: (@Sendable (String) -> String?)?
    private let lock = NSLock()

    init(_ known: [String: String], read: (@Sendable (String) -> String?)? = nil) {
        self.known = known
        self.read = read
    }

    subscript(path: String) -> String? {
        // (Without a reader, the table never changes: no lock.)
        guard let read else { return known[path] }
        if let digest = lock.withLock({ known[path] }) { return digest }
        let digest = read(path)
        if let digest { note(digest, for: path) }
        return digest
    }

    func note(_ digest: String, for path: String) {
        guard read != nil else { return }
        lock.withLock { known[path] = digest }
    }
}

/// Each post's key: the digest of its parsed file (`recordDigests`) plus what the site around it
/// decides: its address, its tags' and terms' pages, whether it is pinned, and the post it
/// answers (that post's address and record, not its key: a reply's key does not change when its
/// parent's parent does). Made all at once, on all cores, or each when first asked for.
final class PostKeys: @unchecked Sendable {
    private let site: Site
    private let recordDigests: RecordDigests
    /// What stands for the record of a post that has none: never the same in two builds, so its
    /// pages are always made again.
    private let unrecorded = "unrecorded \(UUID())"
    /// Every key, when they were made at once (set by `init` only).
    private var allKeys: [String]?
    private var made: [Int: String] = [:]
    private let lock = NSLock()

    init(site: Site, recordDigests: RecordDigests, all: Bool) {
        self.site = site
        self.recordDigests = recordDigests
        if all {
            let own = site.posts.map { recordDigests[$0.sourcePath] ?? "\(unrecorded) \($0.sourcePath)" }
            allKeys = Array(site.posts.indices).concurrentMap { [self] index in key(of: index) { own[$0] } }
        }
    }

    subscript(index: Int) -> String {
        if let allKeys { return allKeys[index] }
        if let key = lock.withLock({ made[index] }) { return key }
        // Made outside the lock (two threads may make the same key: it is the same value).
        let key = key(of: index, own: own)
        lock.withLock { made[index] = key }
        return key
    }

    private func own(_ index: Int) -> String {
        let path = site.posts[index].sourcePath
        return recordDigests[path] ?? "\(unrecorded) \(path)"
    }

    private func key(of index: Int, own: (Int) -> String) -> String {
        let post = site.posts[index]
        var key = Digest.Builder("post")
        key.add(own(index))
        key.add(post.path)
        key.add(post.tags.map { site.tagSlug(for: $0) ?? "" })
        // The post links to its terms' pages (categories…).
        for taxonomy in site.taxonomies {
            key.add(taxonomy.postTerms[index].map { taxonomy.slug(for: $0) ?? "" })
        }
        key.add(site.pinned.contains(index))
        if let parent = site.parent[index] {
            key.add(site.posts[parent].path)
            key.add(own(parent))
        } else {
            key.add(nil as String?)
        }
        return key.finalize()
    }
}
