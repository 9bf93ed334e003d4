import Foundation

/// Everything a build publishes: the configuration, the posts (newest first), pages, tags and the
/// archive, after drafts and future posts have been held back.
public struct Site: Sendable {
    public struct Tag: Sendable {
        /// The spelling first seen (oldest post first); tags group case- and accent-insensitively.
        public var name: String
        public var slug: String
        /// Indices into `posts`, newest first.
        public var posts: [Int]
    }

    public struct Month: Sendable {
        public var year: Int
        public var month: Int
        public var posts: [Int]
    }

    public struct Year: Sendable {
        public var year: Int
        /// Newest month first.
        public var months: [Month]
        public var postCount: Int { months.reduce(0) { $0 + $1.posts.count } }
    }

    /// A taxonomy other than `tags` (`categories`, or any named in `site.yml`'s `taxonomies`):
    /// its terms, each with a page and feeds, as tags have.
    public struct Taxonomy: Sendable {
        /// The front matter key and the folder of its pages: `categories`.
        public var name: String
        /// By slug; empty when no post uses the taxonomy, which then has no pages.
        public var terms: [Tag]
        /// The terms each post gives (indexed like `Site.posts`), as written.
        public var postTerms: [[String]]
        var slugByKey: [String: String]
        var slugOfName: [String: String]

        /// The folder of the term `name` (any spelling of it), if a post uses it.
        public func slug(for name: String) -> String? {
            slugOfName[name] ?? slugByKey[Slug.tagKey(name)]
        }
    }

    /// Posts joined by `reply_to` links to each other, oldest first.
    public struct Thread: Sendable {
        public var posts: [Int]
    }

    public var config: SiteConfig
    public var posts: [Post]
    /// The post each post replies to, when that post is on this site.
    public internal(set) var parent: [Int: Int] = [:]
    public internal(set) var threads: [Thread] = []
    /// Index into `threads` of every post that is part of a thread.
    public internal(set) var threadOf: [Int: Int] = [:]
    /// What the timeline lists, in order: pinned posts first, then every post that does not reply
    /// to another of the site's posts (a thread shows once, its replies folded under its first post).
    public internal(set) var timeline: [Int] = []
    public internal(set) var pinned: Set<Int> = []
    /// The position in `timeline` where each post shows: its own entry, or its thread's.
    public internal(set) var timelinePosition: [Int: Int] = [:]
    /// Problems found while joining posts (reply loops), reported by the build.
    public internal(set) var problems: [Diagnostic] = []
    public var pages: [Page]
    /// `Content/_index.md` (Hugo's home text): shown above the timeline on the front page; its
    /// `title`, when it has one, is the front page's heading.
    public internal(set) var home: Page?
    /// Where the home text is read from, below `Content/`.
    public static let homeTextPath = "_index.md"
    public internal(set) var tags: [Tag] = []
    /// The taxonomies of `site.yml` other than `tags`, in its order.
    public internal(set) var taxonomies: [Taxonomy] = []
    /// The page folder of each tag, by `Slug.tagKey` of its name.
    public internal(set) var tagSlugs: [String: String] = [:]
    /// The same, by each spelling the posts use: Foundation's case and accent folding was a tenth
    /// of an incremental build when done for every tag of every post on every page.
    var tagSlugOfName: [String: String] = [:]
    public internal(set) var years: [Year]
    /// Where each post was in the list the site was made from: `posts[i]` is its `postOrder[i]`th
    /// (what `SiteShape` keeps, to make the same site again from the same list).
    var postOrder: [Int] = []
    /// The languages posts give (`lang`), each once, in the order posts first give them.
    public internal(set) var languages: [String] = []
    /// Drafts and future posts (and draft pages) left out of this build, and why.
    public internal(set) var heldBackItems: [HeldBack]
    /// How many posts and pages were left out.
    public var heldBack: Int { heldBackItems.count }

