import Foundation
import Testing
@testable import Samizdat

/// `<!--more-->`, `excerpt_separator` and front matter `summary`: what list pages show of a post.
@Suite("Summaries")
struct SummaryTests {
    private func post(_ text: String, config: SiteConfig = SitePlanTests.config(), sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Post {
        let sourcePath = "posts/cut.md"
        let (parsed, diagnostics) = ContentParser(config: config)
            .parse(Data(text.utf8), file: SitePlanTests.file(sourcePath), sourcePath: sourcePath, kind: .post)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.formatted() })", sourceLocation: sourceLocation)
        return try #require(parsed?.post, sourceLocation: sourceLocation)
    }

    @Test func moreCutsATitledPostAtTheMarkdownLevel() throws {
        let post = try post("---\ntitle: Long\ndate: 2026-11-20\n---\nFirst *emphasised\n\n## A heading\n\n<!--more-->\n\nThe rest.\n")
        let summary = try #require(post.summaryHTML)
        #expect(summary == "<p>First *emphasised</p>\n<h2 id=\"p-2026-11-20-cut-a-heading\">A heading</h2>\n", "\(summary)")
        #expect(post.summaryText == "First *emphasised\nA heading")
        #expect(post.content.html.contains("The rest."), "the post's page shows it whole")
        #expect(post.listHTML.contains("The rest."))
    }

    @Test func anOpenElementIsClosedBeforeTheCut() throws {
        let post = try post("---\ntitle: Quote\ndate: 2026-11-20\n---\n> A quote\n> <!--more-->\n> goes on\n\nAfter.\n")
        #expect(post.summaryHTML == "<blockquote>\n<p>A quote</p>\n</blockquote>\n")
    }

    @Test("Posts shown whole", arguments: [
        "---\ndate: 2026-11-20\n---\nA note.\n\n<!--more-->\n\nStill a note.\n",
        "---\ndate: 2026-11-20\nsummary: A note's summary\n---\nA note.\n",
        "---\ntitle: No marker\ndate: 2026-11-20\n---\nText.\n",
        "---\ntitle: In code\ndate: 2026-11-20\n---\nText.\n\n```html\n<!--more-->\n```\n\nEnd.\n",
        "---\ntitle: Nothing before\ndate: 2026-11-20\n---\n<!--more-->\nText.\n",
        "---\ntitle: Nothing after\ndate: 2026-11-20\n---\nText.\n<!--more-->\n",
        "---\ntitle: Description\ndate: 2026-11-20\ndescription: For previews only\n---\nText.\n",
    ])
    func shownWhole(text: String) throws {
        #expect(try post(text).summaryHTML == nil)
    }

    @Test func frontMatterSummaryIsMarkdownAndWinsOverTheMarker() throws {
        let post = try post("---\ntitle: Summed\ndate: 2026-11-20\nsummary: In *short*.\n---\nLong text.\n\n<!--more-->\n\nMore.\n")
        #expect(post.summaryHTML == "<p>In <em>short</em>.</p>\n")
        #expect(post.summaryText == "In short.")
    }

    @Test func aSummaryWrittenAsPlainTextMakesNoHTMLTags() throws {
        let post = try post("---\ntitle: Arrays\ndate: 2026-11-20\nsummary: \"Use Array<Int> & `Set<Int>` when <b>small</b>.\"\n---\nText.\n")
        #expect(post.summaryHTML == "<p>Use Array&lt;Int&gt; &amp; <code>Set&lt;Int&gt;</code> when &lt;b&gt;small&lt;/b&gt;.</p>\n")
    }

    @Test func excerptSeparatorFromSiteYmlOrFrontMatter() throws {
        var config = SitePlanTests.config()
        config.excerptSeparator = "<!-- cut -->"
        let site = try post("---\ntitle: A\ndate: 2026-11-20\n---\nOne.\n\n<!-- cut -->\n\nTwo.\n", config: config)
        #expect(site.summaryHTML == "<p>One.</p>\n")
        let own = try post("---\ntitle: A\ndate: 2026-11-20\nexcerpt_separator: \"<!-- excerpt -->\"\n---\nOne.\n<!-- excerpt -->\nTwo.\n")
        #expect(own.summaryHTML == "<p>One.</p>\n")
        #expect(own.frontMatter.params.entries.map(\.key) == ["excerpt_separator"])
        let spaced = try post("---\ntitle: A\ndate: 2026-11-20\n---\nOne.\n\n<!-- more -->\n\nTwo.\n")
        #expect(spaced.summaryHTML == "<p>One.</p>\n")
    }
}
