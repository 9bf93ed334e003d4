import Foundation

// Typed views of pages: what `PageRenderer` hands the templates. Each answers the keys the
// built-in templates and the README's template reference use, with a `switch` on the key; a key a
// dictionary-built view left out (a post's `updated_iso` when it was never updated, `content` in a
// year's list) is `nil` here too, so Mustache still looks it up in the enclosing contexts.

/// The parts of a post's view that do not depend on the page showing it: made once per post (see
/// `PageRenderer.PostBases`) and shared by every page that lists it.
final class PostBase: Hashable, Sendable {
    struct Link: Hashable, Sendable {
        var name: String
        /// A site path, made relative to each page that shows it.
        var path: String
    }

    struct TaxonomyTerms: Hashable, Sendable {
        var name: String
        var title: String
        var terms: [Link]
    }

    enum Reply: Hashable, Sendable {
        /// A post of this site: linked relatively, labelled with its display title.
        case own(path: String, label: String, permalink: String)
        /// Anything else: linked as it is.
        case other(url: String, label: String)
    }

    let title: String?
    let displayTitle: String
    /// The post's text: its HTML and plain text, read when a template shows them (a year's list
    /// shows only titles, and reads no post's text: see `PostText`).
    let text: PostText
    /// The text the excerpt is made from, when a template asks for it (only a post's page does).
    var plainText: String { text.value.plainText }
    let dateISO: String
    let dateDisplay: String
    let dateTimeDisplay: String
    let isDraft: Bool
    let anchor: String
    /// The post's language (the site's if it has none of its own).
    let language: String
    let uid: String
    let uidIsPermalink: Bool
    let updatedISO: String?
    let updatedDisplay: String?
    /// The UI strings of the post's language.
    let t: TemplateValue
    let path: String
    let permalink: String
    /// Whether the post has tags (some may have no page, so `tags` may be shorter).
    let hasTags: Bool
    let tags: [Link]
    let taxonomies: [TaxonomyTerms]
    /// A titled post's part before `<!--more-->` (or its `summary`), shown in lists.
    var cutHTML: String? { title != nil ? text.value.summaryHTML : nil }
    var html: String { text.value.html }
    var listHTML: String { text.value.listHTML }
    let pinned: Bool
    let reply: Reply?
    let photos: [Photo]
    /// The photos' `focus`, as the front matter gives them.
    let photoFocus: [String?]
    let syndication: [String]
    let hasFooter: Bool
    /// Front matter keys Samizdat does not know (`mood: tired`), for themes: `{{params.mood}}`.
    let params: DataTable

    init(title: String?, displayTitle: String, text: PostText, dateISO: String, dateDisplay: String, dateTimeDisplay: String,
         isDraft: Bool, anchor: String, language: String, uid: String, uidIsPermalink: Bool, updatedISO: String?,
         updatedDisplay: String?, t: TemplateValue, path: String, permalink: String, hasTags: Bool, tags: [Link], taxonomies: [TaxonomyTerms],
         pinned: Bool, reply: Reply?, photos: [Photo], photoFocus: [String?], syndication: [String],
         hasFooter: Bool, params: DataTable = DataTable()) {
        self.title = title
        self.displayTitle = displayTitle
        self.text = text
        self.dateISO = dateISO
        self.dateDisplay = dateDisplay
        self.dateTimeDisplay = dateTimeDisplay
        self.isDraft = isDraft
        self.anchor = anchor
        self.language = language
        self.uid = uid
        self.uidIsPermalink = uidIsPermalink
        self.updatedISO = updatedISO
        self.updatedDisplay = updatedDisplay
        self.t = t
        self.path = path
        self.permalink = permalink
        self.hasTags = hasTags
        self.tags = tags
        self.taxonomies = taxonomies
        self.pinned = pinned
        self.reply = reply
        self.photos = photos
        self.photoFocus = photoFocus
        self.syndication = syndication
        self.hasFooter = hasFooter
        self.params = params
    }

    /// Bases are immutable and made once per post: the same post is the same object.
    static func == (lhs: PostBase, rhs: PostBase) -> Bool { lhs === rhs }
    func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// A post as a page shows it: in a list (`in_list`) or on its own page (`is_current`).
struct PostView: TemplateObject {
    /// The replies a timeline shows under a post.
    struct Replies: Hashable, Sendable {
        var posts: [TemplateValue]
        var label: String
    }

    /// The thread a post's page shows around it.
    struct Thread: Hashable, Sendable {
        var before: [TemplateValue]
        var after: [TemplateValue]
        var label: String
    }

