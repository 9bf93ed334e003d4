import Foundation
import Testing
@testable import Samizdat

@Suite("NewPost")
struct NewPostTests {
    static let paris = TimeZone(identifier: "Europe/Paris")!
    /// 2026-11-20T08:05:09.75Z: 09:05:09 in Paris.
    static let date = Date(timeIntervalSince1970: 1_795_133_109.75 + 8 * 3600)

    @Test func pathsComeFromTheDateInTheSiteTimeZone() {
        #expect(NewPost(text: "Hi", date: Self.date).path(timeZone: Self.paris) == "posts/2026/11/20-090509.md")
        #expect(NewPost(text: "Hi", date: Self.date).path(timeZone: Self.paris, attempt: 3) == "posts/2026/11/20-090509-3.md")
        #expect(NewPost(text: "", title: "Été à Lyon", date: Self.date).path(timeZone: Self.paris) == "posts/2026/11/20-ete-a-lyon.md")
        #expect(NewPost(text: "", title: "???", date: Self.date).path(timeZone: Self.paris) == "posts/2026/11/20-090509.md",
                "a title without letters falls back to the time")
        let photo = NewPost.Photo(file: URL(fileURLWithPath: "/tmp/cat.jpg"), alt: "A cat")
        #expect(NewPost(text: "Hi", photo: photo, date: Self.date).path(timeZone: Self.paris) == "posts/2026/11/20-090509/index.md")
        // 23:30 UTC on the 31st of December is already the next year in Paris.
        let newYear = Date(timeIntervalSince1970: 1_798_759_800)
        #expect(NewPost(text: "Hi", date: newYear).path(timeZone: Self.paris) == "posts/2027/01/01-003000.md")
        #expect(NewPost(text: "Hi", date: newYear).path(timeZone: TimeZone(identifier: "UTC")!) == "posts/2026/12/31-233000.md")
    }

    @Test func longTitlesGiveSlugsCutAtAWord() {
        let post = NewPost(text: "", title: String(repeating: "word ", count: 30), date: Self.date)
        let slug = post.slug(timeZone: Self.paris)
        #expect(slug.count <= NewPost.maximumSlugLength && slug.hasSuffix("word") && !slug.hasSuffix("-"))
    }

    @Test func markdownIsFrontMatterThenText() {
        let post = NewPost(text: "  Hello *world*.\n\n", title: "Greeting", tags: ["#swift", " ", "vélo"], replyTo: "https://social.example/@bob/1",
                           photo: .init(file: URL(fileURLWithPath: "/tmp/cat.jpg"), alt: "A cat"), date: Self.date)
        #expect(post.markdown(timeZone: Self.paris, slug: "greeting") == """
            ---
            title: "Greeting"
            date: 2026-11-20T09:05:09+01:00
            slug: "greeting"
            tags: ["swift", "vélo"]
            reply_to: "https://social.example/@bob/1"
            photos:
              - src: "cat.jpg"
                alt: "A cat"
            ---
            Hello *world*.

            """)
    }

    /// Whatever the author types, the front matter reads back as the same values.
    @Test(arguments: [
        "Colons: here", "# not a comment", #""quoted" and 'single'"#, "line\nbreak", "tab\there", #"back\slash"#, "- dash",
        "[bracket", "{brace}", "null", "true", "0123", "*star", "&anchor", "!tag", "@at", "`tick`", "% percent", "émoji 🎉",
        "trailing: ", "a\u{7}bell", "|", ">", "? question", "---", "...",
    ])
    func anyTextReadsBackThroughTheContentParser(_ text: String) throws {
        let post = NewPost(text: "Body", title: text, tags: [text], photo: .init(file: URL(fileURLWithPath: "/tmp/cat.jpg"), alt: text), date: Self.date)
        var config = SiteConfig()
        config.timeZone = Self.paris
        let file = URL(fileURLWithPath: "/site/Content/" + post.path(timeZone: Self.paris))
        let (parsed, diagnostics) = ContentParser(config: config).parse(Data(post.markdown(timeZone: Self.paris, slug: "x").utf8), file: file,
                                                                        sourcePath: post.path(timeZone: Self.paris), kind: .post)
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
        guard case .post(let read) = try #require(parsed) else { Issue.record("not a post"); return }
        let expected = text.trimmingCharacters(in: .whitespacesAndNewlines).filter { $0 != "\u{7}" }
        #expect(read.frontMatter.title == expected)
        #expect(read.date == Date(timeIntervalSince1970: Self.date.timeIntervalSince1970.rounded(.down)))
        #expect(read.frontMatter.photos.first?.alt == text.filter { $0 != "\u{7}" })
        #expect(read.slug == "x")
    }

    @Test func writingNeverOverwrites() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let post = NewPost(text: "One", date: Self.date)
        let first = try post.write(into: folder.url, timeZone: Self.paris)
        let second = try NewPost(text: "Two", date: Self.date).write(into: folder.url, timeZone: Self.paris)
        #expect(first.lastPathComponent == "20-090509.md")
        #expect(second.lastPathComponent == "20-090509-2.md")
        #expect(folder.read("Content/posts/2026/11/20-090509.md")?.hasSuffix("---\nOne\n") == true)
        #expect(folder.read("Content/posts/2026/11/20-090509-2.md")?.contains("slug: \"090509-2\"\n") == true,
                "the slug differs too, or the two posts would have one URL")
        // A bundle of the same name takes the name as well.
        try folder.write("Content/posts/2026/11/20-hello/index.md", "x")
        let titled = try NewPost(text: "", title: "Hello", date: Self.date).write(into: folder.url, timeZone: Self.paris)
        #expect(titled.lastPathComponent == "20-hello-2.md")
    }

    @Test func problemsAreFoundBeforeWriting() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("not-an-image.jpg", "text")
        let missing = NewPost(text: "x", photo: .init(file: folder.url.appendingPathComponent("nope.jpg"), alt: "A"), date: Self.date)
        #expect(missing.problems().map(\.message) == ["Photo '\(folder.url.appendingPathComponent("nope.jpg").path)' does not exist"])
        let text = NewPost(text: "x", replyTo: "earlier", photo: .init(file: folder.url.appendingPathComponent("not-an-image.jpg"), alt: " "), date: Self.date)
        #expect(text.problems().count == 3)
        #expect(throws: DiagnosticList.self) { try text.write(into: folder.url, timeZone: Self.paris) }
        #expect(!folder.exists("Content"))
    }
}
