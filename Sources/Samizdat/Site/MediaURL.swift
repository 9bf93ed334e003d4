import Foundation

/// The one way a media file's address is written, in pages, feeds, OpenGraph and JSON alike.
///
/// Photos are named by their files (`my stall.png`, `c#1.png`, `été.jpg`), so a site path is
/// percent-encoded segment by segment: a space, `#`, `?`, `%` or a non-ASCII letter can never
/// end or change the URL. An absolute URL is already a URL: its escapes are kept, and only the
/// characters no URL may hold (spaces, quotes, non-ASCII…) are encoded.
public enum MediaURL {
    /// Characters kept as they are in a path segment: RFC 3986 `pchar` without `%`, and without
    /// `&` and `'`, which HTML and XML would carry as entities that some readers mishandle.
    private static let segmentAllowed: CharacterSet = {
        var set = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        set.insert(charactersIn: "!$()*+,;=:@")
        return set
    }()

    /// `/2026/11/20/market/my stall.png` → `/2026/11/20/market/my%20stall.png`;
    /// `https://cdn.example/a b.jpg` → `https://cdn.example/a%20b.jpg`.
    public static func encode(_ url: String) -> String {
        if url.hasPrefix("/") && !url.hasPrefix("//") {
            return url.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? String($0) }
                .joined(separator: "/")
        }
        return encodeIllegalCharacters(url)
    }

    /// Percent-encodes what may not appear in a URL at all, keeping `%XX`, `#`, `?` and the rest.
    static func encodeIllegalCharacters(_ url: String) -> String {
        var result = ""
        for byte in url.utf8 {
            switch byte {
            case 0x21...0x7E where !"\"<>\\^`{|}".utf8.contains(byte):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += String(format: "%%%02X", byte)
            }
        }
        return result
    }

    /// The MIME type of an image named by a URL, from its extension; nil when it does not say.
    public static func imageType(ofURL url: String) -> String? {
        let path = url.prefix { $0 != "?" && $0 != "#" }
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "jpg", "jpeg": return "image/jpeg"
        case "png": return "image/png"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "svg": return "image/svg+xml"
        default: return nil
        }
    }
}
