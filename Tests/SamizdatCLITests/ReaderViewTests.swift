import Foundation
import Testing

/// What feed readers and web readers see of `Tests/Fixtures/reader-site`, a site with every
/// defect readers met (issue 8): photos named with spaces, `#`, `&` and accents, a photo-only
/// note, an external photo, raw HTML with root-relative URLs, footnotes, replies to an own post
/// and to a foreign URL, a French reply, a title with `<b>` and `&`, a summary with `Array<Int>`,
/// control characters, tags C, C# and C++, ids that are not IRIs. Built under a sub-folder
/// (`https://example.org/blog/`), as readers meet most sites.
@Suite("What readers see", .serialized)
struct ReaderViewTests {
    static let site: TestSite? = try? TestSite(fixture: "reader-site").removedAtExit()
    static let build: ProcessResult? = try? site?.run("build")

    private func built() throws -> TestSite {
        let site = try #require(Self.site)
        let result = try #require(Self.build)
        try #require(result.status == 0, "\(result.stderr)")
        return site
    }

    private func read(_ path: String) throws -> String {
        try #require(try built().read("Output/" + path), "missing Output/\(path)")
    }

    private func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(read(path).utf8)) as? [String: Any])
    }

    private func jsonItem(_ slug: String) throws -> [String: Any] {
        let items = try #require(try json("feed.json")["items"] as? [[String: Any]])
        return try #require(items.first { ($0["url"] as? String)?.hasSuffix("/\(slug)/") == true }, "no item \(slug)")
    }

    /// The `<item>` or `<entry>` of a post in an RSS or Atom file.
    private func xmlEntry(_ file: String, _ slug: String) throws -> String {
        let xml = try read(file)
        let tag = file.hasSuffix("feed.xml") ? "item" : "entry"
        let parts = xml.components(separatedBy: "<\(tag)").dropFirst()
        let link = tag == "item" ? "/\(slug)/</link>" : "rel=\"alternate\" type=\"text/html\" href=\"https://example.org/blog/2026/11/"
        return try #require(parts.first { $0.contains(link) && $0.contains("/\(slug)/") && (tag == "item" || $0.contains("/\(slug)/\"/>\n<")) },
                            "no \(tag) for \(slug) in \(file)")
    }

    // MARK: 1. Media URLs

    @Test func photoURLsArePercentEncodedTheSameWayEverywhere() throws {
        let encoded = [
            "2026/11/10/market/my%20stall.png", "2026/11/10/market/c%231.png",
            "2026/11/10/market/fish%20%26%20chips.gif",
        ]
        let rss = try xmlEntry("feed.xml", "market"), atom = try xmlEntry("atom.xml", "market")
        #expect(rss.contains(#"<enclosure url="https://example.org/blog/2026/11/10/market/my%20stall.png" length="80" type="image/png"/>"#))
        for path in encoded {
            #expect(atom.contains(#"<link rel="enclosure" type="image/"#) && atom.contains("href=\"https://example.org/blog/\(path)\""), "\(path) in Atom")
        }
        let item = try jsonItem("market")
        let attachments = try #require(item["attachments"] as? [[String: Any]])
        #expect(attachments.compactMap { $0["url"] as? String } == encoded.map { "https://example.org/blog/" + $0 } + ["https://cdn.example/cat%20photo.jpg"])
        #expect(item["image"] as? String == "https://example.org/blog/2026/11/10/market/my%20stall.png")

        let page = try read("2026/11/10/market/index.html")
        #expect(page.contains(#"<meta property="og:image" content="https://example.org/blog/2026/11/10/market/my%20stall.png">"#))
        for path in encoded {
            #expect(page.contains("src=\"../../../../\(path)\""), "gallery <img> for \(path)")
        }
        #expect(!page.contains("my stall.png\""), "no unencoded photo URL")
        // The files themselves keep their names.
        let site = try built()
        for name in ["my stall.png", "c#1.png", "fish & chips.gif"] {
            #expect(site.exists("Output/2026/11/10/market/\(name)"))
        }
        #expect(try read("2026/11/11/sunset/index.html").contains("soleil%20d%27%C3%A9t%C3%A9.png"))
    }

    // MARK: 2. Item content is the whole post

    @Test func photosAreInEveryItemsContentExternalOnesToo() throws {
        let sunset = "https://example.org/blog/2026/11/11/sunset/soleil%20d%27%C3%A9t%C3%A9.png"
        let image = "&lt;img src=&quot;\(sunset)&quot; alt=&quot;A red sun setting over the sea&quot; width=&quot;3&quot; height=&quot;2&quot;&gt;"
        #expect(try xmlEntry("feed.xml", "sunset").contains("<content:encoded>&lt;p&gt;\(image)"))
        #expect(try xmlEntry("atom.xml", "sunset").contains(image))
        #expect(try jsonItem("sunset")["content_html"] as? String == "<p><img src=\"\(sunset)\" alt=\"A red sun setting over the sea\" width=\"3\" height=\"2\"></p>\n")
        #expect(try xmlEntry("feed.xml", "sunset").contains("<description>A red sun setting over the sea</description>"), "a photo-only note is not an empty item")

        for file in ["feed.xml", "atom.xml"] {
            let entry = try xmlEntry(file, "market")
            #expect(entry.components(separatedBy: "&lt;img ").count - 1 == 4, "four photos in \(file)")
            #expect(entry.contains("https://cdn.example/cat%20photo.jpg"), "the external photo in \(file)")
        }
        #expect(try xmlEntry("feed.xml", "market").components(separatedBy: "<enclosure ").count - 1 == 1, "RSS allows one enclosure")
        #expect(try xmlEntry("atom.xml", "market").components(separatedBy: "rel=\"enclosure\"").count - 1 == 4)
    }

    @Test func repliesSayWhatTheyAnswer() throws {
        let own = "https://example.org/blog/2026/11/12/arrays/"
        #expect(try jsonItem("own-reply")["content_html"] as? String
            == "<p>In reply to <a href=\"\(own)\">A &lt;b&gt;bold&lt;/b&gt; &amp; brave &quot;title&quot;</a></p>\n<p>Answering my own post about arrays.</p>\n")
        #expect(try xmlEntry("atom.xml", "own-reply").contains(#"<thr:in-reply-to ref="\#(own)" href="\#(own)" type="text/html"/>"#))
        #expect(try xmlEntry("atom.xml", "foreign-reply").contains(#"<thr:in-reply-to ref="https://social.example/@bob/1234" href="https://social.example/@bob/1234" type="text/html"/>"#))
        #expect(try xmlEntry("feed.xml", "foreign-reply").contains("In reply to &lt;a href=&quot;https://social.example/@bob/1234&quot;&gt;social.example/@bob/1234&lt;/a&gt;"))
        let french = try jsonItem("french-reply")
        #expect((french["content_html"] as? String)?.hasPrefix("<p>En réponse à <a href=\"https://example.org/blog/2026/11/13/own-reply/\">") == true)
        #expect((french["_samizdat"] as? [String: String])?["in_reply_to"] == "https://example.org/blog/2026/11/13/own-reply/")
        #expect((french["_samizdat"] as? [String: String])?["in_reply_to_id"] == "https://example.org/blog/2026/11/13/own-reply/")
    }

    /// `strings` in site.yml are the site language's words: a French reply keeps French ones.
    @Test func replyWordsFollowSiteStringsInTheSiteLanguageOnly() throws {
        let copy = try TestSite(fixture: "reader-site")
        defer { copy.remove() }
        try copy.write("site.yml", try #require(copy.read("site.yml")) + "strings:\n  in_reply_to: Answering\n")
        let result = try copy.run("build")
        try #require(result.status == 0, "\(result.stderr)")
        let feed = try #require(copy.read("Output/feed.json"))
        #expect(feed.contains(#""content_html" : "<p>Answering <a href=\"https://social.example/@bob/1234\">"#))
        #expect(feed.contains(#""content_html" : "<p>En réponse à <a href="#))
    }

    // MARK: 3, 4, 5. Text escaped for each field; note titles; authors

    @Test func textIsEscapedForWhatEachFieldIs() throws {
        let rss = try xmlEntry("feed.xml", "arrays")
        #expect(rss.contains("<title>A &lt;b&gt;bold&lt;/b&gt; &amp; brave &quot;title&quot;</title>"))
        #expect(rss.contains("<description>Use Array&amp;lt;Int&amp;gt; when the order matters &amp;amp; the size is small.</description>"),
                "description is HTML: the plain summary is escaped for HTML, then for XML")
        #expect(try xmlEntry("atom.xml", "arrays").contains("<summary>Use Array&lt;Int&gt; when the order matters &amp; the size is small.</summary>"))
        #expect(try jsonItem("arrays")["title"] as? String == "A <b>bold</b> & brave \"title\"")
    }

    @Test func notesAreTitledInAtomOnly() throws {
        #expect(try xmlEntry("atom.xml", "own-reply").contains(#"<title type="text">Answering my own post about arrays.</title>"#))
        #expect(try xmlEntry("atom.xml", "sunset").contains(#"<title type="text">A red sun setting over the sea</title>"#))
        #expect(!(try read("atom.xml")).contains("<title/>"))
        #expect(!(try xmlEntry("feed.xml", "own-reply")).contains("<title>"))
        #expect(try jsonItem("own-reply")["title"] == nil)
    }

    @Test func everyItemNamesItsAuthor() throws {
        let rss = try read("feed.xml")
        #expect(rss.contains("<managingEditor>ada@example.org (Ada Lovelace)</managingEditor>"))
        #expect(rss.components(separatedBy: "<item>").count - 1 == rss.components(separatedBy: "<dc:creator>Ada Lovelace</dc:creator>").count - 1)
        let document = try json("feed.json")
        #expect((document["author"] as? [String: Any])?["name"] as? String == "Ada Lovelace", "JSON Feed 1.0 readers read 'author'")
        #expect(((document["authors"] as? [[String: Any]])?.first)?["name"] as? String == "Ada Lovelace")
    }

    // MARK: 6. Links work from any folder

    @Test func rawHTMLLinksAreRelativeOnPagesAndAbsoluteInFeeds() throws {
        let page = try read("2026/11/12/arrays/index.html")
        #expect(page.contains(#"<img src="../../../../images/x.svg" alt="An X drawing">"#))
        #expect(page.contains(#"<a href="../../../../about/index.html">the about page</a>"#))
        #expect(page.contains(#"<a href="../../../../2026/11/10/market/index.html">the market</a>"#))
        #expect(page.contains(##"href="#fn-1""##))
        // On the timeline the post shows its `summary` (as text: `Array<Int>` is no tag) and a relative link to the rest.
        let timeline = try read("page/1/index.html")
        #expect(timeline.contains("<p>Use Array&lt;Int&gt; when the order matters &amp; the size is small.</p>"), "\(timeline)")
        #expect(timeline.contains(#"<p class="read-more"><a href="../../2026/11/12/arrays/index.html">Continue reading"#))
        let content = try #require(try jsonItem("arrays")["content_html"] as? String)
        #expect(content.contains(#"<img src="https://example.org/blog/images/x.svg" alt="An X drawing">"#))
        #expect(content.contains(#"<a href="https://example.org/blog/about/">the about page</a>"#))
        #expect(content.contains(##"href="https://example.org/blog/2026/11/12/arrays/#fn-1""##))
        #expect(content.contains(##"href="https://example.org/blog/2026/11/12/arrays/#more""##))
        #expect(!content.contains(##"href="#"##) && !content.contains(#"href="/"#) && !content.contains(#"src="/"#))
    }

    @Test func summariesLeaveOutFootnotesAndKeepRawHTMLText() throws {
        let site = try #require(Self.site)
        let copy = try TestSite(fixture: "reader-site")
        defer { copy.remove() }
        _ = site
        try copy.write("Content/posts/2026/11/arrays.md", "---\ndate: 2026-11-12 10:00\nslug: arrays\n---\nA claim with a footnote.[^1]\n\n<p>See <a href=\"/about/\">the about page</a> <img src=\"/images/x.svg\" alt=\"an X\"></p>\n\n[^1]: The footnote text.\n")
        let result = try copy.run("build")
        try #require(result.status == 0, "\(result.stderr)")
        let feed = try #require(copy.read("Output/feed.json"))
        #expect(feed.contains(#""summary" : "A claim with a footnote. See the about page an X""#))
        #expect(!feed.contains(#""summary" : "A claim with a footnote. The footnote text."#))
    }

    // MARK: 7. Control characters

    @Test func noControlCharactersReachAFeed() throws {
        for file in ["feed.xml", "atom.xml", "feed.json"] {
            let text = try read(file)
            let bad = text.unicodeScalars.filter { (0x7F...0x9F).contains($0.value) || ($0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r") }
            #expect(bad.isEmpty, "\(file) carries \(bad.map { String($0.value, radix: 16) })")
        }
        #expect(try xmlEntry("feed.xml", "control").contains("<title>Control characters here</title>"))
        let page = try read("2026/11/14/control/index.html")
        #expect(!page.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) })
        let warnings = try #require(Self.build).stderr
        for position in ["3:16", "3:28", "5:11", "5:17", "5:23"] {
            #expect(warnings.contains("Content/posts/2026/11/control.md:\(position): warning: Removed control character U+"), "\(position): \(warnings)")
        }
    }

    // MARK: 10. Validation

    @Test func updatedBeforeDateIsIgnoredWithAWarning() throws {
        #expect(try #require(Self.build).stderr.contains("Content/posts/2026/11/c.md:3:1: warning: 'updated' '2026-11-01' is earlier than 'date'"))
        #expect(try xmlEntry("atom.xml", "c").contains("<updated>2026-11-15T08:00:00+01:00</updated>"))
        #expect(try jsonItem("c")["date_modified"] == nil)
    }

    @Test func aTimeZoneTheFormatterCannotUseIsAnErrorAtItsLine() throws {
        let copy = try TestSite(fixture: "reader-site")
        defer { copy.remove() }
        try copy.write("site.yml", try #require(copy.read("site.yml")).replacingOccurrences(of: "timezone: Europe/Paris", with: "timezone: US/Pacific-New"))
        let result = try copy.run("build")
        #expect(result.status == 1, "no crash (SIGILL was exit 132)")
        #expect(result.stderr.contains("site.yml:6:1: error: Time zone 'US/Pacific-New'"), "\(result.stderr)")
        #expect(!copy.exists("Output"))
    }

    // MARK: 8. Identity

    @Test func idsThatAreNotIRIsBecomeTagURIs() throws {
        #expect(try xmlEntry("atom.xml", "custom-id").contains("<id>tag:example.org,2026:42</id>"))
        #expect(try xmlEntry("atom.xml", "iri-id").contains("<id>urn:uuid:7f1b7c2e-3f4a-4a57-9a43-0d5e6c1f2b3a</id>"))
    }

    @Test func aMirrorKeepsIdsAndThreads() throws {
        let mirror = try TestSite(fixture: "reader-site")
        defer { mirror.remove() }
        let result = try mirror.run("build", "--base-url", "https://mirror.example/notes/")
        try #require(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("reply_to"), "replies naming the original domain still find their post: \(result.stderr)")
        let atom = try #require(mirror.read("Output/atom.xml"))
        #expect(atom.contains("<id>https://example.org/blog/2026/11/13/own-reply/</id>"), "ids stay those of site.yml's base_url")
        #expect(atom.contains(#"<link rel="alternate" type="text/html" href="https://mirror.example/notes/2026/11/13/own-reply/"/>"#))
        #expect(atom.contains(#"<thr:in-reply-to ref="https://example.org/blog/2026/11/12/arrays/" href="https://mirror.example/notes/2026/11/12/arrays/""#))
        let page = try #require(mirror.read("Output/2026/11/13/own-reply/index.html"))
        #expect(page.contains("../../12/arrays/index.html") || page.contains("../../../../2026/11/12/arrays/index.html"), "the reply links the post on the mirror")
    }

    @Test func aDuplicateIdIsAnErrorNamingBothFiles() throws {
        let copy = try TestSite(fixture: "reader-site")
        defer { copy.remove() }
        try copy.write("Content/posts/2026/11/again.md", "---\ndate: 2026-11-17\nid: urn:uuid:7f1b7c2e-3f4a-4a57-9a43-0d5e6c1f2b3a\n---\nSame id.\n")
        let before = copy.snapshot()
        let result = try copy.run("build")
        #expect(result.status == 1)
        #expect(result.stderr.contains("again.md:3:1: error: Feed id 'urn:uuid:7f1b7c2e-3f4a-4a57-9a43-0d5e6c1f2b3a' is also the id of ")
            || result.stderr.contains("iri-id.md:3:1: error: Feed id 'urn:uuid:7f1b7c2e-3f4a-4a57-9a43-0d5e6c1f2b3a' is also the id of "), "\(result.stderr)")
        #expect(result.stderr.contains("again.md") && result.stderr.contains("iri-id.md"))
        #expect(copy.snapshot() == before)
    }

    // MARK: 9. Tags

    @Test func tagsCCSharpAndCPlusPlusStayApart() throws {
        let site = try built()
        for (slug, name) in [("c", "C"), ("c-sharp", "C#"), ("c-plus-plus", "C++")] {
            #expect(site.exists("Output/tags/\(slug)/index.html"), "tags/\(slug)/")
            #expect(try read("tags/\(slug)/feed.json").contains("\"title\" : \"Readers <Fixture> & Co — #\(name)\""))
        }
        let cFeed = try read("tags/c/feed.json")
        #expect(cFeed.contains("/2026/11/15/c/") && cFeed.contains("/2026/11/15/cplusplus/"), "C++ post also tagged c")
        #expect(!cFeed.contains("/2026/11/15/csharp/"))
        #expect(try xmlEntry("feed.xml", "csharp").contains("<category>C#</category>"))
        #expect(try read("tags/c-sharp/index.html").contains("Records in C#."))
    }

    // MARK: 13. Serving hints, tag feeds first

    @Test func aTagPageListsItsOwnFeedsFirst() throws {
        let page = try read("tags/c-sharp/index.html")
        let alternates = page.components(separatedBy: "\n").filter { $0.contains("rel=\"alternate\"") }
        #expect(alternates.first?.contains("tags/c-sharp/") == true || alternates.first?.contains("feed.xml") == true && alternates.first?.contains("c-sharp") == true, "\(alternates)")
    }

    @Test func staticHostsLearnTheFeedsContentTypes() throws {
        let headers = try read("_headers")
        // Netlify and Cloudflare read `_headers` at the root of what is deployed: this folder.
        #expect(headers.contains("\n/feed.xml\n  Content-Type: application/rss+xml; charset=utf-8"))
        #expect(headers.contains("\n/tags/*/atom.xml\n  Content-Type: application/atom+xml; charset=utf-8"))
        #expect(headers.contains("\n/tags/:tag/feed/*\n  Content-Type: application/feed+json; charset=utf-8"))
        #expect(headers.contains("\n/feed/*\n  Content-Type: application/feed+json; charset=utf-8"))
        #expect(!headers.contains("/blog/"))
        let rules = headers.split(separator: "\n").filter { $0.hasPrefix("/") }
        #expect(rules.allSatisfy { $0.filter { $0 == "*" }.count <= 1 }, "Cloudflare takes one splat per rule")
        let htaccess = try read(".htaccess")
        #expect(htaccess.contains("ErrorDocument 404 /blog/404.html"))
        #expect(htaccess.contains("ForceType application/feed+json"))
    }

    // MARK: Real readers

    @Test(.enabled(if: Validators.available, "run through `make test`, which installs the validators"))
    func realParsersAcceptEveryFeed() throws {
        let output = try built().root.appendingPathComponent("Output")
        let check = try Validators.checkFeeds(output: output, baseURL: "https://example.org/blog/", expectPosts: 12)
        #expect(check.status == 0, "\(check.output)")
        if Validators.hasXMLLint { #expect(try Validators.malformedXML(in: output).isEmpty) }
    }

    /// The `reader` library (feedparser inside) stores what a reader app shows: for each item,
    /// the title, the author, the content with its images, and the reply link.
    @Test(.enabled(if: Validators.available, "run through `make test`, which installs the validators"))
    func eachItemReadsRightInAFeedReader() throws {
        let output = try built().root.appendingPathComponent("Output")
        let read = try Validators.readFeeds(output: output)
        try #require(read.status == 0, "\(read.output)")
        let formats = try #require(try JSONSerialization.jsonObject(with: Data(read.json.utf8)) as? [String: [String: Any]])
        #expect(formats.keys.sorted() == ["atom", "json", "rss"])
        for (format, document) in formats {
            let entries = try #require(document["entries"] as? [String: [String: Any]])
            #expect(entries.count == 12, "\(format): \(entries.count) entries")
            func entry(_ slug: String) -> [String: Any] { entries["https://example.org/blog/2026/11/\(slug)/"] ?? [:] }
            func content(_ slug: String) -> String { (entry(slug)["content"] as? [String])?.first ?? "" }
            for value in entries.values {
                #expect(value["author"] as? String == "Ada Lovelace", "\(format): \(value["link"] ?? "")")
            }
            #expect(entry("12/arrays")["title"] as? String == "A <b>bold</b> & brave \"title\"", "\(format) title shown literally")
            // feedparser hands an RSS description over as HTML; Atom's text summary and JSON
            // Feed's summary are plain text.
            let summary = entry("12/arrays")["summary"] as? String ?? ""
            #expect((format == "rss" ? Self.displayed(summary) : summary) == "Use Array<Int> when the order matters & the size is small.", "\(format) summary")
            #expect(content("11/sunset").contains("src=\"https://example.org/blog/2026/11/11/sunset/soleil%20d%27%C3%A9t%C3%A9.png\""), "\(format): photo-only note shows its photo")
            #expect(content("10/market").components(separatedBy: "<img ").count - 1 == 4, "\(format): four photos")
            #expect(content("12/arrays").contains("src=\"https://example.org/blog/images/x.svg\""), "\(format): raw image under the sub-folder")
            #expect(content("13/own-reply").contains("href=\"https://example.org/blog/2026/11/12/arrays/\""), "\(format): reply link")
            #expect(content("13/foreign-reply").contains("href=\"https://social.example/@bob/1234\""), "\(format): reply link")
            if format == "atom" {
                #expect(entry("13/own-reply")["title"] as? String == "Answering my own post about arrays.")
            } else {
                #expect(entry("13/own-reply")["title"] == nil || entry("13/own-reply")["title"] is NSNull, "\(format): a note has no title")
            }
        }
    }

    /// What a reader shows of a field it takes as HTML: tags dropped, entities decoded.
    static func displayed(_ html: String) -> String {
        var text = html.replacing(try! Regex("<[^>]*>"), with: "")
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }
}
