import Foundation

/// Atom (RFC 4287), paged per RFC 5005 so an archiver can walk the whole history.
///
/// `<title>` is required on every entry and readers show an empty one as a blank line or a
/// name made from the URL, so a note's entry takes the excerpt its page title shows. Replies
/// carry `thr:in-reply-to` (RFC 4685).
public enum AtomFeed {
    public static func render(_ feed: Feed, page: Int) -> String {
        let e = XML.escape
        let date = { (d: Date) in RFC3339.string(d, timeZone: feed.timeZone) }
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0" xml:lang="\(e(feed.language))">
            <id>\(e(feed.idBase + feed.atomPath(page: 1)))</id>
            <title>\(e(feed.title))</title>

            """
        if !feed.description.isEmpty { xml += "<subtitle>\(e(feed.description))</subtitle>\n" }
        xml += "<updated>\(date(feed.updated))</updated>\n"
        xml += "<generator>Samizdat</generator>\n"
        xml += "<author>\n<name>\(e(feed.author.name))</name>\n"
        if let url = feed.author.url { xml += "<uri>\(e(url))</uri>\n" }
        xml += "</author>\n"
        xml += "<link rel=\"self\" type=\"application/atom+xml\" href=\"\(e(feed.absolute(feed.atomPath(page: page))))\"/>\n"
        xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(e(feed.homeURL))\"/>\n"
        // The other addresses come after the feed's own page, which readers take as its home.
        for other in feed.alsoAt {
            xml += "<link rel=\"alternate\" type=\"text/html\" title=\"\(e(other.name))\" href=\"\(e(other.homeURL))\"/>\n"
        }
        if feed.pageCount > 1 {
            xml += "<link rel=\"first\" href=\"\(e(feed.absolute(feed.atomPath(page: 1))))\"/>\n"
            xml += "<link rel=\"last\" href=\"\(e(feed.absolute(feed.atomPath(page: feed.pageCount))))\"/>\n"
            if page > 1 { xml += "<link rel=\"previous\" href=\"\(e(feed.absolute(feed.atomPath(page: page - 1))))\"/>\n" }
            if page < feed.pageCount { xml += "<link rel=\"next\" href=\"\(e(feed.absolute(feed.atomPath(page: page + 1))))\"/>\n" }
        }
        if let icon = feed.icon { xml += "<icon>\(e(icon))</icon>\n" }
        for item in feed.items(onPage: page) {
            xml += "<entry\(item.language.map { " xml:lang=\"\(e($0))\"" } ?? "")>\n"
            xml += "<id>\(e(item.id))</id>\n"
            xml += "<title type=\"text\">\(e(item.displayTitle))</title>\n"
            xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(e(item.url))\"/>\n"
            for photo in item.attachments {
                xml += "<link rel=\"enclosure\" type=\"\(e(photo.mimeType))\"\(photo.size.map { " length=\"\($0)\"" } ?? "") href=\"\(e(photo.url))\"/>\n"
            }
            if let reply = item.inReplyTo {
                xml += "<thr:in-reply-to ref=\"\(e(reply.ref))\" href=\"\(e(reply.url))\" type=\"text/html\"/>\n"
            }
            // Readers store an entry's author from the entry, not the feed's default.
            xml += "<author><name>\(e(feed.author.name))</name></author>\n"
            xml += "<published>\(date(item.published))</published>\n"
            xml += "<updated>\(date(item.updated ?? item.published))</updated>\n"
            xml += "<summary>\(e(item.summary))</summary>\n"
            xml += "<content type=\"html\" xml:base=\"\(e(item.url))\">\(e(item.contentHTML))</content>\n"
            for tag in item.tags { xml += "<category term=\"\(e(tag))\"/>\n" }
            xml += "</entry>\n"
        }
        xml += "</feed>\n"
        return xml
    }
}
