import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The build database under the faults a real machine has: two builds at once, a build killed
/// part way, a database file that is damaged or not ours.
@Suite("Incremental builds, faults", .serialized)
struct IncrementalCLITests {
    static func site(posts: Int, edition: String = "first") throws -> TestSite {
        var files: [String: String] = [:]
        for index in 0..<posts {
            files[String(format: "Content/posts/2026/p%03d.md", index)] = post(index, edition: edition)
        }
        files["Public/hello.txt"] = "hello\n"
        return try TestSite(files, config: TestSite.minimalConfig)
    }

    static func post(_ index: Int, edition: String) -> String {
        """
        ---
        date: 2026-\(String(format: "%02d-%02d", 1 + index % 9, 1 + index % 28)) \(String(format: "%02d", index % 24)):00
        tags: [t\(index % 5)]
        ---
        Post \(index), \(edition) edition, with **bold** text and a [link](/about/).

        """
    }

    /// Every file below `folder`, hidden ones too.
    static func files(_ folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            result[String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))] = FileManager.default.contents(atPath: url.path)
        }
        return result
    }

    /// Copies the database's write-ahead log into its file and removes the log, with Python's
    /// `sqlite3` (the test virtualenv's Python, or the system's).
    static func checkpoint(_ database: URL) throws {
        try python("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA wal_checkpoint(TRUNCATE)'); c.close()", database)
        #expect(!FileManager.default.fileExists(atPath: database.path + "-wal"))
    }

    /// Runs a Python script on the database (its path is `sys.argv[1]`), with the test
    /// virtualenv's Python or the system's.
    static func python(_ script: String, _ database: URL, _ more: String...) throws {
        let python = Validators.venv?.appendingPathComponent("bin/python") ?? URL(fileURLWithPath: "/usr/bin/python3")
        let result = try Validators.run(python, ["-c", script, database.path] + more)
        #expect(result.status == 0, "\(result.output)")
    }

    /// One SQL statement run on `database` by Python's sqlite3 (another SQLite than the tool's).
    static func sql(_ statement: String, _ database: URL) throws {
        try python("""
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute(sys.argv[2])
            c.commit(); c.close()
            """, database, statement)
    }

    /// A clean build of the site's current sources in a folder of its own.
    static func cleanBuild(_ site: TestSite) throws -> [String: Data] {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-clean-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for name in ["site.yml", "Content", "Public", "Templates"] where site.exists(name) {
            try FileManager.default.copyItem(at: site.root.appendingPathComponent(name), to: copy.appendingPathComponent(name))
        }
        let result = try Samizdat.run(["build"], in: copy)
        #expect(result.status == 0, "\(result.stderr)")
        return files(copy.appendingPathComponent("Output"))
    }

    /// Starts `samizdat build` and kills it (SIGKILL) once `started` is true, checked every millisecond.
    static func killBuild(in directory: URL, once started: () -> Bool) throws {
        let build = try start(["build"], in: directory)
        var waited = 0
        while build.isRunning && !started() && waited < 60_000 {
            usleep(1000)
            waited += 1
        }
        let killedWhileRunning = build.isRunning
        kill(build.processIdentifier, SIGKILL)
        build.waitUntilExit()
        #expect(killedWhileRunning && build.terminationReason == .uncaughtSignal, "the build was killed before it finished")
    }

    static func start(_ arguments: [String], in directory: URL) throws -> Process {
        let process = Process()
        process.executableURL = Paths.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func twoBuildsAtOnceBothSucceedAndAgree() throws {
        let site = try Self.site(posts: 120)
        defer { site.remove() }
        #expect(try site.run("build").status == 0)
        for index in 0..<120 where index.isMultiple(of: 3) {
            try site.write(String(format: "Content/posts/2026/p%03d.md", index), Self.post(index, edition: "second"))
        }
        let first = try Self.start(["build"], in: site.root)
        let second = try Self.start(["build"], in: site.root)
        first.waitUntilExit()
        second.waitUntilExit()
        #expect(first.terminationStatus == 0 && second.terminationStatus == 0)
        #expect(Self.files(site.root.appendingPathComponent("Output")) == (try Self.cleanBuild(site)))
        // And the database they shared still works.
        let again = try site.run("build")
        #expect(again.status == 0)
        #expect(again.stdout.contains(" 0 files written"), "\(again.stdout)")
    }

    /// Pages and feed archives are counted from the oldest post, so a new post rewrites the front
    /// pages it shows on, its neighbour and the lists that count posts: not the site's history.
    @Test func aNewPostRewritesTheFrontPagesAndNotTheHistory() throws {
        let site = try Self.site(posts: 120)
        defer { site.remove() }
        let output = site.root.appendingPathComponent("Output")
        #expect(try site.run("build").status == 0)
        let before = Self.files(output)
        #expect(before["page/59/index.html"] != nil && before["page/60/index.html"] == nil)

        // 121 posts, two a page: the front page now holds three, no page is added.
        try site.write("Content/posts/2026/new.md", "---\ndate: 2026-10-24 10:00\ntags: [t1]\n---\nThe newest post.\n")
        let first = try site.run("build")
        #expect(first.status == 0, "\(first.stderr)")
        let after = Self.files(output)
        let changed = Set(after.keys.filter { after[$0] != before[$0] })
        let expected: Set<String> = [
            "2026/10/24/new/index.html", "index.html", "tags/t1/index.html", "tags/index.html",
            "archive/index.html", "2026/index.html", "2026/10/index.html",
            "feed.xml", "atom.xml", "feed.json", "tags/t1/feed.xml", "tags/t1/atom.xml", "tags/t1/feed.json", "sitemap.xml",
        ]
        #expect(changed.isSuperset(of: expected), "\(changed.sorted())")
        // And the post before it in time, which now links to it as the newer post.
        let others = changed.subtracting(expected)
        #expect(others.count == 1, "\(changed.sorted())")
        if let previous = others.first {
            #expect(after[previous].map { String(decoding: $0, as: UTF8.self) }?.contains("10/24/new/index.html") == true, "\(previous)")
        }
        #expect(first.stdout.contains(" 15 files written"), "\(first.stdout)")
        #expect(after == (try Self.cleanBuild(site)))

        // 122 posts: a page fills. It becomes archive page 60, and page 59 leads to it.
        try site.write("Content/posts/2026/newer.md", "---\ndate: 2026-10-25 10:00\n---\nNewer still.\n")
        #expect(try site.run("build").status == 0)
        let third = Self.files(output)
        let pages = Set(third.keys.filter { $0.hasPrefix("page/") && third[$0] != after[$0] })
        #expect(pages == ["page/59/index.html", "page/60/index.html"], "\(pages.sorted())")
        #expect(third["page/60/index.html"].map { String(decoding: $0, as: UTF8.self) }?.contains("Post ") == true)
        #expect(third == (try Self.cleanBuild(site)))
    }

    /// A category's pages are counted from its oldest post too: a new post in it rewrites the
    /// category's front page, the list of categories and its feeds, never its archive pages.
    @Test func aNewPostInACategoryRewritesItsFrontPageAndNotItsHistory() throws {
        var files: [String: String] = [:]
        // 14 posts in each category, two a page: the front page holds two, archive pages 1 to 6 the rest.
        for index in 0..<28 {
            files[String(format: "Content/posts/2026/p%03d.md", index)] =
                "---\ndate: 2026-\(String(format: "%02d-%02d", 1 + index % 9, 1 + index % 28)) 10:00\ncategories: [C\(index % 2)]\n---\nPost \(index).\n"
        }
        let site = try TestSite(files, config: TestSite.minimalConfig)
        defer { site.remove() }
        let output = site.root.appendingPathComponent("Output")
        #expect(try site.run("build").status == 0)
        let before = Self.files(output)
        #expect(before["categories/c0/page/6/index.html"] != nil && before["categories/c0/page/7/index.html"] == nil)

        try site.write("Content/posts/2026/new.md", "---\ndate: 2026-10-24 10:00\ncategories: [C0]\n---\nThe newest post.\n")
        #expect(try site.run("build").status == 0)
        let after = Self.files(output)
        let changed = Set(after.keys.filter { after[$0] != before[$0] })
        #expect(changed.isSuperset(of: ["categories/index.html", "categories/c0/index.html",
                                        "categories/c0/feed.xml", "categories/c0/atom.xml", "categories/c0/feed.json"]), "\(changed.sorted())")
        #expect(!changed.contains { $0.hasPrefix("categories/c0/page/") || $0.hasPrefix("categories/c1/") }, "\(changed.sorted())")
        #expect(after == (try Self.cleanBuild(site)))

        // Moved to the other category: both categories' pages follow, as a clean build makes them.
        try site.write("Content/posts/2026/new.md", "---\ndate: 2026-10-24 10:00\ncategories: [C1]\n---\nThe newest post.\n")
        #expect(try site.run("build").status == 0)
        let moved = Self.files(output)
        #expect(String(decoding: moved["categories/c1/index.html"] ?? Data(), as: UTF8.self).contains("The newest post."))
        #expect(!String(decoding: moved["categories/c0/index.html"] ?? Data(), as: UTF8.self).contains("The newest post."))
        #expect(moved == (try Self.cleanBuild(site)))
    }

    @Test func aBuildKilledPartWayLeavesWholeFilesAndTheNextBuildRepairsEverything() throws {
        let site = try Self.site(posts: 400)
        defer { site.remove() }
        #expect(try site.run("build").status == 0)
        let before = Self.files(site.root.appendingPathComponent("Output"))
        for index in 0..<400 {
            try site.write(String(format: "Content/posts/2026/p%03d.md", index), Self.post(index, edition: "second"))
        }
        let after = try Self.cleanBuild(site)

        // Kill the build once it has started replacing files.
        let output = site.root.appendingPathComponent("Output")
        let probe = "index.html"  // the first file a build writes
        try Self.killBuild(in: site.root) {
            FileManager.default.contents(atPath: output.appendingPathComponent(probe).path) != before[probe]
        }

        // Every file is whole: the old one or the new one, never a mix.
        for (path, data) in Self.files(output) where !path.hasPrefix(".samizdat-tmp/") {
            #expect(data == before[path] || data == after[path], "\(path) is neither the old nor the new file")
        }
        let repaired = try site.run("build")
        #expect(repaired.status == 0, "\(repaired.stderr)")
        #expect(Self.files(output) == after, "no temporary files, no stale files, every file new")
    }

    @Test func aFirstBuildKilledPartWayLeavesOnlyWholeFiles() throws {
        let site = try Self.site(posts: 400)
        defer { site.remove() }
        let after = try Self.cleanBuild(site)
        let output = site.root.appendingPathComponent("Output")

        // Kill the site's first build once its first files are there.
        try Self.killBuild(in: site.root) {
            FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path)
        }

        // What is there is whole: a file appears with all its bytes or not at all.
        let partial = Self.files(output).filter { !$0.key.hasPrefix(".samizdat-tmp/") }
        #expect(!partial.isEmpty && partial.count < after.count, "killed part way: \(partial.count) of \(after.count) files")
        for (path, data) in partial {
            #expect(data == after[path], "\(path) is not the whole file")
        }
        let repaired = try site.run("build")
        #expect(repaired.status == 0, "\(repaired.stderr)")
        #expect(Self.files(output) == after, "no temporary files, every file there")
    }

    /// A build leaves the database open with its write-ahead log (`Builder.leaveOpen`), as a
    /// crash would: the next build reads the log back. A database copied without its log has
    /// lost the last builds' records, which is not damage SQLite can see; what those builds
    /// wrote is then checked again, and the site is still right.
    @Test func aDatabaseThatLostItsLogStillBuildsTheRightSite() throws {
        let site = try Self.site(posts: 12)
        defer { site.remove() }
        #expect(try site.run("build").status == 0)
        try site.write("Content/posts/2026/p004.md", Self.post(4, edition: "second"))
        #expect(try site.run("build").status == 0)
        let database = site.root.appendingPathComponent(".samizdat/build.sqlite")
        #expect(FileManager.default.fileExists(atPath: database.path + "-wal"), "the build left its log")
        for suffix in ["-wal", "-shm"] { try FileManager.default.removeItem(atPath: database.path + suffix) }
        try site.write("Content/posts/2026/p005.md", Self.post(5, edition: "third"))
        let result = try site.run("build")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.files(site.root.appendingPathComponent("Output")) == (try Self.cleanBuild(site)))
        #expect(try site.run("build").stdout.contains(" 0 files written"))

        // The file removed by hand and its log left: a clean build (SQLite drops a log beside an
        // empty file), not the log read into a new file.
        try site.write("Content/posts/2026/p006.md", Self.post(6, edition: "fourth"))
        #expect(try site.run("build").status == 0)
        #expect(FileManager.default.fileExists(atPath: database.path + "-wal"), "the build left its log")
        try FileManager.default.removeItem(at: database)
        let rebuilt = try site.run("build")
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stdout.contains(" 0 files written"), "\(rebuilt.stdout)")
        #expect(Self.files(site.root.appendingPathComponent("Output")) == (try Self.cleanBuild(site)))
        #expect(try site.run("build").stdout.contains(" 0 files written"))
    }

    /// The paths a build is about to write for the first time are recorded before it writes any
    /// file; if the database refuses them, the build stops with an error and writes nothing.
    @Test func aDatabaseThatRefusesTheNewPathsStopsTheBuildBeforeAnyFileIsWritten() throws {
        let site = try Self.site(posts: 12)
        defer { site.remove() }
        #expect(try site.run("build").status == 0)
        try Self.sql("CREATE TRIGGER refuse BEFORE INSERT ON output BEGIN SELECT RAISE(ABORT, 'refused by a test'); END",
                     site.root.appendingPathComponent(".samizdat/build.sqlite"))
        let before = Self.files(site.root.appendingPathComponent("Output"))
        // A new post: its page is a new path (and the pages around it change).
        try site.write("Content/posts/2026/p100.md", Self.post(100, edition: "new"))
        let result = try site.run("build")
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: Cannot record the files about to be written in .samizdat/build.sqlite"), "\(result.stderr)")
        #expect(result.stderr.contains("refused by a test"), "\(result.stderr)")
        #expect(Self.files(site.root.appendingPathComponent("Output")) == before)
    }

    /// Parsed files are stored on another thread while the build goes on; if the database refuses
    /// them (here a trigger on the table of posts' texts), the build still makes the site, says
    /// it could not be recorded, and the next builds make what a clean build makes.
    @Test func aDatabaseThatRefusesTheParsedFilesStillGivesTheRightSite() throws {
        let site = try Self.site(posts: 12)
        defer { site.remove() }
        #expect(try site.run("build").status == 0)
        let database = site.root.appendingPathComponent(".samizdat/build.sqlite")
        try Self.sql("CREATE TRIGGER refuse BEFORE INSERT ON source_text BEGIN SELECT RAISE(ABORT, 'refused by a test'); END", database)
        try site.write("Content/posts/2026/p004.md", Self.post(4, edition: "second"))
        let refused = try site.run("build")
        #expect(refused.status == 0, "\(refused.stderr)")
        #expect((refused.stdout + refused.stderr).contains("Could not record this build in .samizdat/build.sqlite"), "\(refused.stdout)\(refused.stderr)")
        #expect((refused.stdout + refused.stderr).contains("refused by a test"))
        #expect(Self.files(site.root.appendingPathComponent("Output")) == (try Self.cleanBuild(site)))

        try Self.sql("DROP TRIGGER refuse", database)
        try site.write("Content/posts/2026/p005.md", Self.post(5, edition: "second"))
        let result = try site.run("build")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.files(site.root.appendingPathComponent("Output")) == (try Self.cleanBuild(site)))
        #expect(try site.run("build").stdout.contains(" 0 files written"))
    }

    /// A build that fails while writing says so (not "nothing was written"), and the next one,
    /// once the cause is gone, makes the site a clean build makes.
    @Test func aBuildThatFailsWhileWritingSaysSoAndTheNextOneFinishesTheSite() throws {
        let site = try Self.site(posts: 12)
        defer { site.remove() }
        #expect(try site.run("build").status == 0)
        // A folder where the feed goes: the writer cannot replace it.
        let feed = site.root.appendingPathComponent("Output/feed.xml")
        try FileManager.default.removeItem(at: feed)
        try site.write("Output/feed.xml/in-the-way.txt", "x")
        try site.write("Content/posts/2026/p004.md", Self.post(4, edition: "second"))
        let failed = try site.run("build")
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("Output/feed.xml: error: Cannot replace this file"), "\(failed.stderr)")
        #expect(failed.stderr.contains("Build failed with 1 error while writing the site: the files written before it are whole"), "\(failed.stderr)")
        #expect(!failed.stderr.contains("nothing was written"), "\(failed.stderr)")

        try FileManager.default.removeItem(at: feed)
        let result = try site.run("build")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.files(site.root.appendingPathComponent("Output")) == (try Self.cleanBuild(site)))
        #expect(try site.run("build").stdout.contains(" 0 files written"))
    }

    @Test func cleanMakesEverythingAgainAndRewritesNothingThatIsTheSame() throws {
        let site = try Self.site(posts: 12)
        defer { site.remove() }
        #expect(try site.run("build").status == 0)
        let before = Self.files(site.root.appendingPathComponent("Output"))
        let result = try site.run("build", "--clean")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(" 0 files written"), "\(result.stdout)")
        #expect(Self.files(site.root.appendingPathComponent("Output")) == before)
    }

    @Test(arguments: ["garbage", "truncated", "empty"])
    func aDamagedDatabaseMeansACleanBuildWithANotice(_ damage: String) throws {
        let site = try Self.site(posts: 12)
        defer { site.remove() }
        #expect(try site.run("build").status == 0)
        let database = site.root.appendingPathComponent(".samizdat/build.sqlite")
        // The build left its log open (`Builder.leaveOpen`): it is copied into the file first,
        // so that the damage is to what the database holds.
        try Self.checkpoint(database)
        let bytes = try Data(contentsOf: database)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }
        switch damage {
        case "garbage": try Data(String(repeating: "not sqlite ", count: 500).utf8).write(to: database)
        case "truncated": try bytes.prefix(bytes.count / 2 + 100).write(to: database)
        default: try Data().write(to: database)
        }
        try site.write("Content/posts/2026/p003.md", Self.post(3, edition: "repaired"))
        let result = try site.run("build")
        #expect(result.status == 0, "\(result.stderr)")
        if damage != "empty" {
            #expect(result.stderr.contains("Starting a clean build: .samizdat/build.sqlite is set aside"), "\(result.stderr)")
        }
        #expect(Self.files(site.root.appendingPathComponent("Output")) == (try Self.cleanBuild(site)))
        #expect(try site.run("build").stdout.contains(" 0 files written"))
    }
}
