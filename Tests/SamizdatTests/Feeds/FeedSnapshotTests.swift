import Foundation
import Testing
@testable import Samizdat

@Suite("Feed snapshots")
struct FeedSnapshotTests {
    static func site() throws -> Site {
        let yaml = """
            title: Snapshot & Co
            description: Three posts, pinned in place.
            base_url: https://example.org/
            language: en
            timezone: Europe/Paris
            author: {name: Ada, url: https://example.org/about/, avatar: /ada.png}
            feeds: {items: 2}
            """
        let (config, problems) = SiteConfig.parse(yaml: yaml, file: URL(fileURLWithPath: "/site/site.yml"))
        try #require(problems.isEmpty)
        let parser = ContentParser(config: config)
        let sources = [
            ("posts/a.md", "---\ntitle: An <article> & more\ndate: 2026-11-20 14:05\nupdated: 2026-11-21\ntags: [swift, web]\nsummary: About things.\n---\nSee [the note](/2026/11/21/b/) and ![a cat](/cat.png).\n"),
            ("posts/b.md", "---\ndate: 2026-11-21T09:00:00+01:00\n---\nA note, no title.\n"),
            ("posts/c.md", "---\ndate: 2026-11-22\nlang: fr\nid: tag:example.org,2026:c\n---\nUne note en français.\n"),
            ("posts/d.md", "---\ndate: 2026-11-23T08:00:00+01:00\n---\nA fourth note.\n"),
            ("posts/e.md", "---\ndate: 2026-11-24T08:00:00+01:00\n---\nThe newest note.\n"),
        ]
        var posts: [Post] = []
        for (path, text) in sources {
            let (parsed, diagnostics) = parser.parse(Data(text.utf8), file: URL(fileURLWithPath: "/site/Content/\(path)"), sourcePath: path, kind: .post)
            try #require(diagnostics.isEmpty, "\(diagnostics)")
            guard case .post(let post) = parsed else { Issue.record("not a post"); continue }
            posts.append(post)
        }
        let now = try #require(DateParser.parse("2026-12-01", timeZone: .gmt))
        return Site(config: config, posts: posts, pages: [], now: now, includeDrafts: false, includeFuture: false)
    }

    @Test func rss() throws {
        let feed = try #require(Feed.all(for: try Self.site()).first)
        expectSnapshot(RSSFeed.render(feed), named: "timeline.rss.xml")
    }

    /// Five posts, two per page counted from the oldest: the feed holds the newest three, its one
    /// archive document the oldest two.
    @Test func atomFeedAndArchive() throws {
        let feed = try #require(Feed.all(for: try Self.site()).first)
        #expect(feed.paging.archived == 1)
        #expect(feed.items(onPage: 0).map(\.url).map { $0.suffix(3) } == ["/e/", "/d/", "/c/"])
        #expect(feed.items(onPage: 1).map(\.url).map { $0.suffix(3) } == ["/b/", "/a/"])
        expectSnapshot(AtomFeed.render(feed, page: 0), named: "timeline.atom.xml")
        expectSnapshot(AtomFeed.render(feed, page: 1), named: "timeline.atom.1.xml")
    }

    @Test func jsonFeedAndOlderPage() throws {
        let feed = try #require(Feed.all(for: try Self.site()).first)
        expectSnapshot(String(decoding: JSONFeed.render(feed, page: 0), as: UTF8.self), named: "timeline.feed.json")
        expectSnapshot(String(decoding: JSONFeed.render(feed, page: 1), as: UTF8.self), named: "timeline.feed.1.json")
    }

    @Test func tagFeedsHoldOnlyTheirPosts() throws {
        let feeds = Feed.all(for: try Self.site())
        #expect(feeds.map(\.folder) == ["", "tags/swift/", "tags/web/"])
        #expect(feeds[1].items.map(\.url) == ["https://example.org/2026/11/20/a/"])
        #expect(feeds[1].title == "Snapshot & Co — #swift")
    }
}
