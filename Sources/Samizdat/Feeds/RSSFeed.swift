import Foundation

/// RSS 2.0 with `content:encoded` for the full HTML and `atom:link rel="self"`.
///
/// A post without a title gets no `<title>` at all (RSS allows an item with only a description),
/// rather than an empty or made-up one.
///
/// Readers take `description` as HTML, so the plain summary is escaped for HTML first and then
/// for XML: "Array<Int>" reaches the reader as text, not as a tag. Titles are plain text in
/// every reader that matters (feedparser, the `reader` library, newsboat), so they are escaped
/// once.
public enum RSSFeed {
    public static func render(_ feed: Feed) -> String {
        let e = XML.escape
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"\(MirrorElements.declaration(feed))>
            <channel>
            <title>\(e(feed.title))</title>
            <link>\(e(feed.homeURL))</link>
            <description>\(e(feed.description.isEmpty ? feed.title : feed.description))</description>
            <language>\(e(feed.language))</language>
            <generator>Samizdat</generator>
            <lastBuildDate>\(RFC822.string(feed.updated, timeZone: feed.timeZone))</lastBuildDate>
            <atom:link href="\(e(feed.absolute(feed.rssPath)))" rel="self" type="application/rss+xml"/>

            """
        // The site's other addresses, as in the Atom feed (RSS has no element of its own for them).
        xml += MirrorElements.render(feed, feedURL: \.rssURL)
        if let email = feed.author.email, !email.isEmpty {
            xml += "<managingEditor>\(e(email)) (\(e(feed.author.name)))</managingEditor>\n"
        }
        // RSS images must be GIF, JPEG or PNG.
        if let icon = feed.icon, [".png", ".gif", ".jpg", ".jpeg"].contains(where: icon.lowercased().hasSuffix) {
            xml += "<image><url>\(e(icon))</url><title>\(e(feed.title))</title><link>\(e(feed.homeURL))</link></image>\n"
        }
        for item in feed.newestItems {
            xml += item.written.rss { entry(item, author: feed.author.name, timeZone: feed.timeZone) }
        }
        xml += "</channel>\n</rss>\n"
        return xml
    }

    /// One `<item>`: the same in every feed of the site.
    static func entry(_ item: Feed.Item, author: String, timeZone: TimeZone) -> String {
        let e = XML.escape
        var xml = "<item>\n"
        if let title = item.title { xml += "<title>\(e(title))</title>\n" }
        xml += "<link>\(e(item.url))</link>\n"
        xml += "<guid isPermaLink=\"\(item.id == item.url ? "true" : "false")\">\(e(item.id))</guid>\n"
        xml += "<pubDate>\(RFC822.string(item.published, timeZone: timeZone))</pubDate>\n"
        xml += "<dc:creator>\(e(author))</dc:creator>\n"
        xml += "<description>\(e(HTML.escape(item.summary)))</description>\n"
        xml += "<content:encoded>\(e(item.contentHTML))</content:encoded>\n"
        // RSS allows one enclosure per item: the first photo.
        if let photo = item.attachments.first {
            xml += "<enclosure url=\"\(e(photo.url))\" length=\"\(photo.size ?? 0)\" type=\"\(e(photo.mimeType))\"/>\n"
        }
        for tag in item.tags { xml += "<category>\(e(tag))</category>\n" }
        xml += "</item>\n"
        return xml
    }
}
