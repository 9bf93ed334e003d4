import Foundation
import Testing
@testable import Samizdat

/// The build database's binary records keep every property of a parsed post or page.
@Suite("Record coding")
struct RecordCodingTests {
    static func loaded(_ fixture: String) throws -> ContentLoader.Loaded {
        let site = Repository.root.appendingPathComponent("Tests/Fixtures/\(fixture)")
        let file = site.appendingPathComponent("site.yml")
        let (config, problems) = SiteConfig.parse(yaml: try String(contentsOf: file, encoding: .utf8), file: file)
        #expect(!problems.hasErrors)
        return ContentLoader.load(from: site.appendingPathComponent("Content"), publicDirectory: site.appendingPathComponent("Public"),
                                  parser: ContentParser(config: config))
    }

    /// JSON is made from every stored property (synthesized `Codable`): a property the binary
    /// form forgot shows up as a difference.
    static func json(_ cached: ContentLoader.Cached) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(cached), as: UTF8.self)
    }

    @Test(arguments: ["reader-site", "microblog-site", "basic-site"])
    func everyPropertySurvivesTheRoundTrip(_ fixture: String) throws {
        let loaded = try Self.loaded(fixture)
        let values = loaded.posts.map { ContentLoader.Cached(post: $0, page: nil, warnings: loaded.diagnostics) }
            + loaded.pages.map { ContentLoader.Cached(post: nil, page: $0, warnings: []) }
        #expect(values.count > 3)
        for value in values {
            let decoded = try RecordCoding.decode(RecordCoding.encode(value))
            #expect(try Self.json(decoded) == (try Self.json(value)))
        }
    }

    @Test func unusualValuesSurviveToo() throws {
        var matter = FrontMatter()
        matter.params = DataTable(entries: [
            .init(key: "n", value: .double(.nan), line: 1, column: 2),
            .init(key: "big", value: .integer(Int.min), line: nil, column: nil),
            .init(key: "nested", value: .array([.table(DataTable(entries: [.init(key: "é", value: .null)])), .bool(true), .string("")])),
        ])
        matter.aliasLines = [nil, 3]
        matter.menu = false
        matter.weight = -3
        matter.date = Date(timeIntervalSince1970: -1.5)
        let page = Page(source: URL(fileURLWithPath: "/a b/ü.md"), sourcePath: "ü.md", frontMatter: matter, slug: "u", path: "/u/",
                        content: RenderedMarkdown(html: "<p>\u{1F600}</p>", headings: [.init(level: 2, id: "x", text: "X")]))
        let value = ContentLoader.Cached(post: nil, page: page, warnings: [.warning("w", at: SourceLocation(file: URL(fileURLWithPath: "/x"), line: 4))])
        let decoded = try RecordCoding.decode(RecordCoding.encode(value))
        let (a, b) = (try Self.json(decoded), try Self.json(value))
        #expect(a == b, "\(a)\n\(b)")
    }

    /// Most notes are shown whole in lists: their list HTML is their content's, and is kept once.
    @Test func listHTMLIsKeptOnceWhenItIsTheContentsHTML() throws {
        var post = try #require(try Self.loaded("reader-site").posts.first { !$0.content.html.isEmpty })
        post.listHTML = post.content.html
        let same = RecordCoding.encode(.init(post: post, page: nil, warnings: []))
        post.listHTML = post.content.html + "<p>More in the list.</p>"
        let different = RecordCoding.encode(.init(post: post, page: nil, warnings: []))
        #expect(different.text.count > same.text.count + post.content.html.utf8.count, "the same HTML is not written twice")
        #expect(try RecordCoding.decode(same).post?.listHTML == post.content.html)
        #expect(try RecordCoding.decode(different).post?.listHTML == post.content.html + "<p>More in the list.</p>")
    }

    @Test func damagedRecordsAreRefusedNotTrusted() throws {
        let loaded = try Self.loaded("reader-site")
        let record = RecordCoding.encode(.init(post: loaded.posts[0], page: nil, warnings: []))
        #expect(!record.text.isEmpty)
        for length in stride(from: 0, to: record.head.count, by: max(1, record.head.count / 200)) {
            #expect(throws: RecordCoding.Malformed.self) { try RecordCoding.decode(.init(head: record.head.prefix(length), text: record.text)) }
        }
        for length in stride(from: 0, to: record.text.count, by: max(1, record.text.count / 200)) {
            #expect(throws: RecordCoding.Malformed.self) { try RecordCoding.decode(.init(head: record.head, text: record.text.prefix(length))) }
            #expect(throws: RecordCoding.Malformed.self) { try RecordCoding.decodeText(record.text.prefix(length)) }
        }
        #expect(throws: RecordCoding.Malformed.self) { try RecordCoding.decode(.init(head: record.head + Data([0]), text: record.text)) }
        #expect(throws: RecordCoding.Malformed.self) { try RecordCoding.decode(.init(head: record.head, text: record.text + Data([0]))) }
        #expect(throws: RecordCoding.Malformed.self) { try RecordCoding.decode(.init(head: Data(repeating: 0xff, count: 64), text: record.text)) }
        // A page has no text of its own.
        let page = RecordCoding.encode(.init(post: nil, page: try #require(loaded.pages.first), warnings: []))
        #expect(page.text.isEmpty)
        #expect(throws: RecordCoding.Malformed.self) { try RecordCoding.decode(.init(head: page.head, text: record.text)) }
    }

    /// A post read without its text knows whether the text links to other content files, and
    /// reads the text when it is first asked for.
    @Test func aPostReadWithoutItsTextReadsItWhenNeeded() throws {
        let loaded = try Self.loaded("reader-site")
        let post = try #require(loaded.posts.first { !$0.content.html.isEmpty })
        let record = RecordCoding.encode(.init(post: post, page: nil, warnings: []))
        let reads = Counter()
        let loader = PostText.Loader(read: { path in
            reads.increment()
            return path == post.sourcePath ? record.text : nil
        }, readAll: { _ in }, reparse: { _ in nil })
        let cached = try RecordCoding.decode(head: record.head) { path, links, digest in
            PostText(readLaterFrom: path, loader: loader, linksToSources: links, digest: digest)
        }
        let read = try #require(cached.post)
        #expect(read.text.isDeferred && reads.value == 0)
        #expect(read.linksToSources == post.linksToSources)
        #expect(read.path == post.path && read.tags == post.tags && read.outline == post.outline)
        #expect(read.content == post.content && read.listHTML == post.listHTML && read.summaryHTML == post.summaryHTML)
        #expect(reads.value == 1 && !read.text.isDeferred)
        _ = read.content
        #expect(reads.value == 1, "read once")
        #expect(loader.failures.isEmpty)
    }

    /// A text the database does not have, or one that is not the text its record was made with
    /// (another post's, a damaged one), is made again from the file; one that cannot be made
    /// either is a failure the build reports.
    @Test func aMissingOrWrongTextIsParsedAgainOrReported() throws {
        let loaded = try Self.loaded("reader-site")
        let posts = loaded.posts.filter { !$0.content.html.isEmpty }
        let (post, other) = (try #require(posts.first), try #require(posts.last))
        #expect(post.content.html != other.content.html)
        let record = RecordCoding.encode(.init(post: post, page: nil, warnings: []))
        let otherText = RecordCoding.encode(.init(post: other, page: nil, warnings: [])).text
        let stored: [String: Data] = ["damaged.md": Data([0xff]), "other.md": otherText, "right.md": record.text]
        let loader = PostText.Loader(read: { path in stored[path] }, readAll: { _ in },
                                     reparse: { path in path == "gone.md" ? nil : post.text.value })
        func read(_ path: String) throws -> Post {
            try #require(try RecordCoding.decode(head: record.head) { _, links, digest in
                PostText(readLaterFrom: path, loader: loader, linksToSources: links, digest: digest)
            }.post)
        }
        for path in ["right.md", "damaged.md", "other.md", "missing.md"] {
            #expect(try read(path).content.html == post.content.html, "\(path)")
        }
        #expect(Set(loader.reparsed) == ["damaged.md", "other.md", "missing.md"])
        #expect(loader.failures.isEmpty && loader.databaseError == nil)
        #expect(try read("gone.md").content.html == "")
        #expect(loader.failures == ["gone.md"])
    }

    /// After the first error the database gives, no more texts are read from it, and the build
    /// can say so.
    @Test func aDatabaseErrorStopsTheReadsAndIsKept() throws {
        let loaded = try Self.loaded("reader-site")
        let post = try #require(loaded.posts.first { !$0.content.html.isEmpty })
        let record = RecordCoding.encode(.init(post: post, page: nil, warnings: []))
        struct Broken: Error {}
        let reads = Counter()
        let loader = PostText.Loader(read: { _ in
            reads.increment()
            throw Broken()
        }, readAll: { _ in }, reparse: { _ in post.text.value })
        for path in ["a.md", "b.md", "c.md"] {
            let read = try #require(try RecordCoding.decode(head: record.head) { _, links, digest in
                PostText(readLaterFrom: path, loader: loader, linksToSources: links, digest: digest)
            }.post)
            #expect(read.content.html == post.content.html)
        }
        #expect(reads.value == 1)
        #expect(loader.databaseError is Broken)
        loader.close()
        #expect(loader.databaseError is Broken, "closing keeps the first error")
    }

    /// A post that links to another content file says so in its head, so links are resolved
    /// without reading every text.
    @Test func aLinkToAContentFileIsKnownFromTheHead() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("site.yml", "title: Links\nbase_url: https://example.org/\n")
        try folder.write("Content/posts/a.md", "---\ndate: 2026-01-01 10:00\n---\nSee [b](b.md).\n")
        try folder.write("Content/posts/b.md", "---\ndate: 2026-01-02 10:00\n---\nNo link.\n")
        let file = folder.url.appendingPathComponent("site.yml")
        let (config, _) = SiteConfig.parse(yaml: try String(contentsOf: file, encoding: .utf8), file: file)
        let loaded = ContentLoader.load(from: folder.url.appendingPathComponent("Content"), parser: ContentParser(config: config))
        for post in loaded.posts {
            let record = RecordCoding.encode(.init(post: post, page: nil, warnings: []))
            var linksToSources: Bool?
            _ = try RecordCoding.decode(head: record.head) { _, links, _ in
                linksToSources = links
                return nil
            }
            #expect(linksToSources == (post.sourcePath == "posts/a.md"), "\(post.sourcePath)")
            #expect(try RecordCoding.decode(record).post?.linksToSources == (post.sourcePath == "posts/a.md"))
        }
    }

    /// Every stored property of a post is in its JSON form and in its record: a property added
    /// to `Post.Fields` must be added to both (`Post.Coded`, `RecordCoding`), and to this list.
    @Test func aPostsFieldsAreTheOnesTheRecordKnows() {
        let post = Post(source: URL(fileURLWithPath: "/x.md"), sourcePath: "x.md", frontMatter: FrontMatter(), date: Date(), slug: "x",
                        path: "/x/", content: RenderedMarkdown(), listHTML: "")
        let fields = Swift.Mirror(reflecting: Swift.Mirror(reflecting: post).children.first!.value).children.first.map { Swift.Mirror(reflecting: $0.value) }
        let names = fields?.children.compactMap(\.label) ?? []
        #expect(names == ["sourceFile", "sourcePath", "frontMatter", "date", "slug", "path", "outline", "text", "excerpt", "tags", "photos", "media"])
    }
}
