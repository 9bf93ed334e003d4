import Foundation
import Testing
@testable import Samizdat

@Suite("Hashtags")
struct HashtagTests {
    let renderer = MarkdownRenderer()
    let safeRenderer = MarkdownRenderer(options: .init(unsafeHTML: false))

    /// The link a hashtag renders as.
    private func link(_ written: String, slug: String) -> String {
        "<a class=\"hashtag\" href=\"__SZ_ROOT__/tags/\(slug)/__SZ_INDEX__\" rel=\"tag\">\(written)</a>"
    }

    // MARK: Found

    @Test("Hashtags are found in text", arguments: [
        ("#liberté au début", ["liberté"]),
        ("Vive la #liberté", ["liberté"]),
        ("Langages (#swift) et [#rust]", ["swift", "rust"]),
        ("#liberté #日本語 #Ünïcödé", ["liberté", "日本語", "Ünïcödé"]),
        ("I like #SwiftLang", ["SwiftLang"]),
        ("Done with #swift. And #rust, #go! Also #a-b", ["swift", "rust", "go", "a"]),
        ("*#bold* and **#strong** and ~~#gone~~", ["bold", "strong", "gone"]),
        ("- one #item\n- two\n", ["item"]),
        ("| a | b |\n|---|---|\n| #cell | x |\n", ["cell"]),
        ("## Trip #vélo\n", ["vélo"]),
        ("\"#quoted\" and '#single' and « #guillemets »", ["quoted", "single", "guillemets"]),
        ("line one\n#second line", ["second"]),
        ("#snake_case #v2 #x_1", ["snake_case", "v2", "x_1"]),
        ("Text[^1].\n\n[^1]: See #note\n", ["note"]),
        ("> quoted #inside\n", ["inside"]),
        ("#swift\u{00A0}#nbsp", ["swift", "nbsp"]),
    ])
    func found(markdown: String, expected: [String]) {
        let result = renderer.render(markdown)
        #expect(result.hashtags == expected)
        for name in expected {
            #expect(result.html.contains(link("#" + name, slug: Slug.make(name))), "no link for #\(name) in \(result.html)")
        }
        #expect(result.problems.isEmpty)
    }

    // MARK: Not hashtags

    @Test("Colours, heading attributes and words glued to code are not hashtags", arguments: [
        "Use #ccc or #fff000 or #A1B2C3 for the border",
        "## GPG {#gpg}\n",
        "#include`<stdio.h>`",
    ])
    func notTags(markdown: String) {
        let result = renderer.render(markdown)
        #expect(result.hashtags.isEmpty, "\(result.hashtags)")
        #expect(!result.html.contains("class=\"hashtag\""))
    }

    @Test func wordsThatLookLikeColoursButAreWordsStayTags() {
        #expect(renderer.render("#cafe #bad #face #add").hashtags == ["cafe", "bad", "face", "add"])
    }

    @Test func hashtagsCanBeTurnedOff() {
        let off = MarkdownRenderer(options: .init(hashtags: false))
        let result = off.render("The #rust IRC and @ada@social.example")
        #expect(result.hashtags.isEmpty)
        #expect(result.html.contains("The #rust IRC"))
        #expect(result.mentions == ["https://social.example/@ada"])
    }

    @Test("Text that is not a hashtag stays as it is", arguments: [
        "C# and F#",
        "#1 and #2026",
        "foo#bar",
        "&#35;x",
        "\\#x",
        "&amp;#x",
        "`#code`",
        "```\n#code\n```\n",
        "    #indented code\n",
        "[#text](https://example.org)",
        "![#alt](x.png)",
        "https://example.org/#anchor and www.example.org/#x",
        "<https://example.org/#anchor>",
        "<span>#x</span>",
        "<div>\n#x\n</div>\n",
        "##x",
        "#_x and snake_#case",
        "a/#b",
        "# Heading\n",
        "## A heading ##\n",
        "**bold**#x",
    ])
    func notHashtags(markdown: String) {
        let result = renderer.render(markdown)
        #expect(result.hashtags.isEmpty, "found \(result.hashtags)")
        #expect(!result.html.contains("class=\"hashtag"))
        #expect(result.problems.isEmpty)
    }

    @Test("Escaped and raw forms render as cmark renders them", arguments: [
        ("\\#x", "<p>#x</p>\n"),
        ("&#35;x", "<p>#x</p>\n"),
        ("<span>#x</span>", "<p><span>#x</span></p>\n"),
        ("`#code`", "<p><code>#code</code></p>\n"),
        ("C#", "<p>C#</p>\n"),
        ("# Heading\n", "<h1 id=\"heading\">Heading</h1>\n"),
        ("[#text](https://example.org)", "<p><a href=\"https://example.org\">#text</a></p>\n"),
        ("https://example.org/#anchor", "<p><a href=\"https://example.org/#anchor\">https://example.org/#anchor</a></p>\n"),
    ])
    func unchangedHTML(markdown: String, expected: String) {
        #expect(renderer.render(markdown).html == expected)
    }

