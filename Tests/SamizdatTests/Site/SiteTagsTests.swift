import Foundation
import Testing
@testable import Samizdat

@Suite("Site tags and feed ids")
struct SiteTagsTests {
    static let now = SitePlanTests.now

    private func site(_ posts: [Post], config: SiteConfig = SitePlanTests.config()) -> Site {
        Site(config: config, posts: posts, pages: [], now: Self.now, includeDrafts: false, includeFuture: false)
    }

    @Test("Tag slugs spell out # and +", arguments: [
        ("C", "c"), ("C#", "c-sharp"), ("C++", "c-plus-plus"), ("F#", "f-sharp"), ("A+", "a-plus"), ("Vélo", "velo"),
    ])
    func tagSlugs(name: String, slug: String) {
        #expect(Slug.tag(name) == slug)
    }

    @Test func namesDifferingInCaseOrAccentsAreOneTag() throws {
        let posts = [
            try SitePlanTests.post("a", "date: 2026-11-01\ntags: [Vélo]"),
            try SitePlanTests.post("b", "date: 2026-11-02\ntags: [velo, VELO]"),
        ]
        let site = site(posts)
        #expect(site.tags.map(\.slug) == ["velo"])
        #expect(site.tags.first?.name == "Vélo", "the oldest spelling names the tag")
        #expect(site.tags.first?.posts.count == 2)
        #expect(posts[1].tags == ["velo"], "VELO is the same tag as velo in one post")
        #expect(site.problems.isEmpty)
    }

    @Test func cCSharpAndCPlusPlusAreThreeTags() throws {
        let post = try SitePlanTests.post("a", "date: 2026-11-01\ntags: [C, C#, C++]")
        #expect(post.tags == ["C", "C#", "C++"])
        let site = site([post])
        #expect(site.tags.map(\.slug) == ["c", "c-plus-plus", "c-sharp"])
        #expect(site.tagSlug(for: "c#") == "c-sharp")
    }

