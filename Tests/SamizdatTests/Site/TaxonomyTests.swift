import Foundation
import Testing
@testable import Samizdat

/// `categories` and the other taxonomies of `site.yml`, grouped and planned as tags are.
@Suite("Taxonomies")
struct TaxonomyTests {
    static let now = SitePlanTests.now

    private func site(_ posts: [Post], config: SiteConfig = SitePlanTests.config()) -> Site {
        Site(config: config, posts: posts, pages: [], now: Self.now, includeDrafts: false, includeFuture: false)
    }

    private func config(_ yaml: String) -> (SiteConfig, [String]) {
        let (config, diagnostics) = SiteConfig.parse(yaml: yaml, file: URL(fileURLWithPath: "/site/site.yml"))
        return (config, diagnostics.map { $0.formatted() })
    }

    @Test func theDefaultTaxonomiesAreTagsAndCategories() {
        #expect(SiteConfig().taxonomies == ["tags", "categories"])
        #expect(SiteConfig().otherTaxonomies == ["categories"])
        let (config, problems) = config("taxonomies: [categories, series]\n")
        #expect(problems.isEmpty)
        #expect(config.taxonomies == ["tags", "categories", "series"], "tags is always one")
        #expect(self.config("taxonomies: [series, tags]\n").0.otherTaxonomies == ["series"])
    }

    @Test("A taxonomy that would take one of the site's own folders is an error naming site.yml", arguments: [
        ("taxonomies: [categories, page]\n", "/site/site.yml:1:1: error: site.yml 'taxonomies' cannot have 'page': '/page/' is a folder the site already uses for its own pages. Give the taxonomy another name"),
        ("taxonomies: [archive]\n", "/site/site.yml:1:1: error: site.yml 'taxonomies' cannot have 'archive': '/archive/' is a folder the site already uses for its own pages. Give the taxonomy another name"),
        ("taxonomies: [\"2026\"]\n", "/site/site.yml:1:1: error: site.yml 'taxonomies' cannot have '2026': '/2026/' is the folder of a year's archive. Give the taxonomy another name"),
        ("taxonomies: [tags, categories, tags]\n", "/site/site.yml:1:1: error: site.yml 'taxonomies' lists 'tags' twice. Keep one of them"),
        ("taxonomies: [Series]\n", "/site/site.yml:1:1: error: site.yml 'taxonomies' entry 'Series' must be a front matter key usable as a folder name, in lower case letters, digits and '-', like 'categories' or 'series'"),
    ])
    func reservedNames(yaml: String, message: String) {
        #expect(config(yaml).1 == [message])
    }

