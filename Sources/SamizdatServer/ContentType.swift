import Foundation
import Samizdat

/// The `Content-Type` of a file of the site, by its path: feeds by their names (as the site's
/// `_headers` and `.htaccess` tell static hosts), everything else by extension.
enum ContentType {
    static let html = "text/html; charset=utf-8"

    static func of(_ relativePath: String) -> String {
        let parts = relativePath.split(separator: "/")
        let name = parts.last.map(String.init) ?? ""
        let folder = parts.count > 1 ? String(parts[parts.count - 2]) : ""
        let isPage = name.hasSuffix(".xml") || name.hasSuffix(".json") ? name.dropLast(name.hasSuffix(".xml") ? 4 : 5).allSatisfy(\.isNumber) : false
        switch name {
        case "feed.xml": return "application/rss+xml; charset=utf-8"
        case "atom.xml": return "application/atom+xml; charset=utf-8"
        case "feed.json": return "application/feed+json; charset=utf-8"
        case _ where isPage && folder == "atom" && name.hasSuffix(".xml"): return "application/atom+xml; charset=utf-8"
        case _ where isPage && folder == "feed" && name.hasSuffix(".json"): return "application/feed+json; charset=utf-8"
        default: break
        }
        if let image = MediaURL.imageType(ofURL: name) { return image }
        let ext = name.split(separator: ".").count > 1 ? name.split(separator: ".").last!.lowercased() : ""
        switch ext {
        case "html", "htm": return html
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "xml": return "application/xml; charset=utf-8"
        case "json", "webmanifest": return "application/json; charset=utf-8"
        case "txt", "md": return "text/plain; charset=utf-8"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "pdf": return "application/pdf"
        case "mp4": return "video/mp4"
        case "webm": return "video/webm"
        case "mp3": return "audio/mpeg"
        default: return name == "CNAME" || name == "_headers" ? "text/plain; charset=utf-8" : "application/octet-stream"
        }
    }
}
