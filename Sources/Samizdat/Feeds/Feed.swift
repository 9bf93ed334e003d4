import Foundation

/// One feed (the timeline's or a tag's) as plain values, ready to be written as RSS, Atom or JSON.
///
/// Pure: built from a `Site`. All URLs are absolute, built from `base_url`; item ids come from
/// `feeds.id_base` (or `base_url`) so they survive a move to another domain.
public struct Feed: Sendable {
    public struct Item: Sendable {
        public var id: String
        public var url: String
        /// The post's title; nil for a note (RSS and JSON Feed leave it out).
        public var title: String?
        /// The title Atom requires on every entry: the title, or for a note the excerpt its page
        /// title shows.
        public var displayTitle: String
        /// The whole post as HTML with absolute URLs: "In reply to …", the text, every photo.
        public var contentHTML: String
        /// Plain text.
        public var summary: String
        public var published: Date
        public var updated: Date?
        public var tags: [String]
        public var language: String?
        /// The post's photos, for JSON Feed `attachments`, RSS `enclosure` and Atom `rel="enclosure"`.
        public var attachments: [Attachment] = []
        /// What the post answers, for Atom `thr:in-reply-to` and JSON Feed's `_samizdat`.
        public var inReplyTo: Reply?
        /// The item as each format writes it, made by the first file that shows it: an entry
        /// depends on the post and the site only, not on the feed (the timeline's or a tag's),
        /// so the files of all the feeds a post is in share it.
        let written = Written()
    }

    /// An item's entry in each format, once written.
    final class Written: @unchecked Sendable {
        private let lock = NSLock()
        private var atom: String?
        private var json: [UInt8]?
        private var rss: String?

        func atom(_ make: () -> String) -> String { value(\.atom, make) }
        func json(_ make: () -> [UInt8]) -> [UInt8] { value(\.json, make) }
        func rss(_ make: () -> String) -> String { value(\.rss, make) }

        private func value<T>(_ key: ReferenceWritableKeyPath<Written, T?>, _ make: () -> T) -> T {
            if let made = lock.withLock({ self[keyPath: key] }) { return made }
            let made = make()
            lock.withLock { self[keyPath: key] = made }
            return made
        }
    }

    public struct Reply: Sendable {
        /// The id of the answered entry: a post of this site's feed id, or the URL itself.
        public var ref: String
        /// Where it can be read.
        public var url: String
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
        public var email: String?
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
    /// Every post of the feed's history (indices into `Site.posts`), newest first, cut into pages
    /// of `pageSize` counted from the oldest (`Paging`): the feed itself (page 0, RFC 5005's
    /// subscription document) holds the newest, and archive documents that never change once
    /// full hold the rest, so a new post rewrites the feed and not its whole history.
    public var posts: [Int]
    /// The items this value holds: all of them (`Feed.all`), or one page's (`withItems(onPage:)`),
    /// starting at item number `itemsOffset`.
    public var items: [Item]
    var itemsOffset = 0
    public var pageSize: Int
    /// The newest date of the feed (a post's update or publication), stable from build to build.
    public var updated: Date
    /// The same feed at the site's other addresses (`mirrors`): name, page and feed URLs.
    public var alsoAt: [OtherAddress] = []

    public struct OtherAddress: Sendable {
        public var name: String
        /// The feed's page there (the home page, or the tag's page).
        public var homeURL: String
        /// The address's `base_url`, and the feed's folder below it (`""`, `tags/swift/`).
        var base: String
        var folder: String

        public var rssURL: String { Router.absolute("/" + Router.rss(in: folder), base: base) }
        public var atomURL: String { Router.absolute("/" + Router.atom(in: folder), base: base) }
        public var jsonURL: String { Router.absolute("/" + Router.json(in: folder), base: base) }
    }

    public var paging: Paging { Paging(count: posts.count, perPage: pageSize) }

    /// The items of `page` (0: the feed itself, 1: its oldest archive document) that this value holds.
    public func items(onPage page: Int) -> ArraySlice<Item> {
        let range = paging.positions(onPage: page)
        let start = range.lowerBound - itemsOffset, end = range.upperBound - itemsOffset
        guard start >= 0, start <= items.count else { return [] }
        return items[start..<min(end, items.count)]
    }

    /// The newest `pageSize` items, what the RSS feed (which has no archive) shows.
    public var newestItems: ArraySlice<Item> { items(onPage: 0).prefix(pageSize) }