    /// Selects what to publish and groups it.
    ///
    /// Posts are ordered newest first; posts with the same date by source path, so the order never
    /// depends on the file system.
    public init(config: SiteConfig, posts: [Post], pages: [Page], now: Date, includeDrafts: Bool, includeFuture: Bool) {
        self.config = config
        // An expired post (Hugo's `expiryDate`) is left out as a draft is; `--drafts` shows it.
        // (Posts' fields are read one by one: a copy of each post's front matter, twice, was a
        // few percent of an edit of a large site.)
        func isExpired(_ expiryDate: Date?) -> Bool { !includeDrafts && expiryDate.map { $0 <= now } ?? false }
        let publishedIndices = posts.indices.filter {
            (includeDrafts || !posts[$0].isDraft) && (includeFuture || posts[$0].appearsAt <= now) && !isExpired(posts[$0].expiryDate)
        }
        let published = publishedIndices.map { posts[$0] }
        self.heldBackItems = posts.compactMap { post in
            if !includeDrafts && post.isDraft { return HeldBack(source: post.source, reason: .draft) }
            if !includeFuture && post.appearsAt > now { return HeldBack(source: post.source, reason: .future) }
            if isExpired(post.expiryDate) { return HeldBack(source: post.source, reason: .expired) }
            return nil
        } + pages.compactMap { page in
            if !includeDrafts && page.frontMatter.draft { return HeldBack(source: page.source, reason: .draft) }
            return isExpired(page.frontMatter.expiryDate) ? HeldBack(source: page.source, reason: .expired) : nil
        }
        // Indices are sorted, not the posts: moving large values around costs more than comparing.
        // (The dates are read out first: each read through a post's box was a retain and a release.)
        let dates = published.map(\.date)
        let newestFirst = published.indices.sorted { a, b in
            dates[a] != dates[b] ? dates[a] > dates[b] : published[a].sourcePath < published[b].sourcePath
        }
        self.posts = newestFirst.map { published[$0] }
        self.postOrder = newestFirst.map { publishedIndices[$0] }
        (self.home, self.pages) = Self.shownPages(pages, now: now, includeDrafts: includeDrafts)
        var languagesSeen: Set<String> = []
        for post in self.posts {
            if let language = post.language, languagesSeen.insert(language).inserted { languages.append(language) }
        }

        // Three passes over the posts that do not need each other run side by side: tags and
        // terms grouped, feed ids checked (on other threads), threads joined (here).
        let listed = self.posts
        let grouped = Background { Site.grouped(listed, config: config) }
        let feedIDProblems = Background { Site.feedIDProblems(listed, config: config) }

        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = config.timeZone
        var years: [Year] = []
        // Posts come newest first: the calendar is asked only when a post leaves the month before.
        var monthSpan: (start: Date, end: Date, year: Int, month: Int)?
        for (index, post) in self.posts.enumerated() {
            if monthSpan.map({ post.date < $0.start || post.date >= $0.end }) ?? true {
                let c = calendar.dateComponents([.year, .month], from: post.date)
                let span = calendar.dateInterval(of: .month, for: post.date)
                monthSpan = (span?.start ?? post.date, span?.end ?? post.date, c.year ?? 0, c.month ?? 0)
            }
            let year = monthSpan?.year ?? 0, month = monthSpan?.month ?? 0
            if years.last?.year != year { years.append(Year(year: year, months: [])) }
            if years[years.count - 1].months.last?.month != month {
                years[years.count - 1].months.append(Month(year: year, month: month, posts: []))
            }
            let last = years[years.count - 1].months.count - 1
            years[years.count - 1].months[last].posts.append(index)
        }
        self.years = years
        joinThreads()
        // (Grouping problems come first, as when the passes ran one after the other.)
        let groups = grouped.value ?? Site.grouped(listed, config: config)
        self.tags = groups.tags.terms
        self.tagSlugs = groups.tags.slugByKey
        self.tagSlugOfName = groups.tags.slugOfName
        self.taxonomies = groups.taxonomies
        problems = groups.problems + problems + (feedIDProblems.value ?? Site.feedIDProblems(listed, config: config))
        relinkRenumberedHashtags()
        let roots = self.posts.indices.filter { parent[$0] == nil }
        self.pinned = Set(roots.filter { self.posts[$0].isPinned })
        self.timeline = roots.filter { pinned.contains($0) } + roots.filter { !pinned.contains($0) }
        placeInTimeline()
    }

    /// The home text and the pages shown (not drafts unless asked for, not expired), by path.
    static func shownPages(_ pages: [Page], now: Date, includeDrafts: Bool) -> (home: Page?, pages: [Page]) {
        func isExpired(_ expiryDate: Date?) -> Bool { !includeDrafts && expiryDate.map { $0 <= now } ?? false }
        let shown = pages.filter { (includeDrafts || !$0.frontMatter.draft) && !isExpired($0.frontMatter.expiryDate) }
        return (shown.first { $0.sourcePath == Site.homeTextPath }, shown.filter { $0.sourcePath != Site.homeTextPath }.sorted { $0.path < $1.path })
    }

