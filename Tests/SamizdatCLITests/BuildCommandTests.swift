import Foundation
import Testing

@Suite("samizdat build")
struct BuildCommandTests {
    @Test func buildsTheFixtureSite() throws {
        let site = try TestSite(fixture: "basic-site")
        defer { site.remove() }
        let result = try site.run("build")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Built 4 posts, 1 page, "))
        #expect(result.stdout.contains("2 held back"))
        #expect(result.stderr.isEmpty)

        for path in [
            "index.html", "page/1/index.html", "2026/11/20/hello/index.html", "2026/11/21/note/index.html",
            "2025/06/01/note-one/index.html", "2025/05/01/hugo/index.html", "about/index.html",
            "tags/index.html", "tags/swift/index.html", "tags/web/index.html", "tags/velo/index.html",
            "archive/index.html", "2026/index.html", "2026/11/index.html", "2025/index.html", "2025/06/index.html",
            "old/hello.html", "404.html", "sitemap.xml", "robots.txt", "style.css", "images/pic.svg", "CNAME",
        ] {
            #expect(site.exists("Output/" + path), "missing \(path)")
        }
        #expect(!site.exists("Output/2026/11/19/draft/index.html"))
        #expect(!site.exists("Output/2099/01/01/future/index.html"))
        #expect(!site.exists("Output/tags/swift/page/1/index.html"), "two posts fit on one tag page")
    }

    @Test func timelineIsNewestFirstPaginatedAndRelative() throws {
        let site = try TestSite(fixture: "basic-site")
        defer { site.remove() }
        try #require(try site.run("build").status == 0)
        let home = try #require(site.read("Output/index.html"))
        let note = try #require(home.range(of: "A note without a title"))
        // A titled post with a `summary` shows it on the timeline, with a link to the whole post.
        let hello = try #require(home.range(of: "<p>The first titled post.</p>"))
        #expect(!home.contains("Welcome to <strong>the site</strong>"))
        #expect(home.contains(#"<p class="read-more"><a href="2026/11/20/hello/index.html">Continue reading<span class="visually-hidden">: Hello, world</span></a></p>"#))
        #expect(site.read("Output/2026/11/20/hello/index.html")?.contains("Welcome to <strong>the site</strong>") == true)
        #expect(note.lowerBound < hello.lowerBound, "newest post first")
        #expect(!home.contains("Première note"), "two posts per page")
        #expect(home.contains(#"href="page/1/index.html" rel="next""#))
        #expect(home.contains(#"href="2026/11/20/hello/index.html""#))
        #expect(home.contains(#"<link rel="stylesheet" href="style.css">"#))
        #expect(home.contains(#"<link rel="canonical" href="https://example.org/notes/">"#))

        let second = try #require(site.read("Output/page/1/index.html"))
        #expect(second.contains("Première note"))
        #expect(second.contains(#"href="../../index.html" rel="prev""#))
        #expect(second.contains(#"lang="fr""#))
        #expect(second.contains(#"href="../../style.css""#))
    }

    @Test func postPageHasRelativeLinksAndItsContent() throws {
        let site = try TestSite(fixture: "basic-site")
        defer { site.remove() }
        try #require(try site.run("build").status == 0)
        let post = try #require(site.read("Output/2026/11/20/hello/index.html"))
        #expect(post.contains(#"<h1 class="post-title p-name">Hello, world</h1>"#))
        #expect(post.contains(#"<title>Hello, world · Basic fixture</title>"#))
        #expect(post.contains(#"<a href="../../../../about/index.html">about page</a>"#))
        #expect(post.contains(#"<a href="../../../../2025/06/01/note-one/index.html">other note</a>"#))
        #expect(post.contains(#"<img src="../../../../images/pic.svg" alt="A small square""#))
        #expect(post.contains(#"<h2 id="a-heading">A heading</h2>"#))
        #expect(post.contains(#"datetime="2026-11-20T14:05:00+01:00""#))
        #expect(post.contains("November 20, 2026"))
        #expect(post.contains(#"href="../../../../tags/swift/index.html" rel="tag">#<span class="p-category">Swift</span></a>"#))
        #expect(post.contains(#"<link rel="canonical" href="https://example.org/notes/2026/11/20/hello/">"#))
        #expect(post.contains(#"<meta name="description" content="The first titled post.">"#))

        let note = try #require(site.read("Output/2026/11/21/note/index.html"))
        #expect(!note.contains(#"class="post-title"#), "a note shows no heading")
        #expect(note.contains("<title>A note without a title, with a footnote. · Basic fixture</title>"))
        #expect(note.contains(#"<section class="footnotes""#))
    }

