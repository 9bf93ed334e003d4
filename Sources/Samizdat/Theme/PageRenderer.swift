import Foundation

/// Renders the pages of a `SitePlan` with the theme's templates.
///
/// Each page's context is built from plain values (dictionaries, arrays, strings, booleans), so a
/// page is a pure function of the site and its plan entry and pages can render in any order.
/// Optional things get an explicit `has_…` flag: Mustache looks a missing key up in enclosing
/// contexts, and a note without a title must not pick up its page's title.
public struct PageRenderer: Sendable {
    public let site: Site
    public let templates: TemplateLibrary
    let strings: [String: String]
    let formats: DateFormats
    /// UI strings and date formats for the site's language and for each other language a post or
    /// page is written in: a French post of an English site says "En réponse à", on every page.
    let languages: [String: (strings: [String: String], formats: DateFormats)]
    /// Parts of each post's context that do not depend on the page it is shown on, made the
    /// first time a page shows the post: an incremental build renders a few pages of thousands.
    let bases: PostBases

    /// Whether the site has `Public/custom.css`, which pages load after the theme's stylesheet.
    public let customStylesheet: Bool

    public init(site: Site, templates: TemplateLibrary, customStylesheet: Bool = false) {
        self.site = site
        self.templates = templates
        self.customStylesheet = customStylesheet
        let config = site.config
        var languages: [String: (strings: [String: String], formats: DateFormats)] = [:]
        for language in [config.language] + site.posts.compactMap(\.frontMatter.lang) + site.pages.compactMap(\.frontMatter.lang)
        where languages[language] == nil {
            languages[language] = (UIStrings.strings(for: language, overrides: language == config.language ? config.strings : [:]),
                                   DateFormats(language: language, timeZone: config.timeZone))
        }
        self.languages = languages
        self.strings = languages[config.language]!.strings
        self.formats = languages[config.language]!.formats
        self.bases = PostBases()
    }

    /// The site's own rules, added to the theme's: `Public/custom.css`.
    public static let customStylesheetPath = "custom.css"

