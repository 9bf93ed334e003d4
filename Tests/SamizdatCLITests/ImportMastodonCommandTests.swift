import Foundation
import Testing

/// `samizdat import mastodon`: fixture exports written by the tests (folder and .tar.gz),
/// imported into temporary sites with the built binary, then built.
@Suite("samizdat import mastodon")
struct ImportMastodonCommandTests {
    static let folder = "Content/posts/imported/mastodon/2023/02"

    static let summary = """
        Mastodon export archive.tar.gz: 7 posts read
          4 posts written, 0 updated, 0 unchanged
          3 skipped: 1 direct message (--include-private imports them), 1 followers-only post (--include-private imports them), 1 boost (--include-boosts imports them)
          1 media file copied
        Old addresses → new ones: Public/imported/mastodon.json (copied into the built site)
        From the profile, for site.yml if you want them (site.yml was not changed):
          author:
            name: "Ada Lovelace"
            avatar: "/avatar.png"   # copy avatar.png from the export into Public/
          links:
            - name: "Website"
              url: "https://ada.example"
            - name: "Mastodon"
              url: "https://mastodon.social/@ada"

        """

    enum Form: String, CaseIterable, Sendable {
        case tarGz, folder
    }

    /// A site with the standard export beside it, as a .tar.gz or unpacked.
    func siteWithExport(_ fixture: MastodonFixture = .standard(), as form: Form = .tarGz) throws -> (TestSite, String) {
        let site = try TestSite()
        switch form {
        case .tarGz:
            try fixture.tarGz(to: site.root.appendingPathComponent("archive.tar.gz"))
            return (site, "archive.tar.gz")
        case .folder:
            try fixture.unpack(to: site.root.appendingPathComponent("archive.tar.gz"))
            return (site, "archive.tar.gz")
        }
    }

    @Test(arguments: Form.allCases)
    func importsTheExportAndBuildsIt(_ form: Form) throws {
        let (site, archive) = try siteWithExport(as: form)
        defer { site.remove() }
        let result = try site.run("import", "mastodon", archive)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == Self.summary)
        #expect(result.stderr == "")

        #expect(site.read("\(Self.folder)/18-110000000000000001.md") == """
            ---
            date: 2023-02-18T12:35:00Z
            slug: "110000000000000001"
            id: "mastodon-110000000000000001"
            tags: ["baking"]
            syndication: ["https://mastodon.social/@ada/110000000000000001"]
            ---
            A thread about bread \\& butter #baking with [@bob](<https://mastodon.social/@bob>)

            Read <https://example.com/a/very/long/path/to/bread?x=1&y=2>\\
            1/2

            """)
        #expect(site.read("\(Self.folder)/18-110000000000000002/index.md") == """
            ---
            date: 2023-02-18T12:40:00Z
            slug: "110000000000000002"
            id: "mastodon-110000000000000002"
            reply_to: "/2023/02/18/110000000000000001/"
            syndication: ["https://mastodon.social/@ada/110000000000000002"]
            photos:
              - src: "loaf.png"
                alt: "A loaf of bread on a board"
            ---
            The second part, with a photo

            """)
        #expect(FileManager.default.contents(atPath: site.root.appendingPathComponent("\(Self.folder)/18-110000000000000002/loaf.png").path) == TwitterFixture.png)
        // Unlisted, behind a content warning, answering someone else.
        #expect(site.read("\(Self.folder)/19-110000000000000003.md") == """
            ---
            date: 2023-02-19T08:00:00Z
            slug: "110000000000000003"
            id: "mastodon-110000000000000003"
            reply_to: "https://other.example/users/carol/statuses/555"
            syndication: ["https://mastodon.social/@ada/110000000000000003"]
            ---
            <details><summary>Food opinions</summary>

            Pineapple belongs on pizza

            </details>

            """)
        #expect(site.read("\(Self.folder)/20-110000000000000007.md")?.hasSuffix("""
            ---
            Which flour?

            - Rye — 3 votes
            - Spelt \\*wholemeal\\* — 1 vote

