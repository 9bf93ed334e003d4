import Foundation

/// Atom (RFC 4287), with RFC 5005 archived feeds so an archiver can walk the whole history.
///
/// `atom.xml` (page 0) is the subscription document; it links to the newest archive document
/// (`prev-archive`), and each archive document (`atom/1.xml` is the oldest) to the one before and
/// after it. Archive documents are marked `fh:archive` and, once full, never change (`Paging`).
///
/// `<title>` is required on every entry and readers show an empty one as a blank line or a
/// name made from the URL, so a note's entry takes the excerpt its page title shows. Replies
/// carry `thr:in-reply-to` (RFC 4685).
public enum AtomFeed {
    public static func render(_ feed: Feed, page: Int) -> String {
        let e = XML.escape
        let date = { (d: Date) in RFC3339.string(d, timeZone: feed.timeZone) }
        let archived = feed.paging.archived
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0"\(archived > 0 ? " xmlns:fh=\"http://purl.org/syndication/history/1.0\"" : "")\(MirrorElements.declaration(feed)) xml:lang="\(e(feed.language))">
            <id>\(e(feed.idBase + feed.atomPath(page: 0)))</id>
            <title>\(e(feed.title))</title>

            """
        if page > 0 { xml += "<fh:archive/>\n" }
        if !feed.description.isEmpty { xml += "<subtitle>\(e(feed.description))</subtitle>\n" }
        xml += "<updated>\(date(feed.updated(onPage: page)))</updated>\n"
        xml += "<generator>Samizdat</generator>\n"
        xml += "<author>\n<name>\(e(feed.author.name))</name>\n"
        if let url = feed.author.url { xml += "<uri>\(e(url))</uri>\n" }
        xml += "</author>\n"
        xml += "<link rel=\"self\" type=\"application/atom+xml\" href=\"\(e(feed.absolute(feed.atomPath(page: page))))\"/>\n"
        // Exactly one alternate per type and language (RFC 4287 §4.1.1): the page at this
        // address. The other addresses are extension elements (`MirrorElements` says why).
        xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(e(feed.homeURL))\"/>\n"
        xml += MirrorElements.render(feed, feedURL: \.atomURL)
        if page > 0 { xml += "<link rel=\"current\" type=\"application/atom+xml\" href=\"\(e(feed.absolute(feed.atomPath(page: 0))))\"/>\n" }
        if let older = feed.paging.older(than: page) {
            xml += "<link rel=\"prev-archive\" type=\"application/atom+xml\" href=\"\(e(feed.absolute(feed.atomPath(page: older))))\"/>\n"
        }
        if page > 0, let newer = feed.paging.newer(than: page), newer > 0 {
            xml += "<link rel=\"next-archive\" type=\"application/atom+xml\" href=\"\(e(feed.absolute(feed.atomPath(page: newer))))\"/>\n"
        }
        if let icon = feed.icon { xml += "<icon>\(e(icon))</icon>\n" }
        for item in feed.items(onPage: page) {
            xml += item.written.atom { entry(item, author: feed.author.name, timeZone: feed.timeZone) }
        }
        xml += "</feed>\n"
        return xml
    }

    /// One `<entry>`: the same in every feed of the site (same author, same time zone).
    static func entry(_ item: Feed.Item, author: String, timeZone: TimeZone) -> String {
        let e = XML.escape
        let date = { (d: Date) in RFC3339.string(d, timeZone: timeZone) }
        var xml = "<entry\(item.language.map { " xml:lang=\"\(e($0))\"" } ?? "")>\n"
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
        xml += "<author><name>\(e(author))</name></author>\n"
        xml += "<published>\(date(item.published))</published>\n"
        xml += "<updated>\(date(item.updated ?? item.published))</updated>\n"
        xml += "<summary>\(e(item.summary))</summary>\n"
        xml += "<content type=\"html\" xml:base=\"\(e(item.url))\">\(e(item.contentHTML))</content>\n"
        for tag in item.tags { xml += "<category term=\"\(e(tag))\"/>\n" }
        xml += "</entry>\n"
        return xml
    }
}