    public func render(_ entry: SitePlan.Entry) -> String {
        var root = PageRenderer.rootPrefix(forOutputPath: entry.outputPath)
        if case .notFound = entry.kind { root = absolute("/") }
        var context = baseContext(entry, root: root)
        switch entry.kind {
        case .timeline(let page, let pages):
            let perPage = site.config.postsPerPage
            let slice = Array(site.timeline.dropFirst((page - 1) * perPage).prefix(perPage))
            context["posts"] = slice.map { index -> [String: Any] in
                var post = postContext(index, root: root, forList: true)
                let replies = site.threadOf[index].map { site.threads[$0].posts.filter { $0 != index } } ?? []
                post["has_replies"] = !replies.isEmpty
                post["replies"] = replies.map { postContext($0, root: root, forList: true) }
                post["replies_label"] = replies.count == 1 ? strings[ui: "replies_one"] : UIStrings.format(strings[ui: "replies_other"], ["count": "\(replies.count)"])
                return post
            }
            context["pagination"] = pagination(base: "/", page: page, of: pages, root: root)
            context["is_home"] = page == 1
            context["heading"] = site.config.title
            if page > 1 { context["page_title"] = "\(site.config.title) — " + UIStrings.format(strings[ui: "page_of"], ["page": "\(page)", "pages": "\(pages)"]) }
        case .post(let index):
            let language = pageLanguage(entry)
            let strings = languages[language]!.strings
            var post = postContext(index, root: root, forList: false, pageLanguage: language)
            if let thread = site.threadOf[index].map({ site.threads[$0].posts }) {
                let position = thread.firstIndex(of: index) ?? 0
                post["has_thread"] = true
                post["thread_before"] = thread[..<position].map { postContext($0, root: root, forList: true, pageLanguage: language) }
                post["thread_after"] = thread[(position + 1)...].map { postContext($0, root: root, forList: true, pageLanguage: language) }
                post["thread_label"] = UIStrings.format(strings[ui: "thread_of"], ["count": "\(thread.count)"])
            } else {
                post["has_thread"] = false
            }
            context["post"] = post
            context["post_nav"] = postNavigation(index, root: root, pageLanguage: language)
            if let image = openGraphImage(for: index) { context["og_image"] = image; context["has_og_image"] = true }
            context["og_type"] = "article"
            context["article"] = [
                "published_time": post["date_iso"] ?? "",
                "modified_time": post["updated_iso"] ?? post["date_iso"] ?? "",
                "tags": site.posts[index].tags,
            ] as [String: Any]
            context["has_article"] = true
            context["twitter_card"] = site.posts[index].photos.isEmpty ? "summary" : "summary_large_image"
            context["page_title"] = post["display_title"]
            if let summary = site.posts[index].frontMatter.summary { context["page_description"] = summary }
            else if let excerpt = post["excerpt"] { context["page_description"] = excerpt }
        case .page(let index):
            let page = site.pages[index]
            let title = page.title ?? Excerpt.make(from: page.content.plainText, maxLength: 60)
            context["page"] = [
                "title": title,
                "has_title": page.title != nil,
                "content": SiteURL.relativize(page.content.html, rootPrefix: root),
                // The whole page is in the page's language (<html lang>), so the article needs no lang of its own.
                "lang": page.frontMatter.lang ?? "",
                "has_lang": false,
            ] as [String: Any]
            context["page_title"] = title
            if let summary = page.frontMatter.summary { context["page_description"] = summary }
        case .tagIndex:
            context["tags"] = site.tags.map { tag -> [String: Any] in
                ["name": tag.name, "url": link(Router.tag(tag.slug), root: root), "count": tag.posts.count,
                 "count_label": countLabel(tag.posts.count)]
            }
            context["page_title"] = strings["tags"]
        case .tag(let index, let page, let pages):
            let tag = site.tags[index]
            let perPage = site.config.postsPerPage
            let slice = Array(tag.posts.dropFirst((page - 1) * perPage).prefix(perPage))
            context["tag"] = ["name": tag.name, "count_label": countLabel(tag.posts.count), "url": link(Router.tag(tag.slug), root: root)]
            context["posts"] = slice.map { postContext($0, root: root, forList: true) }
            context["pagination"] = pagination(base: Router.tag(tag.slug), page: page, of: pages, root: root)
            context["page_title"] = "\(strings[ui: "tag_title"]) “\(tag.name)”" + (page > 1 ? " — " + UIStrings.format(strings[ui: "page_of"], ["page": "\(page)", "pages": "\(pages)"]) : "")
        case .archive:
            context["years"] = site.years.map { year -> [String: Any] in
                [
                    "year": String(year.year),
                    "url": link(Router.year(year.year), root: root),
                    "count_label": countLabel(year.postCount),
                    "months": year.months.map { month -> [String: Any] in
                        ["name": formats.monthName(year: month.year, month: month.month),
                         "url": link(Router.month(month.year, month.month), root: root),
                         "count_label": countLabel(month.posts.count)]
                    },
                ]
            }
            context["page_title"] = strings["archive"]
        case .year(let index):
            let year = site.years[index]
            context["year"] = ["year": String(year.year), "count_label": countLabel(year.postCount)]
            context["months"] = year.months.map { month -> [String: Any] in
                ["name": formats.monthYear(year: month.year, month: month.month),
                 "url": link(Router.month(month.year, month.month), root: root),
                 "count_label": countLabel(month.posts.count),
                 "posts": month.posts.map { postContext($0, root: root, forList: true, withContent: false) }]
            }
            context["page_title"] = "\(strings[ui: "archive"]) \(year.year)"
        case .month(let yearIndex, let monthIndex):
            let month = site.years[yearIndex].months[monthIndex]
            let name = formats.monthYear(year: month.year, month: month.month)
            context["month"] = ["name": name, "count_label": countLabel(month.posts.count),
                                "year_url": link(Router.year(month.year), root: root), "year": String(month.year)]
            context["posts"] = month.posts.map { postContext($0, root: root, forList: true) }
            context["page_title"] = name
        case .alias(let target, _):
            context["target_url"] = link(target, root: root)
            context["target_permalink"] = absolute(target)
            context["page_title"] = strings["redirecting"]
            context["canonical"] = absolute(target)
        case .notFound:
            context["page_title"] = strings["not_found_title"]
            // Served for any missing URL at any depth, on the real host or a preview, or opened from
            // disk: no <base>, no external stylesheet; links are absolute, to the configured site.
            if var siteContext = context["site"] as? [String: Any] {
                siteContext["home_url"] = absolute("/")
                // The decorative avatar would be a broken image wherever the live site is out of reach.
                if var author = siteContext["author"] as? [String: Any] { author["has_avatar"] = false; siteContext["author"] = author }
                context["site"] = siteContext
            }
            if let style = templates.assets.first(where: { $0.path == "style.css" }) {
                context["inline_style"] = String(decoding: style.data, as: UTF8.self)
                context["has_inline_style"] = true
            }
        }
        return templates.render(entry.template, context: context)
    }

