import Foundation
import Testing

/// Content that Hugo and Jekyll build without complaint builds here too: warnings with file and
/// line for what was left out or guessed, all reported in one run, and errors only for what
/// would make the output wrong.
@Suite("Forgiving build")
struct ForgivingBuildTests {
    static let config = """
        title: Moved from Hugo
        base_url: https://example.org/
        timezone: UTC

        """

    /// A Hugo site's `content/` and `static/` as they are, with the values that stopped real sites.
    static let hugoSite: [String: String] = [
        "site.yml": config,
        "content/_index.md": "---\ntitle: Home\n---\nWelcome to my blog.\n",
        "content/posts/_index.md": "---\ntitle: Posts\n---\n",
        "content/posts/2010-09-12-wordpress-resume-plugin.md": "---\nTitle: Résumé plugin\nTags: one two\nlayout: single\n---\nText.\n",
        "content/posts/gpg.md": """
            ---
            title: Keys
            date: 2019-01-01 10:00:00 EST
            aliases: ["post/old-name"]
            syndication: ["at://did:plc:abc/app.bsky.feed.post/3k"]
            draft: false
            draft: false
            photos: [{src: gone.jpg, alt: Gone}]
            ---
            ## GPG {#gpg}

            Colours #ccc and #fff000 are not tags; #privacy is.

            {: .float-end }
            """,
        "content/posts/expired.md": "---\ndate: 2019-01-01\nexpiryDate: 2020-01-01\n---\nOld news.\n",
        "content/post/2019/elsewhere.md": "---\ndate: 2019-02-01\n---\nIn Hugo's usual section.\n",
        "static/robots.txt": "User-agent: *\nDisallow: /private/\n",
        "static/404.html": "<!doctype html><title>Lost</title>\n",
    ]

    @Test func aHugoSiteBuildsWithAWarningForEachThingLeftOut() throws {
        let site = try TestSite(Self.hugoSite, config: nil)
        defer { site.remove() }
        let result = try site.run("build", "--verbose")
        #expect(result.status == 0, "\(result.stderr)")
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains(": warning: ") }.map(String.init)
        let expected = [
            "content/post: warning: content/post/ holds 1 Markdown file that becomes a page, not posts, because site.yml's 'post_folders' does not list it. If they are posts, add 'post_folders: [posts, post]' to site.yml",
            "content/posts/2010-09-12-wordpress-resume-plugin.md:4:1: warning: Unknown template 'single' in 'layout'; the 'post' template was used",
            "content/posts/_index.md: warning: Skipped: '_index.md' files configure Hugo sections",
            "content/posts/gpg.md:6:1: warning: Key 'draft' is given again on line 7; this value was ignored and the later one used",
            "content/posts/gpg.md:8:1: warning: Photo 'gone.jpg' does not exist; the post was built without it",
        ]
        for line in expected {
            #expect(warnings.contains { $0.hasPrefix(line) }, "expected \(line) in:\n\(result.stderr)")
        }
        #expect(warnings.count == expected.count, "\(result.stderr)")
        #expect(result.stderr.contains("Reading content/ as Content/ (there is no Content/ folder)"))
        #expect(result.stderr.contains("Reading static/ as Public/ (there is no Public/ folder)"))
        #expect(result.stdout.contains("Public/404.html replaces the generated 404.html"))
        #expect(result.stdout.contains("Public/robots.txt replaces the generated robots.txt"))
        #expect(result.stdout.contains("content/posts/expired.md: past its 'expiryDate' (--drafts includes it)"), "\(result.stdout)")

