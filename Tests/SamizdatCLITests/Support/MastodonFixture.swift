import Foundation

/// A Mastodon export written by a test, following the real format: `outbox.json` (ActivityStreams
/// activities), `actor.json`, `media_attachments/files/…`; as a folder, or as the `.tar.gz` the
/// server hands out (written by a small tar writer, so that the tests can also put in what no
/// honest tool writes: `../` paths, absolute paths, links).
struct MastodonFixture {
    static let publicCollection = "https://www.w3.org/ns/activitystreams#Public"

    /// `https://mastodon.social`, and the account's name there.
    var server = "https://mastodon.social"
    var user = "ada"
    var activities: [String] = []
    /// Archive members besides outbox.json: path → bytes.
    var files: [String: Data] = [:]

    var followers: String { "\(server)/users/\(user)/followers" }
    func objectID(_ id: String) -> String { "\(server)/users/\(user)/statuses/\(id)" }
    func url(_ id: String) -> String { "\(server)/@\(user)/\(id)" }

    /// A `Create` activity with its post inline. `fields` are more JSON members of the post.
    mutating func post(_ id: String, _ published: String, _ html: String, to: [String]? = nil, cc: [String]? = nil, type: String = "Note", fields: String = "") {
        let to = to ?? [Self.publicCollection]
        let cc = cc ?? [followers]
        let object = #"{"id": "\#(objectID(id))", "type": "\#(type)", "summary": null, "inReplyTo": null, "published": "\#(published)", "url": "\#(url(id))", "attributedTo": "\#(server)/users/\#(user)", "to": \#(Self.json(to)), "cc": \#(Self.json(cc)), "sensitive": false, "content": \#(Self.json(html)), "attachment": [], "tag": []\#(fields.isEmpty ? "" : ", " + fields)}"#
        // Later members of a JSON object win in JSONSerialization: `fields` override the defaults.
        activities.append(#"{"id": "\#(objectID(id))/activity", "type": "Create", "actor": "\#(server)/users/\#(user)", "published": "\#(published)", "to": \#(Self.json(to)), "cc": \#(Self.json(cc)), "object": \#(object)}"#)
    }

    mutating func boost(_ id: String, _ published: String, of boosted: String) {
        activities.append(#"{"id": "\#(objectID(id))/activity", "type": "Announce", "actor": "\#(server)/users/\#(user)", "published": "\#(published)", "to": ["\#(Self.publicCollection)"], "cc": ["\#(followers)"], "object": "\#(boosted)"}"#)
    }

    static func json(_ value: Any) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .withoutEscapingSlashes]), as: UTF8.self)
    }

    var outbox: Data {
        Data((#"{"@context": "https://www.w3.org/ns/activitystreams", "id": "outbox.json", "type": "OrderedCollection", "totalItems": \#(activities.count), "orderedItems": ["#
              + activities.joined(separator: ",\n") + "]}").utf8)
    }

    var actor: Data {
        Data(#"{"id": "\#(server)/users/\#(user)", "type": "Person", "preferredUsername": "\#(user)", "name": "Ada Lovelace", "url": "\#(server)/@\#(user)", "icon": {"type": "Image", "mediaType": "image/png", "url": "avatar.png"}, "attachment": [{"type": "PropertyValue", "name": "Website", "value": "<a href=\"https://ada.example\" target=\"_blank\" rel=\"nofollow noopener me\"><span class=\"invisible\">https://</span><span class=\"\">ada.example</span><span class=\"invisible\"></span></a>"}, {"type": "PropertyValue", "name": "Pronouns", "value": "she/her"}]}"#.utf8)
    }

    /// Every member, outbox.json and actor.json included.
    var members: [String: Data] {
        var all = files
        all["outbox.json"] = outbox
        all["actor.json"] = actor
        return all
    }

    /// The export every end-to-end test starts from: public, unlisted, followers-only and direct
    /// posts, a boost, a content warning, a poll, a photo with alt text, a self-thread, a hashtag,
    /// a mention and a long link shortened with invisible spans.
    static func standard() -> MastodonFixture {
        var fixture = MastodonFixture()
        fixture.post("110000000000000001", "2023-02-18T12:35:00Z", """
            <p>A thread about bread &amp; butter <a href="https://mastodon.social/tags/baking" class="mention hashtag" rel="tag">#<span>baking</span></a> with <span class="h-card" translate="no"><a href="https://mastodon.social/@bob" class="u-url mention">@<span>bob</span></a></span></p><p>Read <a href="https://example.com/a/very/long/path/to/bread?x=1&amp;y=2" target="_blank" rel="nofollow noopener noreferrer" translate="no"><span class="invisible">https://</span><span class="ellipsis">example.com/a/very/long/pa</span><span class="invisible">th/to/bread?x=1&amp;y=2</span></a><br />1/2</p>
            """, fields: ##""tag": [{"type": "Hashtag", "href": "https://mastodon.social/tags/baking", "name": "#baking"}, {"type": "Mention", "href": "https://mastodon.social/users/bob", "name": "@bob"}]"##)
        fixture.post("110000000000000002", "2023-02-18T12:40:00Z", "<p>The second part, with a photo</p>",
                     fields: #""inReplyTo": "\#(fixture.objectID("110000000000000001"))", "attachment": [{"type": "Document", "mediaType": "image/png", "url": "/system/media_attachments/files/110/000/002/original/loaf.png", "name": "A loaf of bread on a board", "blurhash": "U00000fQfQfQfQfQfQfQfQfQfQfQ", "width": 3, "height": 2}]"#)
        fixture.post("110000000000000003", "2023-02-19T08:00:00Z", "<p>Pineapple belongs on pizza</p>",
                     to: [fixture.followers], cc: [publicCollection],
                     fields: #""summary": "Food opinions", "sensitive": true, "inReplyTo": "https://other.example/users/carol/statuses/555""#)
        fixture.post("110000000000000004", "2023-02-19T09:00:00Z", "<p>Only for my followers</p>", to: [fixture.followers], cc: [])
        fixture.post("110000000000000005", "2023-02-19T10:00:00Z", "<p><span class=\"h-card\"><a href=\"https://other.example/@carol\" class=\"u-url mention\">@<span>carol</span></a></span> a direct message</p>",
                     to: ["https://other.example/users/carol"], cc: [])
        fixture.boost("110000000000000006", "2023-02-19T11:00:00Z", of: "https://other.example/users/dave/statuses/777")
        fixture.post("110000000000000007", "2023-02-20T10:00:00Z", "<p>Which flour?</p>", type: "Question",
                     fields: #""endTime": "2023-02-21T10:00:00Z", "oneOf": [{"type": "Note", "name": "Rye", "replies": {"type": "Collection", "totalItems": 3}}, {"type": "Note", "name": "Spelt *wholemeal*", "replies": {"type": "Collection", "totalItems": 1}}]"#)
        fixture.files["media_attachments/files/110/000/002/original/loaf.png"] = TwitterFixture.png
        fixture.files["avatar.png"] = TwitterFixture.png
        return fixture
    }

    /// Writes the export as the folder it unpacks to.
    @discardableResult
    func unpack(to folder: URL) throws -> URL {
        for (path, data) in members {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return folder
    }

    /// One tar member: a file, or a link (`type` "1" hard, "2" symbolic) to `link`.
    struct Member {
        var path: String
        var data = Data()
        var type: Character = "0"
        var link = ""
    }

    /// Writes the export as a `.tar.gz`: the members in the order Mastodon writes them (media
    /// first), then `extra`, gzipped by `/usr/bin/gzip`.
    @discardableResult
    func tarGz(to url: URL, extra: [Member] = []) throws -> URL {
        var members = files.sorted { $0.key < $1.key }.map { Member(path: $0.key, data: $0.value) }
        members += [Member(path: "outbox.json", data: outbox), Member(path: "actor.json", data: actor)] + extra
        try Self.gzip(Self.tar(members), to: url)
        return url
    }

    /// ustar bytes: a header block per member, its data padded to 512 bytes, two zero blocks.
    static func tar(_ members: [Member]) -> Data {
        var tar = Data()
        for member in members {
            var header = [UInt8](repeating: 0, count: 512)
            func put(_ text: String, at offset: Int, width: Int) {
                for (index, byte) in text.utf8.prefix(width).enumerated() { header[offset + index] = byte }
            }
            func octal(_ value: Int, width: Int) -> String {
                let digits = String(value, radix: 8)
                return String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits
            }
            put(member.path, at: 0, width: 100)
            put(octal(0o644, width: 8), at: 100, width: 8)
            put(octal(0, width: 8), at: 108, width: 8)
            put(octal(0, width: 8), at: 116, width: 8)
            put(octal(member.type == "0" ? member.data.count : 0, width: 12), at: 124, width: 12)
            put(octal(1_676_723_711, width: 12), at: 136, width: 12)
            header[156] = UInt8(ascii: member.type.unicodeScalars.first!)
            put(member.link, at: 157, width: 100)
            put("ustar\u{0}00", at: 257, width: 8)
            for index in 148..<156 { header[index] = 32 }
            put(octal(header.reduce(0) { $0 + Int($1) }, width: 7) + "\u{0}", at: 148, width: 8)
            tar.append(contentsOf: header)
            if member.type == "0" {
                tar.append(member.data)
                tar.append(Data(count: (512 - member.data.count % 512) % 512))
            }
        }
        tar.append(Data(count: 1024))
        return tar
    }

    static func gzip(_ data: Data, to url: URL) throws {
        let tar = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tar")
        try data.write(to: tar)
        defer { try? FileManager.default.removeItem(at: tar) }
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let output = try FileHandle(forWritingTo: url)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = ["-c", "-n", tar.path]
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
    }
}