    // MARK: - Shared context

    /// The language of a page: a post's or standalone page's own `lang`, else the site's.
    private func pageLanguage(_ entry: SitePlan.Entry) -> String {
        switch entry.kind {
        case .post(let index): return site.posts[index].frontMatter.lang ?? site.config.language
        case .page(let index): return site.pages[index].frontMatter.lang ?? site.config.language
        default: return site.config.language
        }
    }

    private func baseContext(_ entry: SitePlan.Entry, root: String) -> [String: Any] {
        let config = site.config
        let language = pageLanguage(entry)
        let strings = languages[language]!.strings
        var author: [String: Any] = ["name": config.author.name ?? "", "has_name": config.author.name != nil]
        if let url = config.author.url { author["url"] = url; author["has_url"] = true } else { author["has_url"] = false }
        if let avatar = config.author.avatar {
            author["avatar"] = resolveAsset(avatar, root: root)
            author["avatar_absolute"] = Feed.absoluteURL(avatar, base: config.baseURL?.absoluteString ?? "/")
            author["has_avatar"] = true
        } else {
            author["has_avatar"] = false
        }
        author["display_name"] = config.author.name ?? config.title
        author["url_or_home"] = config.author.url ?? config.baseURL?.absoluteString ?? link(Router.home, root: root)
        let nav: [[String: Any]] = [
            ["name": strings[ui: "home"], "url": link(Router.home, root: root), "current": entry.urlPath == Router.home],
            ["name": strings[ui: "archive"], "url": link(Router.archive, root: root), "current": entry.urlPath == Router.archive],
            ["name": strings[ui: "tags"], "url": link(Router.tags, root: root), "current": entry.urlPath == Router.tags],
        ] + site.menuPages.map { page in
            ["name": page.title!, "url": link(page.path, root: root), "current": entry.urlPath == page.path]
        }
        var context: [String: Any] = [
            "site": [
                "title": config.title,
                "description": config.description,
                "has_description": !config.description.isEmpty,
                "language": config.language,
                "base_url": config.baseURL?.absoluteString ?? "",
                "author": author,
                "links": config.links.map { ["name": $0.name, "url": $0.url] },
                "has_links": !config.links.isEmpty,
                "params": config.params.templateValue,
                "home_url": link(Router.home, root: root),
            ] as [String: Any],
            "t": strings,
            "root": root,
            "nav": nav,
            "stylesheet": root + "style.css",
            "has_custom_stylesheet": customStylesheet,
            "custom_stylesheet": root + PageRenderer.customStylesheetPath,
            "favicon": root + "favicon.ico",
            "page_language": language,
            // The site's name and description stay in the site's language on a page in another one.
            "site_lang_differs": language != config.language,
            "is_home": entry.urlPath == "/",
            "canonical": absolute(entry.urlPath),
            "copyright_year": formats.year(of: site.posts.first?.date ?? Date(timeIntervalSince1970: 0)),
            "generator": "Samizdat",
        ]
        // A tag page's own feeds come first: browsers and readers subscribe to the first one.
        var feedLinks: [[String: Any]] = []
        if case .tag(let index, _, _) = entry.kind {
            let tag = site.tags[index]
            feedLinks = PageRenderer.feedLinks(folder: Router.tagFolder(tag.slug), title: "\(config.title) — #\(tag.name)", root: root)
        }
        feedLinks += PageRenderer.feedLinks(folder: "", title: config.title, root: root)
        context["feed_links"] = feedLinks
        context["feeds"] = ["rss": root + Router.rss(in: ""), "atom": root + Router.atom(in: ""), "json": root + Router.json(in: "")]
        context["has_inline_style"] = false
        context["page_description"] = config.description
        context["og_type"] = "website"
        context["twitter_card"] = "summary"
        context["has_article"] = false
        if let avatar = config.author.avatar {
            context["og_image"] = Feed.absoluteURL(avatar, base: config.baseURL?.absoluteString ?? "/")
            context["has_og_image"] = true
        } else {
            context["has_og_image"] = false
        }
        context["og_locale"] = language.replacingOccurrences(of: "-", with: "_")
        context["webmention"] = config.webmention ?? ""
        context["has_webmention"] = config.webmention != nil
        context["pingback"] = config.pingback ?? ""
        context["has_pingback"] = config.pingback != nil
        return context
    }

