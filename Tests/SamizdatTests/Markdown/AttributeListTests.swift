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

    @Test func kramdownBlockAttributesAreDroppedWithTheirLine() {
        let markdown = "First paragraph.\n\n![A cat](cat.jpg)\n{: .float-end }\n\nSecond.\n\n{: .note}\n\nThird ![x](x.png){: width=50%} end.\n"
        let result = renderer.render(markdown)
        #expect(!result.html.contains("{:"), "\(result.html)")
        #expect(result.html.contains("<p>Second.</p>\n<p>Third"))
        #expect(result.html.contains(#"<img src="__SZ_ROOT__/x.png" alt="x" /> end.</p>"#), "\(result.html)")
        #expect(result.problems == [
            "Kramdown attributes '{: .float-end }' were left out: Markdown has no such syntax. Remove them, or use HTML for the classes",
            "Kramdown attributes '{: .note}' were left out: Markdown has no such syntax. Remove them, or use HTML for the classes",
            "Kramdown attributes '{: width=50%}' were left out: Markdown has no such syntax. Remove them, or use HTML for the classes",
        ])
        #expect(result.problemLines == [4, 8, 10])
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
