import Foundation
import Testing

/// `samizdat publish` to each kind of mirror, from a site written in a temporary folder: what
/// arrives, what is sent again after an edit, what is deleted and what never is, and mirrors
/// that fail, refuse the credentials or are killed part way.
@Suite("Publish", .serialized)
struct PublishCommandTests {
    static func post(_ index: Int, text: String = "first edition", slug: String? = nil) -> String {
        "---\ndate: 2026-03-0\(index) 10:00\ntags: [t\(index % 2)]\n\(slug.map { "slug: \($0)\n" } ?? "")---\nPost \(index), \(text).\n"
    }

    /// A site of four posts whose `site.yml` lists `mirrors` (YAML list items, two-space indented).
    static func site(mirrors: [String], extra: String = "") throws -> TestSite {
        let config = TestSite.minimalConfig + extra + "mirrors:\n" + mirrors.map { "  - \($0)\n" }.joined()
        var files: [String: String] = ["Public/hello.txt": "hello\n"]
        for index in 1...4 { files["Content/posts/p\(index).md"] = post(index) }
        return try TestSite(files, config: config)
    }

    static func built(_ site: TestSite, _ mirror: String) -> [String: Data] {
        IncrementalCLITests.files(site.root.appendingPathComponent(".samizdat/publish/\(mirror)/site"))
    }

    /// The number after "NAME: " in a summary line `NAME: 3 files sent (…), 1 deleted, 40 unchanged`.
    static func counts(_ stdout: String, _ mirror: String) -> (sent: Int, deleted: Int, unchanged: Int)? {
        guard let line = stdout.split(separator: "\n").first(where: { $0.hasPrefix("\(mirror): ") }) else { return nil }
        let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard let sent = numbers.first else { return nil }
        let words = line.components(separatedBy: ", ")
        func number(before word: String) -> Int? { words.first { $0.hasSuffix(word) || $0.contains(" \(word)") }.flatMap { Int($0.split(separator: " ").first { Int($0) != nil } ?? "") } }
        return (sent, number(before: "deleted") ?? -1, number(before: "unchanged") ?? -1)
    }

    /// The paths whose bytes differ between two builds, or that only one has.
    static func changed(_ before: [String: Data], _ after: [String: Data]) -> (sent: Set<String>, gone: Set<String>) {
        (Set(after.filter { before[$0.key] != $0.value }.keys), Set(before.keys).subtracting(after.keys))
    }

    // MARK: - Folder

