import Foundation

/// Renders the pages of a `SitePlan` with the theme's templates.
///
/// Each page's view is a `TemplateValue` (objects, lists, strings, booleans), so a page is a pure
/// function of the site and its plan entry and pages can render in any order.
/// Optional things get an explicit `has_…` flag: Mustache looks a missing key up in enclosing
/// contexts, and a note without a title must not pick up its page's title.
public struct PageRenderer: Sendable {
    typealias View = [String: TemplateValue]
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

    /// The page as UTF-8 bytes, as they are written.
    public func renderBytes(_ entry: SitePlan.Entry) throws(TemplateLibrary.RenderError) -> [UInt8] {
        var root = PageRenderer.rootPrefix(forOutputPath: entry.outputPath)
        // 404.html is served in place of any missing URL, at any depth, so relative links would
        // lead nowhere: its links start from the path of base_url (`/` or `/blog/`), as Hugo's and
        // Jekyll's do. They work on whatever host and scheme serves the folder at that path (a
        // host name not in base_url, `samizdat serve --host 0.0.0.0` from another device), where
        // links to base_url itself would send readers to another host, or to one that is gone.
        if case .notFound = entry.kind { root = basePath }
        var context = baseContext(entry, root: root)
        switch entry.kind {
        case .timeline(let page, _):
            let paging = Paging(count: site.timeline.count, perPage: site.config.postsPerPage)
            let slice = Array(site.timeline[paging.positions(onPage: page)])
            context["posts"] = .list(slice.map { index -> TemplateValue in
                var post = postContext(index, root: root, forList: true)
                let replies = site.threadOf[index].map { site.threads[$0].posts.filter { $0 != index } } ?? []
                post["has_replies"] = .bool(!replies.isEmpty)
                post["replies"] = .list(replies.map { .object(postContext($0, root: root, forList: true)) })
                post["replies_label"] = .string(replies.count == 1 ? strings[ui: "replies_one"] : UIStrings.format(strings[ui: "replies_other"], ["count": "\(replies.count)"]))
                return .object(post)
            })
            let label = rangeLabel(slice)
            context["pagination"] = .object(pagination(base: "/", paging: paging, page: page, label: label, root: root))
            context["is_home"] = .bool(page == 0)
            context["heading"] = .string(site.config.title)
            // The home text (`Content/_index.md`) on the front page only.
            let home = page == 0 ? site.home : nil
            context["has_intro"] = .bool(home != nil)
            context["intro"] = .string(home.map { SiteURL.relativize($0.content.html, rootPrefix: root) } ?? "")
            context["has_intro_title"] = .bool(home?.title != nil)
            if let title = home?.title { context["heading"] = .string(title) }
            if page > 0 { context["page_title"] = .string("\(site.config.title) — " + label) }
        case .post(let index):
            let language = pageLanguage(entry)
            let strings = languages[language]!.strings
            var post = postContext(index, root: root, forList: false, pageLanguage: language)
            if let thread = site.threadOf[index].map({ site.threads[$0].posts }) {
                let position = thread.firstIndex(of: index) ?? 0
                post["has_thread"] = true
                post["thread_before"] = .list(thread[..<position].map { .object(postContext($0, root: root, forList: true, pageLanguage: language)) })
                post["thread_after"] = .list(thread[(position + 1)...].map { .object(postContext($0, root: root, forList: true, pageLanguage: language)) })
                post["thread_label"] = .string(UIStrings.format(strings[ui: "thread_of"], ["count": "\(thread.count)"]))
            } else {
                post["has_thread"] = false
            }
            context["post"] = .object(post)
            context["post_nav"] = .object(postNavigation(index, root: root, pageLanguage: language))
            if let image = openGraphImage(for: index) { context["og_image"] = .string(image); context["has_og_image"] = true }
            context["og_type"] = "article"
            context["article"] = [
                "published_time": post["date_iso"] ?? "",
                "modified_time": post["updated_iso"] ?? post["date_iso"] ?? "",
                "tags": TemplateValue(site.posts[index].tags),
            ]
            context["has_article"] = true
            context["twitter_card"] = site.posts[index].photos.isEmpty ? "summary" : "summary_large_image"
            context["page_title"] = post["display_title"]
            if let summary = site.posts[index].frontMatter.summary { context["page_description"] = .string(summary) }
            else if let excerpt = post["excerpt"] { context["page_description"] = excerpt }
        case .page(let index):
            let page = site.pages[index]
            let title = page.title ?? Excerpt.make(from: page.content.plainText, maxLength: 60)
            context["page"] = [
                "title": .string(title),
                "has_title": .bool(page.title != nil),
                "content": .string(SiteURL.relativize(page.content.html, rootPrefix: root)),
                // The whole page is in the page's language (<html lang>), so the article needs no lang of its own.
                "lang": .string(page.frontMatter.lang ?? ""),
                "has_lang": false,
            ]
            context["page_title"] = .string(title)
            if let summary = page.frontMatter.summary { context["page_description"] = .string(summary) }
        case .tagIndex:
            context["tags"] = termList(site.tags, in: "tags", root: root)
            context["page_title"] = TemplateValue(strings["tags"])
        case .tag(let index, let page, _):
            let tag = site.tags[index]
            let (view, label) = termPage(tag, in: "tags", page: page, root: root, context: &context)
            context["tag"] = .object(view)
            context["page_title"] = .string("\(strings[ui: "tag_title"]) “\(tag.name)”" + (page > 0 ? " — " + label : ""))
        case .taxonomy(let index):
            let taxonomy = site.taxonomies[index]
            let title = UIStrings.taxonomyTitle(taxonomy.name, strings)
            context["taxonomy"] = ["name": .string(taxonomy.name), "title": .string(title)]
            context["terms"] = termList(taxonomy.terms, in: taxonomy.name, root: root)
            context["page_title"] = .string(title)
        case .term(let taxonomyIndex, let termIndex, let page, _):
            let taxonomy = site.taxonomies[taxonomyIndex]
            let term = taxonomy.terms[termIndex]
            var (view, label) = termPage(term, in: taxonomy.name, page: page, root: root, context: &context)
            let heading = UIStrings.termTitle(taxonomy.name, strings)
            view["heading"] = .string(heading)
            view["all_url"] = .string(link(Router.taxonomy(taxonomy.name), root: root))
            view["all_label"] = .string(UIStrings.allTerms(taxonomy.name, strings))
            context["taxonomy"] = ["name": .string(taxonomy.name), "title": .string(UIStrings.taxonomyTitle(taxonomy.name, strings))]
            context["term"] = .object(view)
            context["page_title"] = .string("\(heading) “\(term.name)”" + (page > 0 ? " — " + label : ""))
        case .archive:
            context["years"] = .list(site.years.map { year -> TemplateValue in
                [
                    "year": .string(String(year.year)),
                    "url": .string(link(Router.year(year.year), root: root)),
                    "count_label": .string(countLabel(year.postCount)),
                    "months": .list(year.months.map { month -> TemplateValue in
                        ["name": .string(formats.monthName(year: month.year, month: month.month)),
                         "url": .string(link(Router.month(month.year, month.month), root: root)),
                         "count_label": .string(countLabel(month.posts.count))]
                    }),
                ]
            })
            context["page_title"] = TemplateValue(strings["archive"])
        case .year(let index):
            let year = site.years[index]
            context["year"] = ["year": .string(String(year.year)), "count_label": .string(countLabel(year.postCount))]
            context["months"] = .list(year.months.map { month -> TemplateValue in
                ["name": .string(formats.monthYear(year: month.year, month: month.month)),
                 "url": .string(link(Router.month(month.year, month.month), root: root)),
                 "count_label": .string(countLabel(month.posts.count)),
                 "posts": .list(month.posts.map { .object(postContext($0, root: root, forList: true, withContent: false)) })]
            })
            context["page_title"] = .string("\(strings[ui: "archive"]) \(year.year)")
        case .month(let yearIndex, let monthIndex):
            let month = site.years[yearIndex].months[monthIndex]
            let name = formats.monthYear(year: month.year, month: month.month)
            context["month"] = ["name": .string(name), "count_label": .string(countLabel(month.posts.count)),
                                "year_url": .string(link(Router.year(month.year), root: root)), "year": .string(String(month.year))]
            context["posts"] = .list(month.posts.map { .object(postContext($0, root: root, forList: true)) })
            context["page_title"] = .string(name)
        case .alias(let target, _):
            context["target_url"] = .string(link(target, root: root))
            context["target_permalink"] = .string(absolute(target))
            context["page_title"] = TemplateValue(strings["redirecting"])
            context["canonical"] = .string(canonical(target))
        case .notFound:
            context["page_title"] = TemplateValue(strings["not_found_title"])
            // Served for any missing URL at any depth: no <base>, no external stylesheet (it could
            // not be found from every depth when opened from disk); links start from base_url's path.
            if case .object(var siteContext)? = context["site"] {
                siteContext["home_url"] = .string(root)
                // The decorative avatar would be a broken image when the page is opened from disk.
                if case .object(var author)? = siteContext["author"] { author["has_avatar"] = false; siteContext["author"] = .object(author) }
                context["site"] = .object(siteContext)
            }
            if let style = templates.assets.first(where: { $0.path == "style.css" }) {
                context["inline_style"] = .string(String(decoding: style.data, as: UTF8.self))
                context["has_inline_style"] = true
            }
        }
        return try templates.renderBytes(entry.template, context: .object(context))
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

    private func baseContext(_ entry: SitePlan.Entry, root: String) -> View {
        let config = site.config
        let language = pageLanguage(entry)
        let strings = languages[language]!.strings
        var author: View = ["name": .string(config.author.name ?? ""), "has_name": .bool(config.author.name != nil)]
        if let url = config.author.url { author["url"] = .string(url); author["has_url"] = true } else { author["has_url"] = false }
        if let avatar = config.author.avatar {
            author["avatar"] = .string(resolveAsset(avatar, root: root))
            author["avatar_absolute"] = .string(Feed.absoluteURL(avatar, base: config.baseURL?.absoluteString ?? "/"))
            author["has_avatar"] = true
        } else {
            author["has_avatar"] = false
        }
        author["display_name"] = .string(config.author.name ?? config.title)
        author["url_or_home"] = .string(config.author.url ?? config.baseURL?.absoluteString ?? link(Router.home, root: root))
        func navItem(_ name: String, _ path: String) -> TemplateValue {
            ["name": .string(name), "url": .string(link(path, root: root)), "current": .bool(entry.urlPath == path)]
        }
        let nav = [navItem(strings[ui: "home"], Router.home), navItem(strings[ui: "archive"], Router.archive), navItem(strings[ui: "tags"], Router.tags)]
            + site.taxonomies.filter { !$0.terms.isEmpty }.map { navItem(UIStrings.taxonomyTitle($0.name, strings), Router.taxonomy($0.name)) }
            + site.menuPages.map { navItem($0.title!, $0.path) }
        var context: View = [
            "site": [
                "title": .string(config.title),
                "description": .string(config.description),
                "has_description": .bool(!config.description.isEmpty),
                "language": .string(config.language),
                "base_url": .string(config.baseURL?.absoluteString ?? ""),
                "author": .object(author),
                "links": .list(config.links.map { ["name": .string($0.name), "url": .string($0.url)] }),
                "has_links": .bool(!config.links.isEmpty),
                "params": .object(config.params.templateValue),
                "home_url": .string(link(Router.home, root: root)),
            ],
            "t": TemplateValue(strings),
            "root": .string(root),
            "nav": .list(nav),
            "stylesheet": .string(root + "style.css"),
            "has_custom_stylesheet": .bool(customStylesheet),
            "custom_stylesheet": .string(root + PageRenderer.customStylesheetPath),
            "favicon": .string(root + "favicon.ico"),
            "page_language": .string(language),
            // The site's name and description stay in the site's language on a page in another one.
            "site_lang_differs": .bool(language != config.language),
            "is_home": .bool(entry.urlPath == "/"),
            "canonical": .string(canonical(entry.urlPath)),
            "copyright_year": .string(formats.year(of: site.posts.first?.date ?? Date(timeIntervalSince1970: 0))),
            "generator": "Samizdat",
        ]
        // A tag's or term's page has its own feeds first: browsers and readers subscribe to the first one.
        var feedLinks: [TemplateValue] = []
        if case .tag(let index, _, _) = entry.kind {
            let tag = site.tags[index]
            feedLinks = PageRenderer.feedLinks(folder: Router.tagFolder(tag.slug), title: "\(config.title) — #\(tag.name)", root: root)
        } else if case .term(let taxonomyIndex, let termIndex, _, _) = entry.kind {
            let taxonomy = site.taxonomies[taxonomyIndex], term = taxonomy.terms[termIndex]
            feedLinks = PageRenderer.feedLinks(folder: Router.termFolder(term.slug, in: taxonomy.name), title: "\(config.title) — \(term.name)", root: root)
        }
        feedLinks += PageRenderer.feedLinks(folder: "", title: config.title, root: root)
        context["feed_links"] = .list(feedLinks)
        context["feeds"] = ["rss": .string(root + Router.rss(in: "")), "atom": .string(root + Router.atom(in: "")), "json": .string(root + Router.json(in: ""))]
        context["has_inline_style"] = false
        context["page_description"] = .string(config.description)
        context["og_type"] = "website"
        context["twitter_card"] = "summary"
        context["has_article"] = false
        if let avatar = config.author.avatar {
            context["og_image"] = .string(Feed.absoluteURL(avatar, base: config.baseURL?.absoluteString ?? "/"))
            context["has_og_image"] = true
        } else {
            context["has_og_image"] = false
        }
        context["og_locale"] = .string(language.replacingOccurrences(of: "-", with: "_"))
        context["webmention"] = .string(config.webmention ?? "")
        context["has_webmention"] = .bool(config.webmention != nil)
        context["pingback"] = .string(config.pingback ?? "")
        context["has_pingback"] = .bool(config.pingback != nil)
        addMirrors(to: &context, urlPath: entry.urlPath)
        return context
    }

    /// The first photo of a post, else nothing (the site avatar is the default).
    private func openGraphImage(for index: Int) -> String? {
        guard let photo = site.posts[index].photos.first else { return nil }
        return photo.isLocal ? absolute(photo.href) : photo.href
    }

    /// `<link rel="alternate">` targets for the three feeds in `folder`.
    static func feedLinks(folder: String, title: String, root: String) -> [TemplateValue] {
        [
            ["type": "application/rss+xml", "title": .string("\(title) (RSS)"), "url": .string(root + Router.rss(in: folder))],
            ["type": "application/atom+xml", "title": .string("\(title) (Atom)"), "url": .string(root + Router.atom(in: folder))],
            ["type": "application/feed+json", "title": .string("\(title) (JSON Feed)"), "url": .string(root + Router.json(in: folder))],
        ]
    }

    /// The terms of a taxonomy (or the tags) as the page listing them shows them.
    private func termList(_ terms: [Site.Tag], in taxonomy: String, root: String) -> TemplateValue {
        .list(terms.map { term -> TemplateValue in
            ["name": .string(term.name), "url": .string(link(Router.term(term.slug, in: taxonomy), root: root)), "count": .int(term.posts.count),
             "count_label": .string(countLabel(term.posts.count))]
        })
    }

    /// A page of a term's list (a tag's, a category's): its posts and pagination go in `context`;
    /// returns the term as the page shows it, and the label of the page's range of dates.
    private func termPage(_ term: Site.Tag, in taxonomy: String, page: Int, root: String, context: inout View) -> (view: View, label: String) {
        let paging = Paging(count: term.posts.count, perPage: site.config.postsPerPage)
        let slice = Array(term.posts[paging.positions(onPage: page)])
        let label = rangeLabel(slice)
        let base = Router.term(term.slug, in: taxonomy)
        var view: View = ["name": .string(term.name), "url": .string(link(base, root: root))]
        // Only on the front page: archive pages stay as they are when the term gets new posts.
        if page == 0 { view["count_label"] = .string(countLabel(term.posts.count)) }
        context["posts"] = .list(slice.map { .object(postContext($0, root: root, forList: true)) })
        context["pagination"] = .object(pagination(base: base, paging: paging, page: page, label: label, root: root))
        return (view, label)
    }

    /// Links to the pages with newer and older posts. Pages are counted from the oldest (see
    /// `Paging`), so the label names the months a page covers rather than "page 3 of 12",
    /// which would change on every page whenever a page is added.
    private func pagination(base: String, paging: Paging, page: Int, label: String, root: String) -> View {
        let newer = paging.newer(than: page), older = paging.older(than: page)
        var result: View = [
            "has_pages": .bool(paging.archived > 0),
            "label": .string(label),
            "has_newer": .bool(newer != nil),
            "has_older": .bool(older != nil),
        ]
        if let newer { result["newer_url"] = .string(link(Router.paginated(base, newer), root: root)) }
        if let older { result["older_url"] = .string(link(Router.paginated(base, older), root: root)) }
        return result
    }

    /// `March 2024 – May 2024` for the posts of a list page, or one month. (Pinned posts lead the
    /// front page whatever their date, so the dates are compared, not the first and last.)
    private func rangeLabel(_ posts: [Int]) -> String {
        guard let newest = posts.map({ site.posts[$0].date }).max(), let oldest = posts.map({ site.posts[$0].date }).min() else { return "" }
        let from = formats.monthYear(of: oldest), to = formats.monthYear(of: newest)
        return from == to ? from : UIStrings.format(strings[ui: "page_range"], ["from": from, "to": to])
    }

    private func countLabel(_ count: Int) -> String {
        count == 1 ? strings[ui: "posts_count_one"] : UIStrings.format(strings[ui: "posts_count_other"], ["count": "\(count)"])
    }

    // MARK: - Posts

    /// Made post contexts, for a window of posts: pages are rendered in plan order (timeline,
    /// posts, tags, archive), each showing posts near each other, and a site of 100,000 posts
    /// does not keep 100,000 contexts until the end of the build.
    ///
    /// Two generations: when the newer one is full it becomes the older one, so the posts used
    /// most recently survive (emptying one table at once made a 10,000-post site compute each
    /// context several times).
    final class PostBases: @unchecked Sendable {
        let lock = NSLock()
        var newer: [Int: View] = [:]
        var older: [Int: View] = [:]
        static let generation = 4096

        func get(_ index: Int) -> View? {
            lock.withLock {
                if let base = newer[index] { return base }
                guard let base = older[index] else { return nil }
                insert(base, at: index)
                return base
            }
        }

        func set(_ base: View, at index: Int) {
            lock.withLock { insert(base, at: index) }
        }

        /// Call with the lock held.
        private func insert(_ base: View, at index: Int) {
            if newer.count >= Self.generation {
                older = newer
                newer = [:]
                newer.reserveCapacity(Self.generation)
            }
            newer[index] = base
        }
    }

    func postBase(_ index: Int) -> View {
        if let base = bases.get(index) { return base }
        let post = site.posts[index]
        let base = PageRenderer.postBase(post, site: site, formats: languages[post.frontMatter.lang ?? site.config.language]!.formats)
        bases.set(base, at: index)
        return base
    }

    static func postBase(_ post: Post, site: Site, formats: DateFormats) -> View {
        var base: View = [
            "has_title": .bool(post.title != nil),
            "title": .string(post.title ?? ""),
            "display_title": .string(post.displayTitle(formats: formats)),
            "excerpt": .string(Excerpt.make(from: post.content.plainText, maxLength: 200)),
            "date_iso": .string(RFC3339.string(post.date, timeZone: site.config.timeZone)),
            "date_display": .string(formats.long(post.date)),
            "date_time_display": .string(formats.dateTime(post.date)),
            "is_draft": .bool(post.isDraft),
            "anchor": .string(post.anchor),
            "has_lang": .bool(post.frontMatter.lang.map { $0 != site.config.language } ?? false),
            "lang": .string(post.frontMatter.lang ?? site.config.language),
            "has_updated": .bool(post.frontMatter.updated != nil),
            "has_tags": .bool(!post.tags.isEmpty),
        ]
        let uid = Feed.itemID(for: post, config: site.config)
        base["uid"] = .string(uid)
        base["uid_is_permalink"] = .bool(uid == Router.absolute(post.path, base: site.config.baseURL?.absoluteString ?? "/"))
        if let updated = post.frontMatter.updated {
            base["updated_iso"] = .string(RFC3339.string(updated, timeZone: site.config.timeZone))
            base["updated_display"] = .string(formats.long(updated))
        }
        return base
    }

    /// A post as a template sees it.
    ///
    /// - Parameter pageLanguage: the language of the page it is shown on (default: the site's); a
    ///   post in another language carries `lang`, and its own words (`t`) are in its language.
    private func postContext(_ index: Int, root: String, forList: Bool, withContent: Bool = true, pageLanguage: String? = nil) -> View {
        let post = site.posts[index]
        var context = postBase(index)
        let language = post.frontMatter.lang ?? site.config.language
        context["t"] = TemplateValue(languages[language]!.strings)
        context["has_lang"] = .bool(language != (pageLanguage ?? site.config.language))
        context["url"] = .string(link(post.path, root: root))
        context["permalink"] = .string(absolute(post.path))
        context["tags"] = .list(post.tags.compactMap { name -> TemplateValue? in
            guard let slug = site.tagSlug(for: name) else { return nil }
            return ["name": .string(name), "url": .string(link(Router.tag(slug), root: root))]
        })
        // The post's other taxonomies (categories…), each with its name and links to its terms.
        let taxonomies = site.taxonomies.indices.compactMap { t -> TemplateValue? in
            let taxonomy = site.taxonomies[t]
            let terms = taxonomy.postTerms[index].compactMap { name -> TemplateValue? in
                guard let slug = taxonomy.slug(for: name) else { return nil }
                return ["name": .string(name), "url": .string(link(Router.term(slug, in: taxonomy.name), root: root))]
            }
            guard !terms.isEmpty else { return nil }
            let strings = languages[language]!.strings
            return ["name": .string(taxonomy.name), "title": .string(UIStrings.taxonomyTitle(taxonomy.name, strings)), "terms": .list(terms)]
        }
        context["taxonomies"] = .list(taxonomies)
        context["has_taxonomies"] = .bool(!taxonomies.isEmpty)
        // In lists, a titled post cut by `<!--more-->` (or given a `summary`) shows the part before
        // the cut and a link to the rest; notes always show whole.
        let cut = forList && post.title != nil ? post.summaryHTML : nil
        context["has_more"] = .bool(cut != nil && withContent)
        if withContent {
            context["content"] = .string(SiteURL.relativize(cut ?? (forList ? post.listHTML : post.content.html), rootPrefix: root))
        }
        context["in_list"] = .bool(forList)
        context["is_pinned"] = .bool(site.pinned.contains(index) && forList)
        context["is_current"] = .bool(!forList)

        var replyContext: View?
        if let target = post.frontMatter.replyTo {
            if let parentIndex = site.parent[index] {
                let parent = site.posts[parentIndex]
                replyContext = ["url": .string(link(parent.path, root: root)), "label": postBase(parentIndex)["display_title"] ?? .string(parent.path),
                                "is_own": true, "permalink": .string(absolute(parent.path))]
            } else if target.hasPrefix("/") {
                // Not a published post (a draft, or a typo, reported by the build): link the public
                // address rather than a relative path to a file this build did not write.
                replyContext = ["url": .string(absolute(target)), "label": .string(PageRenderer.shortURL(absolute(target))), "is_own": false]
            } else {
                replyContext = ["url": .string(target), "label": .string(PageRenderer.shortURL(target)), "is_own": false]
            }
        }
        context["has_reply_to"] = .bool(replyContext != nil)
        context["reply_to"] = .object(replyContext ?? [:])

        let photos = post.photos.map { photo -> View in
            var result: View = [
                "url": .string(photo.isLocal ? link(photo.href, root: root) : photo.href),
                "alt": .string(photo.alt ?? ""),
                "has_size": .bool(photo.info != nil),
            ]
            if let info = photo.info { result["width"] = .int(info.width); result["height"] = .int(info.height) }
            return result
        }
        context["has_photos"] = .bool(!photos.isEmpty)
        context["photos"] = .list(photos.map(TemplateValue.object))
        context["photo_count"] = .int(min(photos.count, 4))
        context["photo_rows"] = .list(PageRenderer.photoRows(photos, focus: post.frontMatter.photos.map(\.focus), eagerFirst: !forList))
        context["has_syndication"] = .bool(!post.frontMatter.syndication.isEmpty)
        context["syndication"] = .list(post.frontMatter.syndication.map { ["url": .string($0), "host": .string(PageRenderer.host(of: $0))] })
        context["has_footer"] = .bool(post.frontMatter.updated != nil || !post.tags.isEmpty || !post.frontMatter.syndication.isEmpty || !taxonomies.isEmpty)
        return context
    }

    /// Newer and older posts and the way back to the timeline, so a post's page is no dead end.
    ///
    /// "Back to the timeline" opens the timeline page that shows the post (or its thread), at the post.
    private func postNavigation(_ index: Int, root: String, pageLanguage: String) -> View {
        func neighbour(_ other: Int) -> TemplateValue {
            let language = site.posts[other].frontMatter.lang ?? site.config.language
            return ["url": .string(link(site.posts[other].path, root: root)), "title": postBase(other)["display_title"] ?? "",
                    "has_lang": .bool(language != pageLanguage), "lang": .string(language)]
        }
        let (newer, older) = site.neighbours(of: index)
        var result: View = ["has_newer": .bool(newer != nil), "has_older": .bool(older != nil)]
        if let newer { result["newer"] = neighbour(newer) }
        if let older { result["older"] = neighbour(older) }
        if let position = site.timelinePosition[index] {
            let page = Paging(count: site.timeline.count, perPage: site.config.postsPerPage).page(ofPosition: position)
            result["timeline_url"] = .string(link(Router.paginated(Router.home, page), root: root) + "#" + site.posts[site.timeline[position]].anchor)
        } else {
            result["timeline_url"] = .string(link(Router.home, root: root))
        }
        return result
    }

    /// Photos in rows that keep every photo's shape: in a row, each photo's width is in proportion
    /// to its aspect ratio, so all of them share one height and none is cropped.
    ///
    /// Only extreme shapes (taller than 1:2, wider than 3:1) are cropped to that range, around the
    /// photo's `focus`. A row is never wider than its photos at their own size, so nothing is
    /// upscaled; four photos make two rows of two, more make rows of up to three.
    static func photoRows(_ photos: [View], focus: [String?], eagerFirst: Bool) -> [TemplateValue] {
        let gap = 6.0 // px between photos, as in the stylesheet (0.375rem)
        var items = photos.enumerated().map { offset, photo -> (context: View, ratio: Double, maxHeight: Double?) in
            var context = photo
            var width: Double?, height: Double?
            if case .int(let value)? = photo["width"] { width = Double(value) }
            if case .int(let value)? = photo["height"] { height = Double(value) }
            var ratio = 1.5, maxHeight: Double?
            if let width, let height, width > 0, height > 0 {
                ratio = min(max(width / height, 0.5), 3)
                maxHeight = min(height, width / ratio) // the box height at which the photo is shown at its own size
            }
            context["ratio"] = .string(String(format: "%.4f", ratio))
            let point = offset < focus.count ? focus[offset] : nil
            context["has_focus"] = .bool(point != nil)
            context["focus"] = .string(point ?? "")
            context["lazy"] = .bool(!(eagerFirst && offset == 0))
            return (context, ratio, maxHeight)
        }
        let total = items.count
        let rowCount = total == 4 ? 2 : (total + 2) / 3
        var rows: [TemplateValue] = []
        for row in 0..<rowCount {
            // Spread evenly: 5 photos are 3 + 2, 7 are 3 + 2 + 2.
            let size = total / rowCount + (row < total % rowCount ? 1 : 0)
            let members = Array(items.prefix(size))
            items.removeFirst(size)
            let ratios = members.reduce(0) { $0 + $1.ratio }
            var context: View = ["photos": .list(members.map { .object($0.context) }), "ratio_sum": .string(String(format: "%.4f", ratios))]
            let heights = members.compactMap(\.maxHeight)
            if heights.count == members.count, let height = heights.min() {
                context["max_width"] = .int(Int((ratios * height + gap * Double(members.count - 1)).rounded(.down)))
                context["has_max_width"] = true
            } else {
                context["has_max_width"] = false
            }
            rows.append(.object(context))
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

    /// The path of `base_url`, from the host's root and ending in `/` (`/`, `/blog/`), still
    /// percent-encoded as it goes in an `href`.
    var basePath: String {
        guard let base = site.config.baseURL, let path = URLComponents(url: base, resolvingAgainstBaseURL: false)?.percentEncodedPath,
              path.hasPrefix("/") else { return "/" }
        return path.hasSuffix("/") ? path : path + "/"
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
