import Foundation
import Testing
@testable import Samizdat

/// Whole pages of every kind, as the built-in theme renders them: a post with its thread, the
/// timeline with replies and a home text, tag, year, month, archive, tags, page, alias and 404
/// pages, on a site with an avatar, links, mirrors, a second language, photos and syndication.
@Suite("Page snapshots")
struct PageSnapshotTests {
    static func site() throws -> Site {
        let yaml = """
            title: Pages & Co
            description: A site <for> snapshots
            base_url: https://example.org/blog/
            language: en
            timezone: Europe/Paris
            posts_per_page: 2
            author: {name: Ada, url: https://example.org/about/, avatar: /avatar.png}
            links:
              - {name: Code, url: https://code.example/ada}
            webmention: https://webmention.example/ada
            mirrors:
              - {name: backup, url: https://mirror.example/blog/, to: /tmp/mirror}
            """
        let (config, problems) = SiteConfig.parse(yaml: yaml, file: URL(fileURLWithPath: "/site/site.yml"))
        try #require(problems.isEmpty, "\(problems)")
        let parser = ContentParser(config: config)
        let sources: [(String, String, ContentParser.Kind)] = [
            ("posts/first.md", "---\ntitle: First <post>\ndate: 2026-09-02 08:00\ntags: [swift, Notes]\ncategories: [Code]\nupdated: 2026-09-03 10:00\naliases: [/old/first/]\nsyndication: [https://social.example/@ada/1]\n---\nThe *first* post, with a [link](/about/).\n\n<!--more-->\n\nMore of it.\n", .post),
            ("posts/reply.md", "---\ndate: 2026-09-04 09:30\nreply_to: /2026/09/02/first/\ntags: [swift]\n---\nA note that answers the first post.\n", .post),
            ("posts/reply-2.md", "---\ndate: 2026-10-01 12:00\nreply_to: /2026/09/04/reply/\n---\nAnd a second answer, a month later.\n", .post),
            ("posts/photos.md", "---\ndate: 2026-10-10 18:00\nphotos:\n  - {src: https://img.example/a.jpg, alt: A cat}\n  - {src: https://img.example/b.jpg, alt: A dog, focus: top}\n  - https://img.example/c.jpg\n---\n", .post),
            ("posts/french.md", "---\ntitle: Un billet\ndate: 2026-11-01 07:00\nlang: fr\ntags: [Notes]\nreply_to: https://other.example/post/1\n---\nEn français.\n", .post),
            ("posts/pinned.md", "---\ntitle: Pinned\ndate: 2025-12-31 23:00\npinned: true\nsummary: Read this *first*.\n---\nWelcome.\n", .post),
            ("about.md", "---\ntitle: About\nmenu: true\nsummary: Who writes here\n---\nAbout **Ada**.\n", .page),
            ("colophon.md", "---\nlang: de\n---\nGebaut mit Samizdat.\n", .page),
            ("_index.md", "---\ntitle: Welcome\n---\nHello from the [home text](/about/).\n", .page),
        ]
        var posts: [Post] = [], pages: [Page] = []
        for (path, text, kind) in sources {
            let (parsed, diagnostics) = parser.parse(Data(text.utf8), file: URL(fileURLWithPath: "/site/Content/\(path)"), sourcePath: path, kind: kind)
            try #require(!diagnostics.hasErrors, "\(diagnostics)")
            switch parsed {
            case .post(let post)?: posts.append(post)
            case .page(let page)?: pages.append(page)
            case nil: Issue.record("nothing parsed from \(path)")
            }
        }
        let now = try #require(DateParser.parse("2026-12-01", timeZone: .gmt))
        return Site(config: config, posts: posts, pages: pages, now: now, includeDrafts: false, includeFuture: false)
    }

    private func render(_ site: Site, where matches: (SitePlan.Entry) -> Bool) throws -> String {
        let renderer = PageRenderer(site: site, templates: try TemplateLibrary.load(overridesIn: nil).get())
        let found = SitePlan(site: site).entries.first(where: matches)
        let entry = try #require(found, "no such page")
        return String(decoding: try renderer.renderBytes(entry), as: UTF8.self)
    }

    private func render(_ urlPath: String, in site: Site) throws -> String {
        try render(site) { $0.urlPath == urlPath }
    }

