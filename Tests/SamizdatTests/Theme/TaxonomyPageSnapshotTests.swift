import Foundation
import Testing
@testable import Samizdat

/// Whole pages and feeds of a category, and a timeline with a post cut by `<!--more-->`, as the
/// built-in theme renders them.
@Suite("Taxonomy page snapshots")
struct TaxonomyPageSnapshotTests {
    static func site() throws -> Site {
        let yaml = """
            title: Snapshot & Co
            base_url: https://example.org/
            language: en
            timezone: Europe/Paris
            posts_per_page: 2
            author: {name: Ada, url: https://example.org/about/}
            """
        let (config, problems) = SiteConfig.parse(yaml: yaml, file: URL(fileURLWithPath: "/site/site.yml"))
        try #require(problems.isEmpty)
        let parser = ContentParser(config: config)
        let sources = [
            ("posts/a.md", "---\ntitle: Long <read>\ndate: 2026-11-20 14:05\ncategories: [Travel & Food]\ntags: [swift]\n---\nThe start, with a [link](/about/).\n\n<!--more-->\n\nThe rest.\n"),
            ("posts/b.md", "---\ndate: 2026-11-21T09:00:00+01:00\ncategories: travel-food\n---\nA note stays whole.\n\n<!--more-->\n\nAll of it.\n"),
            ("posts/c.md", "---\ntitle: Summed up\ndate: 2026-11-22\ncategories: [Travel & Food, Code]\nsummary: In *short*.\n---\nEverything.\n"),
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

    private func render(_ urlPath: String, in site: Site) throws -> String {
        let renderer = PageRenderer(site: site, templates: try TemplateLibrary.load(overridesIn: nil).get())
        let entry = try #require(SitePlan(site: site).entries.first { $0.urlPath == urlPath }, "no page at \(urlPath)")
        return String(decoding: try renderer.renderBytes(entry), as: UTF8.self)
    }

    @Test func categoryPages() throws {
        let site = try Self.site()
        #expect(site.problems.map(\.message) == [
            "Categories 'Travel & Food' and 'travel-food' would share the page 'categories/travel-food/'; 'travel-food' is at 'categories/travel-food-2/'. Spell them the same if they are one term",
        ])
        expectSnapshot(try render("/categories/", in: site), named: "categories.index.html")
        expectSnapshot(try render("/categories/travel-food/", in: site), named: "categories.term.html")
    }

    @Test func aTimelineWithCutPostsAndAPostPageWithItsCategories() throws {
        let site = try Self.site()
        expectSnapshot(try render("/", in: site), named: "cut.timeline.html")
        expectSnapshot(try render("/2026/11/22/c/", in: site), named: "categories.post.html")
    }

    @Test func aCategorysAtomFeed() throws {
        let feed = try #require(Feed.all(for: try Self.site()).first { $0.folder == "categories/travel-food/" })
        expectSnapshot(AtomFeed.render(feed, page: 0), named: "categories.atom.xml")
    }
}
