import Foundation

/// Files that tell common static hosts how to serve the site: `_headers` (Netlify, Cloudflare
/// Pages) and `.htaccess` (Apache).
///
/// Without them many hosts send feeds as `text/xml` or `application/octet-stream` and JSON
/// Feed as `application/json`; feed readers cope, but browsers download the file and
/// "subscribe" extensions do not recognize it. A site's own `Public/_headers` or
/// `Public/.htaccess` replaces the generated one.
enum ServingHints {
    static let headersPath = "_headers"
    static let htaccessPath = ".htaccess"

    static func files(baseURL: URL, taxonomies: [String] = []) -> [OutputFile] {
        [OutputFile(path: headersPath, text: headers(baseURL: baseURL, taxonomies: taxonomies)),
         OutputFile(path: htaccessPath, text: htaccess(baseURL: baseURL))]
    }

    /// The site's folder on its host, `/` or `/notes/`: Apache's `ErrorDocument` names a path from the host's root.
    private static func folder(_ baseURL: URL) -> String {
        var path = URLComponents(url: baseURL, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? baseURL.path
        if !path.hasSuffix("/") { path += "/" }
        return path
    }

    /// - Parameter taxonomies: the taxonomies other than tags (`categories`), whose terms have feeds too.
    static func headers(baseURL: URL, taxonomies: [String] = []) -> String {
        // Netlify and Cloudflare Pages read `_headers` at the root of what is deployed, which is
        // this output folder whatever the address: paths start at `/`.
        let root = "/"
        // Cloudflare allows one splat per rule and 100 rules; the older pages of a tag's feeds
        // need its placeholder syntax (`:tag`), which Netlify ignores.
        let folders = ["tags"] + taxonomies
        let rules: [(patterns: [String], type: String)] = [
            (["feed.xml"] + folders.map { "\($0)/*/feed.xml" }, "application/rss+xml; charset=utf-8"),
            (["atom.xml", "atom/*"] + folders.flatMap { ["\($0)/*/atom.xml", "\($0)/:tag/atom/*"] }, "application/atom+xml; charset=utf-8"),
            (["feed.json", "feed/*"] + folders.flatMap { ["\($0)/*/feed.json", "\($0)/:tag/feed/*"] }, "application/feed+json; charset=utf-8"),
        ]
        var text = "# Written by Samizdat: how Netlify and Cloudflare Pages serve the feeds.\n"
        text += "# Put your own _headers in Public/ to replace this file.\n"
        for rule in rules {
            for pattern in rule.patterns {
                text += "\(root)\(pattern)\n  Content-Type: \(rule.type)\n  X-Content-Type-Options: nosniff\n"
            }
        }
        return text
    }

    static func htaccess(baseURL: URL) -> String {
        """
        # Written by Samizdat: how Apache serves this site. Put your own .htaccess in Public/ to
        # replace this file.
        AddDefaultCharset utf-8
        AddCharset utf-8 .html .css .xml .json .txt
        DirectoryIndex index.html
        ErrorDocument 404 \(folder(baseURL))404.html
        <Files "feed.xml">
          ForceType application/rss+xml
        </Files>
        # atom.xml, and its archive documents atom/1.xml, atom/2.xml…
        <FilesMatch "^(atom|[0-9]+)\\.xml$">
          ForceType application/atom+xml
        </FilesMatch>
        # feed.json, and its older pages feed/1.json, feed/2.json…
        <FilesMatch "^(feed|[0-9]+)\\.json$">
          ForceType application/feed+json
        </FilesMatch>

        """
    }
}