    @Test func tagsArchiveAliasesSitemapAndRobots() throws {
        let site = try TestSite(fixture: "basic-site")
        defer { site.remove() }
        try #require(try site.run("build").status == 0)
        let tags = try #require(site.read("Output/tags/index.html"))
        #expect(tags.contains(#"<a href="../tags/swift/index.html" rel="tag">#Swift</a> <span class="count">2 posts</span>"#))
        #expect(tags.contains(#"<a href="../tags/velo/index.html" rel="tag">#Vélo</a> <span class="count">1 post</span>"#))
        let swiftTag = try #require(site.read("Output/tags/swift/index.html"))
        #expect(swiftTag.contains("Hello, world") && swiftTag.contains("A note without a title"))

        let archive = try #require(site.read("Output/archive/index.html"))
        #expect(archive.contains(#"<a href="../2026/index.html">2026</a> <span class="count">2 posts</span>"#))
        #expect(archive.contains(#"<a href="../2025/06/index.html">June</a>"#))
        let month = try #require(site.read("Output/2025/06/index.html"))
        #expect(month.contains("June 2025") && month.contains("Première note"))

        let alias = try #require(site.read("Output/old/hello.html"))
        #expect(alias.contains(#"<meta http-equiv="refresh" content="0; url=../2026/11/20/hello/index.html">"#))
        #expect(alias.contains(#"<link rel="canonical" href="https://example.org/notes/2026/11/20/hello/">"#))

        let sitemap = try #require(site.read("Output/sitemap.xml"))
        #expect(sitemap.contains("<loc>https://example.org/notes/2026/11/20/hello/</loc><lastmod>2026-11-20T13:05:00Z</lastmod>"))
        #expect(!sitemap.contains("old/hello.html"))
        #expect(!sitemap.contains("404.html"))
        #expect(site.read("Output/robots.txt") == "User-agent: *\nAllow: /\n\nSitemap: https://example.org/notes/sitemap.xml\n")

        // 404.html is served for missing URLs at any depth, on any host, or opened from disk: it
        // needs no <base> and no stylesheet file, and its links start from base_url's path, so
        // they stay on the host that serves it.
        let notFound = try #require(site.read("Output/404.html"))
        #expect(!notFound.contains("<base"))
        #expect(!notFound.contains(#"rel="stylesheet""#))
        #expect(notFound.contains("<style>") && notFound.contains("--accent:"), "the theme's stylesheet is inlined")
        #expect(notFound.contains(#"<a href="/notes/">Back to the home page</a>"#))
        #expect(notFound.contains(#"<link rel="icon" href="/notes/favicon.ico">"#))
        #expect(notFound.contains(#"<link rel="alternate" type="application/atom+xml" title="Basic fixture (Atom)" href="/notes/atom.xml">"#), "\(notFound)")
    }

