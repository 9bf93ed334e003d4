import Foundation

/// One feed (the timeline's or a tag's) as plain values, ready to be written as RSS, Atom or JSON.
///
/// Pure: built from a `Site`. All URLs are absolute, built from `base_url`; item ids come from
/// `feeds.id_base` (or `base_url`) so they survive a move to another domain.
public struct Feed: Sendable {
    public struct Item: Sendable {
        public var id: String
        public var url: String
        public var title: String?
        /// Full HTML with absolute URLs and no character XML forbids.
        public var contentHTML: String
        /// Plain text.
        public var summary: String
        public var published: Date
        public var updated: Date?
        public var tags: [String]
        public var language: String?
        /// The post's photos, for JSON Feed `attachments`, RSS `enclosure` and Atom `rel="enclosure"`.
        public var attachments: [Attachment] = []
    }

    public struct Attachment: Sendable {
        public var url: String
        public var mimeType: String
        public var size: Int?
        public var title: String?
    }

    public struct Author: Sendable {
        public var name: String
        public var url: String?
        public var avatar: String?
    }

    public var title: String
    public var description: String
    public var language: String
    public var timeZone: TimeZone
    /// The HTML page this feed follows, absolute.
    public var homeURL: String
    /// Site-root-relative folder the feed files live in: `` for the timeline, `tags/swift/`.
    public var folder: String
    public var baseURL: String
    /// Where ids are made from: `feeds.id_base`, or `base_url`.
    public var idBase: String
    public var author: Author
    public var icon: String?
    public var favicon: String?
    /// Every item of the feed's history, newest first; pages hold `pageSize` each.
    public var items: [Item]
    public var pageSize: Int

    public var pageCount: Int { max(1, (items.count + pageSize - 1) / pageSize) }

    public func items(onPage page: Int) -> ArraySlice<Item> {
        items.dropFirst((page - 1) * pageSize).prefix(pageSize)
    }

    /// The newest date of the feed (a post's update or publication), stable from build to build.
    public var updated: Date {
        items.map { max($0.published, $0.updated ?? $0.published) }.max() ?? Date(timeIntervalSince1970: 0)
    }

    // MARK: - Paths

    public var rssPath: String { folder + "feed.xml" }
    public func atomPath(page: Int) -> String { page <= 1 ? folder + "atom.xml" : folder + "atom/\(page).xml" }
    public func jsonPath(page: Int) -> String { page <= 1 ? folder + "feed.json" : folder + "feed/\(page).json" }
    public func absolute(_ path: String) -> String { baseURL + path }
}

extension Feed {
    /// The timeline's feed and one per tag.
    public static func all(for site: Site) -> [Feed] {
        guard let base = site.config.baseURL?.absoluteString else { return [] }
        let items = site.posts.map { item(for: $0, config: site.config, baseURL: base) }
        let config = site.config
        let author = Author(
            name: config.author.name ?? config.title,
            url: config.author.url.map { absoluteURL($0, base: base) },
            avatar: config.author.avatar.map { absoluteURL($0, base: base) })
        let icon = (config.feedIcon ?? config.author.avatar).map { absoluteURL($0, base: base) }
        let favicon = config.feedFavicon.map { absoluteURL($0, base: base) }
        let timeline = Feed(
            title: config.title, description: config.description, language: config.language, timeZone: config.timeZone,
            homeURL: base, folder: "", baseURL: base, idBase: config.feedIDBase?.absoluteString ?? base, author: author, icon: icon, favicon: favicon,
            items: items, pageSize: config.feedItems)
        var feeds = [timeline]
        let strings = UIStrings.strings(for: config.language, overrides: config.strings)
        for tag in site.tags {
            var feed = timeline
            feed.title = "\(config.title) — #\(tag.name)"
            feed.description = "\(strings["tag_title"] ?? "Posts tagged") #\(tag.name)"
            feed.homeURL = base + "tags/\(tag.slug)/"
            feed.folder = "tags/\(tag.slug)/"
            feed.items = tag.posts.map { items[$0] }
            feeds.append(feed)
        }
        return feeds
    }

    /// A post's stable id: front matter `id`, else its path on `feeds.id_base` (or `base_url`).
    static func itemID(for post: Post, config: SiteConfig) -> String {
        if let custom = post.frontMatter.id, !custom.isEmpty { return XML.removingIllegalCharacters(custom) }
        let base = (config.feedIDBase ?? config.baseURL)?.absoluteString ?? "/"
        return base + post.path.dropFirst()
    }

    static func item(for post: Post, config: SiteConfig, baseURL: String) -> Item {
        let permalink = baseURL + post.path.dropFirst()
        let html = SiteURL.absolutize(post.content.html, baseURL: URL(string: baseURL)!)
        let summary = post.frontMatter.summary ?? Excerpt.make(from: post.content.plainText.replacingOccurrences(of: "\n", with: " "), maxLength: 300, firstSentenceOnly: false)
        return Item(
            id: itemID(for: post, config: config),
            url: permalink,
            title: post.title.map(XML.removingIllegalCharacters),
            contentHTML: XML.removingIllegalCharacters(html),
            summary: XML.removingIllegalCharacters(summary),
            published: post.date,
            updated: post.frontMatter.updated,
            tags: post.tags.map(XML.removingIllegalCharacters),
            language: post.frontMatter.lang,
            attachments: post.photos.compactMap { photo in
                guard let info = photo.info else { return nil }
                return Attachment(url: photo.isLocal ? baseURL + photo.url.dropFirst() : photo.url, mimeType: info.mimeType,
                                  size: photo.byteSize, title: photo.alt.map(XML.removingIllegalCharacters))
            })
    }

    /// A URL from `site.yml`: absolute ones as they are, site paths made absolute.
    static func absoluteURL(_ url: String, base: String) -> String {
        if url.contains("://") { return url }
        return base + url.drop { $0 == "/" }
    }

    /// Every feed file of the site.
    public static func files(for site: Site) -> [OutputFile] {
        var files: [OutputFile] = []
        for feed in all(for: site) {
            files.append(OutputFile(path: feed.rssPath, text: RSSFeed.render(feed)))
            for page in 1...feed.pageCount {
                files.append(OutputFile(path: feed.atomPath(page: page), text: AtomFeed.render(feed, page: page)))
                files.append(OutputFile(path: feed.jsonPath(page: page), data: JSONFeed.render(feed, page: page)))
            }
        }
        return files
    }
}