    /// The first photo of a post, else nothing (the site avatar is the default).
    private func openGraphImage(for index: Int) -> String? {
        guard let photo = site.posts[index].photos.first else { return nil }
        return photo.isLocal ? absolute(photo.href) : photo.href
    }

    /// `<link rel="alternate">` targets for the three feeds in `folder`.
    static func feedLinks(folder: String, title: String, root: String) -> [[String: Any]] {
        [
            ["type": "application/rss+xml", "title": "\(title) (RSS)", "url": root + Router.rss(in: folder)],
            ["type": "application/atom+xml", "title": "\(title) (Atom)", "url": root + Router.atom(in: folder)],
            ["type": "application/feed+json", "title": "\(title) (JSON Feed)", "url": root + Router.json(in: folder)],
        ]
    }

    private func pagination(base: String, page: Int, of pages: Int, root: String) -> [String: Any] {
        var result: [String: Any] = [
            "has_pages": pages > 1,
            "label": UIStrings.format(strings[ui: "page_of"], ["page": "\(page)", "pages": "\(pages)"]),
            "has_newer": page > 1,
            "has_older": page < pages,
        ]
        if page > 1 { result["newer_url"] = link(Router.paginated(base, page - 1), root: root) }
        if page < pages { result["older_url"] = link(Router.paginated(base, page + 1), root: root) }
        return result
    }

    private func countLabel(_ count: Int) -> String {
        count == 1 ? strings[ui: "posts_count_one"] : UIStrings.format(strings[ui: "posts_count_other"], ["count": "\(count)"])
    }

    // MARK: - Posts

    /// Made post contexts, for a window of posts: pages are rendered in plan order (timeline,
    /// posts, tags, archive), each showing posts near each other, and a site of 100,000 posts
    /// does not keep 100,000 contexts until the end of the build.
    final class PostBases: @unchecked Sendable {
        let lock = NSLock()
        var made: [Int: [String: any Sendable]] = [:]
        static let limit = 8192
    }

    func postBase(_ index: Int) -> [String: any Sendable] {
        if let base = bases.lock.withLock({ bases.made[index] }) { return base }
        let post = site.posts[index]
        let base = PageRenderer.postBase(post, site: site, formats: languages[post.frontMatter.lang ?? site.config.language]!.formats)
        bases.lock.withLock {
            if bases.made.count >= PostBases.limit { bases.made.removeAll(keepingCapacity: true) }
            bases.made[index] = base
        }
        return base
    }

    static func postBase(_ post: Post, site: Site, formats: DateFormats) -> [String: any Sendable] {
        var base: [String: any Sendable] = [
            "has_title": post.title != nil,
            "title": post.title ?? "",
            "display_title": post.displayTitle(formats: formats),
            "excerpt": Excerpt.make(from: post.content.plainText, maxLength: 200),
            "date_iso": RFC3339.string(post.date, timeZone: site.config.timeZone),
            "date_display": formats.long(post.date),
            "date_time_display": formats.dateTime(post.date),
            "is_draft": post.isDraft,
            "anchor": post.anchor,
            "has_lang": post.frontMatter.lang.map { $0 != site.config.language } ?? false,
            "lang": post.frontMatter.lang ?? site.config.language,
            "has_updated": post.frontMatter.updated != nil,
            "has_tags": !post.tags.isEmpty,
        ]
        let uid = Feed.itemID(for: post, config: site.config)
        base["uid"] = uid
        base["uid_is_permalink"] = uid == Router.absolute(post.path, base: site.config.baseURL?.absoluteString ?? "/")
        if let updated = post.frontMatter.updated {
            base["updated_iso"] = RFC3339.string(updated, timeZone: site.config.timeZone)
            base["updated_display"] = formats.long(updated)
        }
        return base
    }

