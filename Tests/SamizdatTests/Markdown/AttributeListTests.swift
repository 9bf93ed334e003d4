import Foundation
import Testing
@testable import Samizdat

/// Kramdown and Hugo attribute lists: `## GPG {#gpg}` and `{: .float-end }`.
@Suite("Attribute lists")
struct AttributeListTests {
    let renderer = MarkdownRenderer()

    @Test("A heading's attribute list sets its id and class, and is no text and no hashtag", arguments: [
        ("## GPG {#gpg}\n", #"<h2 id="gpg">GPG</h2>"#),
        ("## GPG {#gpg .key}\n", #"<h2 id="gpg" class="key">GPG</h2>"#),
        ("## Notes {.aside .small}\n", #"<h2 id="notes" class="aside small">Notes</h2>"#),
        ("### Setup {: #setup}\n", #"<h3 id="setup">Setup</h3>"#),
        ("Title {#t}\n=====\n", #"<h1 id="t">Title</h1>"#),
        ("## *Styled* heading {#styled lang=en}\n", #"<h2 id="styled"><em>Styled</em> heading</h2>"#),
    ])
    func headingAttributes(markdown: String, expected: String) {
        let result = renderer.render(markdown)
        #expect(result.html == expected + "\n")
        #expect(result.hashtags.isEmpty)
        #expect(!result.plainText.contains("{"))
        #expect(result.problems.isEmpty)
    }

    @Test("Braces that are not an attribute list stay text", arguments: [
        ("## Sets {a, b}\n", "Sets {a, b}"),
        ("## Glued{#x}\n", "Glued{#x}"),
        ("## {#only}\n", "{#only}"),
        ("## Sets {#a b}\n", "Sets {#a b}"),
    ])
    func notAttributes(markdown: String, text: String) {
        #expect(renderer.render(markdown).html.contains(text + "</h2>"))
    }

    @Test func headingIdsStayUniqueAndPrefixedInLists() {
        let result = renderer.render("## One {#same}\n\n## Two {#same}\n\n[back](#same)\n", idPrefix: "p-")
        #expect(result.html.contains(#"<h2 id="p-same">One</h2>"#))
        #expect(result.html.contains(#"<h2 id="p-same-1">Two</h2>"#))
        #expect(result.html.contains(#"href="__SZ_SELF__#p-same""#), "\(result.html)")
    }

    @Test func kramdownBlockAttributesGoToTheBlockBeforeThem() {
        let markdown = "First paragraph.\n\n![A cat](cat.jpg)\n{: .float-end }\n\nSecond.\n\n{: .note #second}\n\n> Quoted\n\n{: .aside}\n\n## Head\n{: #top .big}\n\nThird ![x](x.png){: width=50%} end.\n"
        let result = renderer.render(markdown)
        #expect(!result.html.contains("{:"), "\(result.html)")
        #expect(!result.html.unicodeScalars.contains(MarkdownRenderer.markerScalar), "\(result.html)")
        #expect(result.html.hasPrefix("<p>First paragraph.</p>\n<p class=\"float-end\"><img src=\"__SZ_ROOT__/cat.jpg\" alt=\"A cat\" /></p>\n"), "\(result.html)")
        #expect(result.html.contains("<p id=\"second\" class=\"note\">Second.</p>\n"), "\(result.html)")
        #expect(result.html.contains("<blockquote class=\"aside\">\n<p>Quoted</p>\n</blockquote>\n"), "\(result.html)")
        #expect(result.html.contains("<h2 id=\"top\" class=\"big\">Head</h2>\n"), "\(result.html)")
        #expect(result.html.contains(#"<p>Third <img src="__SZ_ROOT__/x.png" alt="x" /> end.</p>"#), "\(result.html)")
        #expect(result.problems == [
            "Kramdown attributes '{: width=50%}' were left out: they must end a line after a block. Put them on the line after the paragraph, or use HTML for the classes",
        ])
        #expect(result.problemLines == [17])
    }

    @Test func kramdownBlockIdsArePrefixedInLists() {
        let result = renderer.render("Text\n{: #intro}\n\n[up](#intro)\n", idPrefix: "p-")
        #expect(result.html.contains(#"<p id="p-intro">Text</p>"#), "\(result.html)")
        #expect(result.html.contains(#"href="__SZ_SELF__#p-intro""#), "\(result.html)")
    }

    @Test func anAttributeListFirstGoesToTheBlockAfterIt() {
        #expect(renderer.render("{: .lead}\n\nOpening.\n").html == "<p class=\"lead\">Opening.</p>\n")
    }

    @Test("Parsing", arguments: [
        ("{#a}", AttributeList(id: "a")),
        ("{.b .c}", AttributeList(classes: ["b", "c"])),
        ("{: #a .b}", AttributeList(id: "a", classes: ["b"], isKramdownBlock: true)),
        ("{:toc}", AttributeList(isKramdownBlock: true)),
        ("{:.float-end}", AttributeList(classes: ["float-end"], isKramdownBlock: true)),
    ])
    func parsing(text: String, expected: AttributeList) {
        #expect(AttributeList.parse(text[...]) == expected)
    }

    @Test("Not attribute lists", arguments: ["{}", "{# a}", "{#1}", "{% raw %}", "{{x}}", "{#a <b>}", "{.a\"b}"])
    func notLists(text: String) {
        #expect(AttributeList.parse(text[...]) == nil)
    }

    @Test func emojiShortcodesWhenTurnedOn() {
        let markdown = "Careful :exclamation: at 10:30:00, :not_a_code: and `:smile:` :smile:\n"
        let on = MarkdownRenderer(options: .init(emoji: true)).render(markdown)
        #expect(on.html == "<p>Careful ❗ at 10:30:00, :not_a_code: and <code>:smile:</code> 😄</p>\n")
        #expect(renderer.render(markdown).html.contains("Careful :exclamation:"))
    }
}