    /// The posts on one page, newest first.
    public func posts(onPage page: Int) -> ArraySlice<Int> {
        posts[paging.positions(onPage: page)]
    }

    /// When `page` last changed: the feed's newest date for the feed itself, the newest item's for
    /// an archive document (which a new post leaves as it is).
    public func updated(onPage page: Int) -> Date {
        guard page > 0 else { return updated }
        return items(onPage: page).map { max($0.published, $0.updated ?? $0.published) }.max() ?? updated
    }

    /// This feed holding the items of `page` only, made by `item` (which may remember them: a
    /// post is in several feeds).
    func withItems(onPage page: Int, _ item: (Int) -> Item) -> Feed {
        var feed = self
        feed.items = posts(onPage: page).map(item)
        feed.itemsOffset = paging.positions(onPage: page).lowerBound
        return feed
    }

    // MARK: - Paths

    public var rssPath: String { Router.rss(in: folder) }
    public func atomPath(page: Int) -> String { Router.atom(in: folder, page: page) }
    public func jsonPath(page: Int) -> String { Router.json(in: folder, page: page) }
    public func absolute(_ path: String) -> String { baseURL + path }
}

extension Feed {
    /// The timeline's feed and one per tag, with every item.
    public static func all(for site: Site) -> [Feed] {
        let feeds = plans(for: site)
        guard let first = feeds.first else { return [] }
        let items = first.posts.indices.map { ItemMaker(site: site).item(first.posts[$0]) }
        var byPost: [Int: Item] = [:]
        for (index, item) in zip(first.posts, items) { byPost[index] = item }
        return feeds.map { feed in
            var feed = feed
            feed.items = feed.posts.map { byPost[$0]! }
            return feed
        }
    }

    /// The timeline's feed and one per tag, without items: they are made page by page.
    ///
    /// `updated`: each feed's date (`Feed.updated`), in order, when they are known (`SiteShape`):
    /// the site's posts are not read for them.
    public static func plans(for site: Site) -> [Feed] { plans(for: site, updated: nil) }

    static func plans(for site: Site, updated known: [Date]?) -> [Feed] {
        guard let base = site.config.baseURL?.absoluteString else { return [] }
        let config = site.config
        let author = Author(
            name: config.author.name ?? config.title,
            url: config.author.url.map { absoluteURL($0, base: base) },
            avatar: config.author.avatar.map { absoluteURL($0, base: base) },
            email: config.author.email)
        let icon = (config.feedIcon ?? config.author.avatar).map { absoluteURL($0, base: base) }
        let favicon = config.feedFavicon.map { absoluteURL($0, base: base) }
        var made = 0
        func updated(_ posts: [Int]) -> Date {
            defer { made += 1 }
            if let known, made < known.count { return known[made] }
            return posts.map { max(site.posts[$0].date, site.posts[$0].updated ?? site.posts[$0].date) }.max() ?? Date(timeIntervalSince1970: 0)
        }
        let timeline = Feed(
            title: config.title, description: config.description, language: config.language, timeZone: config.timeZone,
            homeURL: base, folder: "", baseURL: base, idBase: idBase(config), author: author, icon: icon, favicon: favicon,
            posts: Array(site.posts.indices), items: [], pageSize: config.feedItems, updated: updated(Array(site.posts.indices)))
        var feeds = [timeline]
        let others = config.otherAddresses
        func otherAddresses(_ folder: String, home: String) -> [OtherAddress] {
            others.map { OtherAddress(name: $0.name, homeURL: Router.absolute(home, base: $0.url.absoluteString),
                                      base: $0.url.absoluteString, folder: folder) }
        }
        feeds[0].alsoAt = otherAddresses("", home: "/")
        let strings = UIStrings.strings(for: config.language, overrides: config.strings)
        for tag in site.tags {
            var feed = timeline
            feed.title = "\(config.title) — #\(tag.name)"
            feed.description = "\(strings["tag_title"] ?? "Posts tagged") #\(tag.name)"
            feed.homeURL = Router.absolute(Router.tag(tag.slug), base: base)
            feed.folder = Router.tagFolder(tag.slug)
            feed.posts = tag.posts
            feed.updated = updated(tag.posts)
            feed.alsoAt = otherAddresses(Router.tagFolder(tag.slug), home: Router.tag(tag.slug))
            feeds.append(feed)
        }
        for taxonomy in site.taxonomies {
            let heading = UIStrings.termTitle(taxonomy.name, strings)
            for term in taxonomy.terms {
                let folder = Router.termFolder(term.slug, in: taxonomy.name), home = Router.term(term.slug, in: taxonomy.name)
                var feed = timeline
                feed.title = "\(config.title) — \(term.name)"
                feed.description = "\(heading) \(term.name)"
                feed.homeURL = Router.absolute(home, base: base)
                feed.folder = folder
                feed.posts = term.posts
                feed.updated = updated(term.posts)
                feed.alsoAt = otherAddresses(folder, home: home)
                feeds.append(feed)
            }
        }
        return feeds
    }