    @Test func differentNamesSharingASlugAreNumberedWithAWarning() throws {
        let posts = [
            try SitePlanTests.post("a", "date: 2026-11-01\ntags: [foo bar]"),
            try SitePlanTests.post("b", "date: 2026-11-02\ntags: [foo-bar]"),
        ]
        let site = site(posts)
        #expect(site.tagSlug(for: "foo bar") == "foo-bar")
        #expect(site.tagSlug(for: "foo-bar") == "foo-bar-2")
        #expect(site.problems.map { $0.formatted() } == [
            "/site/Content/posts/b.md: warning: Tags 'foo bar' and 'foo-bar' would share the page 'tags/foo-bar/'; 'foo-bar' is at 'tags/foo-bar-2/'. Spell them the same if they are one tag",
        ])
    }

    /// A post parsed from a whole file's text.
    private func post(_ name: String, _ text: String) throws -> Post {
        let sourcePath = "posts/\(name).md"
        let (parsed, _) = ContentParser(config: SitePlanTests.config())
            .parse(Data(text.utf8), file: SitePlanTests.file(sourcePath), sourcePath: sourcePath, kind: .post)
        guard case .post(let post)? = parsed else { throw CocoaError(.fileReadCorruptFile) }
        return post
    }

    @Test func hashtagsInTheTextLinkTheTagsNumberedPage() throws {
        let site = site([
            try post("one", "---\ndate: 2026-11-01\ntags: [foo bar]\n---\nOne.\n"),
            try post("two", "---\ndate: 2026-11-02\n---\nTwo #foo_bar.\n"),
        ])
        #expect(site.tagSlug(for: "foo_bar") == "foo-bar-2")
        let two = try #require(site.posts.first { $0.sourcePath == "posts/two.md" })
        #expect(two.content.html.contains(#"href="__SZ_ROOT__/tags/foo-bar-2/__SZ_INDEX__" rel="tag">#foo_bar</a>"#), "\(two.content.html)")
        #expect(two.listHTML.contains(#"href="__SZ_ROOT__/tags/foo-bar-2/__SZ_INDEX__" rel="tag">#foo_bar</a>"#))
    }

    @Test func everySpellingOfARenumberedHashtagIsRelinkedInPostsAndPages() throws {
        let (parsed, _) = ContentParser(config: SitePlanTests.config())
            .parse(Data("---\ntitle: About\n---\nSee #foo_bar.\n".utf8), file: SitePlanTests.file("about.md"), sourcePath: "about.md", kind: .page)
        guard case .page(let page)? = parsed else { throw CocoaError(.fileReadCorruptFile) }
        let site = Site(config: SitePlanTests.config(), posts: [
            try post("one", "---\ndate: 2026-11-01\ntags: [foo bar]\n---\nOne.\n"),
            try post("two", "---\ndate: 2026-11-02\n---\nTwo #foo_bar and #Foo_Bar.\n"),
        ], pages: [page], now: Self.now, includeDrafts: false, includeFuture: false)
        let two = try #require(site.posts.first { $0.sourcePath == "posts/two.md" })
        #expect(two.content.html.contains(#"href="__SZ_ROOT__/tags/foo-bar-2/__SZ_INDEX__" rel="tag">#Foo_Bar</a>"#), "\(two.content.html)")
        #expect(!two.content.html.contains("tags/foo-bar/"))
        #expect(site.pages[0].content.html.contains(#"href="__SZ_ROOT__/tags/foo-bar-2/__SZ_INDEX__" rel="tag">#foo_bar</a>"#))
        let one = try #require(site.posts.first { $0.sourcePath == "posts/one.md" })
        #expect(one.content.html == "<p>One.</p>\n")
    }

    @Test func aFrontMatterTagWrittenWithAHashIsTheSameTag() throws {
        let site = site([
            try post("one", "---\ndate: 2026-11-01\ntags: [\"#swift\"]\n---\nOne.\n"),
            try post("two", "---\ndate: 2026-11-02\ntags: [swift]\n---\nTwo #swift.\n"),
        ])
        #expect(site.tags.map(\.slug) == ["swift"])
        #expect(site.tags.first?.name == "swift")
        #expect(site.tags.first?.posts.count == 2)
    }

    @Test("Ids that are absolute IRIs", arguments: [
        ("urn:uuid:7f1b7c2e-3f4a-4a57-9a43-0d5e6c1f2b3a", true), ("tag:example.org,2026:x", true), ("https://e.org/a", true),
        ("42", false), ("my post", false), (":x", false), ("x:", false), ("1ab:c", false), ("a b:c", false),
    ])
    func absoluteIRIs(id: String, expected: Bool) {
        #expect(Feed.isAbsoluteIRI(id) == expected)
    }

    @Test func anIdThatIsNotAnIRIBecomesATagURI() throws {
        var config = SitePlanTests.config()
        config.baseURL = URL(string: "https://example.org/blog/")
        let post = try SitePlanTests.post("a", "date: 2026-11-01\nid: my first post", config: config)
        #expect(Feed.itemID(for: post, config: config) == "tag:example.org,2026:my%20first%20post")
    }

    @Test func aBuildForAnotherAddressKeepsTheIds() throws {
        var config = SitePlanTests.config()
        config.siteBaseURL = URL(string: "https://example.org/blog/")
        config.baseURL = URL(string: "https://mirror.example/notes/")
        let post = try SitePlanTests.post("a", "date: 2026-11-01", config: config)
        #expect(Feed.itemID(for: post, config: config) == "https://example.org/blog/2026/11/01/a/")
        config.feedIDBase = URL(string: "https://old.example/")
        #expect(Feed.itemID(for: post, config: config) == "https://old.example/2026/11/01/a/")
    }

    /// Without any `id`, ids repeat only when addresses do (the check then makes no id at all,
    /// but must still find this).
    @Test func twoPostsAtOneAddressHaveOneFeedId() throws {
        var config = SitePlanTests.config()
        config.baseURL = URL(string: "https://example.org/")
        let posts = [
            try SitePlanTests.post("a", "date: 2026-11-01\nslug: same", config: config),
            try SitePlanTests.post("b", "date: 2026-11-01T10:00:00Z\nslug: same", config: config),
            try SitePlanTests.post("c", "date: 2026-11-02", config: config),
        ]
        let site = site(posts, config: config)
        #expect(site.problems.map { $0.formatted() } == [
            "/site/Content/posts/b.md: error: Feed id 'https://example.org/2026/11/01/same/' is also the id of /site/Content/posts/a.md. Feed readers would show only one of the two posts: give each its own 'id', or remove 'id' to use the post's address",
        ])
        #expect(self.site(Array(posts.dropFirst()), config: config).problems.isEmpty)
    }

    /// A reply finds its parent by the parent's address, an alias, or a full URL on the site;
    /// an address that is both a post's and another post's alias is the post's, and an alias two
    /// posts give is the newer one's.
    @Test func repliesFindTheirParentsByAddressAliasOrURL() throws {
        var config = SitePlanTests.config()
        config.baseURL = URL(string: "https://example.org/")
        let posts = [
            try SitePlanTests.post("a", "date: 2026-11-01\naliases: [/old/a/, /2026/11/03/c/]", config: config),
            try SitePlanTests.post("b", "date: 2026-11-02\naliases: [/old/a/]", config: config),
            try SitePlanTests.post("c", "date: 2026-11-03", config: config),
            try SitePlanTests.post("r1", "date: 2026-11-04\nreply_to: /old/a/", config: config),
            try SitePlanTests.post("r2", "date: 2026-11-05\nreply_to: https://example.org/2026/11/03/c/#top", config: config),
            try SitePlanTests.post("r3", "date: 2026-11-06\nreply_to: /2026/11/02/b/index.html", config: config),
            try SitePlanTests.post("r4", "date: 2026-11-07\nreply_to: /nowhere/", config: config),
            // Two posts at one address (a clash the plan reports): the reply goes to the later in
            // the site's order, as the table of every path had it.
            try SitePlanTests.post("twin-a", "date: 2026-11-08\nslug: twin", config: config),
            try SitePlanTests.post("twin-b", "date: 2026-11-08\nslug: twin", config: config),
            try SitePlanTests.post("r5", "date: 2026-11-09\nreply_to: /2026/11/08/twin/", config: config),
        ]
        let site = site(posts, config: config)
        func name(_ index: Int?) -> String? { index.map { site.posts[$0].sourcePath } }
        let parents = Dictionary(uniqueKeysWithValues: site.posts.indices.map { (site.posts[$0].sourcePath, name(site.parent[$0])) })
        #expect(parents == ["posts/a.md": nil, "posts/b.md": nil, "posts/c.md": nil, "posts/r1.md": "posts/b.md", "posts/r2.md": "posts/c.md",
                            "posts/r3.md": "posts/b.md", "posts/r4.md": nil, "posts/twin-a.md": nil, "posts/twin-b.md": nil,
                            "posts/r5.md": "posts/twin-b.md"])
        #expect(site.problems.map { $0.formatted() } == [
            "/site/Content/posts/r4.md: warning: 'reply_to' points at '/nowhere/', which is not a published post of this site (a draft, a future post or a typo?)",
            "/site/Content/posts/twin-b.md: error: Feed id 'https://example.org/2026/11/08/twin/' is also the id of /site/Content/posts/twin-a.md. Feed readers would show only one of the two posts: give each its own 'id', or remove 'id' to use the post's address",
        ])
    }

    @Test func duplicateIdsAreAnErrorAtThePostThatGivesTheId() throws {
        var config = SitePlanTests.config()
        config.baseURL = URL(string: "https://example.org/")
        let posts = [
            try SitePlanTests.post("a", "date: 2026-11-01", config: config),
            try SitePlanTests.post("b", "date: 2026-11-02\nid: https://example.org/2026/11/01/a/", config: config),
        ]
        let site = site(posts, config: config)
        #expect(site.problems.map { $0.formatted() } == [
            "/site/Content/posts/b.md:3:1: error: Feed id 'https://example.org/2026/11/01/a/' is also the id of /site/Content/posts/a.md. Feed readers would show only one of the two posts: give each its own 'id', or remove 'id' to use the post's address",
        ])
    }
}