    let base: PostBase
    /// `../../` from the page to the site's root.
    let root: String
    let url: String
    /// `nil` in lists without content (a year's list of posts): no key.
    let content: String?
    let hasMore: Bool
    let inList: Bool
    let isPinned: Bool
    let hasLang: Bool
    var replies: Replies?
    /// On a post's page: `has_thread` is always set, the thread only when there is one.
    var onPage = false
    var thread: Thread?

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .hasTitle: return .bool(base.title != nil)
        case .title: return .string(base.title ?? "")
        case .displayTitle: return .string(base.displayTitle)
        case .excerpt: return .string(Excerpt.make(from: base.plainText, maxLength: 200))
        case .dateISO: return .string(base.dateISO)
        case .dateDisplay: return .string(base.dateDisplay)
        case .dateTimeDisplay: return .string(base.dateTimeDisplay)
        case .isDraft: return .bool(base.isDraft)
        case .anchor: return .string(base.anchor)
        case .hasLang: return .bool(hasLang)
        case .lang: return .string(base.language)
        case .hasUpdated: return .bool(base.updatedISO != nil)
        case .hasTags: return .bool(base.hasTags)
        case .uid: return .string(base.uid)
        case .uidIsPermalink: return .bool(base.uidIsPermalink)
        case .params: return .object(base.params.templateValue)
        case .updatedISO: return base.updatedISO.map(TemplateValue.string)
        case .updatedDisplay: return base.updatedDisplay.map(TemplateValue.string)
        case .t: return base.t
        case .url: return .string(url)
        case .permalink: return .string(base.permalink)
        case .tags: return .list(base.tags.map { TemplateValue(LinkView(name: $0.name, url: Router.relative($0.path, root: root))) })
        case .taxonomies:
            return .list(base.taxonomies.map { taxonomy in
                TemplateValue(TaxonomyTermsView(name: taxonomy.name, title: taxonomy.title, terms: taxonomy.terms.map {
                    TemplateValue(LinkView(name: $0.name, url: Router.relative($0.path, root: root)))
                }))
            })
        case .hasTaxonomies: return .bool(!base.taxonomies.isEmpty)
        case .hasMore: return .bool(hasMore)
        case .content: return content.map(TemplateValue.string)
        case .inList: return .bool(inList)
        case .isPinned: return .bool(isPinned)
        case .isCurrent: return .bool(!inList)
        case .hasReplyTo: return .bool(base.reply != nil)
        case .replyTo:
            switch base.reply {
            case .own(let path, let label, let permalink)?:
                return TemplateValue(ReplyToView(url: Router.relative(path, root: root), label: label, isOwn: true, permalink: permalink))
            case .other(let url, let label)?:
                return TemplateValue(ReplyToView(url: url, label: label, isOwn: false, permalink: nil))
            case nil:
                return .object([:])
            }
        case .hasPhotos: return .bool(!base.photos.isEmpty)
        case .photos: return .list(photoViews.map(TemplateValue.object))
        case .photoCount: return .int(min(base.photos.count, 4))
        case .photoRows:
            return .list(PageRenderer.photoRows(photoViews, focus: base.photoFocus, eagerFirst: !inList))
        case .hasSyndication: return .bool(!base.syndication.isEmpty)
        case .syndication: return .list(base.syndication.map { ["url": .string($0), "host": .string(PageRenderer.host(of: $0))] })
        case .hasFooter: return .bool(base.hasFooter)
        case .hasReplies: return replies.map { .bool(!$0.posts.isEmpty) }
        case .replies: return replies.map { .list($0.posts) }
        case .repliesLabel: return replies.map { .string($0.label) }
        case .hasThread: return onPage ? .bool(thread != nil) : nil
        case .threadBefore: return thread.map { .list($0.before) }
        case .threadAfter: return thread.map { .list($0.after) }
        case .threadLabel: return thread.map { .string($0.label) }
        default: return nil
        }
    }

    /// The post's photos as the page links them.
    private var photoViews: [PageRenderer.View] {
        base.photos.map { photo in
            var result: PageRenderer.View = [
                "url": .string(photo.isLocal ? Router.relative(photo.href, root: root) : photo.href),
                "alt": .string(photo.alt ?? ""),
                "has_size": .bool(photo.info != nil),
            ]
            if let info = photo.info { result["width"] = .int(info.width); result["height"] = .int(info.height) }
            return result
        }
    }
}

/// A name and a link: a post's tag or term, a profile link.
struct LinkView: TemplateObject {
    var name: String
    var url: String

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .name: return .string(name)
        case .url: return .string(url)
        default: return nil
        }
    }
}

/// One of a post's taxonomies (categories…) with the post's terms in it.
struct TaxonomyTermsView: TemplateObject {
    var name: String
    var title: String
    var terms: [TemplateValue]

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .name: return .string(name)
        case .title: return .string(title)
        case .terms: return .list(terms)
        default: return nil
        }
    }
}

