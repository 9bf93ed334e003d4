import Foundation
@testable import Samizdat
import Testing

@Suite("ImportedPost")
struct ImportedPostTests {
    let post = ImportedPost(platform: "twitter", id: "17", url: "https://twitter.com/ada/status/17",
                            date: Date(timeIntervalSince1970: 1_676_723_591), timeZone: TimeZone(secondsFromGMT: -18_000)!,
                            text: "Hello \"world\"", tags: ["a: b"], replyTo: .init(ownID: "16", url: "https://twitter.com/ada/status/16"),
                            media: [.init(member: "data/tweets_media/17-a.png", name: "17-a.png", alt: "A \"quoted\"\ndescription", kind: .photo)])

    @Test func pathIsInTheOriginalZoneAndABundleWithMedia() {
        #expect(post.path == "posts/imported/twitter/2023/02/18-17/index.md")
        var plain = post
        plain.media = []
        #expect(plain.path == "posts/imported/twitter/2023/02/18-17.md")
        // 02:40 UTC is still the day before in New York's winter.
        plain.date = Date(timeIntervalSince1970: 1_676_688_000)
        #expect(plain.path == "posts/imported/twitter/2023/02/17-17.md")
        #expect(plain.markdown(replyPath: nil).contains("date: 2023-02-17T21:40:00-05:00\n"))
    }

    @Test func frontMatterIsQuotedYAML() {
        #expect(post.markdown(replyPath: "/2023/02/18/16/") == """
            ---
            date: 2023-02-18T07:33:11-05:00
            slug: "17"
            id: "twitter-17"
            tags: ["a: b"]
            reply_to: "/2023/02/18/16/"
            syndication: ["https://twitter.com/ada/status/17"]
            photos:
              - src: "17-a.png"
                alt: "A \\"quoted\\"\\ndescription"
            ---
            Hello "world"

            """)
        #expect(post.markdown(replyPath: nil).contains("reply_to: \"https://twitter.com/ada/status/16\"\n"))
    }

    @Test(arguments: [("17-a.png", "17-a.png"), ("../../etc/passwd", "_.._etc_passwd"), ("..", "_"), ("a b/c", "a_b_c"), ("é.jpg", "_.jpg")])
    func fileNamesStayInTheirFolder(_ name: String, _ safe: String) {
        #expect(ImportedPost.safeFileName(name) == safe)
    }
}

@Suite("MarkdownText")
struct MarkdownTextTests {
    @Test(arguments: [
        ("plain #hashtag text", "plain #hashtag text"),
        ("# heading\n## two\n#tag", "\\# heading\\\n\\## two\\\n#tag"),
        ("> quote\n- item\n+ item\n1) one\n22. two", "\\> quote\\\n\\- item\\\n\\+ item\\\n1\\) one\\\n22\\. two"),
        ("*a* _b_ `c` [d](e) <f> ~g~ | & !", "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f\\> \\~g\\~ \\| \\& \\!"),
        ("back\\slash", "back\\\\slash"),
        ("    code?", "&#32;&#32;&#32;&#32;code?"),
        ("one\n\n\ntwo  \nthree", "one\n\n\ntwo\\\nthree"),
    ])
    func escapes(_ text: String, _ markdown: String) {
        #expect(MarkdownText.escaped(text) == markdown)
    }

    @Test func linksAreNotEscaped() {
        #expect(MarkdownText.join([.text("- see "), .markdown(MarkdownText.autolink("https://x.org/a b<c>")), .text(" *now*")])
            == "\\- see <https://x.org/a%20b%3Cc%3E> \\*now\\*")
    }
}