    /// `timelinePosition`, from `timeline` and the threads.
    mutating func placeInTimeline() {
        var threadPosition: [Int: Int] = [:]
        for (position, index) in timeline.enumerated() {
            if let thread = threadOf[index] {
                if threadPosition[thread] == nil { threadPosition[thread] = position }
            } else {
                timelinePosition[index] = position
            }
        }
        for (index, thread) in threadOf {
            if let position = threadPosition[thread] { timelinePosition[index] = position }
        }
    }

    /// The pages of the site's menu, in order: top-level pages with a title, unless they say
    /// `menu: false`, by `weight` (smallest first; pages without one last), then by path.
    public var menuPages: [Page] {
        pages.enumerated()
            .filter { $0.element.path.split(separator: "/").count == 1 && $0.element.title != nil && $0.element.frontMatter.menu != false }
            .sorted { a, b in
                let left = a.element.frontMatter.weight ?? Int.max, right = b.element.frontMatter.weight ?? Int.max
                return left != right ? left < right : a.offset < b.offset
            }
            .map(\.element)
    }

    /// The newer and older posts a post's page leads to; the other posts of its thread are on
    /// that page already, so they are stepped over.
    public func neighbours(of index: Int) -> (newer: Int?, older: Int?) {
        let thread = threadOf[index]
        func outside(_ other: Int) -> Bool { thread == nil || threadOf[other] != thread }
        return (posts.indices[..<index].last(where: outside), posts.indices[(index + 1)...].first(where: outside))
    }

