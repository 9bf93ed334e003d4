import Foundation
import Testing
@testable import Samizdat

@Suite("MarkdownRenderer")
struct MarkdownRendererTests {
    let renderer = MarkdownRenderer()
    let safeRenderer = MarkdownRenderer(options: .init(unsafeHTML: false))

    private func html(_ markdown: String, idPrefix: String = "", basePath: String = "/") -> String {
        renderer.render(markdown, idPrefix: idPrefix, basePath: basePath).html
    }

    /// The HTML with links to the document's own fragments as a page shows them (`#fn-1`).
    private func selfLinksResolved(_ markdown: String, idPrefix: String = "", basePath: String = "/") -> String {
        html(markdown, idPrefix: idPrefix, basePath: basePath).replacingOccurrences(of: SiteURL.selfMarker, with: "")
    }

    // MARK: GFM extensions

    @Test func tablesUseStyleAttributesForAlignment() {
        let output = html("| a | b | c | d |\n|:-|:-:|-:|---|\n| 1 | 2 | 3 | 4 |\n")
        #expect(output == """
            <table>
            <thead>
            <tr>
            <th style="text-align: left">a</th>
            <th style="text-align: center">b</th>
            <th style="text-align: right">c</th>
            <th>d</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td style="text-align: left">1</td>
            <td style="text-align: center">2</td>
            <td style="text-align: right">3</td>
            <td>4</td>
            </tr>
            </tbody>
            </table>

            """)
        #expect(!output.contains("align=\""))
    }

    @Test func strikethrough() {
        #expect(html("~~gone~~ and ~kept~") == "<p><del>gone</del> and <del>kept</del></p>\n")
    }

    @Test func autolinks() {
        #expect(html("See https://example.org/a?b=1 and www.example.org or me@example.org.") ==
            "<p>See <a href=\"https://example.org/a?b=1\">https://example.org/a?b=1</a> and <a href=\"http://www.example.org\">www.example.org</a> or <a href=\"mailto:me@example.org\">me@example.org</a>.</p>\n")
    }

    /// A heading is replaced by a custom block for its id; the inlines it gives away still read
    /// from its buffer, so it must outlive the rendering (fuzzing found this with ASan).
    @Test func inlinesOfHeadingsKeepTheirText() {
        #expect(html("http://1\n-") == #"<h2 id="http-1"><a href="http://1">http://1</a></h2>"# + "\n")
        #expect(html("# See https://example.org/a and <b>bold</b> `code`") ==
            #"<h1 id="see-https-example-org-a-and-bold-code">See <a href="https://example.org/a">https://example.org/a</a> and <b>bold</b> <code>code</code></h1>"# + "\n")
    }

    @Test func taskLists() {
        #expect(html("- [ ] todo\n- [x] done\n") == """
            <ul>
            <li><input type="checkbox" disabled="" /> todo</li>
            <li><input type="checkbox" checked="" disabled="" /> done</li>
            </ul>

            """)
    }

    @Test func tagFilterNeutralisesScriptEvenWithUnsafeHTML() {
        #expect(renderer.options.unsafeHTML)
        #expect(html("<script>alert(1)</script>\n") == "&lt;script>alert(1)&lt;/script>\n")
        #expect(html("hi <script>x</script> <iframe src=x></iframe> <b>ok</b>") ==
            "<p>hi &lt;script>x&lt;/script> &lt;iframe src=x>&lt;/iframe> <b>ok</b></p>\n")
    }

    @Test func smartPunctuation() {
        #expect(html("\"quoted\" it's -- wait...") == "<p>“quoted” it’s – wait…</p>\n")
    }

    // MARK: Footnotes

    @Test func footnotes() {
        let output = selfLinksResolved("Text[^1].\n\n[^1]: The note.\n")
        #expect(output == """
            <p>Text<sup class="footnote-ref"><a href="#fn-1" id="fnref-1" data-footnote-ref>1</a></sup>.</p>
            <section class="footnotes" data-footnotes>
            <ol>
            <li id="fn-1">
            <p>The note. <a href="#fnref-1" class="footnote-backref" data-footnote-backref aria-label="Back to content">↩</a></p>
            </li>
            </ol>
            </section>

            """)
    }

    @Test func footnoteIdsGetThePrefix() {
        let output = selfLinksResolved("One[^1] and two[^note].\n\n[^1]: First.\n[^note]: Second.\n", idPrefix: "p-x-")
        #expect(output.contains("<section class=\"footnotes\""))
        for fragment in [
            "href=\"#p-x-fn-1\"", "id=\"p-x-fnref-1\"", "<li id=\"p-x-fn-1\">", "href=\"#p-x-fnref-1\"",
            "href=\"#p-x-fn-note\"", "id=\"p-x-fnref-note\"", "<li id=\"p-x-fn-note\">", "href=\"#p-x-fnref-note\"",
        ] {
            #expect(output.contains(fragment), "missing \(fragment)")
        }
        // Nothing left unprefixed.
        #expect(!output.contains("\"#fn-"))
        #expect(!output.contains("\"#fnref-"))
        #expect(!output.contains("id=\"fn"))
    }

    @Test func prefixIsNotAppliedToTextThatMerelyLooksLikeAFootnoteId() {
        // No footnotes: the HTML must be untouched even though it mentions fn-1.
        let output = html("Write `id=\"fn-1\"` by hand.", idPrefix: "p-x-")
        #expect(output == "<p>Write <code>id=&quot;fn-1&quot;</code> by hand.</p>\n")
    }

    // MARK: Raw HTML

    @Test func rawHTMLPassesThroughByDefault() {
        #expect(html("<div class=\"x\">raw</div>\n\ninline <b>bold</b>\n") == "<div class=\"x\">raw</div>\n<p>inline <b>bold</b></p>\n")
    }

    @Test func rawHTMLIsOmittedWhenUnsafeHTMLIsOff() {
        let output = safeRenderer.render("<div class=\"x\">raw</div>\n\ninline <b>bold</b>\n").html
        #expect(output == "<!-- raw HTML omitted -->\n<p>inline <!-- raw HTML omitted -->bold<!-- raw HTML omitted --></p>\n")
    }

    @Test func dangerousURLsAreDroppedWhenUnsafeHTMLIsOff() {
        let output = safeRenderer.render("[x](javascript:alert(1))").html
        #expect(output == "<p><a href=\"\">x</a></p>\n")
    }

    // MARK: Headings

    @Test func headingIdsComeFromTheirText() {
        let result = renderer.render("## Mes vélos\n")
        #expect(result.html.contains("<h2 id=\"mes-velos\">"))
        #expect(result.headings == [.init(level: 2, id: "mes-velos", text: "Mes vélos")])
    }

    /// Apart from the id, a heading must render as cmark renders it: no line breaks inside
    /// (a bare custom block put one after `<h2 id="…">` and one before `</h2>`).
    @Test func headingMarkupIsOnOneLine() {
        #expect(html("## Mes vélos\n") == "<h2 id=\"mes-velos\">Mes vélos</h2>\n")
        #expect(html("# Hello *world*\n") == "<h1 id=\"hello-world\">Hello <em>world</em></h1>\n")
    }

    @Test func headingsInsideContainersAndSetextHeadingsGetIds() {
        #expect(html("> ## Quoted\n> text\n") == "<blockquote>\n<h2 id=\"quoted\">Quoted</h2>\n<p>text</p>\n</blockquote>\n")
        #expect(html("- ## In list\n- b\n") == "<ul>\n<li>\n<h2 id=\"in-list\">In list</h2>\n</li>\n<li>b</li>\n</ul>\n")
        #expect(html("Title\n===\n\n## A ##\n") == "<h1 id=\"title\">Title</h1>\n<h2 id=\"a\">A</h2>\n")
    }

    @Test func headingIdIsEscaped() {
        // Slugs only hold letters, digits and '-', but the prefix is the caller's.
        #expect(html("## A\n", idPrefix: "x\"y-") == "<h2 id=\"x&quot;y-a\">A</h2>\n")
    }

    /// On list pages ids carry the post's prefix, so a link from a post to one of its own headings
    /// (`[back](#intro)`) must carry it too; it is left as `#intro` and jumps nowhere.
    @Test func fragmentLinksToOwnHeadingsFollowThePrefix() {
        let output = selfLinksResolved("## Intro\n\n[back](#intro) and [elsewhere](#not-a-heading)\n", idPrefix: "p-x-")
        #expect(output == "<h2 id=\"p-x-intro\">Intro</h2>\n<p><a href=\"#p-x-intro\">back</a> and <a href=\"#not-a-heading\">elsewhere</a></p>\n")
    }

    @Test func duplicateHeadingsGetNumberedIds() {
        let result = renderer.render("## Notes\n\n## Notes\n\n## Notes\n\n### Other\n")
        #expect(result.headings.map(\.id) == ["notes", "notes-1", "notes-2", "other"])
        #expect(result.headings.map(\.level) == [2, 2, 2, 3])
        for id in ["notes", "notes-1", "notes-2", "other"] {
            #expect(result.html.contains("id=\"\(id)\""))
        }
    }

    @Test func idsStayUniqueWhenATitleLooksLikeANumberedDuplicate() {
        let result = renderer.render("## Notes\n\n## Notes 1\n\n## Notes\n")
        #expect(result.headings.map(\.id) == ["notes", "notes-1", "notes-2"])
    }

    @Test func headingIdsGetThePrefix() {
        let result = renderer.render("## Notes\n\n## Notes\n", idPrefix: "p-2026-11-20-hello-")
        #expect(result.headings.map(\.id) == ["p-2026-11-20-hello-notes", "p-2026-11-20-hello-notes-1"])
        #expect(result.html.contains("<h2 id=\"p-2026-11-20-hello-notes\">"))
        #expect(result.html.contains("<h2 id=\"p-2026-11-20-hello-notes-1\">"))
    }

    @Test func headingWithoutLettersGetsSectionId() {
        let result = renderer.render("## 🎉\n\n## ✨\n")
        #expect(result.headings.map(\.id) == ["section", "section-1"])
        #expect(result.headings.map(\.text) == ["🎉", "✨"])
    }

    @Test func headingsListKeepsInlineTextAndCode() {
        let result = renderer.render("# Using `swift build` *fast*\n\nSetext\n------\n")
        #expect(result.headings == [
            .init(level: 1, id: "using-swift-build-fast", text: "Using swift build fast"),
            .init(level: 2, id: "setext", text: "Setext"),
        ])
    }

    // MARK: Plain text and images

    @Test func plainTextHasOneLinePerBlock() {
        let result = renderer.render("# Title\n\nPara *one*\nline two.\n\n- a\n- b\n\n> quoted\n\nend")
        #expect(result.plainText == "Title\nPara one line two.\na\nb\nquoted\nend")
    }

    @Test func plainTextUsesSmartPunctuationAndDropsMarkup() {
        let result = renderer.render("It's **very** [linked](https://x.org) and `code`.")
        #expect(result.plainText == "It’s very linked and code.")
    }

    @Test func imagesAreListedAsWrittenInOrder() {
        let result = renderer.render("![a](/img/a.jpg) text ![b](b.png)\n\n![c](https://cdn.example/c.gif)", basePath: "/2026/11/20/hello/")
        #expect(result.images == ["/img/a.jpg", "b.png", "https://cdn.example/c.gif"])
    }

    // MARK: Site URLs

    @Test func rootRelativeLinksBecomePlaceholders() {
        #expect(html("[About](/about/)") == "<p><a href=\"__SZ_ROOT__/about/__SZ_INDEX__\">About</a></p>\n")
        #expect(html("[Home](/)") == "<p><a href=\"__SZ_ROOT__/__SZ_INDEX__\">Home</a></p>\n")
        #expect(html("![Cat](/img/cat.jpg)") == "<p><img src=\"__SZ_ROOT__/img/cat.jpg\" alt=\"Cat\" /></p>\n")
        #expect(html("[Team](/about/?lang=fr#team)") == "<p><a href=\"__SZ_ROOT__/about/__SZ_INDEX__?lang=fr#team\">Team</a></p>\n")
    }

    @Test func relativizeForAPageTwoFoldersDown() {
        let output = SiteURL.relativize(html("[About](/about/) ![Cat](/img/cat.jpg) [Home](/)"), rootPrefix: "../../")
        #expect(output == "<p><a href=\"../../about/index.html\">About</a> <img src=\"../../img/cat.jpg\" alt=\"Cat\" /> <a href=\"../../index.html\">Home</a></p>\n")
    }

    @Test func relativizeAtTheSiteRoot() {
        #expect(SiteURL.relativize(html("[About](/about/#me)"), rootPrefix: "") == "<p><a href=\"about/index.html#me\">About</a></p>\n")
    }

    @Test func absolutizeForFeeds() {
        let output = SiteURL.absolutize(html("[About](/about/) ![Cat](/img/cat.jpg) [Home](/)"), baseURL: "https://example.org/", pageURL: "https://example.org/p/")
        #expect(output == "<p><a href=\"https://example.org/about/\">About</a> <img src=\"https://example.org/img/cat.jpg\" alt=\"Cat\" /> <a href=\"https://example.org/\">Home</a></p>\n")
    }

    @Test func absolutizeUnderASubPathWithoutTrailingSlash() {
        #expect(SiteURL.absolutize(html("[About](/about/)"), baseURL: "https://example.org/blog", pageURL: "https://example.org/blog/p/")
            == "<p><a href=\"https://example.org/blog/about/\">About</a></p>\n")
    }

    @Test func htmlWithoutPlaceholdersIsReturnedUnchanged() {
        let text = "<p><a href=\"https://x.org/\">x</a></p>\n"
        #expect(SiteURL.relativize(text, rootPrefix: "../") == text)
        #expect(SiteURL.absolutize(text, baseURL: "https://example.org/", pageURL: "https://example.org/p/") == text)
    }

    @Test func footnoteAndHeadingLinksPointAtThePageInFeedsOnly() {
        let output = html("## Intro\n\nA claim[^1], see [intro](#intro).\n\n[^1]: The footnote text.\n")
        let page = SiteURL.relativize(output, rootPrefix: "../")
        #expect(page.contains("href=\"#fn-1\""))
        #expect(page.contains("href=\"#intro\""))
        #expect(!page.contains("__SZ_"))
        let feed = SiteURL.absolutize(output, baseURL: "https://example.org/", pageURL: "https://example.org/2026/p/")
        #expect(feed.contains("href=\"https://example.org/2026/p/#fn-1\""))
        #expect(feed.contains("href=\"https://example.org/2026/p/#fnref-1\""))
        #expect(feed.contains("href=\"https://example.org/2026/p/#intro\""))
        #expect(!feed.contains("href=\"#"))
    }

    @Test func rawHTMLURLsFollowTheSameRulesAsMarkdownLinks() {
        let output = html("<img src=\"/images/x.svg\" alt=\"An X\">\n\nSee <a href='/about/'>about</a> and <a href=\"cat.jpg\">the cat</a>.\n", basePath: "/2026/11/20/hello/")
        #expect(SiteURL.relativize(output, rootPrefix: "../../../../") == """
            <img src="../../../../images/x.svg" alt="An X">
            <p>See <a href="../../../../about/index.html">about</a> and <a href="../../../../2026/11/20/hello/cat.jpg">the cat</a>.</p>

            """)
        #expect(SiteURL.absolutize(output, baseURL: "https://example.org/sub/", pageURL: "https://example.org/sub/p/").contains("<img src=\"https://example.org/sub/images/x.svg\" alt=\"An X\">"))
    }

    @Test func rawHTMLURLsWithSpacesAreEncoded() {
        #expect(html("<img src=\"my stall.png\" alt=\"\">\n", basePath: "/p/") == "<img src=\"__SZ_ROOT__/p/my%20stall.png\" alt=\"\">\n")
    }

    @Test func summariesLeaveOutFootnotesAndKeepRawHTMLText() {
        let rendered = renderer.render("A claim with a footnote.[^1]\n\n<p>See <a href=\"/x\">the page</a> <img src=\"/c.png\" alt=\"a cat\"></p>\n\n[^1]: The footnote text.\n")
        #expect(rendered.plainText == "A claim with a footnote.\nSee the page a cat")
        #expect(renderer.render("line one<br>line two and<br/>three").plainText == "line one line two and three")
    }

    @Test("Relative links resolve against basePath", arguments: [
        ("photo.jpg", "__SZ_ROOT__/2026/11/20/hello/photo.jpg"),
        ("./photo.jpg", "__SZ_ROOT__/2026/11/20/hello/photo.jpg"),
        ("../other/", "__SZ_ROOT__/2026/11/20/other/__SZ_INDEX__"),
        ("../../../../../../up", "__SZ_ROOT__/up"),
        ("sub/page.html#x", "__SZ_ROOT__/2026/11/20/hello/sub/page.html#x"),
        ("..", "__SZ_ROOT__/2026/11/20/__SZ_INDEX__"),
        (".", "__SZ_ROOT__/2026/11/20/hello/__SZ_INDEX__"),
    ])
    func relativeLinks(url: String, expected: String) {
        #expect(html("[x](\(url))", basePath: "/2026/11/20/hello/") == "<p><a href=\"\(expected)\">x</a></p>\n")
    }

    @Test("External, mailto, fragment and protocol-relative links are left alone", arguments: [
        "https://example.org/a/", "http://example.org", "mailto:me@example.org", "#section", "//cdn.example/x.js",
        "tel:+33123456789", "ftp://files.example/x",
    ])
    func untouchedLinks(url: String) {
        let output = selfLinksResolved("[x](\(url))", basePath: "/2026/11/20/hello/")
        #expect(output == "<p><a href=\"\(url.replacingOccurrences(of: "&", with: "&amp;"))\">x</a></p>\n")
        #expect(!output.contains("__SZ_"))
    }

    @Test func placeholdersTypedByTheUserAreStripped() {
        let result = renderer.render("`__SZ_ROOT__/x` and __SZ_INDEX__ here [l](__SZ_ROOT__/evil)", basePath: "/")
        #expect(result.html == "<p><code>x</code> and  here <a href=\"__SZ_ROOT__/evil\">l</a></p>\n")
        #expect(SiteURL.relativize(result.html, rootPrefix: "../") == "<p><code>x</code> and  here <a href=\"../evil\">l</a></p>\n")
    }

    /// Removing `__SZ_INDEX__` from `__SZ___SZ_INDEX__ROOT__/` joins the two halves into a live
    /// `__SZ_ROOT__/`; a single pass of removal would leave it for relativize to rewrite.
    @Test func strippingPlaceholdersCannotAssembleANewOne() {
        let output = html("`__SZ___SZ_INDEX__ROOT__/x`")
        #expect(!output.contains("__SZ_ROOT__/"))
        #expect(SiteURL.relativize(output, rootPrefix: "../../") == output)
    }
}