    /// A post as a template sees it.
    ///
    /// - Parameter pageLanguage: the language of the page it is shown on (default: the site's); a
    ///   post in another language carries `lang`, and its own words (`t`) are in its language.
    private func postContext(_ index: Int, root: String, forList: Bool, withContent: Bool = true, pageLanguage: String? = nil) -> [String: Any] {
        let post = site.posts[index]
        var context: [String: Any] = postBase(index)
        let language = post.frontMatter.lang ?? site.config.language
        context["t"] = languages[language]!.strings
        context["has_lang"] = language != (pageLanguage ?? site.config.language)
        context["url"] = link(post.path, root: root)
        context["permalink"] = absolute(post.path)
        context["tags"] = post.tags.compactMap { name -> [String: Any]? in
            guard let slug = site.tagSlug(for: name) else { return nil }
            return ["name": name, "url": link(Router.tag(slug), root: root)]
        }
        if withContent {
            context["content"] = SiteURL.relativize(forList ? post.listHTML : post.content.html, rootPrefix: root)
        }
        context["in_list"] = forList
        context["is_pinned"] = site.pinned.contains(index) && forList
        context["is_current"] = !forList

        var replyContext: [String: Any]?
        if let target = post.frontMatter.replyTo {
            if let parentIndex = site.parent[index] {
                let parent = site.posts[parentIndex]
                replyContext = ["url": link(parent.path, root: root), "label": postBase(parentIndex)["display_title"] ?? parent.path,
                                "is_own": true, "permalink": absolute(parent.path)]
            } else if target.hasPrefix("/") {
                // Not a published post (a draft, or a typo, reported by the build): link the public
                // address rather than a relative path to a file this build did not write.
                replyContext = ["url": absolute(target), "label": PageRenderer.shortURL(absolute(target)), "is_own": false]
            } else {
                replyContext = ["url": target, "label": PageRenderer.shortURL(target), "is_own": false]
            }
        }
        context["has_reply_to"] = replyContext != nil
        context["reply_to"] = replyContext ?? [:]

        let photos = post.photos.map { photo -> [String: Any] in
            var result: [String: Any] = [
                "url": photo.isLocal ? link(photo.href, root: root) : photo.href,
                "alt": photo.alt ?? "",
                "has_size": photo.info != nil,
            ]
            if let info = photo.info { result["width"] = info.width; result["height"] = info.height }
            return result
        }
        context["has_photos"] = !photos.isEmpty
        context["photos"] = photos
        context["photo_count"] = min(photos.count, 4)
        context["photo_rows"] = PageRenderer.photoRows(photos, focus: post.frontMatter.photos.map(\.focus), eagerFirst: !forList)
        context["has_syndication"] = !post.frontMatter.syndication.isEmpty
        context["syndication"] = post.frontMatter.syndication.map { ["url": $0, "host": PageRenderer.host(of: $0)] }
        context["has_footer"] = post.frontMatter.updated != nil || !post.tags.isEmpty || !post.frontMatter.syndication.isEmpty
        return context
    }

    /// Newer and older posts and the way back to the timeline, so a post's page is no dead end.
    ///
    /// "Back to the timeline" opens the timeline page that shows the post (or its thread), at the post.
    private func postNavigation(_ index: Int, root: String, pageLanguage: String) -> [String: Any] {
        func neighbour(_ other: Int) -> [String: Any] {
            let language = site.posts[other].frontMatter.lang ?? site.config.language
            return ["url": link(site.posts[other].path, root: root), "title": postBase(other)["display_title"] ?? "",
                    "has_lang": language != pageLanguage, "lang": language]
        }
        let (newer, older) = site.neighbours(of: index)
        var result: [String: Any] = ["has_newer": newer != nil, "has_older": older != nil]
        if let newer { result["newer"] = neighbour(newer) }
        if let older { result["older"] = neighbour(older) }
        if let position = site.timelinePosition[index] {
            let page = position / max(site.config.postsPerPage, 1) + 1
            result["timeline_url"] = link(Router.paginated(Router.home, page), root: root) + "#" + site.posts[site.timeline[position]].anchor
        } else {
            result["timeline_url"] = link(Router.home, root: root)
        }
        return result
    }

