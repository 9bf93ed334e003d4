import Foundation
import Testing
@testable import Samizdat

@Suite("SitePlan")
struct SitePlanTests {
    static let paris = TimeZone(identifier: "Europe/Paris")!
    static let utc = TimeZone(identifier: "UTC")!
    /// 2026-11-21T12:00:00Z
    static let now = Date(timeIntervalSince1970: 1_795_262_400)

    static func config(perPage: Int = 2, timeZone: TimeZone = paris) -> SiteConfig {
        var config = SiteConfig()
        config.postsPerPage = perPage
        config.timeZone = timeZone
        return config
    }

    static func file(_ sourcePath: String) -> URL {
        URL(fileURLWithPath: "/site/Content/" + sourcePath)
    }

    /// A post parsed from inline front matter; `name` is the path below `posts/` without `.md`.
    static func post(_ name: String, _ frontMatter: String, config: SiteConfig = config(),
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Post {
        let sourcePath = "posts/\(name).md"
        let (parsed, diagnostics) = ContentParser(config: config)
            .parse(Data("---\n\(frontMatter)\n---\nBody of \(name).\n".utf8), file: file(sourcePath), sourcePath: sourcePath, kind: .post)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.formatted() })", sourceLocation: sourceLocation)
        guard case .post(let post)? = parsed else {
            try #require(Bool(false), "\(name) did not parse", sourceLocation: sourceLocation)
            fatalError()
        }
        return post
    }

    static func page(_ sourcePath: String, _ frontMatter: String = "title: Page",
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Page {
        let (parsed, diagnostics) = ContentParser(config: config())
            .parse(Data("---\n\(frontMatter)\n---\nText.\n".utf8), file: file(sourcePath), sourcePath: sourcePath, kind: .page)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.formatted() })", sourceLocation: sourceLocation)
        guard case .page(let page)? = parsed else {
            try #require(Bool(false), "\(sourcePath) did not parse", sourceLocation: sourceLocation)
            fatalError()
        }
        return page
    }

    /// Four published posts over two years, one draft, one future post.
    static func samplePosts() throws -> [Post] {
        [
            try post("c", "date: 2026-11-20 09:00\ntags: [CAFÉ, swift]"),
            try post("a", "date: 2025-12-31 10:00\ntags: [Café]\naliases: [/old/cafe.html, /2019/cafe/]"),
            try post("e", "date: 2026-11-19\ndraft: true\ntags: [drafts]"),
            try post("d", "date: 2026-11-20 18:00\ntags: [Swift, swift]"),
            try post("f", "date: 2026-12-01\ntags: [future]"),
            try post("b", "date: 2026-01-15 10:00\ntags: [cafe, Swift]"),
        ]
    }

    static func sampleSite(includeDrafts: Bool = false, includeFuture: Bool = false, pages: [Page] = []) throws -> Site {
        Site(config: config(), posts: try samplePosts(), pages: pages, now: now, includeDrafts: includeDrafts, includeFuture: includeFuture)
    }

    // MARK: Site

    @Test func postsAreNewestFirstWithDraftsAndFuturePostsHeldBack() throws {
        let site = try Self.sampleSite()
        #expect(site.posts.map(\.slug) == ["d", "c", "b", "a"])
        #expect(site.heldBack == 2)
    }

    @Test("Drafts and future posts are included on request", arguments: [
        (true, false, ["d", "c", "e", "b", "a"], 1),
        (false, true, ["f", "d", "c", "b", "a"], 1),
        (true, true, ["f", "d", "c", "e", "b", "a"], 0),
    ])
    func inclusion(drafts: Bool, future: Bool, slugs: [String], heldBack: Int) throws {
        let site = try Self.sampleSite(includeDrafts: drafts, includeFuture: future)
        #expect(site.posts.map(\.slug) == slugs)
        #expect(site.heldBack == heldBack)
    }

    @Test func aPostDatedExactlyNowIsPublished() throws {
        let post = try Self.post("now", "date: 2026-11-21T12:00:00Z")
        let site = Site(config: Self.config(), posts: [post], pages: [], now: Self.now, includeDrafts: false, includeFuture: false)
        #expect(site.posts.count == 1)
        let later = Site(config: Self.config(), posts: [post], pages: [], now: Self.now.addingTimeInterval(-1), includeDrafts: false, includeFuture: false)
        #expect(later.posts.isEmpty)
        #expect(later.heldBack == 1)
    }

    @Test func postsOfTheSameDateAreOrderedBySourcePath() throws {
        let posts = [
            try Self.post("2026/z-last", "date: 2026-11-20 09:00"),
            try Self.post("2026/a-first", "date: 2026-11-20 09:00"),
            try Self.post("2026/m-middle", "date: 2026-11-20 09:00"),
        ]
        let site = Site(config: Self.config(), posts: posts, pages: [], now: Self.now, includeDrafts: false, includeFuture: false)
        #expect(site.posts.map(\.sourcePath) == ["posts/2026/a-first.md", "posts/2026/m-middle.md", "posts/2026/z-last.md"])
    }

    @Test func tagsGroupCaseAndAccentInsensitivelyKeepingTheOldestSpelling() throws {
        let site = try Self.sampleSite()
        #expect(site.tags.map(\.name) == ["Café", "Swift"])
        #expect(site.tags.map(\.slug) == ["cafe", "swift"])
        // Indices into posts (d, c, b, a), newest first; d lists "Swift" twice but appears once.
        #expect(site.tags.map(\.posts) == [[1, 2, 3], [0, 1, 2]])
    }

    @Test func tagsWithoutAUsableSlugAreSkipped() throws {
        let post = try Self.post("p", "date: 2026-11-20\ntags: ['🎉', ok]")
        let site = Site(config: Self.config(), posts: [post], pages: [], now: Self.now, includeDrafts: false, includeFuture: false)
        #expect(site.tags.map(\.slug) == ["ok"])
    }

    @Test func yearsAndMonthsAreNewestFirst() throws {
        let site = try Self.sampleSite()
        #expect(site.years.map(\.year) == [2026, 2025])
        #expect(site.years[0].months.map(\.month) == [11, 1])
        #expect(site.years[0].months.map(\.posts) == [[0, 1], [2]])
        #expect(site.years[1].months.map(\.month) == [12])
        #expect(site.years.map(\.postCount) == [3, 1])
    }

    @Test func archiveMonthFollowsTheSiteTimeZone() throws {
        // 2026-10-31T23:30Z is 1 November in Paris but still October in UTC.
        let text = "date: 2026-10-31T23:30:00Z"
        let inParis = Site(config: Self.config(timeZone: Self.paris), posts: [try Self.post("halloween", text, config: Self.config(timeZone: Self.paris))],
                           pages: [], now: Self.now, includeDrafts: false, includeFuture: false)
        let inUTC = Site(config: Self.config(timeZone: Self.utc), posts: [try Self.post("halloween", text, config: Self.config(timeZone: Self.utc))],
                         pages: [], now: Self.now, includeDrafts: false, includeFuture: false)
        #expect(SitePlan(site: inParis).entries.map(\.outputPath).filter { $0.hasPrefix("2026/1") } == ["2026/11/01/halloween/index.html", "2026/11/index.html"])
        #expect(SitePlan(site: inUTC).entries.map(\.outputPath).filter { $0.hasPrefix("2026/1") } == ["2026/10/31/halloween/index.html", "2026/10/index.html"])
    }

    @Test func draftPagesAreHeldBack() throws {
        let pages = [try Self.page("about.md"), try Self.page("secret.md", "draft: true")]
        let site = try Self.sampleSite(pages: pages)
        #expect(site.pages.map(\.path) == ["/about/"])
        #expect(site.heldBack == 3)
        let withDrafts = try Self.sampleSite(includeDrafts: true, pages: pages)
        #expect(withDrafts.pages.map(\.path) == ["/about/", "/secret/"])
    }

    // MARK: Plan

    @Test func everyOutputPath() throws {
        let plan = SitePlan(site: try Self.sampleSite())
        #expect(plan.entries.map(\.outputPath) == [
            "index.html",
            "page/1/index.html",
            "2026/11/20/d/index.html",
            "2026/11/20/c/index.html",
            "2026/01/15/b/index.html",
            "2025/12/31/a/index.html",
            "old/cafe.html",
            "2019/cafe/index.html",
            "tags/index.html",
            "tags/cafe/index.html",
            "tags/swift/index.html",
            "archive/index.html",
            "2026/index.html",
            "2026/11/index.html",
            "2026/01/index.html",
            "2025/index.html",
            "2025/12/index.html",
            "404.html",
        ])
        #expect(plan.clashes().isEmpty)
    }

    @Test func entryKindsTemplatesAndURLPaths() throws {
        let plan = SitePlan(site: try Self.sampleSite())
        let byPath = Dictionary(uniqueKeysWithValues: plan.entries.map { ($0.outputPath, $0) })
        let aSource = Samizdat.SourceLocation(file: Self.file("posts/a.md"))

        let expected: [(String, String, String, SitePlan.Kind, Samizdat.SourceLocation?)] = [
            ("index.html", "/", "timeline", .timeline(page: 0, archived: 1), nil),
            ("page/1/index.html", "/page/1/", "timeline", .timeline(page: 1, archived: 1), nil),
            ("2026/11/20/d/index.html", "/2026/11/20/d/", "post", .post(0), Samizdat.SourceLocation(file: Self.file("posts/d.md"))),
            ("2025/12/31/a/index.html", "/2025/12/31/a/", "post", .post(3), aSource),
            ("old/cafe.html", "/old/cafe.html", "alias", .alias(to: "/2025/12/31/a/", from: aSource), aSource),
            ("2019/cafe/index.html", "/2019/cafe/", "alias", .alias(to: "/2025/12/31/a/", from: aSource), aSource),
            ("tags/index.html", "/tags/", "tags", .tagIndex, nil),
            ("tags/cafe/index.html", "/tags/cafe/", "tag", .tag(0, page: 0, archived: 0), nil),
            ("tags/swift/index.html", "/tags/swift/", "tag", .tag(1, page: 0, archived: 0), nil),
            ("archive/index.html", "/archive/", "archive", .archive, nil),
            ("2026/index.html", "/2026/", "year", .year(0), nil),
            ("2026/01/index.html", "/2026/01/", "month", .month(year: 0, month: 1), nil),
            ("2025/12/index.html", "/2025/12/", "month", .month(year: 1, month: 0), nil),
            ("404.html", "/404.html", "404", .notFound, nil),
        ]
        for (outputPath, urlPath, template, kind, source) in expected {
            let entry = try #require(byPath[outputPath], "no entry for \(outputPath)")
            #expect(entry.urlPath == urlPath, "\(outputPath)")
            #expect(entry.template == template, "\(outputPath)")
            #expect(entry.kind == kind, "\(outputPath)")
            #expect(entry.source == source, "\(outputPath)")
        }
    }

    /// Pages are counted from the oldest post; the front page holds what does not fill a page
    /// plus the newest full page.
    @Test("Timeline pagination", arguments: [
        (0, ["index.html"]),
        (1, ["index.html"]),
        (3, ["index.html"]),
        (5, ["index.html"]),
        (6, ["index.html", "page/1/index.html"]),
        (8, ["index.html", "page/1/index.html"]),
        (9, ["index.html", "page/1/index.html", "page/2/index.html"]),
    ])
    func timelinePagination(count: Int, expected: [String]) throws {
        let posts = try (0..<count).map { try Self.post("p\($0)", "date: 2026-11-\(String(format: "%02d", $0 + 1))") }
        let site = Site(config: Self.config(perPage: 3), posts: posts, pages: [], now: Self.now, includeDrafts: false, includeFuture: false)
        let timeline = SitePlan(site: site).entries.filter { $0.template == "timeline" }
        #expect(timeline.map(\.outputPath) == expected)
        #expect(timeline.map(\.kind) == expected.indices.map { .timeline(page: $0, archived: expected.count - 1) })
    }

    @Test func tagPaginationUsesPostsPerPage() throws {
        let posts = try (1...7).map { try Self.post("p\($0)", "date: 2026-11-0\($0)\ntags: [Vélo]") }
        let site = Site(config: Self.config(perPage: 2), posts: posts, pages: [], now: Self.now, includeDrafts: false, includeFuture: false)
        let tagPages = SitePlan(site: site).entries.filter { $0.template == "tag" }
        #expect(tagPages.map(\.urlPath) == ["/tags/velo/", "/tags/velo/page/1/", "/tags/velo/page/2/"])
        #expect(tagPages.map(\.kind) == [.tag(0, page: 0, archived: 2), .tag(0, page: 1, archived: 2), .tag(0, page: 2, archived: 2)])
    }

    @Test func emptySiteStillHasItsFixedPages() {
        let site = Site(config: Self.config(), posts: [], pages: [], now: Self.now, includeDrafts: false, includeFuture: false)
        #expect(SitePlan(site: site).entries.map(\.outputPath) == ["index.html", "tags/index.html", "archive/index.html", "404.html"])
    }

    @Test func pagesUseTheirLayoutAndAliases() throws {
        let pages = [
            try Self.page("about.md", "title: About\naliases: [/about-me/]"),
            try Self.page("now/index.md", "title: Now\nlayout: wide"),
        ]
        let site = Site(config: Self.config(), posts: [], pages: pages, now: Self.now, includeDrafts: false, includeFuture: false)
        let entries = SitePlan(site: site).entries.filter { $0.template != "timeline" && $0.kind != .tagIndex && $0.kind != .archive && $0.kind != .notFound }
        #expect(entries.map(\.outputPath) == ["about/index.html", "about-me/index.html", "now/index.html"])
        #expect(entries.map(\.template) == ["page", "alias", "wide"])
        #expect(entries.map(\.kind) == [.page(0), .alias(to: "/about/", from: Samizdat.SourceLocation(file: Self.file("about.md"))), .page(1)])
    }

    @Test func postLayoutOverridesTheTemplate() throws {
        let post = try Self.post("photo", "date: 2026-11-20\nlayout: photo")
        let site = Site(config: Self.config(), posts: [post], pages: [], now: Self.now, includeDrafts: false, includeFuture: false)
        #expect(SitePlan(site: site).entries.first { $0.kind == .post(0) }?.template == "photo")
    }

    @Test("Output paths", arguments: [
        ("/", "index.html"), ("/a/b/", "a/b/index.html"), ("/old/post.html", "old/post.html"), ("/404.html", "404.html"),
    ])
    func outputPath(urlPath: String, expected: String) {
        #expect(SitePlan.outputPath(for: urlPath) == expected)
    }

    @Test func paginated() {
        #expect(SitePlan.paginated("/tags/x/", 0) == "/tags/x/")
        #expect(SitePlan.paginated("/tags/x/", 1) == "/tags/x/page/1/")
        #expect(SitePlan.paginated("/tags/x/", 2) == "/tags/x/page/2/")
        #expect(SitePlan.paginated("/", 10) == "/page/10/")
    }

    // MARK: Clashes

    @Test func twoPostsWithTheSamePathAreBothReported() throws {
        let posts = [
            try Self.post("x/hello", "date: 2026-11-20 10:00"),
            try Self.post("y/hello", "date: 2026-11-20 11:00"),
        ]
        let site = Site(config: Self.config(), posts: posts, pages: [], now: Self.now, includeDrafts: false, includeFuture: false)
        let clashes = SitePlan(site: site).clashes()
        #expect(clashes == [
            .error("Output path '2026/11/20/hello/index.html' is also written by '/site/Content/posts/x/hello.md'. Give one of them a different 'slug' or date",
                   at: Samizdat.SourceLocation(file: Self.file("posts/y/hello.md"))),
            .error("Output path '2026/11/20/hello/index.html' is also written by '/site/Content/posts/y/hello.md'. Give one of them a different 'slug' or date",
                   at: Samizdat.SourceLocation(file: Self.file("posts/x/hello.md"))),
        ])
    }

    @Test func pageNamedTagsClashesWithTheTagIndex() throws {
        let site = Site(config: Self.config(), posts: [], pages: [try Self.page("tags.md")], now: Self.now, includeDrafts: false, includeFuture: false)
        let clashes = SitePlan(site: site).clashes()
        let tagsFile = Self.file("tags.md")
        let located = clashes.filter { $0.location?.file == tagsFile }
        #expect(located == [
            .error("Output path 'tags/index.html' is also written by the generated tags page. Give one of them a different 'slug' or date",
                   at: Samizdat.SourceLocation(file: tagsFile)),
        ])
        #expect(clashes.allSatisfy { $0.message.hasPrefix("Output path 'tags/index.html' ") })
    }

    @Test func aliasOverAPostIsReported() throws {
        let posts = [
            try Self.post("first", "date: 2026-11-20"),
            try Self.post("second", "date: 2026-11-21\naliases: [/2026/11/20/first/]"),
        ]
        let site = Site(config: Self.config(), posts: posts, pages: [], now: Self.now, includeDrafts: false, includeFuture: false)
        let clashes = SitePlan(site: site).clashes()
        #expect(clashes.map(\.message).sorted() == [
            "Output path '2026/11/20/first/index.html' is also written by '/site/Content/posts/first.md'. Give one of them a different 'slug' or date",
            "Output path '2026/11/20/first/index.html' is also written by an alias in second.md. Give one of them a different 'slug' or date",
        ])
        #expect(Set(clashes.compactMap { $0.location?.file }) == [Self.file("posts/first.md"), Self.file("posts/second.md")])
    }

    @Test func postLandingOnAnArchivePageIsReported() throws {
        var config = Self.config()
        config.permalink = try Permalink(pattern: "/:year/:slug/")
        let post = try Self.post("eleven", "date: 2026-11-20\nslug: '11'", config: config)
        let site = Site(config: config, posts: [post], pages: [], now: Self.now, includeDrafts: false, includeFuture: false)
        let clashes = SitePlan(site: site).clashes()
        #expect(clashes.count == 2)
        #expect(clashes.contains(.error(
            "Output path '2026/11/index.html' is also written by the generated month page. Give one of them a different 'slug' or date",
            at: Samizdat.SourceLocation(file: Self.file("posts/eleven.md")))))
    }

    /// `about/index.html` and `About/index.html` are one file on the default file systems of macOS
    /// and Windows: the alias silently replaces the page there. The plan compares paths
    /// case-sensitively and sees no clash.
    @Test func pathsDifferingOnlyByCaseClash() throws {
        let post = try Self.post("moved", "date: 2026-11-20\naliases: [/About/]")
        let site = Site(config: Self.config(), posts: [post], pages: [try Self.page("about.md")], now: Self.now, includeDrafts: false, includeFuture: false)
        let clashes = SitePlan(site: site).clashes()
        #expect(clashes.count == 2)
        #expect(Set(clashes.compactMap { $0.location?.file }) == [Self.file("posts/moved.md"), Self.file("about.md")])
    }

    @Test func clashWithAGeneratedFileIsReported() throws {
        let post = try Self.post("feedy", "date: 2026-11-20\naliases: [/feed.xml]")
        let site = Site(config: Self.config(), posts: [post], pages: [], now: Self.now, includeDrafts: false, includeFuture: false)
        let clashes = SitePlan(site: site).clashes(extraPaths: ["feed.xml": "generated RSS feed", "atom.xml": "generated Atom feed"])
        #expect(clashes == [
            .error("Output path 'feed.xml' clashes with the generated RSS feed. Give this file a different 'slug'",
                   at: Samizdat.SourceLocation(file: Self.file("posts/feedy.md"))),
        ])
    }

    @Test func aFileWhereAnotherOutputNeedsAFolderIsReported() throws {
        let post = try Self.post("moved", "date: 2026-11-20\naliases: [/old/notes.html, /old/notes.html/more/]")
        let site = Site(config: Self.config(), posts: [post], pages: [try Self.page("about.md")], now: Self.now, includeDrafts: false, includeFuture: false)
        let plan = SitePlan(site: site)
        let clashes = plan.clashes(extraPaths: ["About": "file Public/About", "tags/x/atom.xml": "generated feed tags/x/atom.xml",
                                                "2026/11/20/moved/index.html/pic.png": "file Public/2026/11/20/moved/index.html/pic.png"],
                                   extraSources: ["About": SourceLocation(file: Self.file("About"))])
        #expect(clashes.map(\.message) == [
            "Output path '2026/11/20/moved/index.html/pic.png' needs a folder '2026/11/20/moved/index.html', which is written as a file by '\(Self.file("posts/moved.md").path)'. Rename or remove one of them",
            // Case-insensitive, as on macOS: `About` is where `about/` goes.
            "Output path 'about/index.html' needs a folder 'about', which is written as a file by the file Public/About. Rename or remove one of them",
            "Output path 'old/notes.html/more/index.html' needs a folder 'old/notes.html', which is written as a file by an alias in moved.md. Rename or remove one of them",
        ])
        #expect(clashes[1].location?.file == Self.file("about.md"))
        // Folders many files share (`tags/x/` of a feed and of pages) are no clash.
        let plain = Site(config: Self.config(), posts: [try Self.post("plain", "date: 2026-11-20\ntags: [x]")], pages: [], now: Self.now,
                         includeDrafts: false, includeFuture: false)
        #expect(SitePlan(site: plain).clashes(extraPaths: ["tags/x/atom.xml": "generated feed", "2026/11/feed.json": "generated feed"]).isEmpty)
    }
}
