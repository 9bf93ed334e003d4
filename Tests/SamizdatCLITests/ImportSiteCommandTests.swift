import Foundation
import Testing
import ZIPFoundation

/// `samizdat import hugo|jekyll|microblog`: fixture sites modelled on real blogs are imported
/// with the built binary, built, and every address of the old site is looked up in `Output/`.
@Suite("samizdat import hugo, jekyll, microblog")
struct ImportSiteCommandTests {
    /// What an old address must be in the new site.
    enum Resolution {
        /// A page (not a redirect) containing this text.
        case page(String)
        /// A redirect to this site path, whose page exists.
        case redirect(String)
        /// A file copied as it is.
        case file
    }

    /// A work folder holding `source/` (a copy of the fixture) and `site/` (the import's target).
    struct Imported {
        var work: TestSite
        var importResult: ProcessResult
        var buildResult: ProcessResult
        var site: TestSite { TestSite(existing: work.root.appendingPathComponent("site")) }

        func remove() { work.remove() }
    }

    /// Every file of a folder, by path: what the import must leave as it was.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                result[String(url.path.dropFirst(folder.path.count))] = FileManager.default.contents(atPath: url.path)
            }
        }
        return result
    }

    func importAndBuild(_ kind: String, fixture: String, extra: [String] = []) throws -> Imported {
        let work = try TestSite([:], config: nil)
        let source = work.root.appendingPathComponent("source")
        try FileManager.default.copyItem(at: Paths.fixtures.appendingPathComponent(fixture), to: source)
        let before = Self.snapshot(source)
        #expect(!before.isEmpty)
        let result = try work.run(["import", kind, "source", "--site", "site"] + extra)
        let build = try work.run(["build", "--site", "site"])
        #expect(Self.snapshot(source) == before, "the import changed its source")
        return Imported(work: work, importResult: result, buildResult: build)
    }

    /// Each old address, looked up in `Output/` as a static server would.
    func expectResolves(_ site: TestSite, base: String, _ addresses: [(String, Resolution)],
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        func output(_ path: String) -> String { "Output" + path + (path.hasSuffix("/") ? "index.html" : "") }
        for (address, expected) in addresses {
            let html = site.read(output(address))
            switch expected {
            case .file:
                #expect(site.exists(output(address)), "\(address) is not in Output/", sourceLocation: sourceLocation)
            case .page(let text):
                #expect(html != nil, "\(address) is not in Output/", sourceLocation: sourceLocation)
                guard let html else { continue }
                #expect(!html.contains("http-equiv=\"refresh\""), "\(address) is a redirect, not the page", sourceLocation: sourceLocation)
                #expect(html.contains(text), "\(address) does not show '\(text)'", sourceLocation: sourceLocation)
            case .redirect(let target):
                #expect(html != nil, "\(address) is not in Output/", sourceLocation: sourceLocation)
                guard let html else { continue }
                #expect(html.contains("<link rel=\"canonical\" href=\"\(base)\(target.dropFirst())\">"),
                        "\(address) does not redirect to \(target):\n\(html)", sourceLocation: sourceLocation)
                let page = site.read(output(target))
                #expect(page != nil && page?.contains("http-equiv=\"refresh\"") == false, "\(address) redirects to \(target), which is not a page",
                        sourceLocation: sourceLocation)
            }
        }
    }

    static func warnings(_ result: ProcessResult) -> [String] {
        result.stderr.split(separator: "\n").map(String.init).filter { $0.contains(": warning: ") }
    }

    // MARK: Hugo

    @Test func aHugoSiteKeepsEveryAddress() throws {
        let imported = try importAndBuild("hugo", fixture: "import-hugo")
        defer { imported.remove() }
        let site = imported.site
        #expect(imported.importResult.status == 0, "\(imported.importResult.stderr)")
        #expect(imported.buildResult.status == 0, "\(imported.buildResult.stderr)")
        // Listed by hand from the fixture, as Hugo would publish it: `permalinks` for post/ and
        // pages/, the date's own offset for the day (2020-02-29 at 23:30 in New York is March 1st
        // in Brussels), the title urlized when there is no slug, `url`, `aliases`, static files.
        // Section lists are left out: the new site has its timeline and archive instead. The
        // taxonomy pages are at Hugo's addresses, each listing its posts.
        expectResolves(site, base: "https://brain.example/", [
            ("/categories/education/", .page("Conferences: sense and nonsense")),
            ("/categories/programming/", .page("Highlight in TOML")),
            ("/tags/conference/", .page("Conferences: sense and nonsense")),
            ("/series/talks/", .page("Conferences: sense and nonsense")),
            ("/categories/", .page("education")),
            ("/post/2019/09/conferences-sense-and-nonsense/", .page("Companies see conferences as a cost.")),
            ("/old/conferences/", .redirect("/post/2019/09/conferences-sense-and-nonsense/")),
            ("/post/2020/02/toml-highlight/", .redirect("/post/2020/03/toml-highlight/")),
            ("/post/2021/03/a-bundle/", .page("https://www.youtube.com/watch?v=dQw4w9WgXcQ")),
            ("/post/2021/03/a-bundle/cat.png", .file),
            // An undated page of the post section (a year's list) is a page, out of the post
            // folders: it builds with no warning that a post lacks its date.
            ("/post/2019/", .redirect("/pages/post/2019/2019/")),
            // An undated bundle too, with its files.
            ("/post/0001/01/screen-aspect-ratios/", .redirect("/pages/post/screen-aspect-ratios/")),
            ("/pages/post/screen-aspect-ratios/", .page("<img src=\"../../../pages/post/screen-aspect-ratios/sketch.png\" alt=\"A sketch\"")),
            ("/pages/post/screen-aspect-ratios/sketch.png", .file),
            ("/notes/2021/note1/", .redirect("/post/2021/05/note1/")),
            ("/about/", .page("About me.")),
            ("/me/", .redirect("/about/")),
            ("/pages/colophon/", .page("Made with care.")),
            ("/img/avatar.png", .file),
            ("/CNAME", .file),
        ])
        #expect(site.exists("Content/pages/post/2019/2019.md") && !site.exists("Content/post/2019/2019.md"))
        #expect(!imported.buildResult.stderr.contains("has no 'date'"), "\(imported.buildResult.stderr)")
        // A draft is carried, still a draft: its addresses were never published, and are not now.
        #expect(site.read("Content/post/2020/draft.md")?.contains("draft: true\nslug: \"not-yet\"\naliases: [\"/soon/\"]\n") == true)
        #expect(!site.exists("Output/soon/index.html") && !site.exists("Output/post/2021/06/not-yet/index.html"))

        let config = try #require(site.read("site.yml"))
        for line in ["title: \"Brain Test\"", "description: \"Freshly baked thoughts\"", "base_url: \"https://brain.example/\"",
                     "language: \"en-US\"", "timezone: \"Europe/Brussels\"", "author:\n  name: \"Wouter Example\"\n  email: \"wouter@example.org\"",
                     "posts_per_page: 10", "permalink: \"/post/:year/:month/:slug/\"", "post_folders: [\"notes\", \"post\"]",
                     "taxonomies: [\"tags\", \"categories\", \"series\"]", "markdown:\n  emoji: true"] {
            #expect(config.contains("\n" + line + "\n"), "site.yml lacks \(line):\n\(config)")
        }

        // Shortcodes with a Markdown or HTML equivalent, converted in the Markdown itself.
        let conferences = try #require(site.read("Content/post/2019/09/conferences.md"))
        #expect(conferences.hasPrefix("""
            ---
            title: "Conferences: sense and nonsense"
            date: "2019-09-23"
            categories: ["education"]
            tags: ["conference"]
            series: ["talks"]
            slug: "conferences-sense-and-nonsense"
            aliases: ["/old/conferences/"]
            ---
            Companies see conferences as a cost.

            ![The speaker](/img/avatar.png)

            <figure><img src="/img/avatar.png" alt=""><figcaption>On stage</figcaption></figure>

            More in [the bundle](../../bundle-post/index.md) and [the colophon](../../../pages/colophon.md).

            {{< archive 2019 >}}
            """), "\(conferences)")
        let toml = try #require(site.read("Content/post/2020/toml-post.md"))
        #expect(toml.contains("```go\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n```"), "\(toml)")
        #expect(toml.contains("Shown as code: {{< youtube abc >}}."))
        #expect(toml.contains("date: \"2020-02-29T23:30:00-05:00\"\n") && toml.contains("aliases: [\"/post/2020/02/toml-highlight/\"]"))
        let bundle = try #require(site.read("Content/post/bundle-post/index.md"))
        for link in ["<https://www.youtube.com/watch?v=dQw4w9WgXcQ>", "<https://twitter.com/jack/status/20>", "<https://gist.github.com/spf13/7896402>"] {
            #expect(bundle.contains(link), "\(link) in:\n\(bundle)")
        }
        // The converted `ref` is a link between the built pages.
        let page = try #require(site.read("Output/post/2019/09/conferences-sense-and-nonsense/index.html"))
        #expect(page.contains("href=\"../../../../post/2021/03/a-bundle/index.html\""), "\(page)")
        #expect(page.contains("href=\"../../../../pages/colophon/index.html\""))

        // Each shortcode that was not converted, with its file and line.
        let warnings = Self.warnings(imported.importResult)
        #expect(warnings == [
            "source/content/post/2019/09/conferences.md:19: warning: Shortcode 'archive' has no Markdown equivalent: '{{< archive 2019 >}}' was left as it is",
            "source/content/post/2019/2019.md:7: warning: Shortcode 'archive' has no Markdown equivalent: '{{< archive 2019 >}}' was left as it is",
            "source/content/post/bundle-post/index.md:14: warning: Shortcode 'notice' has no Markdown equivalent: '{{% notice %}}' was left as it is",
            "source/content/post/bundle-post/index.md:14: warning: Closing tag of shortcode 'notice': '{{% /notice %}}' was left as it is",
        ], "\(imported.importResult.stderr)")

        #expect(imported.importResult.stdout.contains("""
              5 posts, 4 pages, 4 media files (1 draft, unpublished as before)
            """), "\(imported.importResult.stdout)")
        #expect(imported.importResult.stdout.contains("  site.yml: made from the old configuration, permalink /post/:year/:month/:slug/\n"))
        #expect(imported.importResult.stdout.contains("  Old addresses kept: 10: 4 as the page's own path, 6 as a redirect\n"), "\(imported.importResult.stdout)")
        #expect(imported.importResult.stdout.contains("  Converted: figure ×2, gist ×1, highlight ×1, ref ×1, relref ×1, tweet ×1, youtube ×1\n"),
                "\(imported.importResult.stdout)")
        #expect(imported.importResult.stdout.contains("  Left as written: 4 shortcodes or tags (listed above with file and line)\n"))
        #expect(imported.importResult.stdout.contains("    2 files, section and home pages (`_index.md`): the timeline, archive and tag pages take their place: content/_index.md, content/post/_index.md\n"),
                "\(imported.importResult.stdout)")
        #expect(imported.importResult.stdout.contains("    1 file, templates and themes (the built-in theme or Templates/ take their place): layouts/partials/footer.html"))
    }

    @Test func importingAgainWritesNothingNewAndLeavesEditsAlone() throws {
        let imported = try importAndBuild("hugo", fixture: "import-hugo")
        defer { imported.remove() }
        let again = try imported.work.run(["import", "hugo", "source", "--site", "site"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("  0 files written, 0 updated, 15 unchanged\n"), "\(again.stdout)")
        #expect(imported.site.exists("Content/post/2019/09/conferences.md"))
        #expect(FileManager.default.contentsOfDirectory(atPathOrEmpty: imported.site.root.appendingPathComponent("Content/post/2019/09").path) == ["conferences.md"])

        // An edited post is left as the author made it; the rest is rewritten.
        try imported.site.write("Content/about.md", "---\ntitle: About\n---\nMy own words.\n")
        let edited = try imported.work.run(["import", "hugo", "source", "--site", "site"])
        #expect(edited.status == 0)
        // The shortcodes left as written are listed again, then the file left alone.
        #expect(Self.warnings(edited).count == 5)
        #expect(Self.warnings(edited).last == "site/Content/about.md: warning: Left as it is: edited since the last import; the imported version was not written", "\(edited.stderr)")
        #expect(imported.site.read("Content/about.md") == "---\ntitle: About\n---\nMy own words.\n")
        #expect(edited.stdout.contains("0 files written, 0 updated, 14 unchanged, 1 left alone (see the warnings)"), "\(edited.stdout)")
    }

    @Test func aDryRunWritesNothing() throws {
        let work = try TestSite([:], config: nil)
        defer { work.remove() }
        try FileManager.default.copyItem(at: Paths.fixtures.appendingPathComponent("import-hugo"), to: work.root.appendingPathComponent("source"))
        let result = try work.run(["import", "hugo", "source", "--site", "site", "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Dry run, nothing written: Hugo site source\n  5 posts, 4 pages, 4 media files (1 draft, unpublished as before)\n  15 files to write, 0 to update, 0 unchanged\n"), "\(result.stdout)")
        #expect(!work.exists("site"))
    }

    @Test func badInputStopsWithTheReasonAndWritesNothing() throws {
        let work = try TestSite(["source/content/x.md": "---\ntitle: X\n---\n", "jekyll/_config.yml": "title: J\n",
                                 "full/notes.txt": "mine\n"], config: nil)
        defer { work.remove() }
        let notJekyll = try work.run(["import", "jekyll", "source", "--site", "site"])
        #expect(notJekyll.status == 1)
        #expect(notJekyll.stderr == "source: error: This is not a Jekyll site: no _config.yml and no _posts/ folder. Give the folder that holds the site's configuration\nNothing was imported; the site is as it was.\n")
        let missing = try work.run(["import", "hugo", "nowhere", "--site", "site"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("nowhere: error: No such folder. Give the folder of the site to import\n"), "\(missing.stderr)")
        let inside = try work.run(["import", "hugo", "source", "--site", "source/new"])
        #expect(inside.status == 1)
        #expect(inside.stderr.hasPrefix("source: error: The site would be written inside the Hugo site it is imported from, which the import never changes. Give --site a folder outside it\n"), "\(inside.stderr)")
        let full = try work.run(["import", "hugo", "source", "--site", "full"])
        #expect(full.status == 1)
        #expect(full.stderr.hasPrefix("full: error: This folder is not empty and has no site.yml. Import into a new or empty folder, or into a Samizdat site (run 'samizdat init' first)\n"), "\(full.stderr)")
        #expect(!work.exists("site") && !work.exists("source/new") && work.read("full/notes.txt") == "mine\n")
        let usage = try work.run(["import", "hugo"])
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("Missing expected argument '<dir>'"), "\(usage.stderr)")
    }

    @Test func anExistingSiteKeepsItsConfigurationAndGetsRedirects() throws {
        let work = try TestSite(["site/site.yml": "title: Mine\nbase_url: https://mine.example/\ntimezone: UTC\n"], config: nil)
        defer { work.remove() }
        try FileManager.default.copyItem(at: Paths.fixtures.appendingPathComponent("import-hugo"), to: work.root.appendingPathComponent("source"))
        let result = try work.run(["import", "hugo", "source", "--site", "site"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(work.read("site/site.yml") == "title: Mine\nbase_url: https://mine.example/\ntimezone: UTC\n")
        #expect(result.stdout.contains("  site.yml: the site's own, permalink /:year/:month/:day/:slug/\n"), "\(result.stdout)")
        // Posts go into the site's post folder, so they stay posts.
        #expect(work.exists("site/Content/posts/post/2019/09/conferences.md"))
        let build = try work.run(["build", "--site", "site"])
        #expect(build.status == 0, "\(build.stderr)")
        expectResolves(TestSite(existing: work.root.appendingPathComponent("site")), base: "https://mine.example/", [
            ("/post/2019/09/conferences-sense-and-nonsense/", .redirect("/2019/09/23/conferences-sense-and-nonsense/")),
            ("/post/2021/03/a-bundle/", .redirect("/2021/03/04/a-bundle/")),
        ])
    }

    // MARK: Jekyll

    @Test func aJekyllSiteKeepsEveryAddress() throws {
        let imported = try importAndBuild("jekyll", fixture: "import-jekyll")
        defer { imported.remove() }
        let site = imported.site
        #expect(imported.importResult.status == 0, "\(imported.importResult.stderr)")
        #expect(imported.buildResult.status == 0, "\(imported.buildResult.stderr)")
        // `/:year/:month/:day/:title.html` in Los Angeles: the front matter's date wins over the
        // file name's (2018-09-29-… was written on the 28th), `:title` keeps the file name's case;
        // a post's own `permalink` and its `redirect_from`; pages end in `.html` unless they say.
        expectResolves(site, base: "http://soy.example/", [
            ("/2018/09/28/daily-dictionary-is.html", .page("is a word-a-day app")),
            ("/2018/10/02/i-appreciate-that.html", .page("IRC fell out of fashion")),
            ("/2018/10/03/Kramdown-Notes.html", .page("A paragraph with a class.")),
            ("/custom/path/", .redirect("/2018/10/04/path.html")),
            ("/old-path.html", .redirect("/2018/10/04/path.html")),
            ("/2015/old/", .redirect("/2018/10/04/path.html")),
            ("/about/", .page("About me.")),
            ("/now.html", .redirect("/now/")),
            ("/uploads/2018/cat.png", .file),
            ("/assets/css/style.css", .file),
        ])
        let config = try #require(site.read("site.yml"))
        for line in ["title: \"Shawn Test\"", "base_url: \"http://soy.example/\"", "timezone: \"America/Los_Angeles\"",
                     "author:\n  name: \"Shawn Example\"", "posts_per_page: 20", "permalink: \"/:year/:month/:day/:slug.html\""] {
            #expect(config.contains("\n" + line + "\n"), "site.yml lacks \(line):\n\(config)")
        }
        #expect(!config.contains("post_folders") && !config.contains("taxonomies"))

        let daily = try #require(site.read("Content/posts/2018-09-29-daily-dictionary-is.md"))
        #expect(daily == """
            ---
            microblog: true
            audio: null
            date: "2018-09-28 22:20:44 -0700"
            guid: "http://soypunk.micro.blog/2018/09/29/daily-dictionary-is.html"
            slug: "daily-dictionary-is"
            ---
            [Daily Dictionary](http://www.dailydictionary.com) is a word-a-day app. See [my note](2018-10-02-i-appreciate-that.md) and [about](/about/).

            ```ruby
            puts "hello"
            ```

            """, "\(daily)")
        let note = try #require(site.read("Content/posts/2018-10-02-i-appreciate-that.md"))
        #expect(note.contains("categories: [\"Notes\"]\ndate: \"2018-10-02\"\nslug: \"i-appreciate-that\"\n"), "\(note)")
        #expect(note.contains("![Cat](/uploads/2018/cat.png)"))
        let kramdown = try #require(site.read("Content/posts/2018-10-03-Kramdown-Notes.md"))
        #expect(kramdown.contains("Liquid looks like {{ this }}."))
        #expect(kramdown.contains("Read the [about page](../about.md)."))
        let built = try #require(site.read("Output/2018/09/28/daily-dictionary-is.html"))
        #expect(built.contains("href=\"../../../2018/10/02/i-appreciate-that.html\""), "\(built)")
        #expect(built.contains("<pre><code class=\"language-ruby\">"))

        #expect(Self.warnings(imported.importResult) == [
            "source/_posts/2018-10-03-Kramdown-Notes.md:8: warning: Kramdown attributes are left to the build: '{: .float-end}' was left as it is",
            "source/_posts/2018-10-03-Kramdown-Notes.md:12: warning: Includes are theme files; copy what it shows into the post: '{% include figure.html src=\"cat.png\" %}' was left as it is",
        ], "\(imported.importResult.stderr)")
        let report = imported.importResult.stdout
        #expect(report.contains("  4 posts, 2 pages, 2 media files\n"), "\(report)")
        #expect(report.contains("  Old addresses kept: 8: 4 as the page's own path, 4 as a redirect\n"), "\(report)")
        #expect(report.contains("  Converted: highlight ×1, link ×1, post_url ×1, raw ×1, site.baseurl ×2\n"), "\(report)")
        #expect(report.contains("    1 file, drafts (`_drafts/`): Jekyll does not publish them; move them into Content/posts/ with `draft: true`: _drafts/wip.md\n"))
        #expect(report.contains("    2 files, Liquid templates (HTML, XML, Sass with front matter): the built-in theme and feeds take their place: feed.xml, index.html\n"), "\(report)")
        #expect(report.contains("    2 files, templates and themes (the built-in theme or Templates/ take their place): _includes/figure.html, _layouts/post.html\n"))
        #expect(report.contains("    1 file, not part of the content (build and tool files): Gemfile\n"))
    }

    // MARK: micro.blog

    @Test func aMicroblogExportFolderKeepsEveryAddress() throws {
        let imported = try importAndBuild("microblog", fixture: "import-microblog")
        defer { imported.remove() }
        let site = imported.site
        #expect(imported.importResult.status == 0, "\(imported.importResult.stderr)")
        #expect(imported.buildResult.status == 0, "\(imported.buildResult.stderr)")
        // `url` where the post has one, else micro.blog's /YYYY/MM/DD/slug.html with the date's own offset.
        expectResolves(site, base: "https://soy.example/", [
            ("/2018/09/29/testing-out-microblog.html", .redirect("/2018/09/28/testing-out-microblog.html")),
            ("/2018/10/02/i-appreciate-that.html", .page("IRC fell out of fashion")),
            ("/2018/10/05/a-titled-post.html", .page("Longer text, with a title.")),
            ("/about/", .page("About me.")),
            ("/uploads/2018/6cc2538be2.png", .file),
        ])
        let config = try #require(site.read("site.yml"))
        #expect(config.contains("\ntimezone: \"Etc/GMT+7\"\n") && config.contains("\npermalink: \"/:year/:month/:day/:slug.html\"\n"), "\(config)")
        let photo = try #require(site.read("Content/posts/2018/2018-09-28-testing-out-microblog.md"))
        // The photos are the site's own now.
        #expect(photo.contains("photos: [\"/uploads/2018/6cc2538be2.png\"]\n"), "\(photo)")
        #expect(photo.contains("<img src=\"/uploads/2018/6cc2538be2.png\""))
        #expect(!photo.contains("soy.example"))
        let titled = try #require(site.read("Content/posts/2018/2018-10-05-a-titled-post.md"))
        #expect(titled.contains("categories: [\"Essays\"]"))
        #expect(titled.contains("Longer text, with a title. <https://www.youtube.com/watch?v=dQw4w9WgXcQ>"))
        let built = try #require(site.read("Output/2018/09/28/testing-out-microblog.html"))
        #expect(built.contains("6cc2538be2.png"))
        #expect(imported.importResult.stdout.contains("  3 posts, 1 page, 1 media file\n"), "\(imported.importResult.stdout)")
    }

    @Test func aBlogArchiveFileKeepsEveryAddress() throws {
        let work = try TestSite([:], config: nil)
        defer { work.remove() }
        let feed = """
            {"version": "https://jsonfeed.org/version/1.1", "title": "Soy archive", "home_page_url": "https://soy.example/",
             "items": [
              {"id": "1", "url": "https://soy.example/2018/09/29/testing-out-microblog.html", "date_published": "2018-09-29T00:18:48+00:00",
               "content_text": "The obligatory cat.\\n\\n![Cat](https://soy.example/uploads/2018/cat.png)", "content_html": "<p>The obligatory cat.</p>"},
              {"id": "2", "url": "https://soy.example/2018/10/05/a-titled-post.html", "title": "A titled post", "date_published": "2018-10-05T17:00:00+00:00",
               "content_html": "<p>Only <em>HTML</em> here.</p>", "tags": ["essays"]}
             ]}
            """
        let archive = try Archive(url: work.root.appendingPathComponent("soy.bar"), accessMode: .create)
        for (path, data) in [("soy/feed.json", Data(feed.utf8)), ("soy/index.html", Data("<html></html>".utf8)),
                             ("soy/uploads/2018/cat.png", try Data(contentsOf: Paths.fixtures.appendingPathComponent("images/rgb-3x2.png")))] {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), provider: { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            })
        }
        let result = try work.run(["import", "microblog", "soy.bar", "--site", "site"])
        #expect(result.status == 0, "\(result.stderr)")
        let build = try work.run(["build", "--site", "site"])
        #expect(build.status == 0, "\(build.stderr)")
        expectResolves(TestSite(existing: work.root.appendingPathComponent("site")), base: "https://soy.example/", [
            ("/2018/09/29/testing-out-microblog.html", .page("The obligatory cat.")),
            ("/2018/10/05/a-titled-post.html", .page("Only <em>HTML</em> here.")),
            ("/uploads/2018/cat.png", .file),
        ])
        let post = try #require(work.read("site/Content/posts/2018/09/29-testing-out-microblog.md"))
        #expect(post == "---\ndate: \"2018-09-29T00:18:48+00:00\"\nslug: \"testing-out-microblog\"\n---\nThe obligatory cat.\n\n![Cat](/uploads/2018/cat.png)\n", "\(post)")
        #expect(result.stdout.contains("  2 posts, 0 pages, 1 media file\n"), "\(result.stdout)")
        #expect(result.stdout.contains("    1 file, the archive's HTML copy of the posts (feed.json was read instead): soy/index.html\n"), "\(result.stdout)")
    }
}

extension FileManager {
    func contentsOfDirectory(atPathOrEmpty path: String) -> [String] {
        ((try? contentsOfDirectory(atPath: path)) ?? []).sorted()
    }
}
