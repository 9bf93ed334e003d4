import Foundation
import Testing
@testable import Samizdat

/// `JSONFeed` writes its bytes itself: they must be the bytes `JSONEncoder` wrote before, for any
/// text a post can hold, and parse back to the same strings.
@Suite("JSON Feed writer")
struct JSONFeedWriterTests {
    /// Characters JSON escapes, or that encoders are known to treat apart.
    static let pool: [Character] = Array("aZ09 /\\\"'<>&{}[]:,\u{7F}\u{80}\u{A0}é\u{301}\u{2028}\u{2029}\u{FEFF}\u{FFFD}日本😀👩‍👩‍👧🇫🇷")
        + (0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }

    static func randomString<G: RandomNumberGenerator>(_ generator: inout G, maxLength: Int = 40) -> String {
        String((0..<Int.random(in: 0...maxLength, using: &generator)).map { _ in pool.randomElement(using: &generator)! })
    }

    @Test func stringsAreEscapedAsTheEncoderEscapesThemAndParseBack() throws {
        var generator = SplitMix64(seed: 9)
        for _ in 0..<2000 {
            let text = Self.randomString(&generator)
            var output = JSONOutput()
            output.string(text)
            let mine = String(decoding: output.bytes, as: UTF8.self)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            let theirs = String(decoding: try encoder.encode([text]), as: UTF8.self)
            #expect("[" + mine + "]" == theirs, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            // (JSONDecoder: JSONSerialization's parser drops a U+FEFF anywhere in the text.)
            let parsed = try JSONDecoder().decode([String].self, from: Data(("[" + mine + "]").utf8))
            #expect(parsed == [text])
        }
    }

    @Test func wholeFeedsAreTheEncodersBytes() throws {
        var generator = SplitMix64(seed: 2028)
        for round in 0..<200 {
            let feed = Self.randomFeed(&generator, items: round % 7)
            let pages = feed.paging.pages
            for page in pages {
                let mine = JSONFeed.render(feed, page: page)
                let theirs = EncodableJSONFeed.render(feed, page: page)
                #expect(mine == theirs, "round \(round) page \(page):\n\(String(decoding: mine, as: UTF8.self))\n---\n\(String(decoding: theirs, as: UTF8.self))")
                if mine != theirs { return }
            }
        }
    }

    static func randomFeed<G: RandomNumberGenerator>(_ generator: inout G, items count: Int) -> Feed {
        func maybe(_ text: @autoclosure () -> String) -> String? { Bool.random(using: &generator) ? text() : nil }
        let author = Feed.Author(name: randomString(&generator), url: maybe("https://example.org/" + randomString(&generator)),
                                 avatar: maybe(randomString(&generator)), email: nil)
        let items = (0..<count).map { n in
            Feed.Item(id: "https://example.org/\(n)", url: "https://example.org/\(n)/" + randomString(&generator, maxLength: 5),
                      title: maybe(randomString(&generator)), displayTitle: "", contentHTML: randomString(&generator, maxLength: 200),
                      summary: randomString(&generator), published: Date(timeIntervalSince1970: Double(n) * 86_400 * 17),
                      updated: Bool.random(using: &generator) ? Date(timeIntervalSince1970: Double(n) * 86_400 * 19 + 61) : nil,
                      tags: (0..<Int.random(in: 0...3, using: &generator)).map { _ in randomString(&generator, maxLength: 8) },
                      language: maybe("fr"),
                      attachments: (0..<Int.random(in: 0...2, using: &generator)).map { _ in
                          Feed.Attachment(url: "https://img.example/" + randomString(&generator, maxLength: 6), mimeType: "image/jpeg",
                                          size: Bool.random(using: &generator) ? Int.random(in: 0...9_999_999, using: &generator) : nil,
                                          title: maybe(randomString(&generator)))
                      },
                      inReplyTo: Bool.random(using: &generator) ? Feed.Reply(ref: randomString(&generator), url: randomString(&generator)) : nil)
        }
        var feed = Feed(title: randomString(&generator), description: Bool.random(using: &generator) ? "" : randomString(&generator),
                        language: "en", timeZone: TimeZone(identifier: "Europe/Paris")!, homeURL: "https://example.org/",
                        folder: Bool.random(using: &generator) ? "" : "tags/x/", baseURL: "https://example.org/", idBase: "https://example.org/",
                        author: author, icon: maybe(randomString(&generator)), favicon: maybe(randomString(&generator)),
                        posts: Array(0..<count), items: items, pageSize: 2, updated: Date(timeIntervalSince1970: 0))
        if Bool.random(using: &generator) {
            feed.alsoAt = [Feed.OtherAddress(name: randomString(&generator), homeURL: "https://mirror.example/", base: "https://mirror.example/", folder: feed.folder)]
        }
        return feed
    }
}


/// The feed as `JSONEncoder` wrote it before `JSONFeed` wrote its own bytes: the reference.
enum EncodableJSONFeed {
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
        var author: Author
        var next_url: String?
        var items: [Item]
        var _samizdat: FeedExtension?
    }

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

    struct Extension: Encodable {
        var in_reply_to: String
        var in_reply_to_id: String
    }

    struct Attachment: Encodable {
        var url: String
        var mime_type: String
        var size_in_bytes: Int?
        var title: String?
    }

    static func render(_ feed: Feed, page: Int) -> Data {
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
        var data = try! encoder.encode(document)
        data.append(0x0A)
        return data
    }
}
