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
        let cached = try RecordCoding.decode(head: record.head) { path, links in
            PostText(readLaterFrom: path, loader: loader, linksToSources: links)
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

    /// A text the database does not have is made again from the file; one that cannot be made
    /// either is a failure the build reports.
    @Test func aMissingTextIsParsedAgainOrReported() throws {
        let loaded = try Self.loaded("reader-site")
        let post = try #require(loaded.posts.first { !$0.content.html.isEmpty })
        let record = RecordCoding.encode(.init(post: post, page: nil, warnings: []))
        let loader = PostText.Loader(read: { _ in Data([0xff]) }, readAll: { _ in },
                                     reparse: { path in path == "parsed.md" ? post.text.value : nil })
        let again = try #require(try RecordCoding.decode(head: record.head) { _, links in
            PostText(readLaterFrom: "parsed.md", loader: loader, linksToSources: links)
        }.post)
        #expect(again.content.html == post.content.html)
        #expect(loader.failures.isEmpty)
        let lost = try #require(try RecordCoding.decode(head: record.head) { _, links in
            PostText(readLaterFrom: "gone.md", loader: loader, linksToSources: links)
        }.post)
        #expect(lost.content.html == "")
        #expect(loader.failures == ["gone.md"])
    }
}
