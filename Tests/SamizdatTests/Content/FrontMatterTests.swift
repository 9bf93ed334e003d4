import Foundation
import Testing
@testable import Samizdat

/// Front matter as Hugo and Jekyll sites write it: keys in any case, Jekyll's tag strings, other
/// URI schemes, `publishDate` and `expiryDate`, `hashtags: false`.
@Suite("Front matter from other generators")
struct FrontMatterTests {
    static let file = URL(fileURLWithPath: "/site/Content/posts/hello.md")
    /// 2026-11-20T00:00:00Z
    static let nov20 = 1_795_132_800.0

    private func parse(_ text: String, file: URL = file, sourcePath: String = "posts/hello.md",
                       kind: ContentParser.Kind = .post, config: SiteConfig = SiteConfig()) -> (ContentParser.Parsed?, [Diagnostic]) {
        ContentParser(config: config).parse(Data(text.utf8), file: file, sourcePath: sourcePath, kind: kind)
    }

    private func post(_ text: String, file: URL = file, sourcePath: String = "posts/hello.md", config: SiteConfig = SiteConfig(),
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> (Post, [Diagnostic]) {
        let (parsed, diagnostics) = parse(text, file: file, sourcePath: sourcePath, config: config)
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics.map { $0.formatted() })", sourceLocation: sourceLocation)
        return (try #require(parsed?.post, sourceLocation: sourceLocation), diagnostics)
    }

    @Test func keysInAnyCaseAreReadAsTheirLowerCaseKey() throws {
        let (post, diagnostics) = try post("---\nTitle: Hello\nDate: 2026-11-20\nTags: [Swift, iOS]\nDraft: true\nSLUG: hi\nPublishdate: 2026-11-21\n---\nText\n")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(post.title == "Hello")
        #expect(post.date.timeIntervalSince1970 == Self.nov20)
        #expect(post.tags == ["Swift", "iOS"])
        #expect(post.isDraft)
        #expect(post.slug == "hi")
        #expect(post.frontMatter.params.entries.isEmpty)
    }

    @Test func twoSpellingsOfOneKeyKeepTheLaterWithAWarning() throws {
        let (post, diagnostics) = try post("---\ndate: 2026-11-20\ntitle: First\nTitle: Second\n---\n")
        #expect(post.title == "Second")
        #expect(diagnostics.map { $0.formatted() } == [
            "/site/Content/posts/hello.md:4:1: warning: 'Title' and 'title' on line 3 are the same key; this later value is used. Keep one of them",
        ])
    }

    @Test("Duplicate YAML keys: the last wins, with a warning at the ignored one", arguments: [
        ("---\ndate: 2026-11-20\ntitle: First\ntags: [a]\ntitle: Second\n---\n", 3, 5),
        ("---\ndate: 2026-11-20\ntitle:\n  Multi\n  line\ntitle: Second # comment\n---\n", 3, 6),
    ])
    func duplicateYAMLKeys(text: String, line: Int, laterLine: Int) throws {
        let (post, diagnostics) = try post(text)
        #expect(post.title == "Second")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.location?.line == line)
        #expect(diagnostics.first?.message == "Key 'title' is given again on line \(laterLine); this value was ignored and the later one used. Remove one of them")
    }

    @Test func duplicateKeysInANestedMappingAndAListAreFoundToo() throws {
        let (post, diagnostics) = try post("---\ndate: 2026-11-20\nphotos:\n  - src: a.jpg\n    alt: One\n    alt: Two\nextra:\n  k: 1\n  k: 2\n---\n")
        #expect(post.frontMatter.photos == [.init(src: "a.jpg", alt: "Two")])
        guard case .table(let extra)? = post.frontMatter.params["extra"] else { Issue.record("no 'extra' table"); return }
        #expect(extra.entries.map(\.value) == [.integer(2)])
        #expect(diagnostics.compactMap(\.location?.line) == [5, 8])
    }

    @Test("Duplicate keys in a flow mapping: the last wins, with a warning", arguments: [
        "---\n{date: 2026-11-20, title: A, date: 2026-11-21}\n---\n",
        "---\n{date: 2026-11-20 ,\n title: A, date: 2026-11-21}\n---\n",
        "---\n{date: \"2026-11-20\", title: A,\n date: 2026-11-21}\n---\n",
    ])
    func duplicateKeysInAFlowMapping(text: String) throws {
        let (post, diagnostics) = try post(text)
        #expect(post.title == "A")
        #expect(post.date == DateParser.parse("2026-11-21", timeZone: TimeZone(identifier: "UTC")!))
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.location?.line == 2)
        #expect(diagnostics.first?.location?.column == 2)
        #expect(diagnostics.first?.message.hasPrefix("Key 'date' is given again on line ") == true)
    }

    @Test func duplicateKeysInANestedFlowMapping() throws {
        let (post, diagnostics) = try post("---\ndate: 2026-11-20\nextra: {k: 1, k: 2, j: 3}\n---\n")
        guard case .table(let extra)? = post.frontMatter.params["extra"] else { Issue.record("no 'extra' table"); return }
        #expect(extra.entries.map(\.key) == ["k", "j"])
        #expect(extra.entries.map(\.value) == [.integer(2), .integer(3)])
        #expect(diagnostics.map(\.message) == ["Key 'k' is given again on line 3; this value was ignored and the later one used. Remove one of them"])
    }

    @Test("Jekyll's tag strings are split", arguments: [
        ("tags: one two", ["one", "two"]),
        ("tags: \"swift ios\"", ["swift", "ios"]),
        ("tags: swift, ios", ["swift", "ios"]),
        ("tags: swift", ["swift"]),
        ("Tags: [two words]", ["two words"]),
    ])
    func tagStrings(line: String, expected: [String]) throws {
        #expect(try post("---\ndate: 2026-11-20\n\(line)\n---\n").0.tags == expected)
    }

    @Test func syndicationTakesAnyURIScheme() throws {
        let (post, diagnostics) = try post("---\ndate: 2026-11-20\nsyndication:\n  - at://did:plc:abc/app.bsky.feed.post/3k\n  - https://social.example/@ada/1\n  - not a url\n---\n")
        #expect(post.frontMatter.syndication == ["at://did:plc:abc/app.bsky.feed.post/3k", "https://social.example/@ada/1"])
        #expect(diagnostics.map { $0.formatted() } == [
            "/site/Content/posts/hello.md:3:1: warning: 'syndication' entry 'not a url' is not an absolute URI such as 'https://social.example/@ada/1' or 'at://…'; it was left out",
        ])
    }

    @Test func publishDateIsTheDateWhenDateIsAbsent() throws {
        #expect(try post("---\npublishDate: 2026-11-20\n---\n").0.date.timeIntervalSince1970 == Self.nov20)
        #expect(try post("---\ndate: 2026-11-20\npublishDate: 2026-11-25\n---\n").0.date.timeIntervalSince1970 == Self.nov20)
    }

    @Test func aLaterPublishDateHoldsThePostBackUntilThen() throws {
        let (post, _) = try post("---\ndate: 2026-11-20\npublishDate: 2026-11-25\n---\nSoon\n")
        #expect(post.appearsAt.timeIntervalSince1970 == Self.nov20 + 5 * 86400)
        func site(at now: Double, future: Bool = false) -> Site {
            Site(config: SiteConfig(), posts: [post], pages: [], now: Date(timeIntervalSince1970: now), includeDrafts: false, includeFuture: future)
        }
        let before = site(at: Self.nov20 + 3 * 86400)
        #expect(before.posts.isEmpty)
        #expect(before.heldBackItems == [HeldBack(source: Self.file, reason: .future)])
        #expect(site(at: Self.nov20 + 3 * 86400, future: true).posts.count == 1)
        let after = site(at: Self.nov20 + 5 * 86400)
        #expect(after.posts.map(\.date.timeIntervalSince1970) == [Self.nov20])
        #expect(after.heldBackItems.isEmpty)
        // An earlier publishDate does not hold a post back past its date.
        let (early, _) = try self.post("---\ndate: 2026-11-20\npublishDate: 2026-11-01\n---\n")
        #expect(early.appearsAt.timeIntervalSince1970 == Self.nov20)
    }

    @Test func expiryDateIsRead() throws {
        let (post, _) = try post("---\ndate: 2026-11-20\nexpiryDate: 2026-11-22 10:00 EST\n---\n")
        #expect(post.frontMatter.expiryDate?.timeIntervalSince1970 == Self.nov20 + 2 * 86400 + 15 * 3600)
    }

    @Test func hashtagsFalseKeepsHashesAsText() throws {
        let (post, _) = try post("---\ndate: 2026-11-20\nhashtags: false\n---\nThe #rust IRC channel\n")
        #expect(post.tags.isEmpty)
        #expect(post.content.html == "<p>The #rust IRC channel</p>\n")
        var config = SiteConfig()
        config.hashtags = false
        #expect(try self.post("---\ndate: 2026-11-20\n---\nThe #rust IRC\n", config: config).0.tags.isEmpty)
        #expect(try self.post("---\ndate: 2026-11-20\n---\nThe #rust IRC\n").0.tags == ["rust"])
    }

    @Test("Jekyll's date in the file name, when there is no 'date'", arguments: [
        ("/site/Content/posts/2010-09-12-wordpress-resume-plugin.md", "posts/2010-09-12-wordpress-resume-plugin.md", "/2010/09/12/wordpress-resume-plugin/"),
        ("/site/Content/_posts/2010-09-12-x.md", "_posts/2010-09-12-x.md", "/2010/09/12/x/"),
        ("/site/Content/posts/2010-09-12-bundle/index.md", "posts/2010-09-12-bundle/index.md", "/2010/09/12/bundle/"),
    ])
    func jekyllFileNameDate(path: String, sourcePath: String, expected: String) throws {
        var config = SiteConfig()
        config.postFolders = ["posts", "_posts"]
        let (post, diagnostics) = try post("---\ntitle: Résumé\n---\nText\n", file: URL(fileURLWithPath: path), sourcePath: sourcePath, config: config)
        #expect(diagnostics.isEmpty)
        #expect(post.path == expected)
        // Without front matter at all, too.
        #expect(try self.post("Text\n", file: URL(fileURLWithPath: path), sourcePath: sourcePath, config: config).0.path == expected)
    }

    @Test func theFrontMatterDateWinsOverTheFileName() throws {
        let (post, _) = try post("---\ndate: 2026-11-20\n---\n", file: URL(fileURLWithPath: "/site/Content/posts/2010-09-12-x.md"), sourcePath: "posts/2010-09-12-x.md")
        #expect(post.path == "/2026/11/20/x/")
    }

    @Test("Relative aliases are resolved against the file's folder, as Hugo does", arguments: [
        ("posts/hello.md", "post/old-name", "/posts/post/old-name/"),
        ("posts/2019/hello.md", "old-name/", "/posts/2019/old-name/"),
        ("posts/2019/hello/index.md", "../old.html", "/posts/old.html"),
        ("posts/hello.md", "/absolute/", "/absolute/"),
    ])
    func relativeAliases(sourcePath: String, alias: String, expected: String) throws {
        let (post, diagnostics) = try post("---\ndate: 2026-11-20\naliases: ['\(alias)']\n---\n",
                                           file: URL(fileURLWithPath: "/site/Content/" + sourcePath), sourcePath: sourcePath)
        #expect(diagnostics.isEmpty)
        #expect(post.frontMatter.aliases == [expected])
    }

    @Test func jsonFrontMatter() throws {
        let (post, diagnostics) = try post("""
            {
              "title": "From JSON",
              "date": "2026-11-20T00:00:00Z",
              "tags": ["a", "b"],
              "draft": false
            }
            Body with a {brace}.
            """)
        #expect(diagnostics.isEmpty)
        #expect(post.title == "From JSON")
        #expect(post.date.timeIntervalSince1970 == Self.nov20)
        #expect(post.tags == ["a", "b"])
        #expect(post.content.html == "<p>Body with a {brace}.</p>\n")
    }

    @Test func jsonFrontMatterErrorsHaveTheFileLine() {
        let (parsed, diagnostics) = parse("{\n  \"title\": \"x\",\n  \"date\": [\n}\nBody\n")
        #expect(parsed == nil)
        #expect(diagnostics.first?.location?.line == 4, "\(diagnostics.map { $0.formatted() })")
    }

    @Test("A body that starts with a brace is not JSON", arguments: ["{{< figure src=\"x.png\" >}}\n", "{% include x.html %}\n"])
    func bodyStartingWithABrace(text: String) throws {
        let (parsed, diagnostics) = parse(text, file: URL(fileURLWithPath: "/site/Content/about.md"), sourcePath: "about.md", kind: .page)
        #expect(diagnostics.isEmpty)
        #expect(parsed?.page?.content.html.contains("{") == true)
    }

    @Test func photosTheTextShowsAreNotRepeated() throws {
        let (post, _) = try post("""
            ---
            date: 2026-11-20
            photos:
              - {src: "https://ada.micro.blog/uploads/2026/a.jpg", alt: A}
              - {src: "https://ada.micro.blog/uploads/2026/b.jpg", alt: B}
              - {src: "https://ada.micro.blog/uploads/2026/c.jpg", alt: C}
            ---
            <img src="https://ada.micro.blog/uploads/2026/a.jpg" width="600">

            ![B](https://ada.micro.blog/uploads/2026/b.jpg)
            """)
        #expect(post.photos.map(\.url) == ["https://ada.micro.blog/uploads/2026/c.jpg"])
    }
}