    /// The terms of a taxonomy that `post`'s front matter gives: a list, or one text split as
    /// Jekyll splits it (`categories: travel food` is two), as `tags` are. Jekyll's `category`
    /// gives one category.
    static func terms(of post: Post, in taxonomy: String) -> [String] {
        var names: [String] = []
        for entry in post.frontMatter.params.entries {
            let key = entry.key.lowercased()
            if key == taxonomy {
                switch entry.value {
                case .array(let items): names += items.compactMap(\.scalarText)
                case .string(let text):
                    let separators: (Character) -> Bool = text.contains(",") ? { $0 == "," } : { $0.isWhitespace }
                    names += text.split(whereSeparator: separators).map(String.init)
                default: names += entry.value.scalarText.map { [$0] } ?? []
                }
            } else if taxonomy == "categories", key == "category", let text = entry.value.scalarText {
                names.append(text)
            }
        }
        var seen: Set<String> = []
        return names.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && seen.insert(Slug.tagKey($0)).inserted }
    }

    /// Groups the posts by the terms `names` gives each (indices into `posts`, newest first).
    ///
    /// Terms are one when their names differ only in case or accents; two different names that
    /// would share a URL (`foo bar`, `foo-bar`) get two pages, the later one numbered.
    static func group(taxonomy: String, posts: [Post], names: (Int) -> [String], problems: inout [Diagnostic])
        -> (terms: [Tag], slugByKey: [String: String], slugOfName: [String: String]) {
        // Terms by position, found by key: two lookups per name instead of five.
        var terms: [Tag] = []
        var termOfKey: [String: Int] = [:]
        var keyOfSlug: [String: String] = [:]
        var keyOfName: [String: String] = [:]
        for index in posts.indices.reversed() {
            for name in names(index) {
                let key: String
                if let known = keyOfName[name] {
                    key = known
                } else {
                    key = Slug.tagKey(name)
                    keyOfName[name] = key
                }
                let term: Int
                if let known = termOfKey[key] {
                    term = known
                } else {
                    let base = Slug.tag(name)
                    guard !base.isEmpty else { continue }
                    var slug = base
                    if let other = keyOfSlug[base].flatMap({ termOfKey[$0] }).map({ terms[$0] }) {
                        var number = 2
                        while keyOfSlug["\(base)-\(number)"] != nil { number += 1 }
                        slug = "\(base)-\(number)"
                        let what = taxonomy.prefix(1).uppercased() + taxonomy.dropFirst()
                        problems.append(.warning(
                            "\(what) '\(other.name)' and '\(name)' would share the page '\(taxonomy)/\(base)/'; '\(name)' is at '\(taxonomy)/\(slug)/'. Spell them the same if they are one \(taxonomy == "tags" ? "tag" : "term")",
                            at: SourceLocation(file: posts[index].source)))
                    }
                    keyOfSlug[slug] = key
                    term = terms.count
                    termOfKey[key] = term
                    terms.append(Tag(name: name, slug: slug, posts: []))
                }
                if terms[term].posts.last != index { terms[term].posts.append(index) }
            }
        }
        let sorted = terms.map { Tag(name: $0.name, slug: $0.slug, posts: $0.posts.reversed()) }.sorted { $0.slug < $1.slug }
        return (sorted, termOfKey.mapValues { terms[$0].slug }, keyOfName.compactMapValues { termOfKey[$0].map { terms[$0].slug } })
    }

    /// The folder of the page of the tag `name` (any spelling of it), if the site has that tag.
    public func tagSlug(for name: String) -> String? {
        tagSlugOfName[name] ?? tagSlugs[Slug.tagKey(name)]
    }

    /// A hashtag's link is written when its post's Markdown is rendered, to the page its name
    /// makes (`Slug.tag`); a tag that had to take a numbered page (two names, one slug) is
    /// linked again to the page it got, whatever the hashtag's spelling, in posts and pages.
    private mutating func relinkRenumberedHashtags() {
        guard tags.contains(where: { $0.slug != Slug.tag($0.name) }) else { return }
        // Only posts with hashtags hold such links (the others' texts are not read: `PostText`).
        for index in posts.indices where !posts[index].outline.hashtags.isEmpty {
            posts[index].content.html = relinkingHashtags(in: posts[index].content.html)
            posts[index].listHTML = relinkingHashtags(in: posts[index].listHTML)
        }
        for index in pages.indices {
            pages[index].content.html = relinkingHashtags(in: pages[index].content.html)
        }
    }

    /// Every `<a class="hashtag" …>#name</a>` of `html` pointed at the page of the tag `name` is.
    private func relinkingHashtags(in html: String) -> String {
        let opening = "<a class=\"hashtag\" href=\"" + SiteURL.root + "tags/"
        guard html.containsBytes(opening) else { return html }
        var result = ""
        var rest = Substring(html)
        while let found = rest.range(of: opening) {
            result += rest[..<found.upperBound]
            rest = rest[found.upperBound...]
            // `slug/__SZ_INDEX__" rel="tag">#name</a>`
            guard let slugEnd = rest.firstIndex(of: "/"),
                  let nameStart = rest.range(of: "\" rel=\"tag\">#")?.upperBound,
                  let nameEnd = rest[nameStart...].range(of: "</a>")?.lowerBound else { continue }
            let slug = rest[..<slugEnd]
            if let target = tagSlug(for: String(rest[nameStart..<nameEnd])), target != slug {
                result += target
                rest = rest[slugEnd...]
            }
        }
        return result + rest
    }

    /// The site path a `reply_to` URL points at, if it is one of this site's addresses.
    func sitePath(ofReplyTarget url: String) -> String? {
        var path: String
        if url.hasPrefix("/") {
            path = url
        } else {
            let bases = [config.baseURL, config.siteBaseURL, config.feedIDBase].compactMap { $0?.absoluteString }
            guard let base = bases.first(where: { url.hasPrefix($0) }) else { return nil }
            path = "/" + url.dropFirst(base.count)
        }
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<cut]) }
        if path.hasSuffix("/index.html") { path = String(path.dropLast("index.html".count)) }
        if !path.hasSuffix("/") && !path.hasSuffix(".html") { path += "/" }
        return path
    }

    /// Tags and the other taxonomies, grouped.
    ///
    /// Tags group when their names differ only in case or accents; two different names that
    /// would share a URL (`foo bar`, `foo-bar`) get two pages, the later one numbered. The other
    /// taxonomies (`categories`…) group the same way, from front matter alone.
    private static func grouped(_ posts: [Post], config: SiteConfig)
        -> (tags: (terms: [Tag], slugByKey: [String: String], slugOfName: [String: String]), taxonomies: [Taxonomy], problems: [Diagnostic]) {
        var problems: [Diagnostic] = []
        let tags = group(taxonomy: "tags", posts: posts, names: { posts[$0].tags }, problems: &problems)
        var taxonomies: [Taxonomy] = []
        for name in config.otherTaxonomies {
            let postTerms = posts.map { Site.terms(of: $0, in: name) }
            let groups = group(taxonomy: name, posts: posts, names: { postTerms[$0] }, problems: &problems)
            taxonomies.append(Taxonomy(name: name, terms: groups.terms, postTerms: postTerms,
                                       slugByKey: groups.slugByKey, slugOfName: groups.slugOfName))
        }
        return (tags, taxonomies, problems)
    }

    /// Two posts with one feed id (the same front matter `id`, or an `id` that is another post's
    /// address) would be one item to readers, who keep only one of them.
    private static func feedIDProblems(_ posts: [Post], config: SiteConfig) -> [Diagnostic] {
        // A post without an `id` has its address on the id base: those ids repeat only if paths
        // do. So when no post gives an `id` and no path repeats, no id is made at all (making one
        // for each post was a few percent of an edit of a large site).
        if !posts.contains(where: { $0.feedID != nil }) {
            var paths = Set<String>(minimumCapacity: posts.count)
            guard posts.contains(where: { !paths.insert($0.path).inserted }) else { return [] }
        }
        var problems: [Diagnostic] = []
        let base = Feed.idBase(config)
        let ids = posts.map { Feed.itemID(for: $0, config: config, base: base) }
        // Sorting every post by path only to find no repeat was a tenth of an incremental build.
        var seen = Set<String>(minimumCapacity: ids.count)
        guard ids.contains(where: { !seen.insert($0).inserted }) else { return [] }
        var owner: [String: Int] = [:]
        for index in posts.indices.sorted(by: { posts[$0].sourcePath < posts[$1].sourcePath }) {
            let id = ids[index]
            guard let other = owner[id] else {
                owner[id] = index
                continue
            }
            // Point at the post whose front matter gives the id.
            let (here, there) = posts[index].frontMatter.idLine != nil || posts[other].frontMatter.idLine == nil ? (index, other) : (other, index)
            problems.append(.error(
                "Feed id '\(id)' is also the id of \(posts[there].source.path). Feed readers would show only one of the two posts: give each its own 'id', or remove 'id' to use the post's address",
                at: SourceLocation(file: posts[here].source, line: posts[here].frontMatter.idLine, column: posts[here].frontMatter.idLine == nil ? nil : 1)))
        }
        return problems
    }

    /// Finds replies between the site's own posts, breaks loops (reporting them) and groups
    /// posts into threads.
    private mutating func joinThreads() {
        // The paths replies point at, then the posts at those paths: a table of every post's path
        // and aliases, made on every build for the few posts that reply, was a few percent of an
        // edit of a large site. (A path is the last post's with it; an alias the first post's
        // with it, newest first, unless a post has it as its path.)
        var targets: [(index: Int, target: String, path: String)] = []
        for (index, post) in posts.enumerated() {
            guard let target = post.replyTo, let path = sitePath(ofReplyTarget: target) else { continue }
            targets.append((index, target, path))
        }
        var byPath: [String: Int] = [:]
        if !targets.isEmpty {
            let wanted = Set(targets.map(\.path))
            var byAlias: [String: Int] = [:]
            for (index, post) in posts.enumerated() {
                if wanted.contains(post.path) { byPath[post.path] = index }
                for alias in post.aliases where wanted.contains(alias) && byAlias[alias] == nil { byAlias[alias] = index }
            }
            byPath.merge(byAlias) { path, _ in path }
        }
        for (index, target, path) in targets {
            let post = posts[index]
            guard let parentIndex = byPath[path] else {
                problems.append(.warning(
                    "'reply_to' points at '\(target)', which is not a published post of this site (a draft, a future post or a typo?)",
                    at: SourceLocation(file: post.source)))
                continue
            }
            parent[index] = parentIndex
        }
        // A reply chain that comes back to where it started has no first post: report and cut it.
        var reported: Set<Int> = []
        // Only a reply can start a loop.
        for start in parent.keys.sorted(by: { posts[$0].sourcePath < posts[$1].sourcePath }) {
            var chain = [start]
            var seen: Set<Int> = [start]
            var current = start
            while let next = parent[current] {
                if next == start {
                    if reported.isDisjoint(with: chain) {
                        let names = (chain + [start]).map { posts[$0].sourcePath }.joined(separator: " → ")
                        problems.append(.error(
                            "Replies form a loop: \(names). Remove 'reply_to' from one of these posts",
                            at: SourceLocation(file: posts[start].source)))
                        reported.formUnion(chain)
                    }
                    parent[start] = nil
                    break
                }
                guard seen.insert(next).inserted else { break }  // a loop further up, reported from its own start
                chain.append(next)
                current = next
            }
        }
        func root(of index: Int) -> Int {
            var current = index
            var steps = 0
            while let next = parent[current], steps < posts.count {
                current = next
                steps += 1
            }
            return current
        }
        var members: [Int: [Int]] = [:]
        let parents = Set(parent.values)
        for index in posts.indices where parent[index] != nil || parents.contains(index) {
            members[root(of: index), default: []].append(index)
        }
        for (_, list) in members.sorted(by: { $0.key > $1.key }) {
            let ordered = list.sorted { a, b in posts[a].date != posts[b].date ? posts[a].date < posts[b].date : posts[a].sourcePath < posts[b].sourcePath }
            threads.append(Thread(posts: ordered))
            for member in ordered { threadOf[member] = threads.count - 1 }
        }
    }
}