    /// Photos in rows that keep every photo's shape: in a row, each photo's width is in proportion
    /// to its aspect ratio, so all of them share one height and none is cropped.
    ///
    /// Only extreme shapes (taller than 1:2, wider than 3:1) are cropped to that range, around the
    /// photo's `focus`. A row is never wider than its photos at their own size, so nothing is
    /// upscaled; four photos make two rows of two, more make rows of up to three.
    static func photoRows(_ photos: [[String: Any]], focus: [String?], eagerFirst: Bool) -> [[String: Any]] {
        let gap = 6.0 // px between photos, as in the stylesheet (0.375rem)
        var items = photos.enumerated().map { offset, photo -> (context: [String: Any], ratio: Double, maxHeight: Double?) in
            var context = photo
            let width = (photo["width"] as? Int).map(Double.init), height = (photo["height"] as? Int).map(Double.init)
            var ratio = 1.5, maxHeight: Double?
            if let width, let height, width > 0, height > 0 {
                ratio = min(max(width / height, 0.5), 3)
                maxHeight = min(height, width / ratio) // the box height at which the photo is shown at its own size
            }
            context["ratio"] = String(format: "%.4f", ratio)
            let point = offset < focus.count ? focus[offset] : nil
            context["has_focus"] = point != nil
            context["focus"] = point ?? ""
            context["lazy"] = !(eagerFirst && offset == 0)
            return (context, ratio, maxHeight)
        }
        let total = items.count
        let rowCount = total == 4 ? 2 : (total + 2) / 3
        var rows: [[String: Any]] = []
        for row in 0..<rowCount {
            // Spread evenly: 5 photos are 3 + 2, 7 are 3 + 2 + 2.
            let size = total / rowCount + (row < total % rowCount ? 1 : 0)
            let members = Array(items.prefix(size))
            items.removeFirst(size)
            let ratios = members.reduce(0) { $0 + $1.ratio }
            var context: [String: Any] = ["photos": members.map(\.context), "ratio_sum": String(format: "%.4f", ratios)]
            let heights = members.compactMap(\.maxHeight)
            if heights.count == members.count, let height = heights.min() {
                context["max_width"] = Int((ratios * height + gap * Double(members.count - 1)).rounded(.down))
                context["has_max_width"] = true
            } else {
                context["has_max_width"] = false
            }
            rows.append(context)
        }
        return rows
    }

    /// `social.example/@ada/123` for display: the URL without its scheme.
    static func shortURL(_ url: String) -> String {
        var text = url
        for prefix in ["https://", "http://"] where text.hasPrefix(prefix) { text = String(text.dropFirst(prefix.count)) }
        if text.hasPrefix("www.") { text = String(text.dropFirst(4)) }
        return text.count > 60 ? String(text.prefix(59)) + "…" : text
    }

    static func host(of url: String) -> String {
        var host = URLComponents(string: url)?.host ?? url
        if host.hasPrefix("www.") { host = String(host.dropFirst(4)) }
        return host
    }

    // MARK: - URLs

    /// `../../` for `a/b/index.html`; empty at the root.
    static func rootPrefix(forOutputPath path: String) -> String {
        Router.rootPrefix(forOutputPath: path)
    }

    /// A relative link from a page to a site path, spelling out `index.html` so it opens from disk.
    func link(_ sitePath: String, root: String) -> String {
        Router.relative(sitePath, root: root)
    }

    func absolute(_ sitePath: String) -> String {
        Router.absolute(sitePath, base: site.config.baseURL?.absoluteString ?? "/")
    }

    /// A URL from `site.yml` (avatar): site-relative ones are made relative to the page.
    func resolveAsset(_ url: String, root: String) -> String {
        if url.hasPrefix("/") && !url.hasPrefix("//") { return root + MediaURL.encode(url).dropFirst() }
        return MediaURL.encode(url)
    }
}