    @Test func folderMirrorGetsTheSiteThenOnlyWhatChangedAndKeepsOtherFiles() throws {
        let mirror = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-mirror-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: mirror) }
        let site = try Self.site(mirrors: ["{name: usb, url: https://usb.example.net/, to: \(mirror.path)}"])
        defer { site.remove() }

        var result = try site.run("publish")
        try #require(result.status == 0, "\(result.stderr)")
        let first = Self.built(site, "usb")
        #expect(IncrementalCLITests.files(mirror) == first)
        #expect(Self.counts(result.stdout, "usb")?.sent == first.count, "\(result.stdout)")
        // The mirror's own address in feeds, the main one in canonical links and item ids.
        let atom = String(decoding: first["atom.xml"] ?? Data(), as: UTF8.self)
        #expect(atom.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://usb.example.net/atom.xml\"/>"))
        #expect(atom.contains("<id>https://example.org/blog/2026/03/04/"), "\(atom)")
        let home = String(decoding: first["index.html"] ?? Data(), as: UTF8.self)
        #expect(home.contains("<link rel=\"canonical\" href=\"https://example.org/blog/\">"))

        try Data("not Samizdat's\n".utf8).write(to: mirror.appendingPathComponent("keep.txt"))
        result = try site.run("publish")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.counts(result.stdout, "usb").map { [$0.sent, $0.deleted, $0.unchanged] } == [0, 0, first.count], "\(result.stdout)")

        // One post edited, one renamed: only the files whose bytes changed move.
        try site.write("Content/posts/p2.md", Self.post(2, text: "second edition"))
        try site.write("Content/posts/p3.md", Self.post(3, slug: "renamed"))
        result = try site.run("publish", "usb")
        #expect(result.status == 0, "\(result.stderr)")
        let second = Self.built(site, "usb")
        let (sent, gone) = Self.changed(first, second)
        #expect(!gone.isEmpty && gone.allSatisfy { $0.hasPrefix("2026/03/03/") }, "\(gone)")
        #expect(Self.counts(result.stdout, "usb").map { [$0.sent, $0.deleted, $0.unchanged] } == [sent.count, gone.count, second.count - sent.count], "\(result.stdout)")
        var expected = second
        expected["keep.txt"] = Data("not Samizdat's\n".utf8)
        #expect(IncrementalCLITests.files(mirror) == expected)
        #expect(!FileManager.default.fileExists(atPath: mirror.appendingPathComponent("2026/03/03/p3").path), "emptied folders go")
    }

    @Test func aPublishKilledPartWayResumesWhereItStopped() throws {
        let mirror = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-mirror-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: mirror) }
        let site = try Self.site(mirrors: ["{name: usb, url: https://usb.example.net/, to: \(mirror.path)}"])
        defer { site.remove() }

        var result = try site.run(["publish", "--jobs", "1"], environment: ["SAMIZDAT_TEST_KILL_AFTER_FILES": "5"])
        #expect(result.status == 9, "killed: \(result.status) \(result.stderr)")
        let built = Self.built(site, "usb")
        let partial = IncrementalCLITests.files(mirror)
        #expect(partial.count == 5, "\(partial.keys.sorted())")
        // Whatever arrived arrived whole.
        for (path, data) in partial { #expect(built[path] == data, "\(path)") }

        result = try site.run("publish")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.counts(result.stdout, "usb").map { [$0.sent, $0.unchanged] } == [built.count - 5, 5], "\(result.stdout)")
        #expect(IncrementalCLITests.files(mirror) == built)
    }

    @Test func aFailingMirrorLeavesTheOthersPublishedAndExitsOne() throws {
        let mirror = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-mirror-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: mirror) }
        let closed = try LocalServer.freePort()
        let site = try Self.site(mirrors: [
            "{name: down, url: https://down.example.net/, to: \"rsync://127.0.0.1:\(closed)/www\"}",
            "{name: usb, url: https://usb.example.net/, to: \(mirror.path)}",
            "{name: unmounted, url: https://disk.example.net/, to: /nonexistent-disk/site}",
        ])
        defer { site.remove() }
        let result = try site.run("publish")
        #expect(result.status == 1)
        #expect(result.stderr.contains("site.yml:8: error: Mirror 'down': cannot reach rsync://127.0.0.1:\(closed)/www/"), "\(result.stderr)")
        #expect(result.stderr.contains("site.yml:10: error: Mirror 'unmounted': cannot reach /nonexistent-disk/site"), "\(result.stderr)")
        #expect(result.stderr.contains("2 of 3 mirrors failed: down, unmounted"), "\(result.stderr)")
        #expect(IncrementalCLITests.files(mirror) == Self.built(site, "usb"))
    }

    @Test func dryRunChangesNothingAndNamesAreChecked() throws {
        let mirror = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-mirror-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: mirror) }
        let site = try Self.site(mirrors: ["{name: usb, url: https://usb.example.net/, to: \(mirror.path)}"])
        defer { site.remove() }
        var result = try site.run("publish", "--dry-run")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("usb: would send \(Self.built(site, "usb").count), delete 0, 0 unchanged"), "\(result.stdout)")
        #expect(result.stdout.contains("  send index.html"))
        #expect(!FileManager.default.fileExists(atPath: mirror.path))

        result = try site.run("publish", "usb", "usbb")
        #expect(result.status == 64)
        #expect(result.stderr.contains("No mirror named 'usbb' in site.yml; its mirrors are 'usb'"), "\(result.stderr)")

        try site.write("site.yml", TestSite.minimalConfig)
        result = try site.run("publish")
        #expect(result.status == 1)
        #expect(result.stderr.contains("site.yml: error: site.yml lists no mirrors"), "\(result.stderr)")

        try site.write("site.yml", TestSite.minimalConfig + "mirrors:\n  - {name: a, url: https://example.org/blog/, to: x}\n  - {name: a, url: https://b.example.net/, to: y}\n")
        result = try site.run("publish")
        #expect(result.status == 1)
        #expect(result.stderr.contains("site.yml:8: error: Mirror 'a' has the site's own base_url"), "\(result.stderr)")
        #expect(result.stderr.contains("site.yml:9:"), "\(result.stderr)")
        #expect(result.stderr.contains("Two mirrors are named 'a'"), "\(result.stderr)")
    }

    // MARK: - Readers learn the mirrors

    @Test func pagesAndFeedsNameTheOtherAddresses() throws {
        let mirror = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-mirror-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: mirror) }
        let site = try Self.site(mirrors: [
            "{name: usb, url: https://usb.example.net/, to: \(mirror.path)}",
            "{name: pages, url: https://ada.codeberg.page/blog/, to: \"git+file:///nonexistent.git\"}",
        ], extra: "strings: {also_at: Mirrors}\n")
        defer { site.remove() }
        var result = try site.run("build")
        try #require(result.status == 0, "\(result.stderr)")

        let home = try #require(site.read("Output/index.html"))
        #expect(home.contains("<p class=\"also-at\"><span>Mirrors:</span> <a href=\"https://usb.example.net/\">usb.example.net</a> <a href=\"https://ada.codeberg.page/blog/\">ada.codeberg.page/blog</a></p>"), "\(home)")
        let post = try #require(site.read("Output/2026/03/02/p2/index.html"))
        #expect(post.contains("<link rel=\"alternate\" href=\"https://usb.example.net/2026/03/02/p2/\" title=\"usb\">"), "\(post)")
        #expect(post.contains("<link rel=\"canonical\" href=\"https://example.org/blog/2026/03/02/p2/\">"))
        // HTML allows several alternates; each says what it is (a feed by its type, a mirror by
        // its name), so no two have the same type, language and title.
        let alternates = try Self.headAlternates(post)
        #expect(alternates.map { $0["title"] ?? "" } == ["Test site (RSS)", "Test site (Atom)", "Test site (JSON Feed)", "usb", "pages"], "\(alternates)")
        #expect(Set(alternates.map { [$0["type"] ?? "", $0["hreflang"] ?? "", $0["title"] ?? ""] }).count == alternates.count)
        // Atom: one alternate (this address's page), every mirror an extension element naming
        // its page and its copy of the same feed.
        let atom = try #require(site.read("Output/atom.xml"))
        #expect(atom.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/blog/\"/>\n<samizdat:mirror name=\"usb\" home=\"https://usb.example.net/\" feed=\"https://usb.example.net/atom.xml\"/>\n<samizdat:mirror name=\"pages\" home=\"https://ada.codeberg.page/blog/\" feed=\"https://ada.codeberg.page/blog/atom.xml\"/>"), "\(atom)")
        #expect(try FeedXML.mirrors(Data(atom.utf8)).map { $0["feed"] } == ["https://usb.example.net/atom.xml", "https://ada.codeberg.page/blog/atom.xml"])
        let tagAtom = try #require(site.read("Output/tags/t0/atom.xml"))
        #expect(try FeedXML.mirrors(Data(tagAtom.utf8)) == [
            ["name": "usb", "home": "https://usb.example.net/tags/t0/", "feed": "https://usb.example.net/tags/t0/atom.xml"],
            ["name": "pages", "home": "https://ada.codeberg.page/blog/tags/t0/", "feed": "https://ada.codeberg.page/blog/tags/t0/atom.xml"],
        ])
        let rss = try #require(site.read("Output/feed.xml"))
        #expect(try FeedXML.mirrors(Data(rss.utf8)).map { $0["feed"] } == ["https://usb.example.net/feed.xml", "https://ada.codeberg.page/blog/feed.xml"])
        // RFC 4287 §4.1.1: no Atom document (archives and tag feeds included) has two alternates
        // of one type and language, in the feed or in an entry.
        let output = site.root.appendingPathComponent("Output")
        let atomFiles = IncrementalCLITests.files(output).filter { $0.key.hasSuffix(".xml") && $0.key.contains("atom") }
        #expect(atomFiles.count == 3, "\(atomFiles.keys.sorted())")
        for (path, data) in atomFiles {
            let alternates = try FeedXML.atomAlternates(data)
            #expect(alternates.repeated.isEmpty, "\(path): \(alternates.all)")
            #expect(alternates.all.filter { $0.hasPrefix("feed:") }.count == 1, "\(path): \(alternates.all)")
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data((site.read("Output/feed.json") ?? "").utf8)) as? [String: Any])
        let mirrors = try #require((json["_samizdat"] as? [String: Any])?["mirrors"] as? [[String: String]])
        #expect(mirrors.map { $0["feed_url"] } == ["https://usb.example.net/feed.json", "https://ada.codeberg.page/blog/feed.json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data((site.read("Output/mirrors.json") ?? "").utf8)) as? [String: Any])
        #expect((list["mirrors"] as? [[String: String]])?.map { $0["name"] } == ["main", "usb", "pages"])

        // The mirror's own build lists the main address and the other mirror, not itself.
        result = try site.run("publish", "usb")
        try #require(result.status == 0, "\(result.stderr)")
        let mirrored = String(decoding: try Data(contentsOf: mirror.appendingPathComponent("2026/03/02/p2/index.html")), as: UTF8.self)
        #expect(mirrored.contains("<a href=\"https://example.org/blog/\">example.org/blog</a> <a href=\"https://ada.codeberg.page/blog/\">ada.codeberg.page/blog</a></p>"), "\(mirrored)")
        #expect(mirrored.contains("<link rel=\"canonical\" href=\"https://example.org/blog/2026/03/02/p2/\">"))
        #expect(!mirrored.contains("href=\"https://usb.example.net/"))

        if Validators.available {
            #expect(try Validators.nuHTMLCheckerErrors(root: mirror, css: false).isEmpty)
            let check = try Validators.checkFeeds(output: site.root.appendingPathComponent("Output"), baseURL: "https://example.org/blog/", expectPosts: 4)
            #expect(check.status == 0, "\(check.output)")
        }
    }

    /// The attributes of each `<link rel="alternate">` in a page, in order.
    static func headAlternates(_ html: String) throws -> [[String: String]] {
        let attribute = try Regex(#"([a-z]+)="([^"]*)""#)
        return html.matches(of: try Regex(#"<link rel="alternate"[^>]*>"#)).map { match in
            Dictionary(html[match.range].matches(of: attribute).compactMap { pair in
                (pair.output[1].substring.map(String.init) ?? "", pair.output[2].substring.map(String.init) ?? "")
            }, uniquingKeysWith: { first, _ in first })
        }
    }

    // MARK: - Git

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/git")))
    func gitMirrorCommitsOnTopOfTheBranchAndKeepsOthersFiles() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-git-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let bare = work.appendingPathComponent("remote.git")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        func git(_ arguments: String...) throws -> String {
            let result = try LocalServer.run("/usr/bin/git", ["-c", "user.name=Other", "-c", "user.email=other@example.net"] + arguments, in: work)
            try #require(result.status == 0, "git \(arguments): \(result.output)")
            return result.output
        }
        _ = try git("init", "-q", "--bare", bare.path)
        let site = try Self.site(mirrors: ["{name: pages, url: https://ada.codeberg.page/, to: \"git+file://\(bare.path)#pages\"}"])
        defer { site.remove() }

        var result = try site.run("publish")
        try #require(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Committed "), "\(result.stdout)")
        let first = Self.built(site, "pages")
        #expect(try git("--git-dir", bare.path, "show", "pages:index.html") == String(decoding: first["index.html"]!, as: UTF8.self))

        // Someone else adds a file to the branch.
        _ = try git("clone", "-q", "-b", "pages", bare.path, "other")
        try Data("blog.example.net\n".utf8).write(to: work.appendingPathComponent("other/CNAME"))
        _ = try git("-C", "other", "add", "CNAME")
        _ = try git("-C", "other", "commit", "-q", "-m", "Custom domain")
        _ = try git("-C", "other", "push", "-q", "origin", "pages")

        try site.write("Content/posts/p3.md", Self.post(3, slug: "renamed"))
        result = try site.run("publish")
        try #require(result.status == 0, "\(result.stderr)")
        let second = Self.built(site, "pages")
        let (sent, gone) = Self.changed(first, second)
        #expect(Self.counts(result.stdout, "pages").map { [$0.sent, $0.deleted] } == [sent.count, gone.count], "\(result.stdout)")
        let tree = Set(try git("--git-dir", bare.path, "ls-tree", "-r", "--name-only", "pages").split(separator: "\n").map(String.init))
        #expect(tree == Set(second.keys).union(["CNAME"]))
        let log = try git("--git-dir", bare.path, "log", "--format=%s", "pages")
        #expect(log.hasPrefix("Publish Test site: \(sent.count) files changed, \(gone.count) deleted\nCustom domain\nPublish Test site"), "\(log)")
    }

    // MARK: - rsync over SSH

    /// An `sshd` on a loopback port, with host and user keys made here, and the `RSYNC_RSH` that
    /// reaches it.
    static func startSSHD(in folder: URL) throws -> (server: LocalServer, rsh: String, user: String) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for key in ["host", "user"] {
            let made = try LocalServer.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", folder.appendingPathComponent(key).path])
            try #require(made.status == 0, "\(made.output)")
        }
        try FileManager.default.copyItem(at: folder.appendingPathComponent("user.pub"), to: folder.appendingPathComponent("authorized_keys"))
        let user = try LocalServer.run("/usr/bin/id", ["-un"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        if getuid() == 0 {
            // sshd running as root wants its privilege separation folder, which systemd makes on a booted machine.
            try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        }
        let config = folder.appendingPathComponent("sshd_config")
        try Data("""
            ListenAddress 127.0.0.1
            HostKey \(folder.appendingPathComponent("host").path)
            AuthorizedKeysFile \(folder.appendingPathComponent("authorized_keys").path)
            PidFile \(folder.appendingPathComponent("sshd.pid").path)
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PubkeyAuthentication yes
            PermitRootLogin prohibit-password
            StrictModes no
            UsePAM no

            """.utf8).write(to: config)
        let server = try LocalServer("/usr/sbin/sshd", log: folder.appendingPathComponent("sshd.log")) { port in
            ["-D", "-e", "-f", config.path, "-p", String(port)]
        }
        let rsh = "ssh -p \(server.port) -i \(folder.appendingPathComponent("user").path) -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
        return (server, rsh, user)
    }

    static var hasSSH: Bool {
        ["/usr/sbin/sshd", "/usr/bin/ssh", "/usr/bin/ssh-keygen", "/usr/bin/rsync"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(.enabled(if: hasSSH, "needs openssh-server and rsync (make deps installs them)"))
    func rsyncOverSSHSendsOnlyWhatChanged() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-ssh-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let (server, rsh, user) = try Self.startSSHD(in: work.appendingPathComponent("sshd"))
        defer { server.stop() }
        let remote = work.appendingPathComponent("www")
        let site = try Self.site(mirrors: ["{name: host, url: https://host.example.net/, to: \"\(user)@127.0.0.1:\(remote.path)\"}"])
        defer { site.remove() }

        var result = try site.run(["publish"], environment: ["RSYNC_RSH": rsh])
        try #require(result.status == 0, "\(result.stderr)\n\(String(decoding: (try? Data(contentsOf: server.log)) ?? Data(), as: UTF8.self))")
        let first = Self.built(site, "host")
        #expect(IncrementalCLITests.files(remote) == first)
        #expect(Self.counts(result.stdout, "host")?.sent == first.count)
        try Data("theirs\n".utf8).write(to: remote.appendingPathComponent("keep.txt"))

        try site.write("Content/posts/p2.md", Self.post(2, text: "second edition"))
        try site.write("Content/posts/p3.md", Self.post(3, slug: "renamed"))
        result = try site.run(["publish"], environment: ["RSYNC_RSH": rsh])
        try #require(result.status == 0, "\(result.stderr)")
        let second = Self.built(site, "host")
        let (sent, gone) = Self.changed(first, second)
        #expect(Self.counts(result.stdout, "host").map { [$0.sent, $0.deleted, $0.unchanged] } == [sent.count, gone.count, second.count - sent.count], "\(result.stdout)")
        var expected = second
        expected["keep.txt"] = Data("theirs\n".utf8)
        #expect(IncrementalCLITests.files(remote) == expected)
    }

    // MARK: - S3

    static var motoServer: String? {
        Validators.venv.map { $0.appendingPathComponent("bin/moto_server").path }.flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil }
    }

    static func curl(_ arguments: String...) throws -> (status: Int32, output: String) {
        try LocalServer.run("/usr/bin/curl", ["-s"] + arguments)
    }

    static let s3Environment = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"]

    @Test(.enabled(if: motoServer != nil, "needs moto[server] in the validators' venv (make deps)"))
    func s3MirrorSendsWhatChangedAndNeverDeletesOthersKeys() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-s3-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let server = try LocalServer(Self.motoServer!, log: work.appendingPathComponent("moto.log")) { ["-H", "127.0.0.1", "-p", String($0)] }
        defer { server.stop() }
        let endpoint = "http://127.0.0.1:\(server.port)"
        #expect(try Self.curl("-X", "PUT", "\(endpoint)/site").status == 0)
        #expect(try Self.curl("-X", "PUT", "--data-binary", "theirs", "\(endpoint)/site/blog/keep.txt").status == 0)
        let site = try Self.site(mirrors: ["{name: bucket, url: https://bucket.example.net/blog/, to: \"s3://site/blog?endpoint=\(endpoint)&region=eu-west-1\"}"])
        defer { site.remove() }

        var result = try site.run(["publish"], environment: Self.s3Environment)
        try #require(result.status == 0, "\(result.stderr)")
        let first = Self.built(site, "bucket")
        #expect(Self.counts(result.stdout, "bucket")?.sent == first.count)
        // (publish itself read index.html and the feeds back with signed GETs and compared their digests)
        #expect(try Self.curl("\(endpoint)/site?prefix=blog/").output.contains("<Key>blog/atom.xml</Key>"))

        try site.write("Content/posts/p3.md", Self.post(3, slug: "renamed"))
        result = try site.run(["publish"], environment: Self.s3Environment)
        try #require(result.status == 0, "\(result.stderr)")
        let second = Self.built(site, "bucket")
        let (sent, gone) = Self.changed(first, second)
        #expect(Self.counts(result.stdout, "bucket").map { [$0.sent, $0.deleted] } == [sent.count, gone.count], "\(result.stdout)")
        let listing = try Self.curl("\(endpoint)/site?prefix=blog/").output
        #expect(listing.contains("<Key>blog/keep.txt</Key>"))
        #expect(listing.contains("<Key>blog/2026/03/03/renamed/index.html</Key>"))
        #expect(!listing.contains("<Key>blog/2026/03/03/p3/index.html</Key>"), "\(listing)")
    }

    @Test(.enabled(if: motoServer != nil, "needs moto[server] in the validators' venv (make deps)"))
    func s3CredentialsMissingOrRefusedAreClearErrors() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-s3-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        // With no request allowed unauthenticated, moto checks every key against its (empty) IAM.
        let server = try LocalServer(Self.motoServer!, log: work.appendingPathComponent("moto.log"),
                                     environment: ["INITIAL_NO_AUTH_ACTION_COUNT": "0"]) { ["-H", "127.0.0.1", "-p", String($0)] }
        defer { server.stop() }
        let site = try Self.site(mirrors: ["{name: bucket, url: https://bucket.example.net/, to: \"s3://site?endpoint=http://127.0.0.1:\(server.port)\"}"])
        defer { site.remove() }

        var result = try site.run(["publish"], environment: ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: Mirror 'bucket' has no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"), "\(result.stderr)")

        result = try site.run(["publish"], environment: Self.s3Environment)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: Mirror 'bucket': the store refused the credentials"), "\(result.stderr)")
    }

    // MARK: - The demo, to every kind of mirror at once

    /// A copy of the demo site (this repository's `site.yml`, `Content/`, `Templates/`, `Public/`)
    /// in a temporary folder, with `mirrors` added to its `site.yml`.
    static func demo(mirrors: [String]) throws -> TestSite {
        let site = try TestSite([:], config: nil)
        for item in ["site.yml", "Content", "Templates", "Public"] {
            try FileManager.default.copyItem(at: Paths.repository.appendingPathComponent(item), to: site.root.appendingPathComponent(item))
        }
        let config = try #require(site.read("site.yml"))
        try site.write("site.yml", config + "mirrors:\n" + mirrors.map { "  - \($0)\n" }.joined())
        return site
    }

    /// The paths of the files below `folder` whose modification time is not `date`.
    static func touched(_ folder: URL, since date: Date) -> Set<String> {
        Set(IncrementalCLITests.files(folder).keys.filter { path in
            let modified = (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path))?[.modificationDate] as? Date
            return modified != date
        })
    }

    /// Gives every file below `folder` the modification time `date`, so the next publish's
    /// writes are the files with another one (no waiting for the clock to move).
    static func setModified(_ folder: URL, to date: Date) throws {
        for path in IncrementalCLITests.files(folder).keys {
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: folder.appendingPathComponent(path).path)
        }
    }

    /// The keys moto was asked to PUT under `prefix` since its log had `offset` bytes.
    static func puts(_ log: URL, after offset: Int, bucket: String, prefix: String) throws -> [String] {
        let text = String(decoding: try Data(contentsOf: log).dropFirst(offset), as: UTF8.self)
        let request = try Regex(#""PUT /([^ ?]+)[^ ]* HTTP"#)
        return text.matches(of: request).compactMap { match -> String? in
            let path = (match.output[1].substring.map(String.init) ?? "").removingPercentEncoding ?? ""
            return path.hasPrefix("\(bucket)/\(prefix)") ? String(path.dropFirst(bucket.count + 1 + prefix.count)) : nil
        }
    }

    /// The keys and sizes of a bucket's objects under `prefix`, from a ListObjectsV2 response.
    static func objects(_ endpoint: String, bucket: String, prefix: String) throws -> [String: Int] {
        let listing = try curl("\(endpoint)/\(bucket)?list-type=2&max-keys=100000&prefix=\(prefix)").output
        let contents = try Regex(#"<Key>([^<]*)</Key>.*?<Size>([0-9]+)</Size>"#)
        var result: [String: Int] = [:]
        for match in listing.matches(of: contents) {
            let key = String(match.output[1].substring ?? "").replacingOccurrences(of: "&amp;", with: "&")
            result[String(key.dropFirst(prefix.count))] = Int(match.output[2].substring ?? "")
        }
        return result
    }

    static var hasEveryKindOfMirror: Bool {
        hasSSH && motoServer != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/git")
    }

    /// Issue 13's end-to-end check: the demo goes to a folder, a bare git repository, an S3 API
    /// (moto, on loopback) and an `sshd` (on loopback, keys made here) with rsync; a publish killed
    /// part way resumes; after one post changes only the files that changed move, on each kind;
    /// the mirrors name each other; and a mirror that is down leaves the others published.
    @Test(.enabled(if: hasEveryKindOfMirror, "needs git, openssh-server, rsync and moto[server] (make deps installs them)"))
    func theDemoGoesToEveryKindOfMirrorAndThenOnlyWhatChanged() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-demo-publish-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let (sshd, rsh, user) = try Self.startSSHD(in: work.appendingPathComponent("sshd"))
        defer { sshd.stop() }
        let moto = try LocalServer(Self.motoServer!, log: work.appendingPathComponent("moto.log")) { ["-H", "127.0.0.1", "-p", String($0)] }
        defer { moto.stop() }
        let endpoint = "http://127.0.0.1:\(moto.port)"
        #expect(try Self.curl("-X", "PUT", "\(endpoint)/demo").status == 0)
        let bare = work.appendingPathComponent("pages.git")
        try #require(try LocalServer.run("/usr/bin/git", ["init", "-q", "--bare", bare.path]).status == 0)
        let folder = work.appendingPathComponent("usb"), remote = work.appendingPathComponent("www")
        func git(_ arguments: String...) throws -> String {
            let result = try LocalServer.run("/usr/bin/git", ["--git-dir", bare.path] + arguments)
            try #require(result.status == 0, "git \(arguments): \(result.output)")
            return result.output
        }

        let site = try Self.demo(mirrors: [
            "{name: usb, url: https://usb.camille.example/, to: \(folder.path)}",
            "{name: pages, url: https://camille.pages.example/, to: \"git+file://\(bare.path)#pages\"}",
            "{name: bucket, url: https://bucket.camille.example/notes/, to: \"s3://demo/notes?endpoint=\(endpoint)&region=eu-west-1\"}",
            "{name: host, url: https://host.camille.example/, to: \"\(user)@127.0.0.1:\(remote.path)\"}",
        ])
        defer { site.remove() }
        let environment = Self.s3Environment.merging(["RSYNC_RSH": rsh]) { $1 }
        let names = ["usb", "pages", "bucket", "host"]

        // Killed part way through the bucket: what arrived is recorded, and the next publish
        // sends only the rest (moto's log shows every PUT).
        var result = try site.run(["publish", "bucket", "--jobs", "1"], environment: environment.merging(["SAMIZDAT_TEST_KILL_AFTER_FILES": "40"]) { $1 })
        #expect(result.status == 9, "killed: \(result.status) \(result.stderr)")
        let partial = try Self.objects(endpoint, bucket: "demo", prefix: "notes/")
        #expect(partial.count == 40, "\(partial.keys.sorted())")
        var mark = try Data(contentsOf: moto.log).count

        result = try site.run(["publish"], environment: environment)
        try #require(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        var first: [String: [String: Data]] = [:]
        for name in names { first[name] = Self.built(site, name) }
        let total = try #require(first["usb"]?.count)
        #expect(total > 100, "the whole demo: \(total) files")
        for name in ["usb", "pages", "host"] {
            #expect(Self.counts(result.stdout, name).map { [$0.sent, $0.deleted, $0.unchanged] } == [first[name]!.count, 0, 0], "\(name): \(result.stdout)")
        }
        #expect(Self.counts(result.stdout, "bucket").map { [$0.sent, $0.unchanged] } == [first["bucket"]!.count - 40, 40], "\(result.stdout)")
        let resumed = try Self.puts(moto.log, after: mark, bucket: "demo", prefix: "notes/")
        #expect(Set(resumed) == Set(first["bucket"]!.keys).subtracting(partial.keys) && resumed.count == Set(resumed).count, "sent once each, only what was missing")

        // Every copy is the mirror's own build, whole.
        #expect(IncrementalCLITests.files(folder) == first["usb"])
        #expect(IncrementalCLITests.files(remote) == first["host"])
        #expect(try Self.objects(endpoint, bucket: "demo", prefix: "notes/") == first["bucket"]!.mapValues(\.count))
        let checkout = work.appendingPathComponent("checkout")
        try #require(try LocalServer.run("/usr/bin/git", ["clone", "-q", "-b", "pages", bare.path, checkout.path]).status == 0)
        #expect(IncrementalCLITests.files(checkout).filter { !$0.key.hasPrefix(".git/") } == first["pages"])

        // Readers of any copy learn the others: the footer, the page heads, each feed, mirrors.json.
        let usb = try #require(first["usb"])
        let home = String(decoding: usb["index.html"] ?? Data(), as: UTF8.self)
        #expect(home.contains("<a href=\"https://camille.example/\">camille.example</a> <a href=\"https://camille.pages.example/\">camille.pages.example</a> <a href=\"https://bucket.camille.example/notes/\">bucket.camille.example/notes</a> <a href=\"https://host.camille.example/\">host.camille.example</a></p>"), "\(home)")
        let post = String(decoding: usb["2025/07/14/fireworks/index.html"] ?? Data(), as: UTF8.self)
        let alternates = try Self.headAlternates(post)
        #expect(alternates.filter { $0["type"] == nil }.map { [$0["title"] ?? "", $0["href"] ?? ""] } == [
            ["main", "https://camille.example/2025/07/14/fireworks/"],
            ["pages", "https://camille.pages.example/2025/07/14/fireworks/"],
            ["bucket", "https://bucket.camille.example/notes/2025/07/14/fireworks/"],
            ["host", "https://host.camille.example/2025/07/14/fireworks/"],
        ], "\(alternates)")
        #expect(Set(alternates.map { [$0["type"] ?? "", $0["hreflang"] ?? "", $0["title"] ?? ""] }).count == alternates.count, "\(alternates)")
        #expect(post.contains("<link rel=\"canonical\" href=\"https://camille.example/2025/07/14/fireworks/\">"))
        let atomFiles = usb.filter { $0.key.hasSuffix(".xml") && ($0.key.hasPrefix("atom") || $0.key.contains("/atom")) }
        #expect(atomFiles.count > 10, "\(atomFiles.keys.sorted())")
        for (path, data) in atomFiles {
            let links = try FeedXML.atomAlternates(data)
            #expect(links.repeated.isEmpty, "\(path): \(links.all)")
            #expect(try FeedXML.mirrors(data).map { $0["name"] } == ["main", "pages", "bucket", "host"], "\(path)")
        }
        #expect(try FeedXML.mirrors(usb["atom.xml"] ?? Data()).map { $0["feed"] } == [
            "https://camille.example/atom.xml", "https://camille.pages.example/atom.xml",
            "https://bucket.camille.example/notes/atom.xml", "https://host.camille.example/atom.xml",
        ])
        #expect(try FeedXML.mirrors(usb["tags/velo/feed.xml"] ?? Data()).map { $0["home"] } == [
            "https://camille.example/tags/velo/", "https://camille.pages.example/tags/velo/",
            "https://bucket.camille.example/notes/tags/velo/", "https://host.camille.example/tags/velo/",
        ])
        let json = try #require(try JSONSerialization.jsonObject(with: usb["feed.json"] ?? Data()) as? [String: Any])
        #expect(((json["_samizdat"] as? [String: Any])?["mirrors"] as? [[String: String]])?.map { $0["feed_url"] ?? "" } == [
            "https://camille.example/feed.json", "https://camille.pages.example/feed.json",
            "https://bucket.camille.example/notes/feed.json", "https://host.camille.example/feed.json",
        ])
        let list = try #require(try JSONSerialization.jsonObject(with: usb["mirrors.json"] ?? Data()) as? [String: Any])
        #expect((list["mirrors"] as? [[String: String]])?.map { $0["url"] ?? "" } == [
            "https://camille.example/", "https://usb.camille.example/", "https://camille.pages.example/",
            "https://bucket.camille.example/notes/", "https://host.camille.example/",
        ])
        if Validators.available {
            let check = try Validators.checkFeeds(output: folder, baseURL: "https://usb.camille.example/", expectPosts: 46)
            #expect(check.status == 0, "\(check.output)")
            let read = try Validators.readFeeds(output: folder)
            #expect(read.status == 0, "\(read.output)")
            #expect(read.json.contains("\"link\": \"https://usb.camille.example/\""), "the reader takes the one alternate as the feed's home")
        }

        // One post changes: on each mirror only the files whose bytes changed move.
        let old = Date(timeIntervalSince1970: 946_684_800)
        try Self.setModified(folder, to: old)
        try Self.setModified(remote, to: old)
        mark = try Data(contentsOf: moto.log).count
        let head = try git("rev-parse", "pages").trimmingCharacters(in: .whitespacesAndNewlines)
        let fireworks = "Content/posts/2025/07/2025-07-14-fireworks.md"
        try site.write(fireworks, try #require(site.read(fireworks)) + "\nEdited: one of them is not a smudge after all.\n")
        result = try site.run(["publish"], environment: environment)
        try #require(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        var second: [String: [String: Data]] = [:]
        for name in names {
            second[name] = Self.built(site, name)
            let (sent, gone) = Self.changed(first[name]!, second[name]!)
            #expect(sent.contains("2025/07/14/fireworks/index.html") && sent.count < 20 && gone.isEmpty, "\(name): \(sent.sorted())")
            #expect(Self.counts(result.stdout, name).map { [$0.sent, $0.deleted, $0.unchanged] } == [sent.count, 0, second[name]!.count - sent.count], "\(name): \(result.stdout)")
        }
        #expect(Self.touched(folder, since: old) == Self.changed(first["usb"]!, second["usb"]!).sent)
        #expect(IncrementalCLITests.files(folder) == second["usb"])
        #expect(Self.touched(remote, since: old) == Self.changed(first["host"]!, second["host"]!).sent)
        #expect(IncrementalCLITests.files(remote) == second["host"])
        #expect(Set(try Self.puts(moto.log, after: mark, bucket: "demo", prefix: "notes/")) == Self.changed(first["bucket"]!, second["bucket"]!).sent)
        #expect(try Self.objects(endpoint, bucket: "demo", prefix: "notes/") == second["bucket"]!.mapValues(\.count))
        let committed = try git("diff", "--name-only", head, "pages").split(separator: "\n").map(String.init)
        #expect(Set(committed) == Self.changed(first["pages"]!, second["pages"]!).sent)

        // The bucket's host goes down: the other mirrors still get the next change, and the
        // status says something failed.
        moto.stop()
        let bug = "Content/posts/2025/10/late-night-bug.md"
        try site.write(bug, try #require(site.read(bug)) + "\nFound it: a day that lasts 25 hours.\n")
        result = try site.run(["publish"], environment: environment)
        #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("error: Mirror 'bucket'"), "\(result.stderr)")
        #expect(result.stderr.contains("1 of 4 mirrors failed: bucket"), "\(result.stderr)")
        #expect(IncrementalCLITests.files(folder) == Self.built(site, "usb"))
        #expect(IncrementalCLITests.files(remote) == Self.built(site, "host"))
        let page = try #require(Self.built(site, "usb").keys.first { $0.hasSuffix("/late-night-bug/index.html") })
        #expect(String(decoding: Self.built(site, "usb")[page] ?? Data(), as: UTF8.self).contains("25 hours"))
        #expect(try git("show", "pages:\(page)").contains("25 hours"))
    }

    // MARK: - IPFS

    @Test func ipfsMirrorSaysHowToInstallIPFSOrGivesTheCID() throws {
        let bin = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-bin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: bin) }
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let site = try Self.site(mirrors: ["{name: ipfs, url: https://ada.eth.limo/, to: ipfs}"])
        defer { site.remove() }

        var result = try site.run(["publish"], environment: ["PATH": "/nonexistent"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Mirror 'ipfs' needs the 'ipfs' command (Kubo), which is not installed: install it from https://docs.ipfs.tech/install/command-line/"), "\(result.stderr)")

        // A stand-in for Kubo: `add` remembers the folder, `cat /ipfs/CID/path` reads from it.
        let script = bin.appendingPathComponent("ipfs")
        try Data("""
            #!/bin/sh
            case "$1" in
              add) for last; do :; done; echo "$last" > "\(bin.path)/added"; echo bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi ;;
              cat) exec cat "$(cat "\(bin.path)/added")/${2#/ipfs/*/}" ;;
            esac

            """.utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        result = try site.run(["publish"], environment: ["PATH": bin.path + ":/usr/bin:/bin"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("  CID: bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi\n  Gateway: https://ipfs.io/ipfs/bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/\n  DNSLink: add the TXT record _dnslink.ada.eth.limo with the value \"dnslink=/ipfs/bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi\""), "\(result.stdout)")
    }
}
