import Foundation

/// Placeholders for site-internal URLs inside rendered HTML.
///
/// A post's HTML is rendered once but shown on pages at different depths (its own page, the
/// timeline, tag pages) and in feeds. Internal URLs are stored as `__SZ_ROOT__/path/` (plus
/// `__SZ_INDEX__` where a folder URL needs `index.html` to open from disk); each page swaps the
/// root for its relative path to the site root (`../../`), feeds for the absolute base URL.
/// The markers are plain ASCII because cmark-gfm percent-encodes anything else in URLs.
public enum SiteURL {
    static let root = "__SZ_ROOT__/"
    static let index = "__SZ_INDEX__"
    /// Before a `#fragment` of the document itself: nothing on pages, the permalink in feeds.
    static let selfMarker = "__SZ_SELF__"

    static func removingPlaceholders(from text: String) -> String {
        var text = text
        // Repeat: removing one marker must not join its neighbours into a new one.
        while text.contains(root) || text.contains(index) || text.contains(selfMarker) {
            text = text.replacingOccurrences(of: root, with: "").replacingOccurrences(of: index, with: "")
                .replacingOccurrences(of: selfMarker, with: "")
        }
        return text
    }

    /// The placeholder form of a URL written in Markdown, or nil when it should stay as written
    /// (external URLs, `mailto:`, fragments, protocol-relative URLs).
    static func placeholder(for url: String, basePath: String) -> String? {
        if url.isEmpty || url.hasPrefix("#") || url.hasPrefix("//") { return nil }
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/"), !url[..<colon].contains("?"), !url[..<colon].contains("#") {
            return nil  // has a scheme
        }
        var path = url
        var suffix = ""
        if let cut = url.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            path = String(url[..<cut])
            suffix = String(url[cut...])
        }
        if !path.hasPrefix("/") {
            path = resolve(path, against: basePath)
        }
        // `/a/b/` → `__SZ_ROOT__/a/b/__SZ_INDEX__`
        var result = root + path.dropFirst()
        if path.hasSuffix("/") { result += index }
        return result + suffix
    }

    /// Resolves `relative` (may contain `.` and `..`) against a site folder path ending in `/`.
    static func resolve(_ relative: String, against basePath: String) -> String {
        var segments = basePath.split(separator: "/").map(String.init)
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for (offset, part) in parts.enumerated() {
            switch part {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            case "" where offset < parts.count - 1: continue
            default: segments.append(part)
            }
        }
        var path = "/" + segments.filter { !$0.isEmpty }.joined(separator: "/")
        if relative.hasSuffix("/") || relative.isEmpty || relative == "." || relative.hasSuffix("/.") || relative.hasSuffix("..") {
            if !path.hasSuffix("/") { path += "/" }
        }
        return path
    }

    /// Makes the placeholders of `html` relative to a page `depth` folders below the site root,
    /// with `index.html` spelled out so links work from `file://` too.
    public static func relativize(_ html: String, rootPrefix: String) -> String {
        guard html.contains("__SZ_") else { return html }
        return html.replacingOccurrences(of: root, with: rootPrefix).replacingOccurrences(of: index, with: "index.html")
            .replacingOccurrences(of: selfMarker, with: "")
    }

    /// Makes the placeholders of `html` absolute, for feeds: `https://example.org/a/b/`, and
    /// links to the document's own headings and footnotes `page#fn-1`.
    public static func absolutize(_ html: String, baseURL: String, pageURL: String) -> String {
        guard html.contains("__SZ_") else { return html }
        var base = baseURL
        if !base.hasSuffix("/") { base += "/" }
        return html.replacingOccurrences(of: root, with: base).replacingOccurrences(of: index, with: "")
            .replacingOccurrences(of: selfMarker, with: pageURL)
    }
}
