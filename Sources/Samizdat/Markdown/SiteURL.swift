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
    /// Where a post's heading and footnote ids take the prefix that keeps them apart in lists:
    /// nothing on the post's own page, the post's anchor on timelines. One rendering gives both.
    static let idMarker = "__SZ_ID__"
    /// Around a link to another content file (`../2019/other.md`), by its path below `Content/`,
    /// until the build knows every file's address: `__SZ_SOURCE__posts/2019/other.md__SZ_END__`.
    static let sourceMarker = "__SZ_SOURCE__"
    static let sourceEnd = "__SZ_END__"

    static func removingPlaceholders(from text: String) -> String {
        var text = text
        // Repeat: removing one marker must not join its neighbours into a new one.
        let markers = [root, index, selfMarker, idMarker, sourceMarker, sourceEnd]
        while markers.contains(where: { text.containsBytes($0) }) {
            for marker in markers { text = text.replacingAll(marker, with: "") }
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

    /// The marked form of a link to another Markdown file (`other.md#part`, `../2019/x.md`, as
    /// editors and Obsidian write them), resolved against `folder` (the linking file's folder below
    /// `Content/`, ending in `/`); nil for any other URL.
    static func sourceLink(_ url: String, folder: String) -> String? {
        if url.isEmpty || url.hasPrefix("#") || url.hasPrefix("/") { return nil }
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") { return nil }
        let cut = url.firstIndex { $0 == "?" || $0 == "#" } ?? url.endIndex
        let written = url[..<cut]
        let decoded = written.removingPercentEncoding ?? String(written)
        let lowered = decoded.lowercased()
        guard lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown"),
              let path = ContentParser.normalizedPath("/" + folder + decoded) else { return nil }
        let fragment = url[cut...].drop { $0 != "#" }
        // Percent-encoded: cmark writes the URL as it is, and the build decodes it again.
        let encoded = String(path.dropFirst()).addingPercentEncoding(withAllowedCharacters: sourcePathAllowed) ?? String(path.dropFirst())
        return sourceMarker + encoded + sourceEnd + fragment
    }

    /// What a marked source path keeps as it is: nothing that cmark or HTML would escape.
    private static let sourcePathAllowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")

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
        replacingPlaceholders(in: html, root: rootPrefix, index: "index.html", page: "")
    }

    /// Makes the placeholders of `html` absolute, for feeds: `https://example.org/a/b/`, and
    /// links to the document's own headings and footnotes `page#fn-1`.
    public static func absolutize(_ html: String, baseURL: String, pageURL: String) -> String {
        var base = baseURL
        if !base.hasSuffix("/") { base += "/" }
        return replacingPlaceholders(in: html, root: base, index: "", page: pageURL)
    }

    /// The three markers replaced in one pass over the UTF-8 bytes: every page of a site does
    /// this for every post it shows, so it must cost little more than a copy. Markers are found
    /// from `_` to `_` with `memchr` (most posts have none, and are given back as they are, not copied).
    static func replacingPlaceholders(in html: String, root: String, index: String, page: String) -> String {
        var html = html
        let replaced: [UInt8]? = html.withUTF8 { bytes -> [UInt8]? in
            guard let base = bytes.baseAddress, bytes.count >= markerPrefix.count else { return nil }
            let values = [root, index, page]
            var output: [UInt8] = []
            var copied = 0
            var position = 0
            while position < bytes.count, let found = memchr(base + position, Int32(UInt8(ascii: "_")), bytes.count - position) {
                let start = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let nameStart = start + markerPrefix.count
                guard nameStart <= bytes.count, markerPrefix.indices.allSatisfy({ bytes[start + $0] == markerPrefix[$0] }),
                      let which = markerNames.firstIndex(where: { name in
                    nameStart + name.count <= bytes.count && name.indices.allSatisfy { bytes[nameStart + $0] == name[$0] }
                }) else {
                    position = start + 1
                    continue
                }
                let name = markerNames[which]
                if output.isEmpty { output.reserveCapacity(bytes.count + 256) }
                output.append(contentsOf: bytes[copied..<start])
                output.append(contentsOf: values[which].utf8)
                position = nameStart + name.count
                copied = position
            }
            guard copied > 0 else { return nil }
            output.append(contentsOf: bytes[copied...])
            return output
        }
        guard let replaced else { return html }
        return String(decoding: replaced, as: UTF8.self)
    }

    private static let markerPrefix = Array("__SZ_".utf8)
    /// What follows the prefix, in the order of the values `replacingPlaceholders` puts in.
    private static let markerNames = [Array("ROOT__/".utf8), Array("INDEX__".utf8), Array("SELF__".utf8)]
}
