import Foundation

/// `sitemap.xml` and `robots.txt`: the files search engines read.
///
/// One sitemap file may list at most 50,000 URLs (sitemaps.org). A bigger site (some 40,000
/// posts, with their lists) gets a sitemap index at `/sitemap.xml`, the address `robots.txt`
/// gives, listing `/sitemap-1.xml`, `/sitemap-2.xml`…, each of at most 50,000 URLs. They sit at
/// the root because a sitemap may only list URLs below its own folder.
///
/// URLs are listed from the oldest post to the newest, then the other pages: a new post changes
/// the parts from where the posts end (one or two, and the index's dates), not every part; a post
/// dated in the past, or one removed, changes the parts from its place on.
public struct Sitemap: Sendable {
    /// The most URLs in one sitemap file.
    public static let urlLimit = 50_000

    /// The plan's pages; those listed are `listed`, by number, each with its date (`lastModified`).
    let entries: [SitePlan.Entry]
    let listed: [Int]
    let lastModified: [Date?]
    /// The parts, by range of `listed`; empty when `sitemap.xml` lists them all itself.
    let parts: [Range<Int>]

    public init(plan: SitePlan, site: Site, limit: Int = Sitemap.urlLimit) {
        // By number, the entries' fields read in place (copying each entry was most of this).
        var posts: [(Int, Date?)] = []
        var others: [(Int, Date?)] = []
        posts.reserveCapacity(site.posts.count)
        let entries = plan.entries
        for number in entries.indices {
            switch entries[number].kind {
            case .alias, .notFound: continue
            case .post(let index):
                posts.append((number, site.posts[index].updated ?? site.posts[index].date))
            case .timeline(page: 0, _):
                others.append((number, site.posts.first.map { $0.updated ?? $0.date }))
            default:
                others.append((number, nil))
            }
        }
        posts.reverse()
        posts += others
        self.entries = entries
        listed = posts.map(\.0)
        lastModified = posts.map(\.1)
        let count = posts.count, limit = max(1, limit)
        parts = count <= limit ? [] : stride(from: 0, to: count, by: limit).map { $0..<min($0 + limit, count) }
    }

    /// The files, by path: `sitemap.xml`, then its parts if it is an index.
    public var paths: [String] {
        ["sitemap.xml"] + parts.indices.map(Self.partPath)
    }

    static func partPath(_ part: Int) -> String { "sitemap-\(part + 1).xml" }

    /// The part written at `path` (nil for `sitemap.xml` itself).
    func part(at path: String) -> Int? {
        parts.indices.first { Self.partPath($0) == path }
    }

    /// The file at `path` (one of `paths`).
    public func bytes(at path: String, baseURL: URL) -> [UInt8] {
        let base = baseURL.absoluteString
        if let part = part(at: path) { return urlset(parts[part], base: base) }
        if parts.isEmpty { return urlset(listed.indices, base: base) }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for part in parts.indices {
            xml += "  <sitemap><loc>\(HTML.escape(Router.absolute("/" + Self.partPath(part), base: base)))</loc>"
            if let date = newest(parts[part]) { xml += "<lastmod>\(RFC3339.string(date, timeZone: Self.utc))</lastmod>" }
            xml += "</sitemap>\n"
        }
        xml += "</sitemapindex>\n"
        return Array(xml.utf8)
    }

    /// What the file at `path` shows, for its digest.
    func add(_ path: String, to digest: inout Digest.Builder) {
        if let part = part(at: path) {
            add(parts[part], to: &digest)
        } else if parts.isEmpty {
            add(listed.indices, to: &digest)
        } else {
            digest.add("index")
            digest.add(parts.count)
            for range in parts { digest.add(newest(range)) }
        }
    }

    private func add(_ range: Range<Int>, to digest: inout Digest.Builder) {
        digest.add(range.count)
        for item in range {
            digest.add(entries[listed[item]].urlPath)
            digest.add(lastModified[item])
        }
    }

    /// Written as bytes: a string built by interpolation, URL by URL, was most of an added
    /// post's build at 10,000 posts (12,000 URLs).
    private func urlset(_ range: Range<Int>, base: String) -> [UInt8] {
        var xml: [UInt8] = []
        xml.reserveCapacity(range.count * 110 + 200)
        xml += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n".utf8
        var escapedBase: [UInt8] = []
        HTML.appendEscaped(base, to: &escapedBase)
        for item in range {
            xml += "  <url><loc>".utf8
            xml += escapedBase
            // `Router.absolute`: the base, then the path without its leading `/`.
            var path = entries[listed[item]].urlPath
            path.withUTF8 { bytes in
                let start = bytes.firstIndex { $0 != UInt8(ascii: "/") } ?? bytes.endIndex
                HTML.appendEscaped(bytes: UnsafeBufferPointer(rebasing: bytes[start...]), to: &xml)
            }
            xml += "</loc>".utf8
            if let date = lastModified[item] {
                xml += "<lastmod>".utf8
                RFC3339.append(date, offset: 0, to: &xml)
                xml += "</lastmod>".utf8
            }
            xml += "</url>\n".utf8
        }
        xml += "</urlset>\n".utf8
        return xml
    }

    private func newest(_ range: Range<Int>) -> Date? {
        lastModified[range].compactMap { $0 }.max()
    }

    private static let utc = TimeZone(identifier: "UTC")!

    public static func robots(baseURL: URL) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(baseURL.absoluteString)sitemap.xml\n"
    }
}