            """) == true)
        // Not imported: the followers-only post, the direct message, the boost.
        #expect(site.files(in: "Content").count == 5)
        #expect(site.read("Public/imported/mastodon.json")?.contains(#""https://mastodon.social/@ada/110000000000000002" : "/2023/02/18/110000000000000002/""#) == true)
        #expect(!site.exists("Public/avatar.png"))

        let build = try site.run("build")
        #expect(build.status == 0, "\(build.stderr)")
        let reply = site.read("Output/2023/02/18/110000000000000002/index.html") ?? ""
        #expect(reply.contains("alt=\"A loaf of bread on a board\""))
        #expect(reply.contains("class=\"thread\""))
        #expect(reply.contains("A thread about bread &amp; butter"))
        let first = site.read("Output/2023/02/18/110000000000000001/index.html") ?? ""
        #expect(first.contains("href=\"https://example.com/a/very/long/path/to/bread?x=1&amp;y=2\""))
        #expect(first.contains("href=\"https://mastodon.social/@bob\""))
        #expect(site.exists("Output/tags/baking/index.html"))
        let warning = site.read("Output/2023/02/19/110000000000000003/index.html") ?? ""
        #expect(warning.contains("<details><summary>Food opinions</summary>"))
        #expect(warning.contains("<p>Pineapple belongs on pizza</p>"))
        #expect(site.read("Output/2023/02/20/110000000000000007/index.html")?.contains("<li>Rye — 3 votes</li>") == true)
        #expect(site.exists("Output/2023/02/18/110000000000000002/loaf.png"))
        #expect(site.exists("Output/imported/mastodon.json"))
    }

    @Test(.enabled(if: Validators.available, "run through `make test`, which installs the validators"))
    func theBuiltPagesAreValidHTML() throws {
        let (site, archive) = try siteWithExport()
        defer { site.remove() }
        #expect(try site.run("import", "mastodon", archive).status == 0)
        #expect(try site.run("build").status == 0)
        let errors = try Validators.nuHTMLCheckerErrors(root: site.root.appendingPathComponent("Output/2023"), css: false)
        #expect(errors.isEmpty, "\(errors.joined(separator: "\n"))")
    }

    @Test func boostsAndPrivatePostsAreImportedWhenAsked() throws {
        let (site, archive) = try siteWithExport()
        defer { site.remove() }
        let result = try site.run("import", "mastodon", archive, "--include-boosts", "--include-private")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("7 posts written"))
        #expect(site.read("\(Self.folder)/19-110000000000000006.md")?.hasSuffix("---\nBoosted: <https://other.example/users/dave/statuses/777>\n") == true)
        #expect(site.read("\(Self.folder)/19-110000000000000004.md")?.hasSuffix("---\nOnly for my followers\n") == true)
    }

    @Test func importingAgainKeepsTheAuthorsEdits() throws {
        let (site, archive) = try siteWithExport()
        defer { site.remove() }
        #expect(try site.run("import", "mastodon", archive).status == 0)
        let again = try site.run("import", "mastodon", archive, "--quiet")
        #expect(again.status == 0)
        let second = try site.run("import", "mastodon", archive)
        #expect(second.stdout.contains("0 posts written, 0 updated, 4 unchanged"), "\(second.stdout)")
        let edited = "\(Self.folder)/19-110000000000000003.md"
        let text = (site.read(edited) ?? "") + "\nMy own words, added later.\n"
        try site.write(edited, text)
        let third = try site.run("import", "mastodon", archive)
        #expect(third.status == 0)
        #expect(third.stdout.contains("0 posts written, 0 updated, 3 unchanged"), "\(third.stdout)")
        #expect(third.stdout.contains("1 edited since the last import"))
        #expect(third.stderr.contains("19-110000000000000003.md: warning: Left as it is: edited since the last import"))
        #expect(site.read(edited) == text)
        #expect(site.files(in: "Content").count == 5)
    }

    @Test func missingMediaIsAWarning() throws {
        var fixture = MastodonFixture.standard()
        fixture.files["media_attachments/files/110/000/002/original/loaf.png"] = nil
        let (site, archive) = try siteWithExport(fixture)
        defer { site.remove() }
        let result = try site.run("import", "mastodon", archive)
        #expect(result.status == 0)
        #expect(result.stdout.contains("0 media files copied, 1 missing from the archive"))
        #expect(result.stderr.contains("archive.tar.gz: warning: Media 'media_attachments/files/110/000/002/original/loaf.png' of post https://mastodon.social/@ada/110000000000000002 is not in the archive; the post is imported without it"))
        #expect(site.read("\(Self.folder)/18-110000000000000002.md")?.hasSuffix("---\nThe second part, with a photo\n") == true)
        #expect(try site.run("build").status == 0)
    }

    // MARK: - Several archives

    /// One Twitter archive and two Mastodon accounts: the post published on all three is one
    /// post with three addresses, a pair on the two Mastodon accounts one post with two, and
    /// the same text hours later stays a post of its own.
    @Test func mergesATwitterArchiveAndTwoMastodonExports() throws {
        let site = try TestSite()
        defer { site.remove() }
        try TwitterFixture.standard().zip(to: site.root.appendingPathComponent("twitter.zip"))
        let bread = """
            <p>A thread about bread &amp; butter <a href="https://mastodon.social/tags/baking" class="mention hashtag" rel="tag">#<span>baking</span></a> <a href="https://example.com/bread?a=1&amp;b=2" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span><span class="">example.com/bread?a=1&amp;b=2</span><span class="invisible"></span></a> with <span class="h-card"><a href="https://mastodon.social/@bob" class="u-url mention">@<span>bob@mastodon.social</span></a></span> 1/2</p>
            """
        var first = MastodonFixture()
        first.post("1", "2023-02-18T12:36:00Z", bread)
        first.post("2", "2023-03-01T09:00:00Z", "<p>Hello from two servers</p>")
        try first.tarGz(to: site.root.appendingPathComponent("first.tar.gz"))
        var second = MastodonFixture()
        second.server = "https://fosstodon.org"
        second.post("3", "2023-02-18T12:30:00Z", bread.replacingOccurrences(of: "mastodon.social", with: "fosstodon.org"))
        second.post("4", "2023-03-01T09:04:00Z", "<p>Hello from  two <em>servers</em></p>")
        second.post("5", "2023-02-18T15:00:00Z", bread)
        try second.unpack(to: site.root.appendingPathComponent("second"))

        #expect(try site.run("import", "twitter", "twitter.zip").status == 0)
        let one = try site.run("import", "mastodon", "first.tar.gz")
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("1 post written, 0 updated, 0 unchanged\n  1 cross-post added to the syndication of posts already imported from another account"), "\(one.stdout)")
        let two = try site.run("import", "mastodon", "second")
        #expect(two.status == 0, "\(two.stderr)")
        #expect(two.stdout.contains("1 post written, 0 updated, 0 unchanged\n  2 cross-posts added"), "\(two.stdout)")

        let tweet = "Content/posts/imported/twitter/2023/02/18-1627000000000000001.md"
        #expect(site.read(tweet)?.contains(#"syndication: ["https://twitter.com/ada/status/1627000000000000001", "https://fosstodon.org/@ada/3", "https://mastodon.social/@ada/1"]"#) == true)
        #expect(!site.exists("Content/posts/imported/mastodon/2023/02/18-1.md"))
        #expect(!site.exists("Content/posts/imported/mastodon/2023/02/18-3.md"))
        #expect(site.exists("Content/posts/imported/mastodon/2023/02/18-5.md"))
        #expect(site.read("Content/posts/imported/mastodon/2023/03/01-2.md")?.contains(#"syndication: ["https://mastodon.social/@ada/2", "https://fosstodon.org/@ada/4"]"#) == true)
        #expect(!site.exists("Content/posts/imported/mastodon/2023/03/01-4.md"))
        let map = site.read("Public/imported/mastodon.json") ?? ""
        #expect(map.contains(#""https://mastodon.social/@ada/1" : "/2023/02/18/1627000000000000001/""#))
        #expect(map.contains(#""https://fosstodon.org/@ada/3" : "/2023/02/18/1627000000000000001/""#))
        #expect(map.contains(#""https://fosstodon.org/@ada/4" : "/2023/03/01/2/""#))

        // Importing any of them again changes nothing.
        #expect(try site.run("import", "twitter", "twitter.zip").stdout.contains("0 posts written, 0 updated, 6 unchanged"))
        #expect(try site.run("import", "mastodon", "first.tar.gz").stdout.contains("0 posts written, 0 updated, 2 unchanged"))
        #expect(try site.run("import", "mastodon", "second").stdout.contains("0 posts written, 0 updated, 3 unchanged"))
        #expect(site.read(tweet)?.contains(#"syndication: ["https://twitter.com/ada/status/1627000000000000001", "https://fosstodon.org/@ada/3", "https://mastodon.social/@ada/1"]"#) == true)

        let build = try site.run("build")
        #expect(build.status == 0, "\(build.stderr)")
        let timeline = (site.read("Output/index.html") ?? "") + (site.read("Output/page/2/index.html") ?? "")
        #expect(timeline.components(separatedBy: "<p>Hello from two servers</p>").count == 2)
        #expect(site.exists("Output/2023/02/18/5/index.html"))
        #expect(!site.exists("Output/2023/02/18/1/index.html") && !site.exists("Output/2023/02/18/3/index.html"))
        #expect(site.read("Output/2023/02/18/1627000000000000001/index.html")?.contains("https://mastodon.social/@ada/1") == true)
    }

    /// A cross-post of a post the author edited since it was imported: the post is left as it
    /// is, the cross-post is not written as a double, and the author is told.
    @Test func aCrossPostOfAnEditedPostIsReported() throws {
        let site = try TestSite()
        defer { site.remove() }
        var first = MastodonFixture()
        first.post("1", "2023-03-01T09:00:00Z", "<p>Hello from two servers</p>")
        try first.unpack(to: site.root.appendingPathComponent("first"))
        var second = MastodonFixture()
        second.server = "https://fosstodon.org"
        second.post("2", "2023-03-01T09:02:00Z", "<p>Hello from two servers</p>")
        try second.unpack(to: site.root.appendingPathComponent("second"))
        #expect(try site.run("import", "mastodon", "first").status == 0)
        let file = "Content/posts/imported/mastodon/2023/03/01-1.md"
        let edited = (site.read(file) ?? "").replacingOccurrences(of: "---\n", with: "---\ntitle: \"Hello\"\n", options: .anchored)
        try site.write(file, edited)
        let result = try site.run("import", "mastodon", "second")
        #expect(result.status == 0)
        #expect(result.stdout.contains("0 posts written"))
        #expect(result.stdout.contains("1 cross-posts of a post edited since its import"))
        #expect(result.stderr.contains("01-1.md: warning: Left as it is: https://fosstodon.org/@ada/2 is a cross-post of this post, which was edited since it was imported; add the address to its 'syndication' yourself"))
        #expect(site.read(file) == edited)
        #expect(site.files(in: "Content").count == 1)
    }

    // MARK: - Bad input

    struct BadExport: CustomTestStringConvertible, Sendable {
        var name: String
        var message: String
        var testDescription: String { name }
    }

    static let badExports = [
        BadExport(name: "not a tar.gz", message: "archive.tar.gz: error: archive.tar.gz is not a .tar.gz archive. Give the .tar.gz file as downloaded, or the folder it unpacks to"),
        BadExport(name: "truncated", message: "archive.tar.gz: error: archive.tar.gz is incomplete: it ends inside member 'media_attachments/files/big.bin'. Download the archive again"),
        BadExport(name: "gzip of something else", message: "archive.tar.gz: error: archive.tar.gz is compressed, but what it holds is not a tar archive. Give the .tar.gz file as downloaded, or the folder it unpacks to"),
        BadExport(name: "../", message: "archive.tar.gz: error: Member '../evil.txt' points outside the archive. The archive is not safe to import; nothing was imported"),
        BadExport(name: "absolute", message: "archive.tar.gz: error: Member '/tmp/evil.txt' points outside the archive. The archive is not safe to import; nothing was imported"),
        BadExport(name: "symlink", message: "archive.tar.gz: error: Member 'media_attachments/files/link.png' is a symbolic link. The archive is not safe to import; nothing was imported"),
        BadExport(name: "hard link", message: "archive.tar.gz: error: Member 'media_attachments/files/passwd' is a hard link to '/etc/passwd', which is not a file before it in the archive. The archive is not safe to import; nothing was imported"),
        BadExport(name: "outbox not JSON", message: "archive.tar.gz: error: Member 'outbox.json' is not valid JSON"),
        BadExport(name: "no outbox", message: "archive.tar.gz: error: No posts in archive.tar.gz: it has no outbox.json. Is it a Mastodon export?"),
    ]

    /// Both platforms check `--since` in the option group they share, before reading anything.
    @Test(arguments: ["twitter", "mastodon"])
    func aSinceThatIsNotADateIsBadUsageForEveryPlatform(_ platform: String) throws {
        let site = try TestSite()
        defer { site.remove() }
        let result = try site.run("import", platform, "nowhere.zip", "--since", "2023-02-30x")
        #expect(result.status == 64)
        #expect(result.stderr.contains("--since '2023-02-30x' is not a date. Write it as 2023-01-31"), "\(result.stderr)")
        #expect(!result.stderr.contains("nowhere.zip"), "nothing is read: \(result.stderr)")
        #expect(site.files(in: ".").filter { !$0.hasPrefix(".samizdat/") } == ["site.yml"])
    }

    @Test(arguments: badExports)
    func badExportsChangeNothing(_ bad: BadExport) throws {
        let site = try TestSite()
        defer { site.remove() }
        let url = site.root.appendingPathComponent("archive.tar.gz")
        let fixture = MastodonFixture.standard()
        switch bad.name {
        case "not a tar.gz":
            try Data("<html>Your archive is not ready yet</html>".utf8).write(to: url)
        case "truncated":
            // Random bytes do not compress: the cut falls inside the big member.
            var generator = SystemRandomNumberGenerator()
            let big = Data((0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
            try fixture.tarGz(to: url, extra: [.init(path: "media_attachments/files/big.bin", data: big)])
            let whole = try Data(contentsOf: url)
            try whole.prefix(whole.count / 2).write(to: url)
        case "gzip of something else":
            try MastodonFixture.gzip(Data(String(repeating: "not a tar archive\n", count: 100).utf8), to: url)
        case "../":
            try fixture.tarGz(to: url, extra: [.init(path: "../evil.txt", data: Data("x".utf8))])
        case "absolute":
            try fixture.tarGz(to: url, extra: [.init(path: "/tmp/evil.txt", data: Data("x".utf8))])
        case "symlink":
            try fixture.tarGz(to: url, extra: [.init(path: "media_attachments/files/link.png", type: "2", link: "../../../etc/passwd")])
        case "hard link":
            try fixture.tarGz(to: url, extra: [.init(path: "media_attachments/files/passwd", type: "1", link: "/etc/passwd")])
        case "outbox not JSON":
            var members = fixture.files.map { MastodonFixture.Member(path: $0.key, data: $0.value) }
            members.append(.init(path: "outbox.json", data: Data("{\"orderedItems\": [".utf8)))
            try MastodonFixture.gzip(MastodonFixture.tar(members), to: url)
        case "no outbox":
            try MastodonFixture.gzip(MastodonFixture.tar([.init(path: "actor.json", data: fixture.actor)]), to: url)
        default:
            Issue.record("unknown case \(bad.name)")
        }
        let before = site.snapshot(".")
        let result = try site.run("import", "mastodon", "archive.tar.gz")
        #expect(result.status == 1)
        #expect(result.stderr.contains(bad.message), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("\nNothing was imported; the site is as it was.\n"))
        #expect(!FileManager.default.fileExists(atPath: site.root.deletingLastPathComponent().appendingPathComponent("evil.txt").path))
        #expect(site.snapshot(".").filter { !$0.key.hasPrefix(".samizdat/") } == before.filter { !$0.key.hasPrefix(".samizdat/") })
    }
}