    @Test func pageBundlesAndRelativeImagesAreCopiedNextToTheirPage() throws {
        let site = try TestSite(fixture: "basic-site")
        defer { site.remove() }
        try site.write("Content/projects/index.md", "---\ntitle: Projects\n---\n![A screenshot](shot.svg)\n")
        try site.write("Content/projects/shot.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"3\"/>")
        try site.write("Content/projects/data/table.csv", "a,b\n")
        try site.write("Content/posts/2026/11/with-image.md", "---\ndate: 2026-11-02\n---\n![Beside me](beside.svg)\n")
        try site.write("Content/posts/2026/11/beside.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>")
        let result = try site.run("build")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(site.read("Output/projects/shot.svg")?.contains("<svg") == true)
        #expect(site.read("Output/projects/data/table.csv") == "a,b\n", "a bundle's files all come along")
        #expect(site.read("Output/projects/index.html")?.contains(#"<img src="../projects/shot.svg" alt="A screenshot" />"#) == true)
        #expect(site.exists("Output/2026/11/02/with-image/beside.svg"), "a referenced file next to a post is copied")
        #expect(!site.exists("Output/2026/11/02/with-image/with-image.md"))
    }

    @Test func draftsAndFutureAreIncludedOnRequest() throws {
        let site = try TestSite(fixture: "basic-site")
        defer { site.remove() }
        let result = try site.run("build", "--drafts", "--future")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Built 6 posts, 1 page, "))
        #expect(result.stdout.contains("0 held back"))
        #expect(site.exists("Output/2026/11/19/draft/index.html"))
        #expect(site.exists("Output/2099/01/01/future/index.html"))
    }

    @Test func rebuildWritesNothingAndPrunesOnlyItsOwnFiles() throws {
        let site = try TestSite(fixture: "basic-site")
        defer { site.remove() }
        try #require(try site.run("build").status == 0)
        try site.write("Output/my-notes.txt", "kept")
        let again = try site.run("build")
        #expect(again.stdout.contains("0 files written"), "\(again.stdout)")

        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/posts/2025/hugo.md"))
        let pruned = try site.run("build")
        #expect(pruned.status == 0)
        #expect(pruned.stdout.contains("removed"), "\(pruned.stdout)")
        #expect(!site.exists("Output/2025/05/01/hugo/index.html"))
        #expect(!site.exists("Output/2025/05"), "empty folders left by removed pages go too")
        #expect(site.read("Output/my-notes.txt") == "kept", "a file the build did not write is never removed")
        let leftovers = site.snapshot().keys.filter { $0.contains(".samizdat-") && $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func outputOptionAndSiteOption() throws {
        let site = try TestSite(fixture: "basic-site")
        defer { site.remove() }
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let result = try Samizdat.run(["build", "--site", site.root.path, "--output", elsewhere.path, "--base-url", "https://other.example/"],
                                      in: FileManager.default.temporaryDirectory)
        #expect(result.status == 0, "\(result.stderr)")
        let robots = try String(contentsOf: elsewhere.appendingPathComponent("robots.txt"), encoding: .utf8)
        #expect(robots.contains("https://other.example/sitemap.xml"))
        #expect(!site.exists("Output"))
    }

    @Test func missingBaseURLIsExplained() throws {
        let site = try TestSite(["Content/posts/a.md": "---\ndate: 2026-01-01\n---\nHi"], config: "title: No URL\n")
        defer { site.remove() }
        let result = try site.run("build")
        #expect(result.status == 1)
        #expect(result.stderr.contains("site.yml: error: No 'base_url' in site.yml."))
        #expect(result.stderr.contains("--base-url"))
        #expect(try site.run("build", "--base-url", "https://example.org").status == 0)
        let bad = try site.run("build", "--base-url", "example.org/blog")
        #expect(bad.status == 64, "a malformed option is a usage error")
        #expect(bad.stderr.contains("--base-url must be an absolute http or https URL"))
    }

    @Test(arguments: [
        ["build", "--bogus"],
        ["frobnicate"],
        ["build", "extra-argument"],
    ])
    func badUsageExits64(arguments: [String]) throws {
        let site = try TestSite()
        defer { site.remove() }
        let result = try Samizdat.run(arguments, in: site.root)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test func helpListsTheBuildOptions() throws {
        let result = try Samizdat.run(["build", "--help"], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 0)
        for option in ["--site", "--output", "--drafts", "--future", "--base-url"] {
            #expect(result.stdout.contains(option))
        }
    }
}