    @Test func categoriesGroupLikeTagsAndAreReadLikeThem() throws {
        let posts = [
            try SitePlanTests.post("a", "date: 2026-11-01\ncategories: [Vélo, Code]"),
            try SitePlanTests.post("b", "date: 2026-11-02\ncategories: velo"),
            try SitePlanTests.post("c", "date: 2026-11-03\ncategories: travel food"),
            try SitePlanTests.post("d", "date: 2026-11-04\ncategory: Travel"),
            try SitePlanTests.post("e", "date: 2026-11-05\ntags: [only-a-tag]"),
        ]
        let site = site(posts)
        #expect(site.taxonomies.map(\.name) == ["categories"])
        let categories = try #require(site.taxonomies.first)
        #expect(categories.terms.map(\.slug) == ["code", "food", "travel", "velo"])
        #expect(categories.terms.map(\.name) == ["Code", "food", "travel", "Vélo"], "the oldest spelling names the term")
        // Posts are newest first: e (0), d (1), c (2), b (3), a (4).
        #expect(categories.terms.map(\.posts) == [[4], [2], [1, 2], [3, 4]])
        #expect(categories.slug(for: "VELO") == "velo")
        #expect(categories.postTerms[0].isEmpty)
        #expect(site.tags.map(\.slug) == ["only-a-tag"], "categories are not tags")

        let plan = SitePlan(site: site).entries.filter { $0.template == "taxonomy" || $0.template == "term" }
        #expect(plan.map(\.urlPath) == ["/categories/", "/categories/code/", "/categories/food/", "/categories/travel/", "/categories/velo/"])
        #expect(plan.map(\.kind) == [.taxonomy(0), .term(taxonomy: 0, term: 0, page: 0, archived: 0), .term(taxonomy: 0, term: 1, page: 0, archived: 0),
                                     .term(taxonomy: 0, term: 2, page: 0, archived: 0), .term(taxonomy: 0, term: 3, page: 0, archived: 0)])
    }

    @Test func aTermIsPagedFromTheOldestAsATagIs() throws {
        let posts = try (1...6).map { try SitePlanTests.post("p\($0)", "date: 2026-11-0\($0)\ncategories: [Code]") }
        let entries = SitePlan(site: site(posts)).entries.filter { $0.template == "term" }
        #expect(entries.map(\.urlPath) == ["/categories/code/", "/categories/code/page/1/", "/categories/code/page/2/"])
        let feeds = Feed.plans(for: site(posts, config: {
            var config = SitePlanTests.config()
            config.baseURL = URL(string: "https://example.org/")
            return config
        }()))
        let code = try #require(feeds.first { $0.folder == "categories/code/" })
        #expect(code.title == "My site — Code")
        #expect(code.description == "Posts in the category Code")
        #expect(code.homeURL == "https://example.org/categories/code/")
        #expect(code.posts.count == 6)
    }

    @Test func aTaxonomyOfSiteYmlIsReadFromItsOwnKeyAndOneNoPostUsesBuildsNothing() throws {
        var config = SitePlanTests.config()
        config.taxonomies = ["tags", "categories", "series"]
        let posts = [try SitePlanTests.post("a", "date: 2026-11-01\nseries: [Moving out]", config: config)]
        let site = site(posts, config: config)
        #expect(site.taxonomies.map(\.name) == ["categories", "series"])
        #expect(site.taxonomies[0].terms.isEmpty)
        let paths = SitePlan(site: site).entries.map(\.urlPath)
        #expect(!paths.contains { $0.hasPrefix("/categories/") })
        #expect(paths.contains("/series/") && paths.contains("/series/moving-out/"))
    }

    @Test func aTaxonomyKeyCloseToAKnownKeyIsNoTypo() throws {
        // `tag` would be taken for a typo of `tags`; listed as a taxonomy, it is one.
        var config = SitePlanTests.config()
        config.taxonomies = ["tags", "tag"]
        let post = try SitePlanTests.post("a", "date: 2026-11-01\ntag: [Solo]", config: config)
        #expect(site([post], config: config).taxonomies.first?.terms.map(\.name) == ["Solo"])
        let (_, diagnostics) = ContentParser(config: SitePlanTests.config())
            .parse(Data("---\ndate: 2026-11-01\ntag: [Solo]\n---\n".utf8), file: SitePlanTests.file("posts/a.md"), sourcePath: "posts/a.md", kind: .post)
        #expect(diagnostics.map(\.message) == ["Unknown front matter key 'tag'. Did you mean 'tags'?"])
    }

    @Test func termsSharingASlugAreNumberedWithAWarningNamingTheTaxonomy() throws {
        let posts = [
            try SitePlanTests.post("a", "date: 2026-11-01\ncategories: [foo bar]"),
            try SitePlanTests.post("b", "date: 2026-11-02\ncategories: [foo-bar]"),
        ]
        #expect(site(posts).problems.map { $0.formatted() } == [
            "/site/Content/posts/b.md: warning: Categories 'foo bar' and 'foo-bar' would share the page 'categories/foo-bar/'; 'foo-bar' is at 'categories/foo-bar-2/'. Spell them the same if they are one term",
        ])
    }

    @Test func aPageNamedLikeATaxonomyClashesWithIt() throws {
        let posts = [try SitePlanTests.post("a", "date: 2026-11-01\ncategories: [Code]")]
        let site = Site(config: SitePlanTests.config(), posts: posts, pages: [try SitePlanTests.page("categories.md")], now: Self.now,
                        includeDrafts: false, includeFuture: false)
        let clashes = SitePlan(site: site).clashes()
        #expect(clashes.count == 2)
        #expect(clashes.allSatisfy { $0.message.hasPrefix("Output path 'categories/index.html' is also written by ") })
    }
}
