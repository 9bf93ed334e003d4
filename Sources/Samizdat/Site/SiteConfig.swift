import Foundation

/// The settings of a site, read from `site.yml`.
///
/// Key names are part of the user-facing contract (see DESIGN.md); unknown keys are kept as
/// `params` for templates.
public struct SiteConfig: Sendable {
    public struct Author: Sendable, Equatable {
        public var name: String?
        public var url: String?
        public var email: String?
        public var avatar: String?
    }

    public struct ProfileLink: Sendable, Equatable {
        public var name: String
        public var url: String
    }

    public var title: String = "My site"
    public var description: String = ""
    /// Absolute http(s) URL ending in `/`; nil until given in `site.yml` or with `--base-url`.
    public var baseURL: URL?
    /// `base_url` as `site.yml` gives it, when a build publishes under another address
    /// (`--base-url`, a mirror): the site's posts are still known by it (ids, replies).
    public var siteBaseURL: URL?
    public var language: String = "en"
    public var timeZone: TimeZone = TimeZone(identifier: "UTC")!
    public var author = Author()
    public var postsPerPage: Int = 20
    public var permalink: Permalink = .default
    public var feedItems: Int = 20
    /// The base URL feed item ids are made from (`feeds.id_base`): the site's original address,
    /// so ids stay the same when the site moves to another domain.
    public var feedIDBase: URL?
    public var feedIcon: String?
    public var feedFavicon: String?
    public var unsafeHTML: Bool = true
    /// `markdown.hashtags`: whether `#word` in posts links to a tag and counts as one.
    public var hashtags: Bool = true
    /// `markdown.emoji`: GitHub's `:smile:` shortcodes become emoji.
    public var emoji: Bool = false
    /// `post_folders`: the folders of `Content/` whose Markdown files are posts.
    public var postFolders: [String] = ["posts"]
    /// `taxonomies`: the front matter keys that group posts on pages of their own, as `tags` does
    /// (`/categories/`, `/categories/<term>/` with its feeds). `tags` is always one of them.
    public var taxonomies: [String] = ["tags", "categories"]
    /// `excerpt_separator` (Jekyll's name): where a titled post is cut on list pages; `<!--more-->`
    /// when not given.
    public var excerptSeparator: String?
    public var links: [ProfileLink] = []
    /// Other addresses of the site, where `samizdat publish` sends it (`mirrors`).
    public var mirrors: [Mirror] = []
    public var strings: [String: String] = [:]
    /// `@name` → profile URL, for mentions without a server (`mentions` in site.yml).
    public var mentions: [String: String] = [:]
    /// IndieWeb endpoints advertised with `<link rel="webmention">` and `<link rel="pingback">`.
    public var webmention: String?
    public var pingback: String?
    public var params = DataTable()

    public init() {}

    /// The keys `site.yml` understands; anything else goes to `params`.
    static let knownKeys: [String] = [
        "title", "description", "base_url", "language", "timezone", "author", "posts_per_page",
        "permalink", "feeds", "markdown", "links", "strings", "mentions", "webmention", "pingback", "post_folders",
        "mirrors", "taxonomies", "excerpt_separator",
    ]

    /// The taxonomies other than `tags`, in the order `site.yml` lists them.
    public var otherTaxonomies: [String] { taxonomies.filter { $0 != "tags" } }

    /// Names a taxonomy may not take: they are the site's own folders (`/page/2/`, `/archive/`,
    /// the feeds' archive folders `feed/` and `atom/`).
    static let reservedTaxonomyNames: Set<String> = ["page", "archive", "feed", "atom", "index.html", "404.html", "sitemap.xml", "robots.txt"]

    /// Whether the file at `path` (below `Content/`) is a post: it sits in one of `postFolders`.
    public func isPostPath(_ path: String) -> Bool {
        postFolders.contains { folder in path.hasPrefix(folder + "/") }
    }
}
