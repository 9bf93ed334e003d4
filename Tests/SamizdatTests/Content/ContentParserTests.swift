import Foundation
import Testing
@testable import Samizdat

@Suite("ContentParser")
struct ContentParserTests {
    static let postFile = URL(fileURLWithPath: "/site/Content/posts/hello.md")
    static let utc = TimeZone(identifier: "UTC")!
    static let paris = TimeZone(identifier: "Europe/Paris")!
    /// 2026-11-20T00:00:00Z (day 20777 since 1970).
    static let nov20 = 1_795_132_800.0

    static func config(timeZone: TimeZone = utc, permalink: String? = nil) throws -> SiteConfig {
        var config = SiteConfig()
        config.timeZone = timeZone
        if let permalink { config.permalink = try Permalink(pattern: permalink) }
        return config
    }

    private func parse(_ text: String, kind: ContentParser.Kind = .post, file: URL = postFile,
                       sourcePath: String = "posts/hello.md", config: SiteConfig? = nil) throws -> (ContentParser.Parsed?, [Diagnostic]) {
        try parse(Data(text.utf8), kind: kind, file: file, sourcePath: sourcePath, config: config)
    }

    private func parse(_ data: Data, kind: ContentParser.Kind = .post, file: URL = postFile,
                       sourcePath: String = "posts/hello.md", config: SiteConfig? = nil) throws -> (ContentParser.Parsed?, [Diagnostic]) {
        let parser = ContentParser(config: try config ?? Self.config())
        return parser.parse(data, file: file, sourcePath: sourcePath, kind: kind)
    }

