import Foundation

/// Renders the pages of a `SitePlan` with the theme's templates.
///
/// Each page's view is a typed `PageView` (see `PageViews.swift`) whose members a template reads
/// through a `switch` on the key, so a page is a pure function of the site and its plan entry and
/// pages can render in any order. Optional things get an explicit `has_…` flag: Mustache looks a
/// missing key up in enclosing contexts, and a note without a title must not pick up its page's title.
public struct PageRenderer: Sendable {
    typealias View = [String: TemplateValue]
    public let site: Site
    public let templates: TemplateLibrary
    let strings: [String: String]
    let formats: DateFormats
    /// What a page needs in one language: its UI strings (as they are and as a template sees them)
    /// and date formats.
    struct Language: Sendable {
        var strings: [String: String]
        var formats: DateFormats
        var t: TemplateValue
    }
    /// UI strings and date formats for the site's language and for each other language a post or
    /// page is written in: a French post of an English site says "En réponse à", on every page.
    let languages: [String: Language]
    /// Parts of each post's context that do not depend on the page it is shown on, made the
    /// first time a page shows the post: an incremental build renders a few pages of thousands.
    let bases: PostBases
    /// What `site` holds on every page.
    let siteConstant: SiteView.Constant
    let copyrightYear: String
    let baseURLString: String

    /// Whether the site has `Public/custom.css`, which pages load after the theme's stylesheet.
    public let customStylesheet: Bool