/// What a post answers.
struct ReplyToView: TemplateObject {
    var url: String
    var label: String
    var isOwn: Bool
    var permalink: String?

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .url: return .string(url)
        case .label: return .string(label)
        case .isOwn: return .bool(isOwn)
        case .permalink: return permalink.map(TemplateValue.string)
        default: return nil
        }
    }
}

/// An entry of the site's navigation.
struct NavItemView: TemplateObject {
    var name: String
    var url: String
    var current: Bool

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .name: return .string(name)
        case .url: return .string(url)
        case .current: return .bool(current)
        default: return nil
        }
    }
}

/// A feed for `<link rel="alternate">`.
struct FeedLinkView: TemplateObject {
    var type: String
    var title: String
    var url: String

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .type: return .string(type)
        case .title: return .string(title)
        case .url: return .string(url)
        default: return nil
        }
    }
}

/// The site's three feeds, for the footer.
struct FeedsView: TemplateObject {
    var rss: String
    var atom: String
    var json: String

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .rss: return .string(rss)
        case .atom: return .string(atom)
        case .json: return .string(json)
        default: return nil
        }
    }
}

/// The site's author, as every page shows them.
struct AuthorView: TemplateObject {
    var name: String?
    var url: String?
    /// Relative to the page.
    var avatar: String?
    var avatarAbsolute: String?
    var hasAvatar: Bool
    var displayName: String
    var urlOrHome: String

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .name: return .string(name ?? "")
        case .hasName: return .bool(name != nil)
        case .url: return url.map(TemplateValue.string)
        case .hasURL: return .bool(url != nil)
        case .avatar: return avatar.map(TemplateValue.string)
        case .avatarAbsolute: return avatarAbsolute.map(TemplateValue.string)
        case .hasAvatar: return .bool(hasAvatar)
        case .displayName: return .string(displayName)
        case .urlOrHome: return .string(urlOrHome)
        default: return nil
        }
    }
}

/// `site`: the site's settings, the same on every page but for links relative to the page.
struct SiteView: TemplateObject {
    /// What does not depend on the page, made once per build.
    struct Constant: Hashable, Sendable {
        var title: String
        var description: String
        var language: String
        var baseURL: String
        var links: TemplateValue
        var hasLinks: Bool
        var params: TemplateValue
    }

    var constant: Constant
    /// An `AuthorView`, boxed once (not at each `{{site.author.…}}`).
    var author: TemplateValue
    var homeURL: String

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .title: return .string(constant.title)
        case .description: return .string(constant.description)
        case .hasDescription: return .bool(!constant.description.isEmpty)
        case .language: return .string(constant.language)
        case .baseURL: return .string(constant.baseURL)
        case .author: return author
        case .links: return constant.links
        case .hasLinks: return .bool(constant.hasLinks)
        case .params: return constant.params
        case .homeURL: return .string(homeURL)
        default: return nil
        }
    }
}

/// Links to a list's newer and older pages.
struct PaginationView: TemplateObject {
    var hasPages: Bool
    var label: String
    var newerURL: String?
    var olderURL: String?

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .hasPages: return .bool(hasPages)
        case .label: return .string(label)
        case .hasNewer: return .bool(newerURL != nil)
        case .hasOlder: return .bool(olderURL != nil)
        case .newerURL: return newerURL.map(TemplateValue.string)
        case .olderURL: return olderURL.map(TemplateValue.string)
        default: return nil
        }
    }
}

/// A post's neighbour, for the links under it.
struct NeighbourView: TemplateObject {
    var url: String
    var title: String
    var hasLang: Bool
    var lang: String

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .url: return .string(url)
        case .title: return .string(title)
        case .hasLang: return .bool(hasLang)
        case .lang: return .string(lang)
        default: return nil
        }
    }
}

/// Newer and older posts and the way back to the timeline.
struct PostNavView: TemplateObject {
    var newer: NeighbourView?
    var older: NeighbourView?
    var timelineURL: String

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .hasNewer: return .bool(newer != nil)
        case .hasOlder: return .bool(older != nil)
        case .newer: return newer.map { TemplateValue($0) }
        case .older: return older.map { TemplateValue($0) }
        case .timelineURL: return .string(timelineURL)
        default: return nil
        }
    }
}

/// A tag or term at the top of its page.
struct TermHeaderView: TemplateObject {
    var name: String
    var url: String
    /// Only on the front page of the list.
    var countLabel: String?
    /// A term's (not a tag's): its taxonomy's heading and the link to all its terms.
    var heading: String?
    var allURL: String?
    var allLabel: String?

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .name: return .string(name)
        case .url: return .string(url)
        case .countLabel: return countLabel.map(TemplateValue.string)
        case .heading: return heading.map(TemplateValue.string)
        case .allURL: return allURL.map(TemplateValue.string)
        case .allLabel: return allLabel.map(TemplateValue.string)
        default: return nil
        }
    }
}

