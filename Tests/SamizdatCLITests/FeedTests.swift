import Foundation
import Testing

/// Feeds of a site full of hostile input, read back by real parsers.
@Suite("Feeds")
struct FeedTests {
    static let longLine = String(repeating: "Lorem ipsum dolor sit amet ", count: 380)

    static func tortureSite() throws -> TestSite {
        let config = """
            title: "Torture & <Test> ]]> Site"
            description: "Feeds that survive anything: & < > ]]> \\u0001"
            base_url: https://example.org/blog/
            language: fr
            timezone: America/New_York
            posts_per_page: 3
            author: {name: "Zoë <Ada> & Co", url: https://example.org/, avatar: /me.png}
            feeds: {items: 2, id_base: https://old.example.net/}

            """
        return try TestSite([
            "Content/posts/1-title.md": """
                ---
                title: "Fish & Chips <b>bold</b> ]]> \\"quoted\\" \\u0007bell"
                date: 2026-01-01 10:00
                tags: ["C&C", "<tag>", "ñandú", "עברית", "🚀"]
                ---
                Body with ]]> and <em>raw</em> & entities &amp; and a [link](/2026/01/02/note/) and ![img](/pic.png).
                """,
            "Content/posts/2-note.md": """
                ---
                date: 2026-01-02 11:00
                slug: note
                tags: ["C&C"]
                ---
                A note: שלום עולם — مرحبا بالعالم — emoji 🎉👩🏽‍💻 and a control \u{01} character.
                """,
            "Content/posts/3-long.md": "---\ndate: 2026-01-03\ntitle: Long\n---\n" + longLine + "\n",
            "Content/posts/4-custom-id.md": "---\ndate: 2026-01-04\nid: tag:example.org,2026:four\n---\nFour.\n",
            "Content/posts/5.md": "---\ndate: 2026-01-05T23:30:00Z\nupdated: 2026-02-01\n---\nFive <script>alert(1)</script>\n",
            "Content/posts/6.md": "---\ndate: 2026-01-06\ntitle: \"\"\n---\nEmpty title is no title.\n",
            "Content/posts/7.md": "---\ndate: 2026-01-07\n---\n\n",
        ], config: config)
    }

    @Test func hostileInputStaysWellFormedAndAgreesAcrossFormats() throws {
        let site = try Self.tortureSite()
        defer { site.remove() }
        let result = try site.run("build")
        try #require(result.status == 0, "\(result.stderr)")

        if Validators.hasXMLLint {
            #expect(try Validators.malformedXML(in: site.root.appendingPathComponent("Output")).isEmpty)
        }
        if Validators.available {
            let check = try Validators.checkFeeds(output: site.root.appendingPathComponent("Output"),
                                                  baseURL: "https://example.org/blog/", expectPosts: 7)
            #expect(check.status == 0, "\(check.output)")
        }

        let rss = try #require(site.read("Output/feed.xml"))
        #expect(rss.contains("<title>Torture &amp; &lt;Test&gt; ]]&gt; Site</title>"))
        #expect(!rss.contains("\u{01}") && !rss.contains("\u{07}"), "characters XML forbids are removed")
        #expect(rss.contains(#"<guid isPermaLink="false">https://old.example.net/2026/01/06/6/</guid>"#), "ids come from feeds.id_base")
        #expect(rss.contains("<pubDate>Tue, 06 Jan 2026 00:00:00 -0500</pubDate>"), "English names and numeric zone whatever the language")
        #expect(rss.components(separatedBy: "<item>").count - 1 == 2, "feeds.items per feed")

        let json = try #require(site.read("Output/feed.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let items = try #require(document["items"] as? [[String: Any]])
        #expect(items.allSatisfy { $0["title"] == nil }, "notes 7 and 6 have no title key at all")
        #expect(document["next_url"] as? String == "https://example.org/blog/feed/2.json")

        let atom = try #require(site.read("Output/atom.xml"))
        #expect(!atom.contains("<title/>"), "a note's entry is titled with its excerpt")
        #expect(atom.contains(#"<title type="text">Empty title is no title.</title>"#))
        #expect(atom.contains(#"<title type="text">7 janvier 2026</title>"#), "an empty note is titled with its date")
        // Seven posts, two per page counted from the oldest: the feed holds the newest three, then
        // archive documents 2 (posts 4 and 3) and 1 (posts 2 and 1).
        #expect(atom.contains(#"<link rel="prev-archive" type="application/atom+xml" href="https://example.org/blog/atom/2.xml"/>"#))
        #expect(items.count == 3)
        #expect(atom.contains("<published>2026-01-07T00:00:00-05:00</published>"))

        #expect(try #require(site.read("Output/atom/2.xml")).contains("<id>tag:example.org,2026:four</id>"), "front matter id wins")
        let oldest = try #require(site.read("Output/feed/1.json"))
        #expect(!oldest.contains("next_url"))
        #expect(oldest.contains(#""content_html" : "<p>Body with ]]&gt; and <em>raw</em> &amp; entities &amp; and a <a href=\"https://example.org/blog/2026/01/02/note/\">link</a> and <img src=\"https://example.org/blog/pic.png\" alt=\"img\" />.</p>\n""#))
        let long = try #require(site.read("Output/atom/2.xml"))
        #expect(long.contains("<fh:archive/>"))
        #expect(long.contains(#"<link rel="prev-archive" type="application/atom+xml" href="https://example.org/blog/atom/1.xml"/>"#))
        #expect(!long.contains("next-archive"), "the newest archive document leads back to the feed itself")
        #expect(long.contains(Self.longLine.trimmingCharacters(in: .whitespaces)))
    }

    @Test(.enabled(if: Validators.available, "run through `make test`, which installs feedparser and jsonschema"))
    func demoSiteFeedsPassRealParsersAndWalkToTheOldestPost() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-feeds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let build = try Samizdat.run(["build", "--output", output.path], in: Paths.repository)
        try #require(build.status == 0, "\(build.stderr)")
        let check = try Validators.checkFeeds(output: output, baseURL: "https://camille.example/", expectPosts: 46)
        #expect(check.status == 0, "\(check.output)")
        #expect(try Validators.malformedXML(in: output).isEmpty)
    }

    @Test func aBaseURLThatIsNotHTTPIsAnErrorNamingSiteYml() throws {
        let site = try TestSite(["Content/posts/a.md": "---\ndate: 2026-01-01\n---\nA"], config: "title: T\nbase_url: ftp://example.org/\n")
        defer { site.remove() }
        let result = try site.run("build")
        #expect(result.status == 1)
        #expect(result.stderr.contains("site.yml:2:1: error: 'base_url' must be an absolute http or https URL, like 'https://example.org/'; found 'ftp://example.org/'"))
    }
}
