import Foundation

/// JSON Feed 1.1, paged with `next_url`: from `feed.json` to the newest of the older pages, then
/// back to `feed/1.json`, the oldest. Pages are counted from the oldest (`Paging`), so once full
/// they never change.
///
/// Keys with no value are left out, never written as `""` or `null`: a note has no `title` key.
public enum JSONFeed {
    struct Document: Encodable {
        var version = "https://jsonfeed.org/version/1.1"
        var title: String
        var home_page_url: String
        var feed_url: String
        var description: String?
        var language: String
        var icon: String?
        var favicon: String?
        var authors: [Author]
        /// JSON Feed 1.0's single author, for readers that know no `authors`.
        var author: Author
        var next_url: String?
        var items: [Item]
        /// The site's other addresses.
        var _samizdat: FeedExtension?
    }

    /// The feed's own extension: where else the site is published, so a reader can move there.
    struct FeedExtension: Encodable {
        var mirrors: [MirrorAddress]
    }

    struct MirrorAddress: Encodable {
        var name: String
        var home_page_url: String
        var feed_url: String
    }

    struct Author: Encodable {
        var name: String
        var url: String?
        var avatar: String?
    }

    struct Item: Encodable {
        var id: String
        var url: String
        var title: String?
        var content_html: String
        var summary: String
        var date_published: String
        var date_modified: String?
        var tags: [String]?
        var language: String?
        var authors: [Author]
        var author: Author
        var attachments: [Attachment]?
        var image: String?
        var _samizdat: Extension?
    }

    /// What JSON Feed has no key for (extensions start with `_`): the post a reply answers.
    struct Extension: Encodable {
        /// Where the answered post can be read.
        var in_reply_to: String
        /// Its id: for a post of this site, the `id` of its item, stable across mirrors.
        var in_reply_to_id: String
    }

    struct Attachment: Encodable {
        var url: String
        var mime_type: String
        var size_in_bytes: Int?
        var title: String?
    }

    public static func render(_ feed: Feed, page: Int) -> Data {
        let date = { (d: Date) in RFC3339.string(d, timeZone: feed.timeZone) }
        let author = Author(name: feed.author.name, url: feed.author.url, avatar: feed.author.avatar)
        let document = Document(
            title: feed.title,
            home_page_url: feed.homeURL,
            feed_url: feed.absolute(feed.jsonPath(page: page)),
            description: feed.description.isEmpty ? nil : feed.description,
            language: feed.language,
            icon: feed.icon,
            favicon: feed.favicon,
            authors: [author],
            author: author,
            next_url: feed.paging.older(than: page).map { feed.absolute(feed.jsonPath(page: $0)) },
            items: feed.items(onPage: page).map { item in
                Item(id: item.id, url: item.url, title: item.title, content_html: item.contentHTML, summary: item.summary,
                     date_published: date(item.published), date_modified: item.updated.map(date),
                     tags: item.tags.isEmpty ? nil : item.tags, language: item.language,
                     authors: [author], author: author,
                     attachments: item.attachments.isEmpty ? nil : item.attachments.map {
                         Attachment(url: $0.url, mime_type: $0.mimeType, size_in_bytes: $0.size, title: $0.title)
                     },
                     image: item.attachments.first?.url,
                     _samizdat: item.inReplyTo.map { Extension(in_reply_to: $0.url, in_reply_to_id: $0.ref) })
            },
            _samizdat: feed.alsoAt.isEmpty ? nil : FeedExtension(mirrors: feed.alsoAt.map {
                MirrorAddress(name: $0.name, home_page_url: $0.homeURL, feed_url: $0.jsonURL)
            }))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard var data = try? encoder.encode(document) else {
            preconditionFailure("a feed made of strings always encodes")
        }
        data.append(0x0A)
        return data
    }
}