/// A term in a list of terms (the tags page, a taxonomy's page).
struct TermItemView: TemplateObject {
    var name: String
    var url: String
    var count: Int
    var countLabel: String

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .name: return .string(name)
        case .url: return .string(url)
        case .count: return .int(count)
        case .countLabel: return .string(countLabel)
        default: return nil
        }
    }
}

/// A whole page: what every page has (`site`, `t`, `nav`, feeds, Open Graph…) and what its kind adds.
struct PageView: TemplateObject {
    /// A `SiteView`, boxed once per page (not at each `{{site.…}}`).
    var site: TemplateValue
    var t: TemplateValue
    var root: String
    var nav: [TemplateValue]
    var hasCustomStylesheet: Bool
    var pageLanguage: String
    var siteLangDiffers: Bool
    var isHome: Bool
    var canonical: String
    var copyrightYear: String
    var feedLinks: [TemplateValue]
    var hasInlineStyle = false
    var inlineStyle: String?
    var pageDescription: TemplateValue?
    var ogType = "website"
    var twitterCard = "summary"
    var hasArticle = false
    var article: TemplateValue?
    var ogImage: String?
    var ogLocale: String
    var webmention: String?
    var pingback: String?
    var alsoAt: [TemplateValue]
    var mirrorLinks: [TemplateValue]

    // What a kind of page adds; `nil` leaves the key out.
    var pageTitle: TemplateValue?
    var posts: TemplateValue?
    var pagination: TemplateValue?
    var heading: TemplateValue?
    var hasIntro: Bool?
    var intro: String?
    var hasIntroTitle: Bool?
    var post: TemplateValue?
    var postNav: TemplateValue?
    var page: TemplateValue?
    var tags: TemplateValue?
    var tag: TemplateValue?
    var taxonomy: TemplateValue?
    var terms: TemplateValue?
    var term: TemplateValue?
    var years: TemplateValue?
    var year: TemplateValue?
    var months: TemplateValue?
    var month: TemplateValue?
    var targetURL: String?
    var targetPermalink: String?

    func value(for key: TemplateKey) -> TemplateValue? {
        switch key {
        case .site: return site
        case .t: return t
        case .root: return .string(root)
        case .nav: return .list(nav)
        case .stylesheet: return .string(root + "style.css")
        case .hasCustomStylesheet: return .bool(hasCustomStylesheet)
        case .customStylesheet: return .string(root + PageRenderer.customStylesheetPath)
        case .favicon: return .string(root + "favicon.ico")
        case .pageLanguage: return .string(pageLanguage)
        case .siteLangDiffers: return .bool(siteLangDiffers)
        case .isHome: return .bool(isHome)
        case .canonical: return .string(canonical)
        case .copyrightYear: return .string(copyrightYear)
        case .generator: return .string("Samizdat")
        case .feedLinks: return .list(feedLinks)
        case .feeds:
            return TemplateValue(FeedsView(rss: root + Router.rss(in: ""), atom: root + Router.atom(in: ""), json: root + Router.json(in: "")))
        case .hasInlineStyle: return .bool(hasInlineStyle)
        case .inlineStyle: return inlineStyle.map(TemplateValue.string)
        case .pageDescription: return pageDescription
        case .ogType: return .string(ogType)
        case .twitterCard: return .string(twitterCard)
        case .hasArticle: return .bool(hasArticle)
        case .article: return article
        case .ogImage: return ogImage.map(TemplateValue.string)
        case .hasOGImage: return .bool(ogImage != nil)
        case .ogLocale: return .string(ogLocale)
        case .webmention: return .string(webmention ?? "")
        case .hasWebmention: return .bool(webmention != nil)
        case .pingback: return .string(pingback ?? "")
        case .hasPingback: return .bool(pingback != nil)
        case .hasAlsoAt: return .bool(!alsoAt.isEmpty)
        case .alsoAt: return .list(alsoAt)
        case .mirrorLinks: return .list(mirrorLinks)
        case .pageTitle: return pageTitle
        case .posts: return posts
        case .pagination: return pagination
        case .heading: return heading
        case .hasIntro: return hasIntro.map(TemplateValue.bool)
        case .intro: return intro.map(TemplateValue.string)
        case .hasIntroTitle: return hasIntroTitle.map(TemplateValue.bool)
        case .post: return post
        case .postNav: return postNav
        case .page: return page
        case .tags: return tags
        case .tag: return tag
        case .taxonomy: return taxonomy
        case .terms: return terms
        case .term: return term
        case .years: return years
        case .year: return year
        case .months: return months
        case .month: return month
        case .targetURL: return targetURL.map(TemplateValue.string)
        case .targetPermalink: return targetPermalink.map(TemplateValue.string)
        default: return nil
        }
    }
}