        // The Jekyll file name's date, its tags split, the default template.
        let resume = try #require(site.read("Output/2010/09/12/wordpress-resume-plugin/index.html"))
        #expect(resume.contains("Résumé plugin"))
        #expect(site.exists("Output/tags/one/index.html") && site.exists("Output/tags/two/index.html"))
        // The zone's offset gives the day (10:00 EST is 15:00 UTC), the heading keeps its id.
        let keys = try #require(site.read("Output/2019/01/01/gpg/index.html"))
        #expect(keys.contains(#"<h2 id="gpg">GPG</h2>"#))
        #expect(!keys.contains("{#gpg}") && !keys.contains("{:"))
        // Kramdown's block attributes go to the paragraph before them.
        #expect(keys.contains(#"<p class="float-end">Colours #ccc and #fff000 are not tags; <a class="hashtag""#), "\(keys)")
        // The root _index.md is the home page's text, and its title the front page's heading.
        let home = try #require(site.read("Output/index.html"))
        #expect(home.contains("<p>Welcome to my blog.</p>"))
        #expect(home.contains(#"<h1 class="page-title p-name">Home</h1>"#))
        #expect(keys.contains(#"href="at://did:plc:abc/app.bsky.feed.post/3k""#))
        #expect(!keys.contains("gone.jpg"))
        #expect(site.exists("Output/tags/privacy/index.html"))
        for tag in ["gpg", "ccc", "fff000"] { #expect(!site.exists("Output/tags/\(tag)/index.html"), "tag \(tag)") }
        // The relative alias, against the post's folder.
        let alias = try #require(site.read("Output/posts/post/old-name/index.html"))
        #expect(alias.contains("2019/01/01/gpg/"))
        // Public's files win; the expired post is left out; the Hugo section's file is a page.
        #expect(site.read("Output/robots.txt") == "User-agent: *\nDisallow: /private/\n")
        #expect(site.read("Output/404.html") == "<!doctype html><title>Lost</title>\n")
        #expect(!site.exists("Output/2019/01/01/expired/index.html"))
        #expect(site.exists("Output/post/2019/elsewhere/index.html"))
    }