    /// Makes the feed item of a post, in the words of the post's language.
    struct ItemMaker: Sendable {
        let site: Site
        let base: String
        let formats: DateFormats
        /// "In reply to" in each post's language; `strings` overrides are the site language's words.
        let inReplyTo: [String: String]

        init(site: Site) {
            self.site = site
            let config = site.config
            base = config.baseURL?.absoluteString ?? "/"
            formats = DateFormats.shared(language: config.language, timeZone: config.timeZone)
            var inReplyTo: [String: String] = [:]
            for language in [config.language] + site.languages where inReplyTo[language] == nil {
                inReplyTo[language] = UIStrings.strings(for: language, overrides: language == config.language ? config.strings : [:])["in_reply_to"]
            }
            self.inReplyTo = inReplyTo
        }

        func item(_ index: Int) -> Item {
            Feed.item(for: index, in: site, baseURL: base, formats: formats,
                      inReplyTo: inReplyTo[site.posts[index].language ?? site.config.language] ?? "In reply to")
        }
    }

    /// Where item ids are made from: `feeds.id_base`, else `base_url` as `site.yml` gives it, so a
    /// build for a mirror (`--base-url`) keeps the ids readers already have.
    static func idBase(_ config: SiteConfig) -> String {
        (config.feedIDBase ?? config.siteBaseURL ?? config.baseURL)?.absoluteString ?? "/"
    }

    /// A post's stable id: front matter `id`, else its path on the id base.
    ///
    /// An `id` that is not an absolute IRI (`42`, `my-first-post`) would be read relative to the
    /// feed's address, and change with it; it becomes a `tag:` URI (RFC 4151) of the id base's
    /// host and the post's year.
    static func itemID(for post: Post, config: SiteConfig) -> String {
        itemID(for: post, config: config, base: idBase(config))
    }

    /// The same, with `idBase(config)` made once for many posts.
    static func itemID(for post: Post, config: SiteConfig, base: String) -> String {
        guard let custom = post.feedID.map(XML.removingIllegalCharacters)?.trimmingCharacters(in: .whitespaces),
              !custom.isEmpty else {
            return Router.absolute(post.path, base: base)
        }
        if isAbsoluteIRI(custom) { return custom }
        // The year as the date is written: a date without an offset is in the site's time zone.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = config.timeZone
        let host = URLComponents(string: base)?.host ?? "localhost"
        let year = calendar.component(.year, from: post.date)
        let specific = custom.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? custom
        return "tag:\(host),\(year):\(specific)"
    }

