import Foundation
import Testing
@testable import Samizdat

@Suite("Mentions")
struct MentionTests {
    let renderer = MarkdownRenderer()
    let mapped = MarkdownRenderer(options: .init(mentions: ["Alice": "https://alice.example/", "@bob": "https://bob.example/me"]))

    private func link(_ written: String, url: String) -> String {
        "<a class=\"mention u-category h-card\" href=\"\(url)\">\(written)</a>"
    }

    // MARK: Fediverse addresses

    @Test func addressBecomesALinkToTheProfile() {
        let result = renderer.render("@user@instance.social")
        #expect(result.html == "<p>\(link("@user@instance.social", url: "https://instance.social/@user"))</p>\n")
        #expect(result.mentions == ["https://instance.social/@user"])
        #expect(result.problems.isEmpty)
        #expect(result.plainText == "@user@instance.social")
    }

    @Test("Fediverse addresses are found in text", arguments: [
        ("Hi @user@instance.social!", "@user@instance.social", "https://instance.social/@user"),
        ("(@joe@mastodon.social)", "@joe@mastodon.social", "https://mastodon.social/@joe"),
        ("thanks @j.doe@ex.co.uk.", "@j.doe@ex.co.uk", "https://ex.co.uk/@j.doe"),
        ("@a_b-c@sub.host.org", "@a_b-c@sub.host.org", "https://sub.host.org/@a_b-c"),
        ("*@em@host.org*", "@em@host.org", "https://host.org/@em"),
        ("- @li@host.org\n", "@li@host.org", "https://host.org/@li"),
        ("## Hello @h@host.org\n", "@h@host.org", "https://host.org/@h"),
        // Not an e-mail address for the autolinker (non-ASCII), found in the text itself.
        ("@u@café.example", "@u@café.example", "https://café.example/@u"),
        ("@josé@host.org", "@josé@host.org", "https://host.org/@josé"),
        ("“@q@host.org”", "@q@host.org", "https://host.org/@q"),
    ])
    func addresses(markdown: String, written: String, url: String) {
        let result = renderer.render(markdown)
        #expect(result.mentions == [url])
        #expect(result.html.contains(link(written, url: url)), "\(result.html)")
        #expect(!result.html.contains("mailto:"))
        #expect(result.problems.isEmpty)
    }

    @Test func exactHTMLAroundAnAddress() {
        #expect(renderer.render("Hi @user@instance.social, welcome.").html ==
            "<p>Hi \(link("@user@instance.social", url: "https://instance.social/@user")), welcome.</p>\n")
        #expect(renderer.render("*@em@host.org* and #tag").html ==
            "<p><em>\(link("@em@host.org", url: "https://host.org/@em"))</em> and <a class=\"hashtag\" href=\"__SZ_ROOT__/tags/tag/__SZ_INDEX__\" rel=\"tag\">#tag</a></p>\n")
    }

    // MARK: Bare names

    @Test func bareNameWithoutMappingStaysText() {
        let result = renderer.render("Hello @alice!")
        #expect(result.html == "<p>Hello @alice!</p>\n")
        #expect(result.mentions.isEmpty)
        #expect(result.problems.isEmpty)
    }

    @Test("Mapped names link, whatever their case", arguments: [
        ("Hello @alice!", "@alice", "https://alice.example/"),
        ("Hello @ALICE.", "@ALICE", "https://alice.example/"),
        ("(@Bob)", "@Bob", "https://bob.example/me"),
    ])
    func mappedNames(markdown: String, written: String, url: String) {
        let result = mapped.render(markdown)
        #expect(result.html.contains(link(written, url: url)), "\(result.html)")
        #expect(result.mentions == [url])
    }

    @Test func exactHTMLForAMappedName() {
        #expect(mapped.render("Hello @alice!").html == "<p>Hello \(link("@alice", url: "https://alice.example/"))!</p>\n")
        #expect(mapped.render("Hello @nobody!").html == "<p>Hello @nobody!</p>\n")
    }

    @Test func mappedURLIsEscaped() {
        let renderer = MarkdownRenderer(options: .init(mentions: ["x": "https://x.example/?a=1&b=\"2\""]))
        #expect(renderer.render("@x").html == "<p><a class=\"mention u-category h-card\" href=\"https://x.example/?a=1&amp;b=&quot;2&quot;\">@x</a></p>\n")
    }

    // MARK: Not mentions