    /// A post that must parse without any diagnostic.
    private func post(_ text: String, file: URL = postFile, sourcePath: String = "posts/hello.md",
                      config: SiteConfig? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Post {
        let (parsed, diagnostics) = try parse(text, kind: .post, file: file, sourcePath: sourcePath, config: config)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.formatted() })", sourceLocation: sourceLocation)
        return try #require(parsed?.post, sourceLocation: sourceLocation)
    }

    private func page(_ text: String, file: URL, sourcePath: String,
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Page {
        let (parsed, diagnostics) = try parse(text, kind: .page, file: file, sourcePath: sourcePath)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.formatted() })", sourceLocation: sourceLocation)
        return try #require(parsed?.page, sourceLocation: sourceLocation)
    }

    /// The single diagnostic a file must produce, and no value.
    private func failure(_ text: String, kind: ContentParser.Kind = .post, file: URL = postFile,
                         sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Diagnostic {
        try failure(Data(text.utf8), kind: kind, file: file, sourceLocation: sourceLocation)
    }

    private func failure(_ data: Data, kind: ContentParser.Kind = .post, file: URL = postFile,
                         sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let (parsed, diagnostics) = try parse(data, kind: kind, file: file)
        #expect(parsed == nil, sourceLocation: sourceLocation)
        #expect(diagnostics.count == 1, "\(diagnostics.map { $0.formatted() })", sourceLocation: sourceLocation)
        let diagnostic = try #require(diagnostics.first, sourceLocation: sourceLocation)
        #expect(diagnostic.severity == .error, sourceLocation: sourceLocation)
        #expect(diagnostic.location?.file == file, sourceLocation: sourceLocation)
        return diagnostic
    }

    // MARK: YAML front matter

    @Test func yamlFrontMatterTypedFields() throws {
        let post = try post("""
            ---
            title: Été à Paris
            date: 2026-11-20 14:05
            updated: 2026-11-21T09:00:00+01:00
            tags: [Vélo, Paris]
            draft: true
            slug: custom-slug
            aliases: [/old/ete/, /2019/ete.html]
            summary: A short trip.
            lang: fr-FR
            layout: photo
            pinned: true
            reply_to: https://example.com/post/1
            syndication: [https://mastodon.example/@me/1]
            id: tag:example.org,2026:1
            photos:
              - src: cat.jpg
                alt: A cat
              - dog.jpg
            mood: happy
            rating: 5
            ---
            Body *text*.
            """)
        let matter = post.frontMatter
        #expect(post.title == "Été à Paris")
        #expect(post.date.timeIntervalSince1970 == Self.nov20 + 14 * 3600 + 5 * 60)
        #expect(matter.updated?.timeIntervalSince1970 == Self.nov20 + 86400 + 8 * 3600)
        #expect(post.tags == ["Vélo", "Paris"])
        #expect(post.isDraft)
        #expect(matter.slug == "custom-slug")
        #expect(post.slug == "custom-slug")
        #expect(matter.aliases == ["/old/ete/", "/2019/ete.html"])
        #expect(matter.summary == "A short trip.")
        #expect(matter.lang == "fr-FR")
        #expect(matter.layout == "photo")
        #expect(matter.pinned)
        #expect(matter.replyTo == "https://example.com/post/1")
        #expect(matter.syndication == ["https://mastodon.example/@me/1"])
        #expect(matter.id == "tag:example.org,2026:1")
        #expect(matter.photos == [.init(src: "cat.jpg", alt: "A cat"), .init(src: "dog.jpg", alt: nil)])
        #expect(matter.params.entries.map(\.key) == ["mood", "rating"])
        #expect(matter.params["mood"] == .string("happy"))
        #expect(matter.params["rating"] == .integer(5))
        #expect(post.path == "/2026/11/20/custom-slug/")
        #expect(post.sourcePath == "posts/hello.md")
        #expect(post.source == Self.postFile)
        #expect(post.content.html == "<p>Body <em>text</em>.</p>\n")
    }

    @Test func defaultsWhenKeysAreAbsent() throws {
        let post = try post("---\ndate: 2026-11-20\n---\nJust a thought.\n")
        let matter = post.frontMatter
        #expect(post.title == nil)
        #expect(matter.updated == nil)
        #expect(post.tags == [])
        #expect(!post.isDraft)
        #expect(matter.slug == nil)
        #expect(post.slug == "hello")
        #expect(matter.aliases == [])
        #expect(matter.summary == nil)
        #expect(matter.lang == nil)
        #expect(matter.layout == nil)
        #expect(!matter.pinned)
        #expect(matter.photos == [])
        #expect(matter.params.entries.isEmpty)
        #expect(post.path == "/2026/11/20/hello/")
        #expect(post.content.html == "<p>Just a thought.</p>\n")
    }

    @Test("tags as a list or as a single string", arguments: [
        ("tags: [swift, hugo]", ["swift", "hugo"]),
        ("tags:\n  - swift\n  - hugo", ["swift", "hugo"]),
        ("tags: swift", ["swift"]),
        ("tags: 2026", ["2026"]),
        ("tags: [' swift ', '', hugo]", ["swift", "hugo"]),
        ("tags:", []),
    ])
    func tags(line: String, expected: [String]) throws {
        let post = try post("---\ndate: 2026-11-20\n\(line)\n---\n")
        #expect(post.tags == expected)
    }

    @Test func titleWrittenAsANumberIsText() throws {
        #expect(try post("---\ntitle: 1984\ndate: 2026-11-20\n---\n").title == "1984")
    }

    @Test func blankTitleIsNoTitle() throws {
        #expect(try post("---\ntitle: '   '\ndate: 2026-11-20\n---\n").title == nil)
    }

    @Test func hugoAndJekyllSpellings() throws {
        let post = try post("""
            ---
            date: 2026-11-20
            lastmod: 2026-11-22
            published: false
            description: From Hugo.
            ---
            """)
        #expect(post.frontMatter.updated?.timeIntervalSince1970 == Self.nov20 + 2 * 86400)
        #expect(post.isDraft)
        #expect(post.frontMatter.summary == "From Hugo.")
        #expect(post.frontMatter.params["description"] == .string("From Hugo."))
    }

    @Test func publishedTrueIsNotADraft() throws {
        #expect(try !post("---\ndate: 2026-11-20\npublished: true\n---\n").isDraft)
    }

    @Test func summaryWinsOverDescription() throws {
        let post = try post("---\ndate: 2026-11-20\ndescription: Long.\nsummary: Short.\n---\n")
        #expect(post.frontMatter.summary == "Short.")
    }

    @Test("Keys of other generators go to params without a typo error", arguments: ["categories", "data", "author", "keywords"])
    func foreignKeys(key: String) throws {
        let post = try post("---\ndate: 2026-11-20\n\(key): x\n---\n")
        #expect(post.frontMatter.params[key] == .string("x"))
    }

    @Test func yamlDocumentEndMarkerClosesFrontMatter() throws {
        let post = try post("---\ntitle: Dots\ndate: 2026-11-20\n...\nBody\n")
        #expect(post.title == "Dots")
        #expect(post.content.html == "<p>Body</p>\n")
    }

    // MARK: TOML front matter

    @Test func tomlFrontMatter() throws {
        let post = try post("""
            +++
            title = "Bonjour"
            date = 2026-11-20T14:05:00+01:00
            tags = ["swift", "hugo"]
            draft = true
            +++
            Body
            """)
        #expect(post.title == "Bonjour")
        #expect(post.date.timeIntervalSince1970 == Self.nov20 + 13 * 3600 + 5 * 60)
        #expect(post.tags == ["swift", "hugo"])
        #expect(post.isDraft)
        #expect(post.content.html == "<p>Body</p>\n")
    }

    @Test func tomlDateWithoutZoneIsInTheSiteTimeZone() throws {
        let post = try post("+++\ndate = \"2026-11-20 14:05\"\n+++\n", config: try Self.config(timeZone: Self.paris))
        #expect(post.date.timeIntervalSince1970 == Self.nov20 + 13 * 3600 + 5 * 60)
    }

    @Test func malformedTOMLIsOneErrorAtTheFileLine() throws {
        let diagnostic = try failure("+++\ntitle = \"ok\"\ndate = \n+++\nBody\n")
        #expect(diagnostic.message.hasPrefix("Invalid TOML: "))
        // TOML line 2 is file line 3.
        #expect(diagnostic.location?.line == 3)
        #expect(diagnostic.location?.column != nil)
    }

    // MARK: Syntax errors

    @Test func malformedYAMLIsOneErrorAtTheFileLineAndColumn() throws {
        let diagnostic = try failure("""
            ---
            title: ok
            summary: a: b
            date: 2026-11-20
            ---
            Body
            """)
        #expect(diagnostic.message == "Invalid YAML: Mapping values are not allowed in this context")
        // YAML line 2 is file line 3; the second ':' is in column 11.
        #expect(diagnostic.location?.line == 3)
        #expect(diagnostic.location?.column == 11)
    }

    @Test func unclosedFlowListIsReportedWhereTheParserNoticed() throws {
        let diagnostic = try failure("---\ntags: [a, b\ndate: 2026-11-20\n---\n")
        // The line quoted inside the message must be a line of the file too (the list opens on line 2).
        #expect(diagnostic.message == "Invalid YAML: Did not find expected ',' or ']' (while parsing a flow sequence on line 2)")
        #expect(diagnostic.location?.line == 3)
        #expect(diagnostic.location?.column == 5)
    }

    @Test func frontMatterThatIsNotAMappingIsAnError() throws {
        let diagnostic = try failure("---\n- a\n- b\n---\n")
        #expect(diagnostic.message == "Expected 'key: value' lines, found a list")
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.location?.column == 1)
    }

    /// (Hugo and Jekyll keep the last of two equal keys; so does Samizdat, with a warning: `FrontMatterTests`.)
    @Test func duplicateKeyKeepsTheLastWithAWarning() throws {
        let (parsed, diagnostics) = try parse("---\ntitle: a\ntitle: b\ndate: 2026-11-20\n---\n")
        #expect(parsed?.post?.title == "b")
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(diagnostics.first?.location?.line == 2)
    }

    @Test("Unclosed front matter is an error at line 1", arguments: [
        ("---\ntitle: Hi\ndate: 2026-11-20\nBody\n", "---"),
        ("+++\ntitle = \"Hi\"\nBody\n", "+++"),
    ])
    func unclosedFrontMatter(text: String, fence: String) throws {
        let diagnostic = try failure(text)
        #expect(diagnostic.message == "Front matter opened with '\(fence)' is never closed. Add a line with '\(fence)' after the last key")
        #expect(diagnostic.location?.line == 1)
        #expect(diagnostic.location?.column == 1)
    }

    @Test func notUTF8IsAnErrorAtTheBadByte() throws {
        // "---\ntitle: caf\xFF\n---\n": the bad byte is the 11th of line 2.
        let data = Data([0x2D, 0x2D, 0x2D, 0x0A] + Array("title: caf".utf8) + [0xFF, 0x0A, 0x2D, 0x2D, 0x2D, 0x0A])
        let diagnostic = try failure(data)
        #expect(diagnostic.message == "File is not valid UTF-8 text (bad byte at this position). Save it as UTF-8 in your editor")
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.location?.column == 11)
    }

    @Test func latin1BodyIsAnErrorOnItsLine() throws {
        // "é" in Latin-1 (0xE9) followed by a space is not a UTF-8 sequence.
        let text = "---\ndate: 2026-11-20\n---\nfirst line\nCaf" 
        let data = Data(Array(text.utf8) + [0xE9, 0x20, 0x6F, 0x6B, 0x0A])
        let diagnostic = try failure(data)
        #expect(diagnostic.location?.line == 5)
        #expect(diagnostic.location?.column == 4)
    }

    @Test func truncatedSequenceAtEndOfFileIsAnError() throws {
        let data = Data(Array("---\ndate: 2026-11-20\n---\nab".utf8) + [0xE2, 0x82])
        let diagnostic = try failure(data)
        #expect(diagnostic.location?.line == 4)
        #expect(diagnostic.location?.column == 3)
    }

    @Test func crlfLineEndingsAndByteOrderMarkAreAccepted() throws {
        let text = "---\r\ntitle: Hi\r\ndate: 2026-11-20 14:05\r\ntags: [a]\r\n---\r\nLine one\r\nline two\r\n"
        let post = try post(text)
        #expect(post.title == "Hi")
        #expect(post.tags == ["a"])
        #expect(post.date.timeIntervalSince1970 == Self.nov20 + 14 * 3600 + 5 * 60)
        #expect(post.content.html == "<p>Line one\nline two</p>\n")

        let withBOM = try parse(Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)))
        #expect(withBOM.1.isEmpty)
        let bomPost = try #require(withBOM.0?.post)
        #expect(bomPost.title == "Hi")
        #expect(bomPost.content.html == "<p>Line one\nline two</p>\n")
    }

    @Test func classicMacLineEndingsAreAccepted() throws {
        let post = try post("---\rtitle: Old Mac\rdate: 2026-11-20\r---\rBody\r")
        #expect(post.title == "Old Mac")
        #expect(post.content.html == "<p>Body</p>\n")
    }

    @Test func errorLinesCountFromTheFileStartWithCRLF() throws {
        let diagnostic = try failure("---\r\ntitle: Hi\r\ndate: yesterday\r\n---\r\n")
        #expect(diagnostic.location?.line == 3)
    }

    // MARK: Dates

    @Test func aPostWithoutADateIsBuiltAsAPageWithAWarning() throws {
        let (parsed, diagnostics) = try parse("---\ntitle: Hi\n---\nBody\n")
        #expect(parsed?.page?.path == "/posts/hello/")
        #expect(diagnostics.map { $0.formatted() } == [
            "/site/Content/posts/hello.md:1:1: warning: Post has no 'date', so it was built as a page at '/posts/hello/' that no timeline lists. Add 'date: 2026-11-20 14:05' to its front matter to make it a post",
        ])
    }

    /// An undated draft is not built (without --drafts): the warning does not say it was.
    @Test func anUndatedDraftIsNotSaidToBeBuilt() throws {
        let (parsed, diagnostics) = try parse("---\ntitle: Hi\ndraft: true\n---\nBody\n")
        #expect(parsed?.page?.frontMatter.draft == true)
        #expect(diagnostics.map { $0.formatted() } == [
            "/site/Content/posts/hello.md:1:1: warning: Post has no 'date', so, as a draft, it is built only with --drafts, as a page at '/posts/hello/' that no timeline lists. Add 'date: 2026-11-20 14:05' to its front matter to make it a post",
        ])
    }

    @Test func lastmodDatesAPostWithoutADate() throws {
        let post = try post("---\nlastmod: 2026-11-20\n---\n")
        #expect(post.date.timeIntervalSince1970 == Self.nov20)
    }

    @Test func postWithoutFrontMatterIsToldToStartWithABlock() throws {
        let diagnostic = try failure("Just text.\n")
        #expect(diagnostic.message == "Post has no front matter. Start the file with a '---' line, then 'date: 2026-11-20 14:05', then another '---' line; the text goes below")
        #expect(diagnostic.location?.line == 1)
    }

    @Test func menuAndWeightAreRead() throws {
        let (parsed, diagnostics) = try parse("---\ntitle: Legal\nmenu: false\nweight: -2\n---\n", kind: .page,
                                               file: URL(fileURLWithPath: "/site/Content/legal.md"), sourcePath: "legal.md")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        guard case .page(let page) = try #require(parsed) else { Issue.record("not a page"); return }
        #expect(page.frontMatter.menu == false && page.frontMatter.weight == -2)
        // Hugo's `menu: main` puts a page in a menu.
        let (hugo, _) = try parse("---\ntitle: About\nmenu: main\n---\n", kind: .page,
                                  file: URL(fileURLWithPath: "/site/Content/about.md"), sourcePath: "about.md")
        guard case .page(let about) = try #require(hugo) else { Issue.record("not a page"); return }
        #expect(about.frontMatter.menu == true && about.frontMatter.params["menu"] == nil)
    }

    @Test func unparseableDateQuotesTheValueAtItsLine() throws {
        let diagnostic = try failure("---\ntitle: Hi\ndate: yesterday\n---\nBody\n")
        #expect(diagnostic.message == "Cannot read 'date' value 'yesterday'. Write it as '2026-11-20', '2026-11-20 14:05' or '2026-11-20T14:05:00+01:00'")
        #expect(diagnostic.location?.line == 3)
        #expect(diagnostic.location?.column == 1)
    }

    @Test func impossibleCalendarDateIsAnError() throws {
        let diagnostic = try failure("---\ndate: 2026-02-30\n---\n")
        #expect(diagnostic.message == "Cannot read 'date' value '2026-02-30'. Write it as '2026-11-20', '2026-11-20 14:05' or '2026-11-20T14:05:00+01:00'")
        #expect(diagnostic.location?.line == 2)
    }

    @Test func emptyDateIsAnError() throws {
        let diagnostic = try failure("---\ntitle: Hi\ndate:\n---\n")
        #expect(diagnostic.message == "'date' is empty. Write it as '2026-11-20' or '2026-11-20 14:05'")
        #expect(diagnostic.location?.line == 3)
    }

    @Test func yamlAliasesThatExpandWithoutBoundAreAnError() throws {
        var lines = ["---", "date: 2026-11-20", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...8 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        let diagnostic = try failure((lines + ["---", "Body"]).joined(separator: "\n"))
        #expect(diagnostic.message == "Invalid YAML: more than 10000 values, counting each copy that an alias ('*name') makes. Use fewer aliases or fewer values")
        #expect(diagnostic.location?.line != nil)
    }

    /// Yams hashes keys whole to find duplicates; a list or an alias as a key made it expand
    /// nested aliases without bound (the fuzzer's timeout). Such keys are refused first.
    @Test(arguments: [("? [a, b]\n: x", 3, 3), ("a: &a [1]\n*a : x", 4, 1), ("list:\n  - {[x]: 1}", 4, 6)])
    func yamlKeysThatAreNotTextAreAnError(yaml: String, line: Int, column: Int) throws {
        let diagnostic = try failure("---\ndate: 2026-11-20\n\(yaml)\n---\nBody")
        #expect(diagnostic.message == "Invalid YAML: a key must be text, not a list, a mapping or an alias ('*name'). Write keys as 'name: value'")
        #expect(diagnostic.location?.line == line)
        #expect(diagnostic.location?.column == column)
    }

    @Test(arguments: ["updated", "lastmod"])
    func updatedBeforeDateIsIgnoredWithAWarning(key: String) throws {
        let (parsed, diagnostics) = try parse("---\ndate: 2026-11-20 14:05\n\(key): 2026-11-19\ntitle: T\n---\nBody\n")
        let post = try #require(parsed?.post)
        #expect(post.frontMatter.updated == nil)
        #expect(diagnostics.map { $0.formatted() } == [
            "/site/Content/posts/hello.md:3:1: warning: '\(key)' '2026-11-19' is earlier than 'date' '2026-11-20 14:05'; it was ignored. Correct it or remove it",
        ])
    }

    @Test func updatedOnTheSameInstantOrLaterIsKept() throws {
        #expect(try post("---\ndate: 2026-11-20 14:05\nupdated: 2026-11-20 14:05\n---\n").frontMatter.updated != nil)
        #expect(try post("---\nupdated: 2026-11-20T14:06:00+01:00\ndate: 2026-11-20 13:05\n---\n").frontMatter.updated != nil)
    }

    @Test func unparseableUpdatedIsAnErrorAtItsLine() throws {
        let diagnostic = try failure("---\ndate: 2026-11-20\nupdated: soon\n---\n")
        #expect(diagnostic.message == "Cannot read 'updated' value 'soon'. Write it as '2026-11-20', '2026-11-20 14:05' or '2026-11-20T14:05:00+01:00'")
        #expect(diagnostic.location?.line == 3)
    }

    @Test func pagesNeedNoDate() throws {
        let page = try page("---\ntitle: About\n---\nHello.\n",
                            file: URL(fileURLWithPath: "/site/Content/about.md"), sourcePath: "about.md")
        #expect(page.title == "About")
        #expect(page.frontMatter.date == nil)
        #expect(page.slug == "about")
        #expect(page.path == "/about/")
        #expect(page.content.html == "<p>Hello.</p>\n")
    }

    @Test("Page paths", arguments: [
        ("/site/Content/about.md", "about.md", "/about/"),
        ("/site/Content/Mentions Légales.md", "Mentions Légales.md", "/mentions-legales/"),
        ("/site/Content/docs/setup.md", "docs/setup.md", "/docs/setup/"),
        ("/site/Content/Mes Projets/Vélo/index.md", "Mes Projets/Vélo/index.md", "/mes-projets/velo/"),
        ("/site/Content/now/index.md", "now/index.md", "/now/"),
    ])
    func pagePaths(path: String, sourcePath: String, expected: String) throws {
        let page = try page("Text\n", file: URL(fileURLWithPath: path), sourcePath: sourcePath)
        #expect(page.path == expected)
    }

    /// `Content/index.md` takes its slug from the folder it sits in, which is the site's own
    /// `Content` folder: the page is published at `/content/`. It is the home page's text (Jekyll's
    /// root `index.md`, Hugo's `_index.md`), so it belongs at `/` (where the plan then reports the
    /// clash with the timeline) or should be refused with a message.
    @Test("A root index page is not named after the Content folder", arguments: ["index.md", "_index.md"])
    func rootIndexPage(name: String) throws {
        let (parsed, diagnostics) = try parse("Home text.\n", kind: .page, file: URL(fileURLWithPath: "/site/Content/\(name)"), sourcePath: name)
        let path = parsed?.page?.path
        #expect(path == "/" || (path == nil && diagnostics.contains { $0.severity == .error }), "published at \(path ?? "nil")")
    }

    /// `Slug.fromFileName` names an `_index.md` after its folder, as it does `index.md`, but the
    /// page path only drops the folder for `index.md`: the folder name appears twice.
    @Test func hugoSectionIndexPageIsABundle() throws {
        let page = try page("Text\n", file: URL(fileURLWithPath: "/site/Content/projets/_index.md"), sourcePath: "projets/_index.md")
        #expect(page.path == "/projets/")
    }

    @Test func pageSlugOverride() throws {
        let page = try page("---\nslug: a-propos\n---\n", file: URL(fileURLWithPath: "/site/Content/about.md"), sourcePath: "about.md")
        #expect(page.path == "/a-propos/")
    }

    // MARK: Slugs, aliases and typos

    @Test("Unsafe slugs are errors", arguments: [
        ("a/b", "'slug' must not contain '/'; found 'a/b'. Use a single path segment such as 'my-post'"),
        ("../x", "'slug' must not contain '/'; found '../x'. Use a single path segment such as 'my-post'"),
        ("'..'", "'slug' must not contain '..'; found '..'. Use a single path segment such as 'my-post'"),
        ("my post", "'slug' must not contain spaces or control characters; found 'my post'. Use a single path segment such as 'my-post'"),
    ])
    func unsafeSlug(value: String, expected: String) throws {
        let diagnostic = try failure("---\ndate: 2026-11-20\nslug: \(value)\n---\n")
        #expect(diagnostic.message == expected)
        #expect(diagnostic.location?.line == 3)
        #expect(diagnostic.location?.column == 1)
    }

    @Test func fileNameWithoutUsableLettersNeedsASlug() throws {
        let file = URL(fileURLWithPath: "/site/Content/posts/🎉.md")
        let diagnostic = try failure("---\ndate: 2026-11-20\n---\n", file: file)
        #expect(diagnostic.message == "Cannot make a URL from the file name '🎉.md'. Add a 'slug' to the front matter")
        let (parsed, diagnostics) = try parse("---\ndate: 2026-11-20\nslug: party\n---\n", file: file, sourcePath: "posts/🎉.md")
        #expect(diagnostics.isEmpty)
        #expect(try #require(parsed?.post).path == "/2026/11/20/party/")
    }

    @Test func datedFileNameGivesTheSlug() throws {
        let file = URL(fileURLWithPath: "/site/Content/posts/2026-11-20-Été à Paris.md")
        let post = try post("---\ndate: 2026-11-20\n---\n", file: file, sourcePath: "posts/2026-11-20-Été à Paris.md")
        #expect(post.slug == "ete-a-paris")
        #expect(post.path == "/2026/11/20/ete-a-paris/")
    }

    /// As Hugo writes them: an alias without an extension is a folder with an `index.html`, not
    /// a file without an extension (which servers send as a download).
    @Test func anAliasWithoutAnExtensionIsAFolder() throws {
        let (parsed, diagnostics) = try parse("---\ndate: 2026-11-20\naliases: [/old/post, /2019/post.html, /kept/, old-name]\n---\n")
        #expect(diagnostics.isEmpty)
        #expect(try #require(parsed?.post).frontMatter.aliases == ["/old/post/", "/2019/post.html", "/kept/", "/posts/old-name/"])
        #expect(SitePlan.outputPath(for: "/old/post/") == "old/post/index.html")
    }

    /// Hugo's `url` and Jekyll's `permalink` keep a file's old address; `redirect_from` is Jekyll's `aliases`.
    @Test func theOldAddressOfAFileIsItsPath() throws {
        let (parsed, diagnostics) = try parse("---\ndate: 2026-11-20\nurl: /2010/09/old-post.html\nredirect_from: [/p/12, /older/]\naliases: [/x/]\n---\n")
        #expect(diagnostics.isEmpty)
        let post = try #require(parsed?.post)
        #expect(post.path == "/2010/09/old-post.html")
        #expect(post.frontMatter.aliases == ["/p/12/", "/older/", "/x/"])
        #expect(post.frontMatter.params.entries.map(\.key) == ["url", "redirect_from"], "themes still see them")

        let (page, _) = try parse("---\ntitle: About\npermalink: about-me\n---\nHi.\n", kind: .page, sourcePath: "about.md")
        guard case .page(let about)? = page else { Issue.record("not a page"); return }
        #expect(about.path == "/about-me/")

        for bad in ["/:year/:title/", "https://elsewhere.example/post/", "/a/../../b/", "/"] {
            let (other, warnings) = try parse("---\ndate: 2026-11-20\nurl: '\(bad)'\n---\n")
            #expect(try #require(other?.post).path == "/2026/11/20/hello/", "\(bad)")
            #expect(warnings.map(\.message) == ["Address '\(bad)' was not used: 'url' and 'permalink' must be a path of this site like '/2019/my-post/' or '/about.html', without placeholders. The page is at its usual address; add the old one to 'aliases' to redirect it"])
            #expect(warnings.first?.location?.line == 3)
        }
    }

    @Test("Invalid aliases are left out with a warning at the aliases line",
          arguments: ["../../old/post/", "//evil.example/", "/a/../b/", "/", "/x?y", "/x#y", "https://old.example/post/"])
    func invalidAlias(alias: String) throws {
        let (parsed, diagnostics) = try parse("---\ndate: 2026-11-20\naliases: ['\(alias)', /kept/]\n---\n")
        #expect(try #require(parsed?.post).frontMatter.aliases == ["/kept/"])
        #expect(diagnostics.count == 1)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.message == "Alias '\(alias)' was left out: it must be a site path like '/old/my-post/' or '/2019/post.html', or a path relative to the file's folder, inside the site")
        #expect(diagnostic.location?.line == 3)
    }

    @Test func typoKeySuggestsTheKnownKey() throws {
        let diagnostic = try failure("---\ntittle: Hello\ndate: 2026-11-20\n---\n")
        #expect(diagnostic.message == "Unknown front matter key 'tittle'. Did you mean 'title'?")
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.location?.column == 1)
    }

    @Test("Typos of known keys", arguments: [
        ("tagss", "tags"), ("drafts", "draft"), ("summmary", "summary"), ("aliasses", "aliases"),
    ])
    func typos(key: String, suggestion: String) throws {
        let diagnostic = try failure("---\ndate: 2026-11-20\n\(key): x\n---\n")
        #expect(diagnostic.message == "Unknown front matter key '\(key)'. Did you mean '\(suggestion)'?")
        #expect(diagnostic.location?.line == 3)
    }

    /// Swapped letters are the commonest typo; they must count as one edit (plain Levenshtein
    /// counted two, over the limit for short keys, and `tilte` went silently to params).
    @Test("Transposed letters are typos", arguments: [("tilte", "title"), ("dtae", "date"), ("tgas", "tags")])
    func transposedLetters(key: String, suggestion: String) throws {
        let (parsed, diagnostics) = try parse("---\ndate: 2026-11-20\n\(key): x\n---\n")
        #expect(parsed == nil)
        #expect(diagnostics.map(\.message) == ["Unknown front matter key '\(key)'. Did you mean '\(suggestion)'?"])
    }

    /// FrontMatter.foreignKeys leaves `tag` out on purpose ("`tag` is… probably `tags`"): a
    /// three-letter key must still be checked, or `tag: swift` leaves the post without tags, silently.
    @Test func singularTagIsNotSilentlyIgnored() throws {
        let (parsed, diagnostics) = try parse("---\ndate: 2026-11-20\ntag: swift\n---\n")
        let tagged = parsed?.post?.tags == ["swift"]
        let warned = diagnostics.contains { $0.message == "Unknown front matter key 'tag'. Did you mean 'tags'?" }
        #expect(tagged || warned, "tag: swift was neither used nor reported")
    }

    @Test func wrongTypesAreErrors() throws {
        let (parsed, diagnostics) = try parse("""
            ---
            date: 2026-11-20
            draft: yes
            title: [a, b]
            lang: french
            photos: cat.jpg
            ---
            """)
        #expect(parsed == nil)
        #expect(diagnostics.map(\.message) == [
            "'draft' must be true or false; found 'yes'",
            "'title' must be text; found a list",
            "'lang' must be a BCP 47 language tag such as 'fr' or 'en-GB'; found 'french'",
            "'photos' must be a list of {src, alt, focus} entries",
        ])
        #expect(diagnostics.map { $0.location?.line } == [3, 4, 5, 6])
    }

    @Test func photoFocusIsReadAsACSSPosition() throws {
        let post = try post("""
            ---
            date: 2026-11-20
            photos:
              - {src: a.jpg, alt: A, focus: "50% 20%"}
              - {src: b.jpg, alt: B, focus: "Top  Left"}
              - {src: c.jpg, alt: C, focus: 12.5% 100%}
              - {src: d.jpg, alt: D}
            ---
            """)
        #expect(post.frontMatter.photos.map(\.focus) == ["50% 20%", "top left", "12.5% 100%", nil])
    }

    @Test(arguments: ["50%", "50% 20% 10%", "120% 20%", "-5% 20%", "50px 20px", "middle", "left right", "50% top", "nan% 2%", "var(--x)"])
    func badPhotoFocusIsAnErrorNamingThePhoto(_ focus: String) throws {
        let (parsed, diagnostics) = try parse("---\ndate: 2026-11-20\nphotos:\n  - {src: a.jpg, alt: A, focus: \"\(focus)\"}\n---\n")
        #expect(parsed == nil)
        #expect(diagnostics.map(\.message) == [
            "Photo 'a.jpg': 'focus' must be the point to keep in view, as two percentages from the left and from the top like '50% 20%' (or 'top', 'bottom', 'left', 'right', 'center'); found '\(focus)'",
        ])
        #expect(diagnostics.first?.location?.line == 3)
    }

    @Test func everyProblemOfAFileIsReported() throws {
        let (parsed, diagnostics) = try parse("---\ntittle: Hi\ndate: yesterday\nslug: a/b\n---\n")
        #expect(parsed == nil)
        #expect(diagnostics.map { $0.location?.line } == [2, 3, 4])
    }

    // MARK: Paths and rendering

    @Test func pathUsesTheSiteTimeZone() throws {
        let text = "---\ndate: 2026-11-20T23:30:00Z\n---\n"
        let inParis = try post(text, config: try Self.config(timeZone: Self.paris))
        #expect(inParis.path == "/2026/11/21/hello/")
        let inUTC = try post(text, config: try Self.config(timeZone: Self.utc))
        #expect(inUTC.path == "/2026/11/20/hello/")
        #expect(inParis.date == inUTC.date)
    }

    @Test func customPermalinkAndRelativeLinks() throws {
        let config = try Self.config(permalink: "/notes/:slug.html")
        let post = try post("---\ndate: 2026-11-20\n---\n![A cat](cat.jpg)\n", config: config)
        #expect(post.path == "/notes/hello.html")
        #expect(post.content.html == "<p><img src=\"__SZ_ROOT__/notes/cat.jpg\" alt=\"A cat\" /></p>\n")
    }

    @Test func relativeImagesResolveAgainstThePostFolder() throws {
        let post = try post("---\ndate: 2026-11-20\n---\n![A cat](cat.jpg) [next](../../21/other/)\n")
        #expect(post.content.html == "<p><img src=\"__SZ_ROOT__/2026/11/20/hello/cat.jpg\" alt=\"A cat\" /> <a href=\"__SZ_ROOT__/2026/11/21/other/__SZ_INDEX__\">next</a></p>\n")
        #expect(post.content.images == ["cat.jpg"])
    }

    @Test func listHTMLPrefixesIdsWithThePostAnchor() throws {
        let post = try post("---\ndate: 2026-11-20\n---\n## Intro\n\nText[^1]\n\n[^1]: Note.\n")
        #expect(post.anchor == "p-2026-11-20-hello")
        #expect(post.content.headings.map(\.id) == ["intro"])
        #expect(post.content.html.contains("id=\"intro\""))
        #expect(post.listHTML.contains("id=\"p-2026-11-20-hello-intro\""))
        #expect(post.listHTML.contains("href=\"\(SiteURL.selfMarker)#p-2026-11-20-hello-fn-1\""))
        #expect(!post.listHTML.contains("id=\"intro\""))
    }

    @Test func unsafeHTMLSettingReachesTheRenderer() throws {
        var config = try Self.config()
        config.unsafeHTML = false
        let post = try post("---\ndate: 2026-11-20\n---\n<div>raw</div>\n", config: config)
        #expect(post.content.html == "<!-- raw HTML omitted -->\n")
    }
}

extension ContentParser.Parsed {
    var post: Post? {
        if case .post(let post) = self { return post }
        return nil
    }

    var page: Page? {
        if case .page(let page) = self { return page }
        return nil
    }
}