    /// cmark merges adjacent text nodes, so the escape is only visible in the source; the
    /// positions cmark reports are off in places (indented continuation lines, text after an
    /// autolink), which these cases exercise.
    @Test("An escaped # is never a hashtag, wherever it is", arguments: [
        ("para\n      \\#x #y", ["y"]),
        ("para\n\t\\#x #y", ["y"]),
        ("> \\#x #y\n", ["y"]),
        ("- \\#x #y\n", ["y"]),
        ("me@example.org \\#x #y", ["y"]),
        ("see https://example.org/ \\#x #y", ["y"]),
        ("see www.example.org \\#x #y", ["y"]),
        ("\"quoted\" -- it's... \\#x #y", ["y"]),
        ("&eacute;t&eacute; &#35;x #y", ["y"]),
        ("| \\#x | #y \\| z |\n|---|---|\n", ["y"]),
        ("## \\#x #y\n", ["y"]),
    ])
    func escapes(markdown: String, expected: [String]) {
        #expect(renderer.render(markdown).hashtags == expected)
    }

    // MARK: Output

    @Test func exactHTML() {
        #expect(renderer.render("Vive la #liberté !").html == "<p>Vive la \(link("#liberté", slug: "liberte")) !</p>\n")
        #expect(renderer.render("*#bold*").html == "<p><em>\(link("#bold", slug: "bold"))</em></p>\n")
        #expect(renderer.render("#swift.").html == "<p>\(link("#swift", slug: "swift")).</p>\n")
        #expect(renderer.render("- a #b\n").html == "<ul>\n<li>a \(link("#b", slug: "b"))</li>\n</ul>\n")
    }

    @Test func hashtagInAHeadingKeepsTheHeadingId() {
        let result = renderer.render("## Trip #vélo\n")
        #expect(result.html == "<h2 id=\"trip-velo\">Trip \(link("#vélo", slug: "velo"))</h2>\n")
        #expect(result.headings == [.init(level: 2, id: "trip-velo", text: "Trip #vélo")])
        #expect(result.hashtags == ["vélo"])
    }

    @Test func hashtagInATableCell() {
        let markdown = "| a | #b |\n|---|---|\n| #c | x |\n"
        let expected = """
            <table>
            <thead>
            <tr>
            <th>a</th>
            <th>\(link("#b", slug: "b"))</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>\(link("#c", slug: "c"))</td>
            <td>x</td>
            </tr>
            </tbody>
            </table>

            """
        #expect(renderer.render(markdown).html == expected)
        // Table cells refuse custom inlines and safe mode omits raw HTML: a plain link is left.
        let safe = safeRenderer.render(markdown)
        #expect(safe.html.contains("<td><a href=\"__SZ_ROOT__/tags/c/__SZ_INDEX__\">#c</a></td>"))
        #expect(safe.hashtags == ["b", "c"])
    }

    @Test("Safe mode renders the same hashtag links", arguments: [
        "Vive la #liberté !",
        "## Trip #vélo\n",
        "*#bold* and #日本語",
    ])
    func safeMode(markdown: String) {
        let safe = safeRenderer.render(markdown)
        #expect(safe.html == renderer.render(markdown).html)
        #expect(safe.html.contains("class=\"hashtag\""))
        #expect(!safe.html.contains("raw HTML omitted"))
    }

    @Test func plainTextKeepsTheHashtagAsWritten() {
        #expect(renderer.render("Vive la #liberté !").plainText == "Vive la #liberté !")
    }

    @Test func placeholdersBecomeRelativeLinks() {
        let html = SiteURL.relativize(renderer.render("#liberté").html, rootPrefix: "../../")
        #expect(html == "<p><a class=\"hashtag\" href=\"../../tags/liberte/index.html\" rel=\"tag\">#liberté</a></p>\n")
    }

    // MARK: The list of tags

    @Test func hashtagsAreDeduplicatedCaseInsensitivelyKeepingTheFirstSpelling() {
        let result = renderer.render("#Swift #swift\n\n#SWIFT #rust #Swift")
        #expect(result.hashtags == ["Swift", "rust"])
        // Every occurrence is still a link.
        #expect(result.html.components(separatedBy: "class=\"hashtag").count - 1 == 5)
    }

    @Test func documentWithoutHashtagsHasNone() {
        let result = renderer.render("Just text, a heading and `code`.\n\n## Notes\n")
        #expect(result.hashtags.isEmpty)
        #expect(result.mentions.isEmpty)
        #expect(result.problems.isEmpty)
    }

    // MARK: Length

    @Test func tooLongHashtagIsLeftAsTextAndReported() {
        let name = String(repeating: "a", count: 300)
        let result = renderer.render("#\(name) #ok")
        #expect(result.hashtags == ["ok"])
        #expect(result.html == "<p>#\(name) \(link("#ok", slug: "ok"))</p>\n")
        #expect(result.problems == ["Hashtag '#aaaaaaaaaaaaaaaaaaaa…' is longer than 100 characters; it was left as text"])
    }

    @Test("The limit is 100 characters", arguments: [(100, true), (101, false)])
    func lengthLimit(length: Int, linked: Bool) {
        let name = String(repeating: "é", count: length)
        let result = renderer.render("#" + name)
        #expect(result.hashtags == (linked ? [name] : []))
        #expect(result.problems.isEmpty == linked)
    }

    // MARK: Scanner

    @Test("Characters that let a # start a hashtag", arguments: [
        (nil, true), (" ", true), ("\n", true), ("(", true), ("[", true), ("\"", true), ("'", true), ("«", true), ("“", true), ("¿", true),
        ("a", false), ("1", false), ("&", false), ("/", false), ("#", false), ("_", false), ("é", false), (".", false), ("{", false),
    ] as [(Unicode.Scalar?, Bool)])
    func startsWord(previous: Unicode.Scalar?, starts: Bool) {
        #expect(SocialTextScanner.startsWord(after: previous) == starts)
    }
}