    @Test func postFoldersListsTheFoldersThatHoldPosts() throws {
        var files = Self.hugoSite
        files["site.yml"] = Self.config + "post_folders: [posts, post]\n"
        let site = try TestSite(files, config: nil)
        defer { site.remove() }
        let result = try site.run("build")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("post_folders"), "\(result.stderr)")
        #expect(site.exists("Output/2019/02/01/elsewhere/index.html"))
        #expect(!site.exists("Output/post/2019/elsewhere/index.html"))
    }

    @Test func allErrorsAndWarningsOfARunComeAtOnce() throws {
        let site = try TestSite([
            "Content/posts/a.md": "---\ndate: someday\nlayout: default\n---\n",
            "Content/posts/b.md": "---\ndate: 2026-01-01\nreply_to: not a url\n---\n",
            "Content/posts/c.md": "---\ndate: 2026-01-02\nphotos: [{src: missing.png, alt: Gone}]\n---\n",
        ])
        defer { site.remove() }
        let result = try site.run("build")
        #expect(result.status == 1)
        #expect(result.stderr.contains("Content/posts/a.md:2:1: error: Cannot read 'date' value 'someday'"), "\(result.stderr)")
        #expect(result.stderr.contains("Content/posts/b.md:3:1: error: 'reply_to' must be the URL"), "\(result.stderr)")
        #expect(result.stderr.contains("Content/posts/c.md:3:1: warning: Photo 'missing.png' does not exist"), "\(result.stderr)")
        #expect(result.stderr.contains("Build failed with 2 errors; nothing was written."))
    }

    @Test func linksToSourceFilesLeadToTheirPagesAndFollowThem() throws {
        let site = try TestSite([
            "Content/posts/2019/first.md": "---\ndate: 2019-01-01\n---\nSee [the second](../2020/second.md#more), [about](../../about.md) and\n[a lost one](gone.md).\n",
            "Content/posts/2020/second.md": "---\ndate: 2020-02-02\n---\n## More\n\nText\n",
            "Content/about.md": "---\ntitle: About\n---\nBack to [the first post](posts/2019/first.md).\n",
        ])
        defer { site.remove() }
        let result = try site.run("build")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Content/posts/2019/first.md:5:14: warning: Link to 'posts/2019/gone.md' leads nowhere: there is no Content/posts/2019/gone.md."), "\(result.stderr)")
        var first = try #require(site.read("Output/2019/01/01/first/index.html"))
        #expect(first.contains(#"<a href="../../../../2020/02/02/second/index.html#more">the second</a>"#), "\(first)")
        #expect(first.contains(#"<a href="../../../../about/index.html">about</a>"#))
        let about = try #require(site.read("Output/about/index.html"))
        #expect(about.contains(#"<a href="../2019/01/01/first/index.html">the first post</a>"#))
        #expect(try #require(site.read("Output/index.html")).contains(#"href="2020/02/02/second/index.html#more""#))
        // In the part of a titled post that lists show, before `<!--more-->`, too.
        try site.write("Content/posts/2021/cut.md", "---\ndate: 2021-03-03\ntitle: Cut\n---\nSee [about](../../about.md).\n\n<!--more-->\n\nThe rest.\n")
        #expect(try site.run("build").status == 0)
        let timeline = try #require(site.read("Output/index.html"))
        #expect(timeline.contains(#"See <a href="about/index.html">about</a>"#), "\(timeline)")
        #expect(!timeline.contains("__SZ_SOURCE__"))

        // The target moves: the page that links to it follows, though its own file did not change.
        try site.write("Content/posts/2020/second.md", "---\ndate: 2020-02-02\nslug: renamed\n---\n## More\n\nText\n")
        #expect(try site.run("build").status == 0)
        first = try #require(site.read("Output/2019/01/01/first/index.html"))
        #expect(first.contains(#"<a href="../../../../2020/02/02/renamed/index.html#more">the second</a>"#), "\(first)")
    }

    @Test func errorsInSiteYmlAndInTheContentComeInOneRun() throws {
        let site = try TestSite(["Content/posts/a.md": "---\ndate: someday\n---\n"],
                                config: TestSite.minimalConfig + "webmention: not-a-url\n")
        defer { site.remove() }
        let result = try site.run("build")
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: 'webmention' must be an absolute http or https URL; found 'not-a-url'"), "\(result.stderr)")
        #expect(result.stderr.contains("Content/posts/a.md:2:1: error: Cannot read 'date' value 'someday'"), "\(result.stderr)")
        #expect(!site.exists("Output"))
    }

    @Test func anExpiredPostComesBackWithDrafts() throws {
        let site = try TestSite(["Content/posts/old.md": "---\ndate: 2019-01-01\nexpiryDate: 2020-01-01\n---\nOld news.\n"])
        defer { site.remove() }
        #expect(try site.run("build").status == 0)
        #expect(!site.exists("Output/2019/01/01/old/index.html"))
        #expect(try site.run("build", "--drafts").status == 0)
        #expect(site.exists("Output/2019/01/01/old/index.html"))
    }

    @Test func hashtagsCanBeTurnedOffForTheSite() throws {
        let site = try TestSite(["Content/posts/irc.md": "---\ndate: 2019-01-01\n---\nOn the #rust IRC channel.\n"],
                                config: TestSite.minimalConfig + "markdown: {hashtags: false}\n")
        defer { site.remove() }
        #expect(try site.run("build").status == 0)
        #expect(try #require(site.read("Output/2019/01/01/irc/index.html")).contains("On the #rust IRC channel."))
        #expect(!site.exists("Output/tags/rust/index.html"))
    }

    @Test func anExportTimeSharedByEveryPostIsNotAnUpdate() throws {
        let site = try TestSite([
            "Content/posts/a.md": "---\ndate: 2019-01-01\nlastmod: 2024-06-01T12:00:00Z\n---\nA\n",
            "Content/posts/b.md": "---\ndate: 2019-02-01\nlastmod: 2024-06-01T12:00:00Z\n---\nB\n",
        ])
        defer { site.remove() }
        #expect(try site.run("build").status == 0)
        #expect(try #require(site.read("Output/atom.xml")).contains("<updated>2019-02-01"))
        #expect(!(try #require(site.read("Output/atom.xml")).contains("2024-06-01")))
        // One post edited since: its time is its own again, and both show.
        try site.write("Content/posts/b.md", "---\ndate: 2019-02-01\nlastmod: 2024-07-01T12:00:00Z\n---\nB\n")
        #expect(try site.run("build").status == 0)
        let feed = try #require(site.read("Output/atom.xml"))
        #expect(feed.contains("2024-06-01") && feed.contains("2024-07-01"))
    }
}