    /// `scheme:rest` with a valid scheme and nothing a URI may not hold.
    static func isAbsoluteIRI(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex, text.index(after: colon) != text.endIndex else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.unicodeScalars.first, first.isASCII, CharacterSet.letters.contains(first),
              scheme.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "+-.".unicodeScalars.contains($0)) })
        else { return false }
        return !text.unicodeScalars.contains { $0.properties.isWhitespace || "<>\"{}|\\^`".unicodeScalars.contains($0) }
    }

    static func item(for index: Int, in site: Site, baseURL: String, formats: DateFormats, inReplyTo: String) -> Item {
        let post = site.posts[index]
        let config = site.config
        let permalink = Router.absolute(post.path, base: baseURL)
        let e = HTML.escape

        var reply: Reply?
        var html = ""
        if let target = post.frontMatter.replyTo {
            let label: String
            if let parent = site.parent[index] {
                reply = Reply(ref: itemID(for: site.posts[parent], config: config), url: Router.absolute(site.posts[parent].path, base: baseURL))
                label = site.posts[parent].displayTitle(formats: formats)
            } else {
                let url = target.hasPrefix("/") ? Router.absolute(target, base: baseURL) : target
                reply = Reply(ref: url, url: url)
                label = PageRenderer.shortURL(url)
            }
            html += "<p>\(e(inReplyTo)) <a href=\"\(e(reply!.url))\">\(e(label))</a></p>\n"
        }
        html += SiteURL.absolutize(post.content.html, baseURL: baseURL, pageURL: permalink)
        var attachments: [Attachment] = []
        for photo in post.photos {
            let url = photo.isLocal ? Router.absolute(photo.href, base: baseURL) : photo.href
            let size = photo.info.map { " width=\"\($0.width)\" height=\"\($0.height)\"" } ?? ""
            html += "<p><img src=\"\(e(url))\" alt=\"\(e(photo.alt ?? ""))\"\(size)></p>\n"
            if let type = photo.mimeType {
                attachments.append(Attachment(url: url, mimeType: type, size: photo.byteSize,
                                              title: photo.alt.map(XML.removingIllegalCharacters)))
            }
        }
        // A photo-only note is summed up by what its photos show.
        let text = post.content.plainText.isEmpty ? post.photos.compactMap(\.alt).joined(separator: "\n") : post.content.plainText
        let summary = post.frontMatter.summary ?? post.summaryText
            ?? Excerpt.make(from: String(text.prefix(301)).replacingAll("\n", with: " "), maxLength: 300, firstSentenceOnly: false)
        let displayTitle = post.displayTitle(formats: formats)
        return Item(
            id: itemID(for: post, config: config),
            url: permalink,
            title: post.title.map(XML.removingIllegalCharacters),
            displayTitle: XML.removingIllegalCharacters(displayTitle),
            contentHTML: XML.removingIllegalCharacters(html),
            // RSS needs a title or a description: an empty note is described by its date.
            summary: XML.removingIllegalCharacters(summary.isEmpty ? displayTitle : summary),
            published: post.date,
            updated: post.frontMatter.updated,
            tags: categories(of: index, in: site).map(XML.removingIllegalCharacters),
            language: post.frontMatter.lang,
            attachments: attachments,
            inReplyTo: reply)
    }

    /// A post's tags, then the terms of its other taxonomies (categories…) that are not tags too:
    /// what feeds list as the item's categories.
    static func categories(of index: Int, in site: Site) -> [String] {
        var names = site.posts[index].tags
        guard !site.taxonomies.isEmpty else { return names }
        var seen = Set(names.map(Slug.tagKey))
        for taxonomy in site.taxonomies {
            for name in taxonomy.postTerms[index] where seen.insert(Slug.tagKey(name)).inserted { names.append(name) }
        }
        return names
    }

    /// A URL from `site.yml`: absolute ones as they are, site paths made absolute.
    ///
    /// A site path names a file (in `Public/`), so it is encoded as `MediaURL` encodes photos.
    static func absoluteURL(_ url: String, base: String) -> String {
        if url.contains("://") { return MediaURL.encode(url) }
        return Router.absolute(MediaURL.encode("/" + url.drop { $0 == "/" }), base: base)
    }

    /// A file of a feed: the RSS file, or one page of the Atom or JSON feed.
    public enum FileKind: String, Sendable {
        case rss, atom, json
    }

    /// Every file of this feed, with its page (0 for the feed itself).
    public var files: [(path: String, kind: FileKind, page: Int)] {
        var files: [(String, FileKind, Int)] = [(rssPath, .rss, 0)]
        for page in paging.pages {
            files.append((atomPath(page: page), .atom, page))
            files.append((jsonPath(page: page), .json, page))
        }
        return files
    }

    /// One file of the feed; `self` must hold the page's items.
    public func render(_ kind: FileKind, page: Int) -> Data {
        switch kind {
        case .rss: Data(RSSFeed.render(self).utf8)
        case .atom: Data(AtomFeed.render(self, page: page).utf8)
        case .json: JSONFeed.render(self, page: page)
        }
    }

    /// Every feed file of the site.
    public static func files(for site: Site) -> [OutputFile] {
        var files: [OutputFile] = []
        for feed in all(for: site) {
            for file in feed.files {
                files.append(OutputFile(path: file.path, data: feed.render(file.kind, page: file.page)))
            }
        }
        return files
    }
}
