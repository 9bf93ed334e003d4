import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Samizdat

/// A sitemap file lists at most 50,000 URLs (sitemaps.org); a bigger site's `sitemap.xml` is a
/// sitemap index. The limit is made small here so a few posts show it.
@Suite("Sitemap")
struct SitemapTests {
    static func makeSite(posts: Int) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("site.yml", """
            title: Maps
            base_url: https://example.org/blog/
            timezone: UTC
            posts_per_page: 5
            author: {name: Ada}

            """)
        for index in 0..<posts {
            try folder.write("Content/posts/2026/post-\(index).md", """
                ---
                date: 2026-\(1 + index % 12)-\(1 + index % 28) 10:\(10 + index % 40)
                tags: [t\(index % 3)]
                ---
                Post number \(index).
                """)
        }
        return folder
    }

    static func build(_ folder: TemporaryFolder, limit: Int) throws -> [String: String] {
        var options = BuildOptions(siteDirectory: folder.url, now: Date(timeIntervalSince1970: 1_800_000_000))
        options.sitemapURLLimit = limit
        options.useDatabase = false
        let sink = MemorySink()
        options.sink = sink
        _ = try Builder.build(options)
        return sink.contents.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    /// The `<loc>`s of an XML sitemap file, in order.
    static func locations(_ xml: String) -> [String] {
        xml.components(separatedBy: "<loc>").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    /// Checks with Foundation's parser that `xml` is well-formed, and returns its root element.
    static func rootElement(_ xml: String) -> String? {
        final class Root: NSObject, XMLParserDelegate {
            var name: String?
            func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if name == nil { name = elementName }
            }
        }
        let parser = XMLParser(data: Data(xml.utf8))
        let root = Root()
        parser.delegate = root
        return parser.parse() ? root.name : nil
    }

    @Test func aSiteWithinTheLimitHasOneSitemap() throws {
        let folder = try Self.makeSite(posts: 12)
        defer { folder.remove() }
        let files = try Self.build(folder, limit: Sitemap.urlLimit)
        let sitemap = try #require(files["sitemap.xml"])
        #expect(Self.rootElement(sitemap) == "urlset")
        #expect(!files.keys.contains { $0.hasPrefix("sitemap-") })
        #expect(sitemap.contains("<loc>https://example.org/blog/2026/01/01/post-0/</loc><lastmod>2026-01-01T10:10:00Z</lastmod>"))
        #expect(files["robots.txt"]?.contains("Sitemap: https://example.org/blog/sitemap.xml") == true)
    }

    @Test func addressesAreEscapedForXML() throws {
        let folder = try Self.makeSite(posts: 2)
        defer { folder.remove() }
        try folder.write("site.yml", "title: Maps\nbase_url: https://example.org/q&a/\ntimezone: Europe/Paris\nauthor: {name: Ada}\n")
        for limit in [Sitemap.urlLimit, 3] {
            let files = try Self.build(folder, limit: limit)
            let text = files.filter { $0.key.hasPrefix("sitemap") }.values.joined()
            #expect(text.contains("<loc>https://example.org/q&amp;a/2026/01/01/post-0/</loc><lastmod>2026-01-01T09:10:00Z</lastmod>"), "\(limit)")
            #expect(!text.contains("q&a/"))
            for (path, xml) in files where path.hasPrefix("sitemap") { #expect(Self.rootElement(xml) != nil, "\(path)") }
        }
    }

    /// A post's own address (`url` in its front matter, kept from an older site) may hold
    /// characters XML gives a meaning to; the byte-level writer escapes them as HTML does.
    @Test func pathsAreEscapedForXMLToo() throws {
        let folder = try Self.makeSite(posts: 2)
        defer { folder.remove() }
        try folder.write("Content/posts/old.md", "---\ndate: 2025-05-05 10:00\nurl: /tom&jerry's/<b>/\n---\nOld.\n")
        for limit in [Sitemap.urlLimit, 2] {
            let files = try Self.build(folder, limit: limit)
            let parts = files.filter { $0.key.hasPrefix("sitemap") }
            let text = parts.values.joined()
            #expect(text.contains("<loc>https://example.org/blog/tom&amp;jerry&#39;s/&lt;b&gt;/</loc>"), "\(limit)")
            #expect(!text.contains("jerry's") && !text.contains("<b>"))
            for (path, xml) in parts { #expect(Self.rootElement(xml) != nil, "\(path) is well-formed") }
        }
    }

    @Test func aBiggerSiteGetsAnIndexOfPartsThatListTheSameURLs() throws {
        let folder = try Self.makeSite(posts: 12)
        defer { folder.remove() }
        let whole = try Self.build(folder, limit: Sitemap.urlLimit)
        let expected = Self.locations(try #require(whole["sitemap.xml"]))
        let files = try Self.build(folder, limit: 7)

        let index = try #require(files["sitemap.xml"])
        #expect(Self.rootElement(index) == "sitemapindex")
        let partURLs = Self.locations(index)
        let count = (expected.count + 6) / 7
        #expect(partURLs == (1...count).map { "https://example.org/blog/sitemap-\($0).xml" })
        #expect(!files.keys.contains("sitemap-\(count + 1).xml"))
        // Each part lists at most 7 URLs, and the parts together list every URL once.
        var listed: [String] = []
        for number in 1...count {
            let part = try #require(files["sitemap-\(number).xml"])
            #expect(Self.rootElement(part) == "urlset")
            let urls = Self.locations(part)
            #expect(urls.count <= 7 && !urls.isEmpty)
            listed += urls
        }
        #expect(listed == expected)
        // The index gives each part the newest date of its pages.
        #expect(index.contains("<sitemap><loc>https://example.org/blog/sitemap-1.xml</loc><lastmod>"))
        // The oldest post comes first.
        #expect(listed.first == "https://example.org/blog/2026/01/01/post-0/")
    }

    @Test func aNewPostChangesOnlyTheLastPart() throws {
        let folder = try Self.makeSite(posts: 30)
        defer { folder.remove() }
        let before = try Self.build(folder, limit: 10)
        try folder.write("Content/posts/2026/newest.md", "---\ndate: 2026-12-31 23:00\n---\nThe newest.\n")
        let after = try Self.build(folder, limit: 10)
        // The 30 older posts fill the first three parts, which stay as they were.
        #expect(before.keys.filter { $0.hasPrefix("sitemap-") }.count > 3)
        for number in 1...3 {
            let part = "sitemap-\(number).xml"
            #expect(before[part] != nil && before[part] == after[part], "\(part)")
        }
        #expect(before["sitemap-4.xml"] != after["sitemap-4.xml"])
        #expect(Self.locations(after.filter { $0.key.hasPrefix("sitemap-") }.values.joined()).contains("https://example.org/blog/2026/12/31/newest/"))
    }

    @Test func aFileOfPublicAtAPartsPathIsAClash() throws {
        let folder = try Self.makeSite(posts: 12)
        defer { folder.remove() }
        try folder.write("Public/sitemap-2.xml", "<urlset/>")
        var options = BuildOptions(siteDirectory: folder.url, now: Date(timeIntervalSince1970: 1_800_000_000))
        options.sitemapURLLimit = 7
        options.sink = MemorySink()
        options.useDatabase = false
        let error = #expect(throws: DiagnosticList.self) { try Builder.build(options) }
        let messages = error?.diagnostics.map(\.message) ?? []
        #expect(messages.contains { $0.contains("sitemap-2.xml") && $0.contains("sitemap") }, "\(messages)")
    }
}
