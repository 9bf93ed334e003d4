import Foundation

/// Every address a site has, in one place: the plan, the pages, the feeds and the Markdown
/// renderer ask here instead of spelling URL patterns themselves.
///
/// Site paths start and end with `/` (`/tags/swift/`), except files (`/404.html`); output paths
/// are below the output folder (`tags/swift/index.html`).
public enum Router {
    public static let home = "/"
    public static let archive = "/archive/"
    public static let tags = "/tags/"
    public static let notFound = "/404.html"

    /// The page of a tag: `/tags/swift/`.
    public static func tag(_ slug: String) -> String { term(slug, in: "tags") }

    /// A tag's folder below the site root, where its feeds live: `tags/swift/`.
    public static func tagFolder(_ slug: String) -> String { termFolder(slug, in: "tags") }

    /// The page listing the terms of a taxonomy: `/categories/`.
    public static func taxonomy(_ name: String) -> String { "/\(name)/" }

    /// The page of a term of a taxonomy: `/categories/travel/`.
    public static func term(_ slug: String, in taxonomy: String) -> String { "/\(taxonomy)/\(slug)/" }

    /// A term's folder below the site root, where its feeds live: `categories/travel/`.
    public static func termFolder(_ slug: String, in taxonomy: String) -> String { "\(taxonomy)/\(slug)/" }

    public static func year(_ year: Int) -> String { String(format: "/%04d/", year) }

    public static func month(_ year: Int, _ month: Int) -> String { String(format: "/%04d/%02d/", year, month) }

    /// A page of a list (see `Paging`): the front page (0) is `base` itself, archive page 3 (the
    /// third from the oldest) is `/tags/x/page/3/`.
    public static func paginated(_ base: String, _ page: Int) -> String {
        page <= 0 ? base : "\(base)page/\(page)/"
    }

    // MARK: Feeds, in a folder below the root (`` or `tags/swift/`)

    public static func rss(in folder: String) -> String { folder + "feed.xml" }

    /// The Atom feed (page 0, RFC 5005's subscription document) or one of its archive documents,
    /// numbered from the oldest: `atom/1.xml`.
    public static func atom(in folder: String, page: Int = 0) -> String {
        page <= 0 ? folder + "atom.xml" : folder + "atom/\(page).xml"
    }

    /// The JSON feed (page 0) or one of its older pages, numbered from the oldest: `feed/1.json`.
    public static func json(in folder: String, page: Int = 0) -> String {
        page <= 0 ? folder + "feed.json" : folder + "feed/\(page).json"
    }

    // MARK: From site paths to files and links

    /// `/a/b/` → `a/b/index.html`; `/old/post.html` → `old/post.html`.
    public static func outputPath(for sitePath: String) -> String {
        // By bytes: this runs for every file of every build.
        let utf8 = sitePath.utf8
        let start = utf8.firstIndex { $0 != UInt8(ascii: "/") } ?? utf8.endIndex
        var path = String(sitePath[start...])
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        return path
    }

    /// `../../` for `a/b/index.html`; empty at the root.
    public static func rootPrefix(forOutputPath path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }

    /// A link from a page (whose `rootPrefix` is `root`) to a site path, spelling out `index.html`
    /// so it opens from disk too.
    public static func relative(_ sitePath: String, root: String) -> String {
        root + outputPath(for: sitePath)
    }

    /// The public address of a site path: `base` (ending in `/`) + the path.
    public static func absolute(_ sitePath: String, base: String) -> String {
        base + sitePath.drop { $0 == "/" }
    }
}
