import Foundation
import Testing

/// Categories (and any taxonomy of site.yml), summaries cut by `<!--more-->` and the home text,
/// in a built site.
@Suite("Taxonomies and summaries")
struct TaxonomyCLITests {
    static let config = TestSite.minimalConfig.replacingOccurrences(of: "language: en", with: "language: fr") + "taxonomies: [categories, series]\n"

    static let files: [String: String] = [
        "Content/_index.md": "---\ntitle: Bienvenue\n---\nDes notes de Lyon. Voir [à propos](about.md).\n",
        "Content/about.md": "---\ntitle: À propos\n---\nMoi.\n",
        "Content/posts/a.md": "---\ntitle: Premier\ndate: 2026-01-01 10:00\ncategories: [Voyage]\n---\nLe début.\n\n<!--more-->\n\nLa suite secrète.\n",
        "Content/posts/b.md": "---\ndate: 2026-01-02 10:00\ncategories: voyage cuisine\n---\nUne note.\n\n<!--more-->\n\nToujours la note.\n",
        "Content/posts/c.md": "---\ntitle: Troisième\ndate: 2026-01-03 10:00\ncategories: [Voyage]\nsummary: Un *résumé*.\ntags: [vélo]\n---\nTout le texte du troisième.\n",
        "Content/posts/d.md": "---\ndate: 2026-01-04 10:00\ncategories: [Voyage]\n---\nQuatrième.\n",
        "Content/posts/e.md": "---\ndate: 2026-01-05 10:00\ncategories: [Voyage]\n---\nCinquième.\n",
    ]

    @Test func categoriesHaveAnIndexPagedTermPagesFeedsAndLinks() throws {
        let site = try TestSite(Self.files, config: Self.config)
        defer { site.remove() }
        let result = try site.run("build")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")

        let index = try #require(site.read("Output/categories/index.html"))
        #expect(index.contains(#"<h1 class="page-title">Catégories</h1>"#), "\(index)")
        #expect(index.contains(#"<a href="../categories/voyage/index.html" rel="tag">Voyage</a> <span class="count">5 billets</span>"#), "\(index)")
        #expect(index.contains(#"<a href="../categories/cuisine/index.html" rel="tag">cuisine</a> <span class="count">1 billet</span>"#), "\(index)")

        // Five posts, two a page: the front page holds the newest three, page 1 the oldest two.
        let term = try #require(site.read("Output/categories/voyage/index.html"))
        #expect(term.contains(#"<h1 class="page-title">Billets de la catégorie <span class="tag-name">Voyage</span></h1>"#), "\(term)")
        #expect(term.contains(#"5 billets · <a href="../../categories/index.html">Toutes les catégories</a>"#), "\(term)")
        #expect(term.contains("<title>Billets de la catégorie “Voyage” · Test site</title>"))
        // The term's own feeds come first.
        #expect(term.contains(#"<link rel="alternate" type="application/rss+xml" title="Test site — Voyage (RSS)" href="../../categories/voyage/feed.xml">"#), "\(term)")
        #expect(term.contains("Cinquième") && term.contains("Quatrième") && term.contains("Un <em>résumé</em>."))
        #expect(!term.contains("Le début."))
        let older = try #require(site.read("Output/categories/voyage/page/1/index.html"))
        #expect(older.contains("Le début.") && older.contains("Une note."))
        #expect(!older.contains("5 billets"), "an archive page does not change when the term gets new posts")

        for feed in ["feed.xml", "atom.xml", "feed.json"] {
            #expect(site.exists("Output/categories/voyage/\(feed)"), "\(feed)")
            #expect(site.exists("Output/categories/cuisine/\(feed)"), "\(feed)")
        }
        let json = try #require(site.read("Output/categories/voyage/feed.json"))
        #expect(json.contains(#""home_page_url" : "https://example.org/blog/categories/voyage/""#), "\(json)")
        #expect(json.contains(#""title" : "Test site — Voyage""#))
        #expect(json.contains(#""description" : "Billets de la catégorie Voyage""#))

        // The post page links to its categories, and the menu to the categories' page.
        let post = try #require(site.read("Output/2026/01/03/c/index.html"))
        #expect(post.contains(#"<p class="post-terms post-categories">Catégories\#u{202F}: <a href="../../../../categories/voyage/index.html" rel="tag" class="p-category">Voyage</a> </p>"#), "\(post)")
        #expect(post.contains(#"href="../../../../categories/index.html""#))
        #expect(post.contains(#"<a href="../../../../tags/velo/index.html" rel="tag">#<span class="p-category">vélo</span></a>"#), "tags stay as they are")

        let sitemap = try #require(site.read("Output/sitemap.xml"))
        for path in ["categories/", "categories/voyage/", "categories/voyage/page/1/", "categories/cuisine/"] {
            #expect(sitemap.contains("<loc>https://example.org/blog/\(path)</loc>"), "\(path)")
        }
        // `series` is a taxonomy no post uses: nothing at all.
        #expect(!site.exists("Output/series"))
        #expect(!(site.read("Output/index.html") ?? "").contains("series/index.html"))
    }