    public init(site: Site, templates: TemplateLibrary, customStylesheet: Bool = false) {
        self.site = site
        self.templates = templates
        self.customStylesheet = customStylesheet
        let config = site.config
        var languages: [String: Language] = [:]
        for language in [config.language] + site.languages + site.pages.compactMap(\.frontMatter.lang)
        where languages[language] == nil {
            let strings = UIStrings.strings(for: language, overrides: language == config.language ? config.strings : [:])
            languages[language] = Language(strings: strings, formats: DateFormats.shared(language: language, timeZone: config.timeZone),
                                           t: TemplateValue(strings))
        }
        self.languages = languages
        self.strings = languages[config.language]!.strings
        self.formats = languages[config.language]!.formats
        self.bases = PostBases()
        self.siteConstant = SiteView.Constant(
            title: config.title, description: config.description, language: config.language,
            baseURL: config.baseURL?.absoluteString ?? "",
            links: .list(config.links.map { TemplateValue(LinkView(name: $0.name, url: $0.url)) }),
            hasLinks: !config.links.isEmpty, params: .object(config.params.templateValue))
        self.copyrightYear = languages[config.language]!.formats.year(of: site.posts.first?.date ?? Date(timeIntervalSince1970: 0))
        self.baseURLString = config.baseURL?.absoluteString ?? "/"
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
            let repliesOne = strings[ui: "replies_one"], repliesOther = strings[ui: "replies_other"]
            context.posts = .list(slice.map { index -> TemplateValue in
                var post = postView(index, root: root, forList: true)
                let replies = site.threadOf[index].map { site.threads[$0].posts.filter { $0 != index } } ?? []
                post.replies = PostView.Replies(
                    posts: replies.map { TemplateValue(postView($0, root: root, forList: true)) },
                    label: replies.count == 1 ? repliesOne : UIStrings.format(repliesOther, ["count": "\(replies.count)"]))
                return TemplateValue(post)
            })
            let label = rangeLabel(slice)
            context.pagination = TemplateValue(pagination(base: "/", paging: paging, page: page, label: label, root: root))
            context.isHome = page == 0
            context.heading = .string(site.config.title)
            // The home text (`Content/_index.md`) on the front page only.
            let home = page == 0 ? site.home : nil
            context.hasIntro = home != nil
            context.intro = home.map { SiteURL.relativize($0.content.html, rootPrefix: root) } ?? ""
            context.hasIntroTitle = home?.title != nil
            if let title = home?.title { context.heading = .string(title) }
            if page > 0 { context.pageTitle = .string("\(site.config.title) — " + label) }
        case .post(let index):
            let language = pageLanguage(entry)
            let strings = languages[language]!.strings
            var post = postView(index, root: root, forList: false, pageLanguage: language)
            post.onPage = true
            if let thread = site.threadOf[index].map({ site.threads[$0].posts }) {
                let position = thread.firstIndex(of: index) ?? 0
                post.thread = PostView.Thread(
                    before: thread[..<position].map { TemplateValue(postView($0, root: root, forList: true, pageLanguage: language)) },
                    after: thread[(position + 1)...].map { TemplateValue(postView($0, root: root, forList: true, pageLanguage: language)) },
                    label: UIStrings.format(strings[ui: "thread_of"], ["count": "\(thread.count)"]))
            }
            context.post = TemplateValue(post)
            context.postNav = TemplateValue(postNavigation(index, root: root, pageLanguage: language))
            if let image = openGraphImage(for: index) { context.ogImage = image }
            context.ogType = "article"
            context.article = [
                "published_time": .string(post.base.dateISO),
                "modified_time": .string(post.base.updatedISO ?? post.base.dateISO),
                "tags": TemplateValue(site.posts[index].tags),
            ]
            context.hasArticle = true
            context.twitterCard = site.posts[index].photos.isEmpty ? "summary" : "summary_large_image"
            context.pageTitle = .string(post.base.displayTitle)
            if let summary = site.posts[index].frontMatter.summary { context.pageDescription = .string(summary) }
            else { context.pageDescription = .string(Excerpt.make(from: post.base.plainText, maxLength: 200)) }
        case .page(let index):
            let page = site.pages[index]
            let title = page.title ?? Excerpt.make(from: page.content.plainText, maxLength: 60)
            context.page = [
                "title": .string(title),
                "has_title": .bool(page.title != nil),
                "content": .string(SiteURL.relativize(page.content.html, rootPrefix: root)),
                // The whole page is in the page's language (<html lang>), so the article needs no lang of its own.
                "lang": .string(page.frontMatter.lang ?? ""),
                "has_lang": false,
                // Front matter keys Samizdat does not know, for themes (`{{page.params.key}}`).
                "params": .object(page.frontMatter.params.templateValue),
            ]
            context.pageTitle = .string(title)
            if let summary = page.frontMatter.summary { context.pageDescription = .string(summary) }
        case .tagIndex:
            context.tags = termList(site.tags, in: "tags", root: root)
            context.pageTitle = TemplateValue(strings["tags"])
        case .tag(let index, let page, _):
            let tag = site.tags[index]
            let (view, label) = termPage(tag, in: "tags", page: page, root: root, context: &context)
            context.tag = TemplateValue(view)
            context.pageTitle = .string("\(strings[ui: "tag_title"]) “\(tag.name)”" + (page > 0 ? " — " + label : ""))
        case .taxonomy(let index):
            let taxonomy = site.taxonomies[index]
            let title = UIStrings.taxonomyTitle(taxonomy.name, strings)
            context.taxonomy = ["name": .string(taxonomy.name), "title": .string(title)]
            context.terms = termList(taxonomy.terms, in: taxonomy.name, root: root)
            context.pageTitle = .string(title)
        case .term(let taxonomyIndex, let termIndex, let page, _):
            let taxonomy = site.taxonomies[taxonomyIndex]
            let term = taxonomy.terms[termIndex]
            var (view, label) = termPage(term, in: taxonomy.name, page: page, root: root, context: &context)
            let heading = UIStrings.termTitle(taxonomy.name, strings)
            view.heading = heading
            view.allURL = link(Router.taxonomy(taxonomy.name), root: root)
            view.allLabel = UIStrings.allTerms(taxonomy.name, strings)
            context.taxonomy = ["name": .string(taxonomy.name), "title": .string(UIStrings.taxonomyTitle(taxonomy.name, strings))]
            context.term = TemplateValue(view)
            context.pageTitle = .string("\(heading) “\(term.name)”" + (page > 0 ? " — " + label : ""))
        case .archive:
            context.years = .list(site.years.map { year -> TemplateValue in
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
            context.pageTitle = TemplateValue(strings["archive"])
        case .year(let index):
            let year = site.years[index]
            context.year = ["year": .string(String(year.year)), "count_label": .string(countLabel(year.postCount))]
            context.months = .list(year.months.map { month -> TemplateValue in
                ["name": .string(formats.monthYear(year: month.year, month: month.month)),
                 "url": .string(link(Router.month(month.year, month.month), root: root)),
                 "count_label": .string(countLabel(month.posts.count)),
                 "posts": .list(month.posts.map { TemplateValue(postView($0, root: root, forList: true, withContent: false)) })]
            })
            context.pageTitle = .string("\(strings[ui: "archive"]) \(year.year)")
        case .month(let yearIndex, let monthIndex):
            let month = site.years[yearIndex].months[monthIndex]
            let name = formats.monthYear(year: month.year, month: month.month)
            context.month = ["name": .string(name), "count_label": .string(countLabel(month.posts.count)),
                             "year_url": .string(link(Router.year(month.year), root: root)), "year": .string(String(month.year))]
            context.posts = .list(month.posts.map { TemplateValue(postView($0, root: root, forList: true)) })
            context.pageTitle = .string(name)
        case .alias(let target, _):
            context.targetURL = link(target, root: root)
            context.targetPermalink = absolute(target)
            context.pageTitle = TemplateValue(strings["redirecting"])
            context.canonical = canonical(target)
        case .notFound:
            context.pageTitle = TemplateValue(strings["not_found_title"])
            // Served for any missing URL at any depth: no <base>, no external stylesheet (it could
            // not be found from every depth when opened from disk); links start from base_url's path.
            // (Its `site` links home to `root`, and shows no avatar: see `baseContext`.)
            if let style = templates.assets.first(where: { $0.path == "style.css" }) {
                context.inlineStyle = String(decoding: style.data, as: UTF8.self)
                context.hasInlineStyle = true
            }
        }
        return try templates.renderBytes(entry.template, context: TemplateValue(context))
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

    private func baseContext(_ entry: SitePlan.Entry, root: String) -> PageView {
        let config = site.config
        let language = pageLanguage(entry)
        let strings = languages[language]!.strings
        // Served for any missing URL at any depth, the 404 page links home by base_url's path.
        let notFound = entry.kind == .notFound
        let author = AuthorView(
            name: config.author.name, url: config.author.url,
            avatar: config.author.avatar.map { resolveAsset($0, root: root) },
            avatarAbsolute: config.author.avatar.map { Feed.absoluteURL($0, base: baseURLString) },
            // The 404 page's decorative avatar would be a broken image when it is opened from disk.
            hasAvatar: config.author.avatar != nil && !notFound,
            displayName: config.author.name ?? config.title,
            urlOrHome: config.author.url ?? config.baseURL?.absoluteString ?? link(Router.home, root: root))
        func navItem(_ name: String, _ path: String) -> TemplateValue {
            TemplateValue(NavItemView(name: name, url: link(path, root: root), current: entry.urlPath == path))
        }
        var nav = [navItem(strings[ui: "home"], Router.home), navItem(strings[ui: "archive"], Router.archive), navItem(strings[ui: "tags"], Router.tags)]
        for taxonomy in site.taxonomies where !taxonomy.terms.isEmpty {
            nav.append(navItem(UIStrings.taxonomyTitle(taxonomy.name, strings), Router.taxonomy(taxonomy.name)))
        }
        for page in site.menuPages { nav.append(navItem(page.title!, page.path)) }
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
        let (alsoAt, mirrorLinks) = mirrors(urlPath: entry.urlPath)
        return PageView(
            site: TemplateValue(SiteView(constant: siteConstant, author: TemplateValue(author), homeURL: notFound ? root : link(Router.home, root: root))),
            t: languages[language]!.t,
            root: root,
            nav: nav,
            hasCustomStylesheet: customStylesheet,
            pageLanguage: language,
            // The site's name and description stay in the site's language on a page in another one.
            siteLangDiffers: language != config.language,
            isHome: entry.urlPath == "/",
            canonical: canonical(entry.urlPath),
            copyrightYear: copyrightYear,
            feedLinks: feedLinks,
            pageDescription: .string(config.description),
            ogImage: config.author.avatar.map { Feed.absoluteURL($0, base: baseURLString) },
            ogLocale: language.replacingAll("-", with: "_"),
            webmention: config.webmention,
            pingback: config.pingback,
            alsoAt: alsoAt,
            mirrorLinks: mirrorLinks)
    }

    /// The first photo of a post, else nothing (the site avatar is the default).
    private func openGraphImage(for index: Int) -> String? {
        guard let photo = site.posts[index].photos.first else { return nil }
        return photo.isLocal ? absolute(photo.href) : photo.href
    }

    /// `<link rel="alternate">` targets for the three feeds in `folder`.
    static func feedLinks(folder: String, title: String, root: String) -> [TemplateValue] {
        [
            TemplateValue(FeedLinkView(type: "application/rss+xml", title: "\(title) (RSS)", url: root + Router.rss(in: folder))),
            TemplateValue(FeedLinkView(type: "application/atom+xml", title: "\(title) (Atom)", url: root + Router.atom(in: folder))),
            TemplateValue(FeedLinkView(type: "application/feed+json", title: "\(title) (JSON Feed)", url: root + Router.json(in: folder))),
        ]
    }

    /// The terms of a taxonomy (or the tags) as the page listing them shows them.
    private func termList(_ terms: [Site.Tag], in taxonomy: String, root: String) -> TemplateValue {
        .list(terms.map { term -> TemplateValue in
            TemplateValue(TermItemView(name: term.name, url: link(Router.term(term.slug, in: taxonomy), root: root), count: term.posts.count,
                                       countLabel: countLabel(term.posts.count)))
        })
    }

    /// A page of a term's list (a tag's, a category's): its posts and pagination go in `context`;
    /// returns the term as the page shows it, and the label of the page's range of dates.
    private func termPage(_ term: Site.Tag, in taxonomy: String, page: Int, root: String, context: inout PageView) -> (view: TermHeaderView, label: String) {
        let paging = Paging(count: term.posts.count, perPage: site.config.postsPerPage)
        let slice = Array(term.posts[paging.positions(onPage: page)])
        let label = rangeLabel(slice)
        let base = Router.term(term.slug, in: taxonomy)
        // Only on the front page: archive pages stay as they are when the term gets new posts.
        let view = TermHeaderView(name: term.name, url: link(base, root: root), countLabel: page == 0 ? countLabel(term.posts.count) : nil)
        context.posts = .list(slice.map { TemplateValue(postView($0, root: root, forList: true)) })
        context.pagination = TemplateValue(pagination(base: base, paging: paging, page: page, label: label, root: root))
        return (view, label)
    }

    /// Links to the pages with newer and older posts. Pages are counted from the oldest (see
    /// `Paging`), so the label names the months a page covers rather than "page 3 of 12",
    /// which would change on every page whenever a page is added.
    private func pagination(base: String, paging: Paging, page: Int, label: String, root: String) -> PaginationView {
        let newer = paging.newer(than: page), older = paging.older(than: page)
        return PaginationView(hasPages: paging.archived > 0, label: label,
                              newerURL: newer.map { link(Router.paginated(base, $0), root: root) },
                              olderURL: older.map { link(Router.paginated(base, $0), root: root) })
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

    /// Made post bases, for a window of posts: pages are rendered in plan order (timeline,
    /// posts, tags, archive), each showing posts near each other, and a site of 100,000 posts
    /// does not keep 100,000 bases until the end of the build.
    ///
    /// Two generations: when the newer one is full it becomes the older one, so the posts used
    /// most recently survive (emptying one table at once made a 10,000-post site compute each
    /// base several times). A generation holds 16,384 bases (a few hundred bytes each, the
    /// strings of a post's dates and title): each pass over the posts (timeline, post pages,
    /// tags, archive) finds the bases the previous one made on sites of up to that many posts.
    final class PostBases: @unchecked Sendable {
        let lock = NSLock()
        var newer: [Int: PostBase] = [:]
        var older: [Int: PostBase] = [:]
        static let generation = 16_384

        func get(_ index: Int) -> PostBase? {
            lock.withLock {
                if let base = newer[index] { return base }
                guard let base = older[index] else { return nil }
                insert(base, at: index)
                return base
            }
        }

        func set(_ base: PostBase, at index: Int) {
            lock.withLock { insert(base, at: index) }
        }

        /// Call with the lock held.
        private func insert(_ base: PostBase, at index: Int) {
            if newer.count >= Self.generation {
                older = newer
                newer = [:]
                newer.reserveCapacity(Self.generation)
            }
            newer[index] = base
        }
    }

    func postBase(_ index: Int) -> PostBase {
        if let base = bases.get(index) { return base }
        let base = makePostBase(index)
        bases.set(base, at: index)
        return base
    }

    /// The parts of a post's view that no page changes.
    private func makePostBase(_ index: Int) -> PostBase {
        let post = site.posts[index]
        let config = site.config
        let language = post.frontMatter.lang ?? config.language
        let words = languages[language]!
        let formats = words.formats
        let uid = Feed.itemID(for: post, config: config)
        let permalink = absolute(post.path)
        let tags = post.tags.compactMap { name -> PostBase.Link? in
            site.tagSlug(for: name).map { PostBase.Link(name: name, path: Router.tag($0)) }
        }
        // The post's other taxonomies (categories…), each with its name and links to its terms.
        var taxonomies: [PostBase.TaxonomyTerms] = []
        for taxonomy in site.taxonomies {
            let terms = taxonomy.postTerms[index].compactMap { name -> PostBase.Link? in
                taxonomy.slug(for: name).map { PostBase.Link(name: name, path: Router.term($0, in: taxonomy.name)) }
            }
            guard !terms.isEmpty else { continue }
            taxonomies.append(PostBase.TaxonomyTerms(name: taxonomy.name, title: UIStrings.taxonomyTitle(taxonomy.name, words.strings), terms: terms))
        }
        var reply: PostBase.Reply?
        if let target = post.frontMatter.replyTo {
            if let parentIndex = site.parent[index] {
                let parent = site.posts[parentIndex]
                reply = .own(path: parent.path, label: postBase(parentIndex).displayTitle, permalink: absolute(parent.path))
            } else if target.hasPrefix("/") {
                // Not a published post (a draft, or a typo, reported by the build): link the public
                // address rather than a relative path to a file this build did not write.
                reply = .other(url: absolute(target), label: PageRenderer.shortURL(absolute(target)))
            } else {
                reply = .other(url: target, label: PageRenderer.shortURL(target))
            }
        }
        let updated = post.frontMatter.updated
        let syndication = post.frontMatter.syndication
        return PostBase(
            title: post.title,
            displayTitle: post.displayTitle(formats: formats),
            text: post.text,
            dateISO: RFC3339.string(post.date, timeZone: config.timeZone),
            dateDisplay: formats.long(post.date),
            dateTimeDisplay: formats.dateTime(post.date),
            isDraft: post.isDraft,
            anchor: post.anchor,
            language: language,
            uid: uid,
            uidIsPermalink: uid == Router.absolute(post.path, base: baseURLString),
            updatedISO: updated.map { RFC3339.string($0, timeZone: config.timeZone) },
            updatedDisplay: updated.map(formats.long),
            t: words.t,
            path: post.path,
            permalink: permalink,
            hasTags: !post.tags.isEmpty,
            tags: tags,
            taxonomies: taxonomies,
            pinned: site.pinned.contains(index),
            reply: reply,
            photos: post.photos,
            photoFocus: post.frontMatter.photos.map(\.focus),
            syndication: syndication,
            hasFooter: updated != nil || !post.tags.isEmpty || !syndication.isEmpty || !taxonomies.isEmpty,
            params: post.frontMatter.params)
    }

    /// A post as a template sees it.
    ///
    /// - Parameter pageLanguage: the language of the page it is shown on (default: the site's); a
    ///   post in another language carries `lang`, and its own words (`t`) are in its language.
    private func postView(_ index: Int, root: String, forList: Bool, withContent: Bool = true, pageLanguage: String? = nil) -> PostView {
        let base = postBase(index)
        // In lists, a titled post cut by `<!--more-->` (or given a `summary`) shows the part before
        // the cut and a link to the rest; notes always show whole.
        // (A list without content, such as a year's, reads no post's text.)
        let cut = forList && withContent ? base.cutHTML : nil
        return PostView(
            base: base,
            root: root,
            url: link(base.path, root: root),
            content: withContent ? SiteURL.relativize(cut ?? (forList ? base.listHTML : base.html), rootPrefix: root) : nil,
            hasMore: cut != nil && withContent,
            inList: forList,
            isPinned: base.pinned && forList,
            hasLang: base.language != (pageLanguage ?? site.config.language))
    }

    /// Newer and older posts and the way back to the timeline, so a post's page is no dead end.
    ///
    /// "Back to the timeline" opens the timeline page that shows the post (or its thread), at the post.
    private func postNavigation(_ index: Int, root: String, pageLanguage: String) -> PostNavView {
        func neighbour(_ other: Int) -> NeighbourView {
            let base = postBase(other)
            return NeighbourView(url: link(base.path, root: root), title: base.displayTitle, hasLang: base.language != pageLanguage, lang: base.language)
        }
        let (newer, older) = site.neighbours(of: index)
        let timelineURL: String
        if let position = site.timelinePosition[index] {
            let page = Paging(count: site.timeline.count, perPage: site.config.postsPerPage).page(ofPosition: position)
            timelineURL = link(Router.paginated(Router.home, page), root: root) + "#" + site.posts[site.timeline[position]].anchor
        } else {
            timelineURL = link(Router.home, root: root)
        }
        return PostNavView(newer: newer.map(neighbour), older: older.map(neighbour), timelineURL: timelineURL)
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
