import Foundation

/// `sitemap.xml` and `robots.txt`: the files search engines read.
public enum Sitemap {
    /// Every page that is content (not aliases or the 404 page), with absolute URLs.
    public static func xml(plan: SitePlan, site: Site, baseURL: URL) -> String {
        let base = baseURL.absoluteString
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for entry in plan.entries {
            var lastModified: Date?
            switch entry.kind {
            case .alias, .notFound: continue
            case .post(let index):
                let post = site.posts[index]
                lastModified = post.frontMatter.updated ?? post.date
            case .timeline(page: 0, _):
                lastModified = site.posts.first.map { $0.frontMatter.updated ?? $0.date }
            default: break
            }
            xml += "  <url><loc>\(HTML.escape(Router.absolute(entry.urlPath, base: base)))</loc>"
            if let lastModified {
                xml += "<lastmod>\(RFC3339.string(lastModified, timeZone: TimeZone(identifier: "UTC")!))</lastmod>"
            }
            xml += "</url>\n"
        }
        xml += "</urlset>\n"
        return xml
    }

    public static func robots(baseURL: URL) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(baseURL.absoluteString)sitemap.xml\n"
    }
}
