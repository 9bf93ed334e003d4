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

    public var config: SiteConfig
    public var posts: [Post]
    public var pages: [Page]
    public var tags: [Tag]
    public var years: [Year]
    /// Drafts and future posts left out of this build.
    public var heldBack: Int

    /// Selects what to publish and groups it.
    ///
    /// Posts are ordered newest first; posts with the same date by source path, so the order never
    /// depends on the file system.
    public init(config: SiteConfig, posts: [Post], pages: [Page], now: Date, includeDrafts: Bool, includeFuture: Bool) {
        self.config = config
        let published = posts.filter { (includeDrafts || !$0.isDraft) && (includeFuture || $0.date <= now) }
        self.heldBack = posts.count - published.count
            + pages.filter { !includeDrafts && $0.frontMatter.draft }.count
        self.posts = published.sorted { a, b in
            a.date != b.date ? a.date > b.date : a.sourcePath < b.sourcePath
        }
        self.pages = pages.filter { includeDrafts || !$0.frontMatter.draft }.sorted { $0.path < $1.path }

        var tagsBySlug: [String: Tag] = [:]
        var order: [String] = []
        for index in self.posts.indices.reversed() {
            for name in self.posts[index].tags {
                let slug = Slug.make(name)
                guard !slug.isEmpty else { continue }
                if tagsBySlug[slug] == nil {
                    tagsBySlug[slug] = Tag(name: name, slug: slug, posts: [])
                    order.append(slug)
                }
                if tagsBySlug[slug]?.posts.last != index { tagsBySlug[slug]?.posts.append(index) }
            }
        }
        self.tags = order.compactMap { slug in
            tagsBySlug[slug].map { Tag(name: $0.name, slug: $0.slug, posts: $0.posts.reversed()) }
        }.sorted { $0.slug < $1.slug }

        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = config.timeZone
        var years: [Year] = []
        for (index, post) in self.posts.enumerated() {
            let c = calendar.dateComponents([.year, .month], from: post.date)
            let year = c.year ?? 0, month = c.month ?? 0
            if years.last?.year != year { years.append(Year(year: year, months: [])) }
            if years[years.count - 1].months.last?.month != month {
                years[years.count - 1].months.append(Month(year: year, month: month, posts: []))
            }
            let last = years[years.count - 1].months.count - 1
            years[years.count - 1].months[last].posts.append(index)
        }
        self.years = years
    }
}