    @Test func everyKindOfPage() throws {
        let site = try Self.site()
        let plan = SitePlan(site: site)
        let paths = Set(plan.entries.map(\.urlPath))
        for path in ["/", "/old/first/", "/2026/09/02/first/", "/2026/09/04/reply/", "/2026/10/10/photos/", "/2026/11/01/french/",
                     "/tags/", "/tags/swift/", "/tags/notes/", "/categories/", "/categories/code/", "/archive/", "/2026/", "/2026/09/",
                     "/about/"] {
            #expect(paths.contains(path), "no page at \(path); the plan has \(paths.sorted())")
        }
        expectSnapshot(try render("/", in: site), named: "pages.timeline.html")
        expectSnapshot(try render(site) { if case .timeline(1, _) = $0.kind { true } else { false } }, named: "pages.timeline.1.html")
        expectSnapshot(try render("/old/first/", in: site), named: "pages.alias.html")
        expectSnapshot(try render("/2026/09/02/first/", in: site), named: "pages.post.thread.html")
        expectSnapshot(try render("/2026/09/04/reply/", in: site), named: "pages.post.reply.html")
        expectSnapshot(try render("/2026/10/10/photos/", in: site), named: "pages.post.photos.html")
        expectSnapshot(try render("/2026/11/01/french/", in: site), named: "pages.post.lang.html")
        expectSnapshot(try render("/tags/", in: site), named: "pages.tags.html")
        expectSnapshot(try render("/tags/swift/", in: site), named: "pages.tag.html")
        expectSnapshot(try render("/categories/", in: site), named: "pages.taxonomy.html")
        expectSnapshot(try render("/categories/code/", in: site), named: "pages.term.html")
        expectSnapshot(try render("/archive/", in: site), named: "pages.archive.html")
        expectSnapshot(try render("/2026/", in: site), named: "pages.year.html")
        expectSnapshot(try render("/2026/09/", in: site), named: "pages.month.html")
        expectSnapshot(try render("/about/", in: site), named: "pages.page.html")
        expectSnapshot(try render(site) { $0.template == "page" && $0.urlPath != "/about/" }, named: "pages.page.lang.html")
        expectSnapshot(try render(site) { $0.template == "404" }, named: "pages.404.html")
    }

    /// Front matter keys Samizdat does not know reach a theme as the post's `params`, as the
    /// README says; a post without them falls back to nothing, not to another post's.
    @Test func unknownFrontMatterKeysReachTemplatesAsParams() throws {
        let yaml = "title: T\nbase_url: https://example.org/\n"
        let (config, _) = SiteConfig.parse(yaml: yaml, file: URL(fileURLWithPath: "/site/site.yml"))
        let parser = ContentParser(config: config)
        var posts: [Post] = []
        for (path, text) in [("posts/a.md", "---\ndate: 2026-01-02\nmood: tired\ncover: {src: a.jpg, alt: A cat}\n---\nA\n"),
                             ("posts/b.md", "---\ndate: 2026-01-03\n---\nB\n")] {
            let (parsed, diagnostics) = parser.parse(Data(text.utf8), file: URL(fileURLWithPath: "/site/Content/\(path)"), sourcePath: path, kind: .post)
            try #require(!diagnostics.hasErrors, "\(diagnostics)")
            if case .post(let post)? = parsed { posts.append(post) }
        }
        let site = Site(config: config, posts: posts, pages: [], now: Date(), includeDrafts: false, includeFuture: false)
        let post = TemplateLibrary.TemplateSource(name: "post", file: URL(fileURLWithPath: "/site/Templates/post.mustache"),
                                                  text: "{{#post}}[{{params.mood}}|{{params.cover.alt}}]{{/post}}")
        let templates = try TemplateLibrary.compile(templates: [post], assets: []).get()
        let renderer = PageRenderer(site: site, templates: templates)
        let rendered = try SitePlan(site: site).entries.filter { $0.template == "post" }.map {
            String(decoding: try renderer.renderBytes($0), as: UTF8.self)
        }
        #expect(rendered.sorted() == ["[tired|A cat]", "[|]"])

        let (parsed, _) = parser.parse(Data("---\ntitle: About\nmood: calm\n---\nHi\n".utf8), file: URL(fileURLWithPath: "/site/Content/about.md"),
                                       sourcePath: "about.md", kind: .page)
        guard case .page(let about)? = parsed else { Issue.record("no page parsed"); return }
        let withPage = Site(config: config, posts: posts, pages: [about], now: Date(), includeDrafts: false, includeFuture: false)
        let page = TemplateLibrary.TemplateSource(name: "page", file: URL(fileURLWithPath: "/site/Templates/page.mustache"),
                                                  text: "{{page.title}}: {{page.params.mood}}")
        let pageRenderer = PageRenderer(site: withPage, templates: try TemplateLibrary.compile(templates: [page], assets: []).get())
        let entry = try #require(SitePlan(site: withPage).entries.first { $0.template == "page" })
        #expect(String(decoding: try pageRenderer.renderBytes(entry), as: UTF8.self) == "About: calm")
    }
}
