import Foundation
@testable import Samizdat
import SamizdatFuzz
import Testing

@Suite("MastodonArchive")
struct MastodonArchiveTests {
    static let publicCollection = "https://www.w3.org/ns/activitystreams#Public"

    func posts(_ items: [String]) throws -> [ImportedPost] {
        let outbox = #"{"orderedItems": ["# + items.joined(separator: ",") + "]}"
        return try MastodonArchive.outbox(Data(outbox.utf8), member: "outbox.json").get().posts()
    }

    func note(_ id: String, to: [String] = [publicCollection], cc: [String] = [], fields: String = "") -> String {
        let toJSON = "[" + to.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        let ccJSON = "[" + cc.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        return #"{"type": "Create", "object": {"type": "Note", "id": "https://m.example/users/ada/statuses/\#(id)", "url": "https://m.example/@ada/\#(id)", "published": "2023-02-18T12:33:11Z", "to": \#(toJSON), "cc": \#(ccJSON), "content": "<p>Post \#(id)</p>"\#(fields.isEmpty ? "" : ", " + fields)}}"#
    }

    @Test(arguments: [
        ("<p>Hello &amp; <b>bold</b> *not markdown*</p>", "Hello \\& bold \\*not markdown\\*"),
        ("<p>One</p><p>Two<br>Three<br/></p>", "One\n\nTwo\\\nThree"),
        (#"<p><a href="https://m.example/tags/Swift_Lang" class="mention hashtag" rel="tag">#<span>Swift_Lang</span></a> rocks</p>"#, "#Swift\\_Lang rocks"),
        (#"<p><span class="h-card"><a href="https://other.example/@bob" class="u-url mention">@<span>bob</span></a></span> hi</p>"#, "[@bob](<https://other.example/@bob>) hi"),
        (#"<p><a href="https://example.com/a/b/c/d/e/f/g" rel="nofollow"><span class="invisible">https://</span><span class="ellipsis">example.com/a/b/c</span><span class="invisible">/d/e/f/g</span></a></p>"#, "<https://example.com/a/b/c/d/e/f/g>"),
        (#"<p><a href="https://example.com/x">a page</a> and <a href="javascript:alert(1)">a trap</a></p>"#, "[a page](<https://example.com/x>) and a trap"),
        ("<p>Unclosed <i>markup <script>alert(1)</script>&lt;img src=x&gt;", "Unclosed markup \\<img src=x\\>"),
        ("<p># not a heading</p><p>1. not a list</p>", "\\# not a heading\n\n1\\. not a list"),
        ("<p>مرحبا 👋🏽 שלום</p>", "مرحبا 👋🏽 שלום"),
        ("", ""),
    ])
    func htmlBecomesMarkdown(_ html: String, _ markdown: String) {
        #expect(MastodonHTML.markdown(html) == markdown)
    }

    @Test func audienceComesFromToAndCc() throws {
        let followers = "https://m.example/users/ada/followers"
        let posts = try posts([
            note("1"),
            note("2", to: [followers], cc: [Self.publicCollection]),
            note("3", to: [followers]),
            note("4", to: ["https://other.example/users/bob"]),
            note("5", to: ["as:Public"]),
        ])
        #expect(posts.map(\.audience) == [.public, .unlisted, .followers, .direct, .public])
    }

    @Test func threadsDatesTagsAndMedia() throws {
        let posts = try posts([
            note("1", fields: ##""published": "2023-02-18T13:33:11.500+01:00", "tag": [{"type": "Hashtag", "name": "#Bread"}, {"type": "Hashtag", "name": "#bread"}, {"type": "Mention", "name": "@bob"}]"##),
            note("2", fields: #""inReplyTo": "https://m.example/users/ada/statuses/1", "attachment": [{"type": "Document", "mediaType": "image/jpeg", "url": "/system/media_attachments/files/1/original/a.jpg", "name": "Alt"}, {"type": "Document", "mediaType": "video/mp4", "url": "https://files.m.example/media_attachments/files/2/original/a.mp4", "name": null}]"#),
            note("3", fields: #""inReplyTo": "https://other.example/users/bob/statuses/9""#),
        ])
        #expect(posts[0].date == Date(timeIntervalSince1970: 1_676_723_591.5))
        #expect(posts[0].timeZone.secondsFromGMT() == 3600)
        #expect(posts[0].tags == ["Bread"])
        #expect(posts[1].replyTo == ImportedPost.Reply(ownID: "1", url: "https://m.example/users/ada/statuses/1"))
        #expect(posts[1].media == [
            ImportedPost.Media(member: "media_attachments/files/1/original/a.jpg", name: "a.jpg", alt: "Alt", kind: .photo),
            ImportedPost.Media(member: "media_attachments/files/2/original/a.mp4", name: "a.mp4", alt: nil, kind: .video),
        ])
        #expect(posts[2].replyTo == ImportedPost.Reply(ownID: nil, url: "https://other.example/users/bob/statuses/9"))
    }

    @Test func badOutboxesNameTheMemberAndTheItem() throws {
        func message(_ json: String) -> String? {
            switch MastodonArchive.outbox(Data(json.utf8), member: "outbox.json") {
            case .failure(let list): return list.diagnostics.first?.message
            case .success(let archive):
                do { _ = try archive.posts(); return nil } catch { return error.diagnostics.first?.message }
            }
        }
        #expect(message("[1, 2]") == "Member 'outbox.json' is not a Mastodon outbox: it has no 'orderedItems' list. Is it a Mastodon export?")
        #expect(message(#"{"orderedItems": [1]}"#) == "Item 1 of 'outbox.json' is not a JSON object. Download the export again")
        #expect(message(#"{"orderedItems": [\#(note("1", fields: #""published": "yesterday""#))]}"#)
                == "Item 1 of 'outbox.json' has a 'published' date that cannot be read: 'yesterday'. It should look like '2023-02-18T12:33:11Z'")
        #expect(message(#"{"orderedItems": [\#(note("1")), \#(note("1"))]}"#)
                == "Post 1 appears twice in 'outbox.json', as items 1 and 2. The export is damaged: download it again")
        #expect(message(#"{"orderedItems": [{"type": "Like"}, \#(note("1"))]}"#) == nil)
    }

    @Test func fingerprintsIgnoreWhatPlatformsChange() {
        let twitter = "A thread about bread \\& butter #baking <https://example.com/bread> with [@bob](<https://twitter.com/bob>) 1/2"
        let mastodon = "A thread about  bread \\& Butter #baking <https://example.com/bread?utm=x> with [@bob@mastodon.social](<https://mastodon.social/@bob>)\\\n1/2"
        #expect(CrossPosts.fingerprint(twitter) == "a thread about bread & butter baking with @bob 1/2")
        #expect(CrossPosts.fingerprint(mastodon) == CrossPosts.fingerprint(twitter))
        #expect(CrossPosts.fingerprint("<https://example.com>") == "")
        #expect(CrossPosts.account("https://x.com/ada/status/1") == CrossPosts.account("https://twitter.com/Ada/status/2"))
        #expect(CrossPosts.account("https://mastodon.social/@ada/1") != CrossPosts.account("https://fosstodon.org/@ada/1"))
    }

    @Test func addingToSyndicationKeepsTheOwnAddressFirst() {
        let file = "---\ndate: 2023-02-18T12:33:11Z\nsyndication: [\"https://twitter.com/ada/status/1\", \"https://z.example/@ada/1\"]\n---\nText\n"
        #expect(CrossPosts.adding("https://m.example/@ada/1", toSyndicationOf: file)
                == "---\ndate: 2023-02-18T12:33:11Z\nsyndication: [\"https://twitter.com/ada/status/1\", \"https://m.example/@ada/1\", \"https://z.example/@ada/1\"]\n---\nText\n")
        #expect(CrossPosts.adding("https://m.example/@ada/1", toSyndicationOf: "---\ndate: 2023\n---\nsyndication: [\"x\"]\n") == nil)
    }

    /// The fuzz target's seeds (a whole outbox, a piece of HTML) go through it without breaking
    /// any of its promises: `make test` keeps the target working between `make fuzz` runs.
    @Test(arguments: ["outbox.json", "content.html"])
    func theFuzzTargetRunsOnItsSeeds(_ name: String) throws {
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/fuzz-seeds/mastodon/" + name)
        FuzzTarget.mastodon.run(try Data(contentsOf: seed))
    }
}