    @Test func moreAndSummaryCutTitledPostsOnListsOnly() throws {
        let site = try TestSite(Self.files, config: Self.config)
        defer { site.remove() }
        #expect(try site.run("build").status == 0)

        // Page 1 (the oldest two) shows a, cut, and the note b, whole.
        let page = try #require(site.read("Output/page/1/index.html"))
        #expect(page.contains("Le début."))
        #expect(!page.contains("La suite secrète."), "\(page)")
        #expect(page.contains(#"<p class="read-more"><a href="../../2026/01/01/a/index.html">Lire la suite<span class="visually-hidden">\#u{202F}: Premier</span></a></p>"#), "\(page)")
        #expect(page.contains("Toujours la note."), "a note stays whole")
        #expect(page.components(separatedBy: "Lire la suite").count == 2)

        let home = try #require(site.read("Output/index.html"))
        #expect(home.contains("Un <em>résumé</em>."))
        #expect(!home.contains("Tout le texte du troisième."))

        // The post's own page and the feeds have the whole post.
        let post = try #require(site.read("Output/2026/01/01/a/index.html"))
        #expect(post.contains("Le début.") && post.contains("La suite secrète."))
        #expect(!post.contains("Lire la suite"))
        let atom = try #require(site.read("Output/atom.xml"))
        #expect(atom.contains("La suite secrète."))
        #expect(atom.contains("<summary>Le début.</summary>"), "\(atom)")
        #expect(atom.contains("<summary>Un *résumé*.</summary>"), "front matter summary is the feed's summary as written")
        #expect(atom.contains(#"<category term="Voyage"/>"#), "categories are the entries' categories too")
        #expect((site.read("Output/_headers") ?? "").contains("\n/categories/*/atom.xml\n  Content-Type: application/atom+xml; charset=utf-8"))
    }

    @Test func theHomeTextIsShownAboveTheFrontPageOnly() throws {
        let site = try TestSite(Self.files, config: Self.config)
        defer { site.remove() }
        #expect(try site.run("build").status == 0)
        let home = try #require(site.read("Output/index.html"))
        #expect(home.contains(#"<h1 class="page-title p-name">Bienvenue</h1>"#), "\(home)")
        #expect(home.contains("<div class=\"home-intro\">\n<p>Des notes de Lyon. Voir <a href=\"about/index.html\">à propos</a>.</p>\n\n</div>"), "\(home)")
        #expect(!(site.read("Output/page/1/index.html") ?? "").contains("Des notes de Lyon"))
        #expect(!site.exists("Output/index/index.html") && !site.exists("Output/_index/index.html"))
        #expect(!home.contains(">Bienvenue</a>"), "the home text is not a page of the menu")

        // Without a title, the site's name stays the (hidden) heading.
        try site.write("Content/_index.md", "Juste du texte.\n")
        #expect(try site.run("build").status == 0)
        let untitled = try #require(site.read("Output/index.html"))
        #expect(untitled.contains(#"<h1 class="visually-hidden p-name">Test site</h1>"#))
        #expect(untitled.contains("<p>Juste du texte.</p>"))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/_index.md"))
        #expect(try site.run("build").status == 0)
        #expect(!(site.read("Output/index.html") ?? "").contains("home-intro"))
    }

    @Test func aTaxonomyNamedLikeTheSitesOwnFoldersIsAnErrorNamingSiteYml() throws {
        let site = try TestSite(Self.files, config: TestSite.minimalConfig + "taxonomies: [categories, page]\n")
        defer { site.remove() }
        let result = try site.run("build")
        #expect(result.status == 1)
        #expect(result.stderr.contains("site.yml:7:1: error: site.yml 'taxonomies' cannot have 'page': '/page/' is a folder the site already uses for its own pages. Give the taxonomy another name"), "\(result.stderr)")
        #expect(!site.exists("Output"))
    }
}
