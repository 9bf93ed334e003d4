import Foundation
import Testing
import ZIPFoundation

/// `samizdat import twitter`: fixture archives written by the tests, imported into temporary
/// sites with the built binary, then built.
@Suite("samizdat import twitter")
struct ImportCommandTests {
    static let folder = "Content/posts/imported/twitter/2023/02"

    /// A site and the standard archive zipped beside it.
    func siteWithArchive(_ fixture: TwitterFixture = .standard()) throws -> (TestSite, String) {
        let site = try TestSite()
        try fixture.zip(to: site.root.appendingPathComponent("twitter-archive.zip"))
        return (site, "twitter-archive.zip")
    }

    @Test func importsTheArchiveAndBuildsIt() throws {
        let (site, archive) = try siteWithArchive()
        defer { site.remove() }
        let result = try site.run("import", "twitter", archive)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            Twitter archive twitter-archive.zip: 7 posts read
              6 posts written, 0 updated, 0 unchanged
              1 skipped: 1 retweet (--include-retweets imports them)
              4 media files copied
            Old addresses → new ones: Public/imported/twitter.json (copied into the built site)

            """)
        // Imported with a photo that has no alt text: the build will say so, the import does not.
        #expect(result.stderr == "")

        #expect(site.read("\(Self.folder)/18-1627000000000000001.md") == """
            ---
            date: 2023-02-18T12:33:11Z
            slug: "1627000000000000001"
            id: "twitter-1627000000000000001"
            tags: ["baking"]
            syndication: ["https://twitter.com/ada/status/1627000000000000001"]
            ---
            A thread about bread \\& butter #baking <https://example.com/bread?a=1&b=2> with [@bob](<https://twitter.com/bob>) 1/2

            """)
        #expect(site.read("\(Self.folder)/18-1627000000000000002/index.md") == """
            ---
            date: 2023-02-18T12:40:00Z
            slug: "1627000000000000002"
            id: "twitter-1627000000000000002"
            reply_to: "/2023/02/18/1627000000000000001/"
            syndication: ["https://twitter.com/ada/status/1627000000000000002"]
            photos:
              - src: "1627000000000000002-Fp2aaa.png"
                alt: "A loaf of bread on a board"
            ---
            The second part, with a photo

            """)
        #expect(site.read("\(Self.folder)/19-1627000000000000003.md") == """
            ---
            date: 2023-02-19T08:00:00Z
            slug: "1627000000000000003"
            id: "twitter-1627000000000000003"
            reply_to: "https://twitter.com/carol/status/555"
            syndication: ["https://twitter.com/ada/status/1627000000000000003"]
            ---
            [@carol](<https://twitter.com/carol>) I agree \\*completely\\*

            """)
        #expect(site.read("\(Self.folder)/20-1627000000000000005/index.md")?.contains("""
            photos:
              - src: "1627000000000000005-Fp5aaa.png"
                alt: "A red kettle"
              - src: "1627000000000000005-Fp5bbb.png"
            ---
            Two photos, one without a description

            """) == true)
        // The highest bitrate MP4, linked from the text.
        #expect(site.read("\(Self.folder)/21-1627000000000000006/index.md")?.hasSuffix("---\nA video\n\n[Video](1627000000000000006-high.mp4)\n") == true)
        #expect(site.read("\(Self.folder)/21-1627000000000000006/1627000000000000006-high.mp4") == "not really a video")
        #expect(!site.exists("\(Self.folder)/21-1627000000000000006/1627000000000000006-low.mp4"))
        // The long post's whole text and tags come from note-tweet.js.
        #expect(site.read("\(Self.folder)/22-1627000000000000007.md")?.contains("tags: [\"longform\"]") == true)
        #expect(site.read("\(Self.folder)/22-1627000000000000007.md")?.hasSuffix("to its very end. #longform\n") == true)
        // No retweet, no direct message.
        #expect(site.files(in: "Content").count == 10)
        #expect(site.files(in: "Content").allSatisfy { !$0.contains("1627000000000000004") })
        #expect(site.exists("\(Self.folder)/18-1627000000000000002/1627000000000000002-Fp2aaa.png"))
        #expect(site.read("Public/imported/twitter.json")?.contains(#""https://twitter.com/ada/status/1627000000000000002" : "/2023/02/18/1627000000000000002/""#) == true)

        let build = try site.run("build")
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.contains("Photo '1627000000000000005-Fp5bbb.png' has no alt text"))
        let reply = site.read("Output/2023/02/18/1627000000000000002/index.html") ?? ""
        #expect(reply.contains("alt=\"A loaf of bread on a board\""))
        #expect(reply.contains("class=\"thread\""))
        #expect(reply.contains("A thread about bread &amp; butter"))
        #expect(site.read("Output/2023/02/18/1627000000000000001/index.html")?.contains("href=\"https://example.com/bread?a=1&amp;b=2\"") == true)
        #expect(site.read("Output/2023/02/21/1627000000000000006/index.html")?.contains("1627000000000000006-high.mp4") == true)
        #expect(site.exists("Output/2023/02/21/1627000000000000006/1627000000000000006-high.mp4"))
        #expect(site.exists("Output/imported/twitter.json"))
    }

    @Test func retweetsAreImportedWhenAsked() throws {
        let (site, archive) = try siteWithArchive()
        defer { site.remove() }
        let result = try site.run("import", "twitter", archive, "--include-retweets")
        #expect(result.status == 0)
        #expect(result.stdout.contains("7 posts written"))
        #expect(site.read("\(Self.folder)/19-1627000000000000004.md")?.hasSuffix("---\nRT @dave: Someone else's words\n") == true)
    }

    /// An older archive, unpacked: `tweet.js` with `window.YTD.tweet.part0`, bare entries, media in
    /// `tweet_media/`, no manifest; a numeric id beyond 2^53 stays exact.
    @Test func readsAnOlderUnpackedArchive() throws {
        var fixture = TwitterFixture()
        fixture.data("data/tweet.js", kind: "tweet", "[" + [
            #"{"id": 1234567890123456789, "id_str": "1234567890123456789", "created_at": "Mon Jan 02 03:04:05 +0000 2017", "full_text": "Old times &lt;3 https://t.co/m", "extended_entities": {"media": [{"url": "https://t.co/m", "media_url_https": "https://pbs.twimg.com/media/Cold.jpg", "type": "photo"}]}}"#,
            #"{"id": 1234567890123456791, "created_at": "Mon Jan 02 04:00:00 +0000 2017", "full_text": "Only a numeric id"}"#,
        ].joined(separator: ",") + "]")
        fixture.files["data/account.js"] = Data(TwitterFixture.account.utf8)
        fixture.files["data/tweet_media/1234567890123456789-Cold.jpg"] = try Data(contentsOf: Paths.fixtures.appendingPathComponent("images/exif-orientation-6-3x2.jpg"))
        let site = try TestSite()
        defer { site.remove() }
        try fixture.unpack(to: site.root.appendingPathComponent("archive"))
        let result = try site.run("import", "twitter", "archive")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 posts written"))
        let folder = "Content/posts/imported/twitter/2017/01"
        #expect(site.read("\(folder)/02-1234567890123456789/index.md")?.contains("---\nOld times \\<3\n") == true)
        #expect(site.exists("\(folder)/02-1234567890123456789/1234567890123456789-Cold.jpg"))
        #expect(site.read("\(folder)/02-1234567890123456791.md")?.contains("slug: \"1234567890123456791\"") == true)
        #expect(try site.run("build").status == 0)
    }

    @Test func importingAgainKeepsTheAuthorsEdits() throws {
        let (site, archive) = try siteWithArchive()
        defer { site.remove() }
        #expect(try site.run("import", "twitter", archive).status == 0)
        let first = site.snapshot("Content")

        let again = try site.run("import", "twitter", archive)
        #expect(again.status == 0)
        #expect(again.stdout.contains("0 posts written, 0 updated, 6 unchanged"))
        #expect(site.snapshot("Content") == first)

        let edited = "\(Self.folder)/19-1627000000000000003.md"
        let text = (site.read(edited) ?? "") + "An afterthought.\n"
        try site.write(edited, text)
        let removed = "\(Self.folder)/22-1627000000000000007.md"
        try FileManager.default.removeItem(at: site.root.appendingPathComponent(removed))
        // A newer archive: one tweet more, one changed.
        var newer = TwitterFixture.standard()
        newer.files["data/tweets-part1.js"] = Data(String(decoding: newer.files["data/tweets-part1.js"]!, as: UTF8.self)
            .replacingOccurrences(of: "A video", with: "A short video")
            .replacingOccurrences(of: "]", with: ", " + TwitterFixture.tweet(id: "1627000000000000008", date: "Tue Feb 28 10:00:00 +0000 2023", text: "New") + "]",
                                  options: .backwards, range: nil).utf8)
        try newer.zip(to: site.root.appendingPathComponent(archive))
        let third = try site.run("import", "twitter", archive)
        #expect(third.status == 0)
        #expect(third.stdout.contains("8 posts read\n  1 post written, 1 updated, 3 unchanged\n  3 skipped: 1 edited since the last import, 1 removed since the last import, 1 retweet ("))
        #expect(third.stderr.contains("19-1627000000000000003.md: warning: Left as it is: edited since the last import"))
        #expect(site.read(edited) == text)
        #expect(!site.exists(removed))
        #expect(site.read("\(Self.folder)/21-1627000000000000006/index.md")?.contains("A short video") == true)
        #expect(site.exists("\(Self.folder)/28-1627000000000000008.md"))
    }

    /// A file at the place of an imported post that no import wrote is the author's.
    @Test func aFileNoImportWroteIsLeftAlone() throws {
        let (site, archive) = try siteWithArchive()
        defer { site.remove() }
        let mine = "---\ndate: 2023-02-19T09:00:00+01:00\n---\nMy own\n"
        try site.write("\(Self.folder)/19-1627000000000000003.md", mine)
        let result = try site.run("import", "twitter", archive)
        #expect(result.status == 0)
        #expect(result.stdout.contains("5 posts written, 0 updated, 0 unchanged\n  2 skipped: 1 in the way of a file no import wrote, 1 retweet"))
        #expect(result.stderr == "\(Self.folder)/19-1627000000000000003.md: warning: Left as it is: this file was not written by an import, so the post https://twitter.com/ada/status/1627000000000000003 was not imported\n")
        #expect(site.read("\(Self.folder)/19-1627000000000000003.md") == mine)
    }

    @Test func dryRunAndSince() throws {
        let (site, archive) = try siteWithArchive()
        defer { site.remove() }
        let dry = try site.run("import", "twitter", archive, "--dry-run")
        #expect(dry.status == 0)
        #expect(dry.stdout.hasPrefix("Dry run, nothing written: Twitter archive twitter-archive.zip: 7 posts read\n  6 posts to write, 0 to update, 0 unchanged"))
        #expect(!site.exists("Content"))
        #expect(!site.exists("Public"))

        let since = try site.run("import", "twitter", archive, "--since", "2023-02-20")
        #expect(since.status == 0)
        #expect(since.stdout.contains("3 posts written"))
        #expect(since.stdout.contains("4 skipped: 3 older than --since, 1 retweet (--include-retweets imports them)"))
        #expect(!site.exists("\(Self.folder)/18-1627000000000000001.md"))
    }

    // MARK: - Bad input

    @Test func missingMediaIsAWarning() throws {
        var fixture = TwitterFixture.standard()
        fixture.files["data/tweets_media/1627000000000000002-Fp2aaa.png"] = nil
        let (site, archive) = try siteWithArchive(fixture)
        defer { site.remove() }
        let result = try site.run("import", "twitter", archive)
        #expect(result.status == 0)
        #expect(result.stderr == "twitter-archive.zip: warning: Media 'data/tweets_media/1627000000000000002-Fp2aaa.png' of post https://twitter.com/ada/status/1627000000000000002 is not in the archive; the post is imported without it\n")
        #expect(result.stdout.contains("3 media files copied, 1 missing from the archive"))
        #expect(site.read("\(Self.folder)/18-1627000000000000002.md")?.contains("The second part, with a photo") == true)

        // The complete archive later: the post becomes a folder with its photo, in its place.
        try TwitterFixture.standard().zip(to: site.root.appendingPathComponent(archive))
        let complete = try site.run("import", "twitter", archive)
        #expect(complete.status == 0)
        #expect(complete.stdout.contains("0 posts written, 1 updated, 5 unchanged"))
        #expect(!site.exists("\(Self.folder)/18-1627000000000000002.md"))
        #expect(site.exists("\(Self.folder)/18-1627000000000000002/1627000000000000002-Fp2aaa.png"))
        #expect(site.read("\(Self.folder)/18-1627000000000000002/index.md")?.contains("alt: \"A loaf of bread on a board\"") == true)
    }

    struct BadArchive: Sendable, CustomTestStringConvertible {
        var name: String
        var message: String
        var testDescription: String { name }
    }

    static let badArchives = [
        BadArchive(name: "not a zip", message: "twitter-archive.zip: error: twitter-archive.zip is not a ZIP archive. Give the .zip file as downloaded, or the folder it unpacks to"),
        BadArchive(name: "truncated zip", message: "twitter-archive.zip: error: twitter-archive.zip is a damaged or incomplete ZIP archive. Download the archive again"),
        BadArchive(name: "wrong prefix", message: "twitter-archive.zip: error: Member 'data/tweets.js' is not a Twitter data file: it should start with 'window.YTD.' and a JSON list; found 'var tweets = []'"),
        BadArchive(name: "path escape", message: "twitter-archive.zip: error: Member '../escape.txt' points outside the archive. The archive is not safe to import; nothing was imported"),
        BadArchive(name: "absolute path", message: "twitter-archive.zip: error: Member '/etc/escape.txt' points outside the archive. The archive is not safe to import; nothing was imported"),
        BadArchive(name: "symbolic link", message: "twitter-archive.zip: error: Member 'data/tweets_media/link.png' is a symbolic link. The archive is not safe to import; nothing was imported"),
        BadArchive(name: "duplicate ids", message: "twitter-archive.zip: error: Tweet 1627000000000000001 appears twice, in 'data/tweets.js' and in 'data/tweets-part1.js'. The archive is damaged: download it again"),
        BadArchive(name: "bad date", message: "twitter-archive.zip: error: Tweet 1627000000000000009 in 'data/tweets-part1.js' has a 'created_at' that cannot be read: '2023-02-18 12:00'. It should look like 'Sat Feb 18 12:33:11 +0000 2023'"),
    ]

    @Test(arguments: badArchives)
    func badArchiveIsRefused(_ bad: BadArchive) throws {
        let site = try TestSite(["Content/posts/hello.md": "---\ndate: 2026-11-20\n---\nHello\n"])
        defer { site.remove() }
        let url = site.root.appendingPathComponent("twitter-archive.zip")
        var fixture = TwitterFixture.standard()
        switch bad.name {
        case "not a zip":
            try site.write("twitter-archive.zip", "Just some text\n")
        case "truncated zip":
            try fixture.zip(to: url)
            let data = try Data(contentsOf: url)
            try data.prefix(data.count / 2).write(to: url)
        case "wrong prefix":
            fixture.files["data/tweets.js"] = Data("var tweets = []".utf8)
            try fixture.zip(to: url)
        case "path escape", "absolute path":
            fixture.files[bad.name == "path escape" ? "../escape.txt" : "/etc/escape.txt"] = Data("x".utf8)
            try fixture.zip(to: url)
        case "symbolic link":
            try fixture.zip(to: url) { archive in
                let target = Data("/etc/passwd".utf8)
                try archive.addEntry(with: "data/tweets_media/link.png", type: .symlink, uncompressedSize: Int64(target.count)) { position, size in
                    target.subdata(in: Int(position)..<Int(position) + size)
                }
            }
        case "duplicate ids":
            fixture.files["data/tweets-part1.js"] = Data(("window.YTD.tweets.part1 = [" + TwitterFixture.tweet(id: "1627000000000000001", date: "Sat Feb 18 12:33:11 +0000 2023", text: "Again") + "]").utf8)
            try fixture.zip(to: url)
        default:
            fixture.files["data/tweets-part1.js"] = Data(("window.YTD.tweets.part1 = [" + TwitterFixture.tweet(id: "1627000000000000009", date: "2023-02-18 12:00", text: "When?") + "]").utf8)
            try fixture.zip(to: url)
        }
        let before = site.snapshot("")
        let result = try site.run("import", "twitter", "twitter-archive.zip")
        #expect(result.status == 1)
        #expect(result.stderr == bad.message + "\nNothing was imported; the site is as it was.\n")
        #expect(result.stdout == "")
        #expect(site.snapshot("") == before)
        #expect(!FileManager.default.fileExists(atPath: site.root.deletingLastPathComponent().appendingPathComponent("escape.txt").path))
    }

    @Test func symbolicLinkInAnUnpackedArchiveIsRefused() throws {
        let site = try TestSite()
        defer { site.remove() }
        let folder = try TwitterFixture.standard().unpack(to: site.root.appendingPathComponent("archive"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("data/tweets_media/1627000000000000002-Fp2aaa.png").path + ".lnk",
                                                   withDestinationPath: "/etc/passwd")
        let result = try site.run("import", "twitter", "archive")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("archive: error: Member 'data/tweets_media/1627000000000000002-Fp2aaa.png.lnk' is a symbolic link. The archive is not safe to import; nothing was imported\n"))
        #expect(!site.exists("Content"))
    }

    @Test func badUsage() throws {
        let (site, archive) = try siteWithArchive()
        defer { site.remove() }
        let since = try site.run("import", "twitter", archive, "--since", "last year")
        #expect(since.status == 64)
        #expect(since.stderr.contains("--since 'last year' is not a date. Write it as 2023-01-31"))
        let missing = try site.run("import", "twitter")
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("Missing expected argument '<archive>'"))
        let noArchive = try site.run("import", "twitter", "nowhere.zip")
        #expect(noArchive.status == 1)
        #expect(noArchive.stderr == "nowhere.zip: error: No such archive. Give the archive file as downloaded (.zip or .tar.gz), or the folder it unpacks to\nNothing was imported; the site is as it was.\n")
    }
}
