import Foundation
@testable import Samizdat
import Testing

/// The addresses Hugo and Jekyll gave a file, worked out by hand from their documentation.
@Suite("OldURL")
struct OldURLTests {
    static let utc = TimeZone(secondsFromGMT: 0)!
    /// 2018-09-28 22:20:44 in Los Angeles (-07:00): the 29th in UTC.
    static let evening = Date(timeIntervalSince1970: 1_538_198_444)

    @Test(arguments: [
        ("date", "/notes/2018/09/28/hello-World.html"),
        ("pretty", "/notes/2018/09/28/hello-World/"),
        ("ordinal", "/notes/2018/271/hello-World.html"),
        ("none", "/notes/hello-World.html"),
        ("/:year/:month/:day/:title.html", "/2018/09/28/hello-World.html"),
        ("/:categories/:i_month/:slug/", "/notes/9/hello-world/"),
        ("/blog/:short_year/:title:output_ext", "/blog/18/hello-World.html"),
    ])
    func jekyllStylesAndPlaceholders(style: String, expected: String) {
        let post = OldURL.JekyllPost(title: "hello-World", titleText: nil, categories: ["Notes"], date: Self.evening,
                                     zone: TimeZone(secondsFromGMT: -7 * 3600)!)
        #expect(OldURL.jekyll(post, pattern: OldURL.jekyllStyle(style)) == expected)
    }

    @Test func jekyllWithoutCategoriesLeavesNoEmptySegment() {
        let post = OldURL.JekyllPost(title: "x", titleText: nil, categories: [], date: Self.evening, zone: Self.utc)
        #expect(OldURL.jekyll(post, pattern: OldURL.jekyllStyle(nil)) == "/2018/09/29/x.html")
    }

    @Test func anUndatedHugoPageIsAtGosZeroTime() {
        // Hugo gives a page without a date Go's zero time, 0001-01-01, a Monday.
        let permalinks = ["post": "/:section/:year/:month/:day/:weekday-:weekdayname-:yearday-:monthname/:slug/"]
        let file = OldURL.HugoFile(path: "post/unfinished/index.md", title: "Screen ratios", slug: nil, date: nil, dateZone: Self.utc)
        #expect(OldURL.hugo(file, url: nil, permalinks: permalinks, uglyURLs: false, microblog: false) == "/post/0001/01/01/1-monday-1-january/screen-ratios/")
    }

    @Test func hugoUsesTheSectionPatternTheSlugOrTheUrlizedTitle() {
        let permalinks = ["post": "/:section/:year/:month/:title/", "notes": "/:sections/:filename"]
        var file = OldURL.HugoFile(path: "post/2018/x.md", title: "Hello, World: Été!", slug: nil, date: Self.evening,
                                   dateZone: TimeZone(secondsFromGMT: -7 * 3600)!)
        #expect(OldURL.hugo(file, url: nil, permalinks: permalinks, uglyURLs: false, microblog: false) == "/post/2018/09/hello-world-été/")
        file.path = "notes/2021/03/Note.md"
        #expect(OldURL.hugo(file, url: nil, permalinks: permalinks, uglyURLs: false, microblog: false) == "/notes/2021/03/note/")
        // No pattern: the file's path, lower-cased, the slug for its name; a bundle is its folder.
        file.path = "about/Me/index.md"
        #expect(OldURL.hugo(file, url: nil, permalinks: permalinks, uglyURLs: false, microblog: false) == "/about/me/")
        file.slug = "who"
        #expect(OldURL.hugo(file, url: nil, permalinks: permalinks, uglyURLs: true, microblog: false) == "/about/who.html")
        #expect(OldURL.hugo(file, url: "/exact/Path", permalinks: permalinks, uglyURLs: false, microblog: false) == "/exact/Path/")
        // micro.blog: the day of the date's own offset, the file's name without its date.
        file = OldURL.HugoFile(path: "posts/2018-09-28-cat.md", title: nil, slug: nil, date: Self.evening, dateZone: Self.utc)
        #expect(OldURL.hugo(file, url: nil, permalinks: [:], uglyURLs: false, microblog: true) == "/2018/09/29/cat.html")
    }

    @Test(arguments: [
        ("2018-09-28 22:20:44 -0700", -7 * 3600), ("2020-02-29T23:30:00-05:00", -5 * 3600), ("2021-01-01T10:00:00Z", 0),
        ("2019-01-01 10:00:00 EST", -5 * 3600),
    ])
    func ownZoneIsTheOffsetWritten(text: String, seconds: Int) {
        #expect(OldURL.ownZone(text)?.secondsFromGMT(for: Self.evening) == seconds)
    }

    @Test func aDateWithoutZoneHasNone() {
        #expect(OldURL.ownZone("2019-09-23") == nil)
        #expect(OldURL.ownZone("2019-09-23 10:00") == nil)
    }

    @Test(arguments: [
        ("https://old.example/2018/x.html?ref=1#top", "/2018/x.html"), ("post/x", "/post/x/"), ("/", "/"), ("//a//b/", "/a/b/"),
    ])
    func addressesBecomeSitePaths(written: String, expected: String) {
        #expect(OldURL.normalized(written) == expected)
    }

    @Test func jekyllDefaultsGivePostsTheirPermalink() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jekyll-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("_posts"), withIntermediateDirectories: true)
        try Data("permalink: pretty\ndefaults:\n  - scope: {path: \"\", type: posts}\n    values: {permalink: \"/blog/:title/\"}\n".utf8)
            .write(to: folder.appendingPathComponent("_config.yml"))
        try Data("---\ntitle: A\n---\nText.\n".utf8).write(to: folder.appendingPathComponent("_posts/2020-01-02-first-post.md"))
        let site = SourceSite.jekyll(try SourceFiles(url: folder))
        #expect(site.items.map(\.oldURLs) == [["/blog/first-post/"]])
    }
}