    @Test("Text that is not a mention stays as it is", arguments: [
        ("me@example.org", "<p><a href=\"mailto:me@example.org\">me@example.org</a></p>\n"),
        ("x@user@host.org", "<p>x@<a href=\"mailto:user@host.org\">user@host.org</a></p>\n"),
        ("write to bob@localhost", "<p>write to bob@localhost</p>\n"),
        ("`@user@instance.social`", "<p><code>@user@instance.social</code></p>\n"),
        ("[@user@instance.social](https://example.org)", "<p><a href=\"https://example.org\">@user@instance.social</a></p>\n"),
        // Raw HTML is left alone (cmark's own e-mail autolinker still works inside it).
        ("<span>@user@instance.social</span>", "<p><span>@<a href=\"mailto:user@instance.social\">user@instance.social</a></span></p>\n"),
        ("\\@user@instance.social", "<p>@<a href=\"mailto:user@instance.social\">user@instance.social</a></p>\n"),
        ("@a+b@x.org", "<p>@<a href=\"mailto:a+b@x.org\">a+b@x.org</a></p>\n"),
        ("@ home and @", "<p>@ home and @</p>\n"),
        ("```\n@user@instance.social\n```\n", "<pre><code>@user@instance.social\n</code></pre>\n"),
    ])
    func notMentions(markdown: String, expected: String) {
        let result = renderer.render(markdown)
        #expect(result.html == expected)
        #expect(result.mentions.isEmpty)
        #expect(result.problems.isEmpty)
    }

    // MARK: Invalid servers

    @Test("A malformed server name is left as text and reported", arguments: [
        ("@bob@-bad-.social", "-bad-.social"),
        ("@bob@localhost", "localhost"),
        ("@bob@exa_mple.com", "exa_mple.com"),
        ("@bob@example.123", "example.123"),
        ("@bob@ex..org", "ex..org"),
    ])
    func invalidServer(address: String, host: String) {
        let result = renderer.render("Hi \(address) there")
        #expect(result.html == "<p>Hi \(address) there</p>\n")
        #expect(result.mentions.isEmpty)
        #expect(result.problems == ["Mention '\(address)' has an invalid server name '\(host)'"])
    }

    @Test("Server names", arguments: [
        ("instance.social", true), ("mastodon.example.co.uk", true), ("café.example", true), ("xn--caf-dma.example", true),
        ("a1-b.org", true), ("example.xn--p1ai", true), ("пример.рф", true),
        ("localhost", false), ("-bad-.social", false), ("exa_mple.com", false), ("example.123", false), ("ex..org", false),
        (".example.org", false), ("example-.org", false), ("example.org-", false), ("", false),
    ])
    func hosts(host: String, valid: Bool) {
        #expect(Mention.isValidHost(host) == valid)
    }

    // MARK: The list of mentions

    @Test func mentionsAreListedInOrderWithoutRepeats() {
        let result = mapped.render("@b@y.org then @a@x.org\n\n@alice, @b@y.org and @ALICE and #tag")
        #expect(result.mentions == ["https://y.org/@b", "https://x.org/@a", "https://alice.example/"])
        #expect(result.hashtags == ["tag"])
    }

    @Test func problemsAreReportedOnce() {
        let result = renderer.render("@bob@localhost and @bob@localhost")
        #expect(result.problems == ["Mention '@bob@localhost' has an invalid server name 'localhost'"])
    }

    @Test("Safe mode renders the same mention links", arguments: [
        "@user@instance.social", "Hi @alice and @bob!", "- @li@host.org\n",
    ])
    func safeMode(markdown: String) {
        let mappings = ["alice": "https://alice.example/", "bob": "https://bob.example/"]
        let unsafe = MarkdownRenderer(options: .init(mentions: mappings)).render(markdown)
        let safe = MarkdownRenderer(options: .init(unsafeHTML: false, mentions: mappings)).render(markdown)
        #expect(safe.html == unsafe.html)
        #expect(safe.html.contains("class=\"mention u-category h-card\""))
        #expect(safe.mentions == unsafe.mentions)
    }

    @Test func mentionInATableCell() {
        let result = renderer.render("| who |\n|---|\n| @user@instance.social |\n")
        #expect(result.html.contains("<td>\(link("@user@instance.social", url: "https://instance.social/@user"))</td>"))
        #expect(result.mentions == ["https://instance.social/@user"])
    }
}
