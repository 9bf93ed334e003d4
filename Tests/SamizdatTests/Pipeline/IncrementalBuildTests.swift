import Foundation
import GRDB
import Testing
@testable import Samizdat

/// An incremental build's output is, file for file and byte for byte, what a clean build makes.
///
/// Each test case is a seeded random sequence of the edits authors make (text, new and deleted
/// posts, renamed files, tags, dates that move a post to another year, replies, drafts, photos,
/// templates, `Public/` files, `site.yml`), each followed by an incremental build in a real
/// folder with its real build database, compared with a clean build of the same sources into
/// memory. Every file written gets its own modification time, a few seconds apart and in the
/// past, so the build trusts file times as it does on an author's machine (a file changed within
/// the last two seconds is always read again).
@Suite("Incremental builds")
struct IncrementalBuildTests {
    typealias Random = SplitMix64

    /// A site on disk whose files all get distinct, settled modification times.
    final class Workspace {
        let root: URL
        private var clock: TimeInterval = 1_700_000_000
        var now = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21 14:13 UTC

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-incremental-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }

        func write(_ path: String, _ text: String) throws { try write(path, Data(text.utf8)) }

        func write(_ path: String, _ data: Data) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
            settle(url)
        }

        /// Gives `url` (and its folder, whose listing changed) a new time, seconds after the last one.
        func settle(_ url: URL) {
            clock += 3
            for item in [url, url.deletingLastPathComponent()] {
                try? FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: clock)], ofItemAtPath: item.path)
            }
        }

        func read(_ path: String) -> String? {
            FileManager.default.contents(atPath: root.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
        }

        func remove(_ path: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.removeItem(at: url)
            settle(url.deletingLastPathComponent().appendingPathComponent("."))
        }

        func move(_ from: String, _ to: String) throws {
            let target = root.appendingPathComponent(to)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.moveItem(at: root.appendingPathComponent(from), to: target)
            settle(target)
        }

        func posts() -> [String] {
            FileTree.files(in: root.appendingPathComponent("Content/posts")).filter { $0.hasSuffix(".md") }.map { "Content/posts/" + $0 }
        }

        /// (With sitemaps of at most 10 URLs, so that a sitemap index and its parts are built
        /// incrementally too.)
        var options: BuildOptions {
            var options = BuildOptions(siteDirectory: root, now: now)
            options.sitemapURLLimit = 10
            options.readsTextsAhead = readsTextsAhead
            // As `samizdat serve` builds: the files listed from what it saw, not scanned.
            if listsSourcesSeen { options.sourcesSeen = SourceSnapshot(site: root) }
            return options
        }
        var listsSourcesSeen = false
        /// Whether posts' texts are read all at once or as pages show them (see `PostText`); nil:
        /// as a build decides, which for sites this small is nearly always all at once.
        var readsTextsAhead: Bool?

        func build() throws -> BuildReport {
            do { return try Builder.build(options) } catch { throw BuildFailure(diagnostics: error.diagnostics) }
        }

        /// A clean build of the same sources, into memory.
        func cleanBuild() throws -> [String: Data] {
            var options = options
            let sink = MemorySink()
            options.sink = sink
            options.clean = true
            options.sourcesSeen = nil
            do { _ = try Builder.build(options) } catch { throw BuildFailure(diagnostics: error.diagnostics) }
            return sink.contents
        }

        func output() throws -> [String: Data] {
            let folder = root.appendingPathComponent("Output")
            var result: [String: Data] = [:]
            for path in FileTree.files(in: folder, includingHidden: true) {
                result[path] = try Data(contentsOf: folder.appendingPathComponent(path))
            }
            return result
        }

        /// The flat file of the output's stamps (`OutputStamps`).
        var stampsFile: URL {
            OutputStamps.url(for: root.appendingPathComponent("Output"), in: root.appendingPathComponent(".samizdat"))
        }

        deinit { try? FileManager.default.removeItem(at: root) }
    }

    /// Something that happens to the stamps file or the output between two builds, by someone
    /// else than the build; returns what it did.
    static func mishap(_ site: Workspace, _ random: inout Random, kept: inout Data?) throws -> String? {
        let file = site.stampsFile
        switch random.below(8) {
        case 0:
            try? FileManager.default.removeItem(at: file)
            return "stamps file removed"
        case 1:
            guard let data = try? Data(contentsOf: file) else { return nil }
            try data.prefix(random.below(data.count)).write(to: file)
            return "stamps file cut short"
        case 2:
            // One from an earlier build: well formed, but not the one the database names.
            guard let old = kept else { return nil }
            try old.write(to: file)
            return "stamps file of an earlier build put back"
        case 3:
            let output = try site.output().keys.sorted()
            let path = random.pick(output)
            try Data("changed by hand".utf8).write(to: site.root.appendingPathComponent("Output").appendingPathComponent(path))
            return "Output/\(path) changed by hand"
        default:
            return nil
        }
    }

    /// The stamps file a build leaves is trusted (its digest is the one the build state names),
    /// and it is the copy of the database's rows for the folder.
    static func checkStamps(_ site: Workspace, after what: [String]) throws {
        let context = Comment(rawValue: "after: " + what.joined(separator: "; "))
        let database = try BuildDatabase(url: site.root.appendingPathComponent(".samizdat/build.sqlite"))
        let output = site.options.resolvedOutput
        let recorded = try #require(try database.state(for: output)?.outputStamps, context)
        #expect(OutputStamps.read(site.stampsFile)?.digest == recorded, context)
        #expect(OutputStamps(rows: try database.outputs(for: output).values).digest == recorded, context)
    }

    struct BuildFailure: Error, CustomStringConvertible {
        var diagnostics: [Diagnostic]
        var description: String { diagnostics.map { $0.formatted(relativeTo: nil) }.joined(separator: "\n") }
    }

    static let tags = ["swift", "Swift", "café", "cafe", "linux", "notes", "photos", "c#", "c++", "rust"]
    static let categories = ["Travel", "travel", "Code", "Vélo", "Life"]

    static func post(_ random: inout Random, number: Int, year: Int? = nil, replyTo: String? = nil) -> String {
        let year = year ?? 2025 + random.below(2)
        let month = 1 + random.below(12), day = 1 + random.below(28)
        var lines = ["---", String(format: "date: %04d-%02d-%02d %02d:%02d", year, month, day, random.below(24), random.below(60))]
        let titled = random.below(3) == 0
        if titled { lines.append("title: Post number \(number)") }
        if random.below(3) == 0 { lines.append("categories: [\(random.pick(Self.categories))]") }
        var chosen: [String] = []
        for _ in 0..<random.below(3) { chosen.append(random.pick(Self.tags)) }
        if !chosen.isEmpty { lines.append("tags: [\(chosen.map { "\"\($0)\"" }.joined(separator: ", "))]") }
        if let replyTo { lines.append("reply_to: \(replyTo)") }
        if random.below(12) == 0 { lines.append("pinned: true") }
        if random.below(15) == 0 { lines.append("lang: fr") }
        lines.append("---")
        lines.append("Note \(number) with a [link](/about/) and #hash\(random.below(4)).")
        if random.below(4) == 0 { lines.append("\n## A heading\n\nMore text[^1].\n\n[^1]: A footnote.") }
        if titled && random.below(2) == 0 { lines.append("\n<!--more-->\n\nAfter the cut of \(number).") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func makeSite(_ random: inout Random) throws -> Workspace {
        let site = try Workspace()
        try site.write("site.yml", """
            title: Incremental
            base_url: https://example.org/inc/
            timezone: Europe/Paris
            posts_per_page: 4
            feeds: {items: 3}
            author: {name: Ada, url: https://example.org/}

            """)
        for number in 0..<30 {
            try site.write(String(format: "Content/posts/%03d.md", number), post(&random, number: number))
        }
        try site.write("Content/posts/zz-reply.md", post(&random, number: 99, year: 2026, replyTo: "/2025/01/01/000/"))
        try site.write("Content/about.md", "---\ntitle: About\n---\nAbout me, see [a post](/archive/).\n")
        try site.write("Content/posts/bundle/index.md", "---\ndate: 2026-03-03 10:00\nphotos:\n  - {src: photo.png, alt: A photo}\n---\nA photo.\n")
        try site.write("Content/posts/bundle/photo.png", try Data(contentsOf: Repository.root.appendingPathComponent("Tests/Fixtures/images/rgb-3x2.png")))
        try site.write("Public/robots-extra.txt", "hello\n")
        try site.write("Templates/partials/footer.mustache", try String(contentsOf: Repository.root.appendingPathComponent("Templates/partials/footer.mustache"), encoding: .utf8))
        return site
    }

    /// One random edit; returns what it did, for the failure message.
    static func edit(_ site: Workspace, _ random: inout Random, step: Int) throws -> String {
        let posts = site.posts()
        switch random.below(17) {
        case 0, 1:
            let path = random.pick(posts)
            try site.write(path, (site.read(path) ?? "") + "\nEdited at step \(step).\n")
            return "edit text of \(path)"
        case 2:
            let path = "Content/posts/new-\(step).md"
            try site.write(path, post(&random, number: 100 + step, year: random.below(3) == 0 ? 2024 : nil))
            return "add \(path)"
        case 3:
            let path = random.pick(posts.filter { !$0.contains("bundle") })
            try site.remove(path)
            return "delete \(path)"
        case 4:
            let path = random.pick(posts.filter { !$0.contains("bundle") })
            try site.move(path, "Content/posts/renamed-\(step).md")
            return "rename \(path)"
        case 5:
            let path = random.pick(posts)
            let text = site.read(path) ?? ""
            let tag = random.pick(tags)
            let edited = text.contains("tags: [")
                ? text.replacingOccurrences(of: "tags: [", with: "tags: [\"\(tag)\", ")
                : text.replacingOccurrences(of: "---\n", with: "---\ntags: [\"\(tag)\"]\n", options: [], range: text.startIndex..<text.index(text.startIndex, offsetBy: 4))
            try site.write(path, edited)
            return "tag \(path) with \(tag)"
        case 6:
            let path = random.pick(posts)
            let year = random.pick(["2023", "2024", "2025", "2026"])
            let text = (site.read(path) ?? "").replacingOccurrences(of: #"date: \d{4}"#, with: "date: \(year)", options: .regularExpression)
            try site.write(path, text)
            return "move \(path) to \(year)"
        case 7:
            let path = random.pick(posts)
            let text = site.read(path) ?? ""
            let draft = text.contains("draft: true")
            try site.write(path, draft ? text.replacingOccurrences(of: "draft: true\n", with: "") : text.replacingOccurrences(of: "---\n", with: "---\ndraft: true\n", options: [], range: text.startIndex..<text.index(text.startIndex, offsetBy: 4)))
            return "toggle draft of \(path)"
        case 8:
            let template = "Templates/partials/footer.mustache"
            try site.write(template, (site.read(template) ?? "") + "<!-- step \(step) -->\n")
            return "edit a partial template"
        case 9:
            if random.below(2) == 0 {
                try site.write("Public/extra-\(step).txt", "extra \(step)\n")
                return "add a Public file"
            }
            try site.write("Public/robots-extra.txt", "changed at \(step)\n")
            return "change a Public file"
        case 10:
            let config = site.read("site.yml") ?? ""
            let perPage = 2 + random.below(4)
            var edited = config.replacingOccurrences(of: #"posts_per_page: \d+"#, with: "posts_per_page: \(perPage)", options: .regularExpression)
            if random.below(2) == 0 { edited = edited.replacingOccurrences(of: #"title: .*"#, with: "title: Incremental \(step)", options: .regularExpression) }
            try site.write("site.yml", edited)
            return "edit site.yml (posts_per_page \(perPage))"
        case 11:
            let photo = random.pick(["rgb-3x2.png", "palette-3x2.gif"])
            try site.write("Content/posts/bundle/photo.png", try Data(contentsOf: Repository.root.appendingPathComponent("Tests/Fixtures/images/\(photo)")))
            try site.write("Content/posts/bundle/extra-\(step).txt", "a file of the bundle\n")
            return "replace the bundle photo with \(photo), add a bundle file"
        case 12:
            // A reply to a post of the site, by its address on the last build.
            let pages = FileTree.files(in: site.root.appendingPathComponent("Output"))
                .filter { $0.hasPrefix("202") && $0.hasSuffix("/index.html") && $0.split(separator: "/").count == 5 }
            guard !pages.isEmpty else { return "nothing" }
            let target = "/" + random.pick(pages).dropLast("index.html".count)
            let path = "Content/posts/reply-\(step).md"
            try site.write(path, post(&random, number: 200 + step, year: 2026, replyTo: target))
            return "add \(path) replying to \(target)"
        case 14:
            let path = random.pick(posts)
            let text = site.read(path) ?? ""
            let category = random.pick(categories)
            let edited = text.contains("categories: [")
                ? (random.below(2) == 0
                    ? text.replacingOccurrences(of: #"categories: \[[^\]]*\]\n"#, with: "", options: .regularExpression)
                    : text.replacingOccurrences(of: "categories: [", with: "categories: [\"\(category)\", "))
                : text.replacingOccurrences(of: "---\n", with: "---\ncategories: [\"\(category)\"]\n", options: [], range: text.startIndex..<text.index(text.startIndex, offsetBy: 4))
            try site.write(path, edited)
            return "change the categories of \(path) (\(category))"
        case 15:
            let path = random.pick(posts)
            let text = site.read(path) ?? ""
            let edited: String
            if text.contains("<!--more-->") {
                edited = text.replacingOccurrences(of: "<!--more-->", with: "")
            } else if !text.contains("title:") {
                edited = text.replacingOccurrences(of: "---\n", with: "---\ntitle: Titled at \(step)\n", options: [], range: text.startIndex..<text.index(text.startIndex, offsetBy: 4)) + "\n<!--more-->\n\nMore after \(step).\n"
            } else if random.below(2) == 0 {
                edited = text.replacingOccurrences(of: "---\n", with: "---\nsummary: Summed up at step \(step)\n", options: [], range: text.startIndex..<text.index(text.startIndex, offsetBy: 4))
            } else {
                edited = text + "\n<!--more-->\n\nMore after \(step).\n"
            }
            try site.write(path, edited)
            return "cut or uncut \(path)"
        case 16:
            let home = "Content/_index.md"
            switch random.below(3) {
            case 0 where site.read(home) != nil:
                try site.remove(home)
                return "remove the home text"
            case 1:
                try site.write(home, "Welcome, step \(step). See [about](/about/).\n")
                return "write the home text"
            default:
                try site.write(home, "---\ntitle: Home \(step)\n---\nWelcome, step \(step).\n")
                return "write the home text with a title"
            }
        default:
            let about = "Content/about.md"
            let title = random.below(2) == 0 ? "About" : "About me \(step)"
            try site.write(about, "---\ntitle: \(title)\n---\nAbout, step \(step). #hash\(random.below(4))\n")
            return "retitle the about page (\(title))"
        }
    }

    static func compare(_ site: Workspace, after what: [String]) throws {
        let incremental = try site.output()
        let clean = try site.cleanBuild()
        let context = Comment(rawValue: "after: " + what.joined(separator: "; "))
        #expect(Set(incremental.keys) == Set(clean.keys), context)
        for (path, data) in clean where incremental[path] != data {
            Issue.record("\(path) differs from a clean build \(context.rawValue)")
        }
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomEditsBuildWhatACleanBuildBuilds(seed: UInt64) throws {
        var random = Random(seed: seed)
        let site = try Self.makeSite(&random)
        site.readsTextsAhead = [nil, false][Int(seed % 2)]
        site.listsSourcesSeen = seed > 2
        _ = try site.build()
        try Self.compare(site, after: ["first build"])
        var done: [String] = []
        // (Even seeds: the stamps file and the output also meet mishaps between builds.)
        var mishaps = Random(seed: seed * 1_000_003)
        // (The first build's file, put back by a mishap.)
        var kept = try? Data(contentsOf: site.stampsFile)
        try Self.checkStamps(site, after: ["first build"])
        for step in 0..<12 {
            done.append(try Self.edit(site, &random, step: step))
            if seed % 2 == 0, let mishap = try Self.mishap(site, &mishaps, kept: &kept) { done.append(mishap) }
            let report = try site.build()
            try Self.compare(site, after: done)
            try Self.checkStamps(site, after: done)
            #expect(report.warnings.allSatisfy { !$0.message.contains("error") })
        }
    }

    @Test func nothingChangedMeansNothingMadeOrWritten() throws {
        var random = Random(seed: 9)
        let site = try Self.makeSite(&random)
        let first = try site.build()
        #expect(first.parsed == 33 && first.written > 50)
        let again = try site.build()
        #expect(again.written == 0 && again.rendered == 0 && again.parsed == 0 && again.removed == 0)
        #expect(again.checkedOutputStamps, "checked from the stamps file, not the rows")

        // A stamps file lost or damaged after its build is made again from the rows.
        for damage in ["removed", "cut short"] {
            if damage == "removed" {
                try FileManager.default.removeItem(at: site.stampsFile)
            } else {
                try Data(try Data(contentsOf: site.stampsFile).prefix(100)).write(to: site.stampsFile)
            }
            let fallback = try site.build()
            #expect(fallback.written == 0 && fallback.rendered == 0 && !fallback.checkedOutputStamps, "\(damage)")
            try Self.checkStamps(site, after: ["stamps file \(damage)", "no-op build"])
            #expect(try site.build().checkedOutputStamps, "\(damage): trusted again")
        }
        #expect(again.unchanged == first.written + first.unchanged)
        #expect(again.posts == first.posts && again.warnings == first.warnings)
    }

    @Test func oneEditedPostParsesOneFileAndRendersOnlyWhatShowsIt() throws {
        var random = Random(seed: 10)
        let site = try Self.makeSite(&random)
        let first = try site.build()
        let path = "Content/posts/005.md"
        try site.write(path, (site.read(path) ?? "") + "\nOne more sentence.\n")
        let report = try site.build()
        #expect(report.parsed == 1)
        #expect(report.tookEditPath, "only the post's text changed")
        #expect(report.rendered > 0 && report.rendered < (first.written + first.unchanged) / 4,
                "only the pages and feeds that show the post are made again: \(report.rendered)")
        try Self.compare(site, after: ["edit \(path)"])

        // A template used by post pages only: timelines are not made again.
        let output = try site.output()
        try site.write("Templates/post.mustache", try String(contentsOf: Repository.root.appendingPathComponent("Templates/post.mustache"), encoding: .utf8) + "<!-- custom -->\n")
        let templated = try site.build()
        let posts = output.keys.filter { $0.hasPrefix("20") && $0.hasSuffix("/index.html") && $0.split(separator: "/").count == 5 }
        #expect(templated.written == posts.count, "every post page and nothing else")
        try Self.compare(site, after: ["edit \(path)", "post template"])
    }

    /// Feed items are kept only for the feed files a build makes: an added post makes some feed
    /// files again (the newest, its tags', the archive file its date falls in), not every file
    /// that shows a post of those, and no item is left waiting for a file that is not made.
    @Test func feedItemsAreKeptOnlyForTheFeedFilesMade() throws {
        var random = Random(seed: 12)
        let site = try Self.makeSite(&random)
        let first = try site.build()
        #expect(first.feedItemsLeft == 0)
        // Items are shared: one made per post shown, not one per feed file that shows it. (Each
        // post is in the timeline's and a tag's Atom and JSON files at least: four uses. Two
        // threads making the Atom and JSON files of one page may make an item twice.)
        #expect(first.feedItemsMade > 0 && first.feedItemsMade <= 2 * first.posts && first.feedItemUses >= 4 * first.posts,
                "\(first.feedItemsMade) items made for \(first.feedItemUses) uses, \(first.posts) posts")
        let path = "Content/posts/new-post.md"
        try site.write(path, Self.post(&random, number: 200, year: 2024))
        let added = try site.build()
        #expect(!added.tookEditPath)
        #expect(added.rendered > 0 && added.rendered < first.written / 2, "\(added.rendered) files made")
        #expect(added.feedItemsLeft == 0, "\(added.feedItemsLeft) feed items held for files that were not made")
        // (Only the files to be made are counted; each post they show is in an Atom and a JSON file.)
        #expect(added.feedItemsMade > 0 && added.feedItemsMade <= added.feedItemUses,
                "\(added.feedItemsMade) items made for \(added.feedItemUses) uses")
        try Self.compare(site, after: ["add \(path)"])
    }

    /// Posts that are not parsed again read their texts only for the pages made again
    /// (`PostText`), all in one pass when most pages are made again; a database that lost them
    /// still builds the same site, from the files.
    @Test func anEditReadsOnlyTheTextsOfThePostsItShows() throws {
        var random = Random(seed: 10)
        let site = try Self.makeSite(&random)
        site.readsTextsAhead = false
        let first = try site.build()
        #expect(first.textsRead == 0, "a first build parses every post")
        let path = "Content/posts/005.md"
        try site.write(path, (site.read(path) ?? "") + "\nOne more sentence.\n")
        let edit = try site.build()
        #expect(edit.parsed == 1)
        // (The post's timeline page, its tags' pages and feeds, its month: not its year's list,
        // which shows titles only.)
        #expect(edit.textsRead > 0 && edit.textsRead < first.posts / 2, "\(edit.textsRead) texts read, of \(first.posts) posts")
        #expect(edit.textsReadAhead == 0)
        try Self.compare(site, after: ["edit \(path)"])

        // A template every page uses: every text is read, in one pass.
        site.readsTextsAhead = nil
        try site.write("Templates/partials/footer.mustache", (site.read("Templates/partials/footer.mustache") ?? "") + "<!-- footer -->\n")
        let templated = try site.build()
        #expect(templated.parsed == 0 && templated.textsRead == first.posts, "\(templated.textsRead) read, of \(first.posts)")
        #expect(templated.textsReadAhead == templated.textsRead, "all in one pass")
        try Self.compare(site, after: ["edit \(path)", "footer"])

        // Every text gone from the database: those needed are made again from the files, and
        // their rows dropped, so that the next build parses and stores them.
        site.readsTextsAhead = false
        let database = try DatabaseQueue(path: site.root.appendingPathComponent(".samizdat/build.sqlite").path)
        try database.write { try $0.execute(sql: "DELETE FROM source_text") }
        try database.close()
        try site.write(path, (site.read(path) ?? "") + "\nAnd another.\n")
        let repaired = try site.build()
        #expect(repaired.parsed == 1 && repaired.textsRead > 0)
        try Self.compare(site, after: ["edit \(path)", "footer", "texts removed from the database", "edit \(path) again"])
        try site.write(path, (site.read(path) ?? "") + "\nAnd a third.\n")
        let next = try site.build()
        #expect(next.parsed == 1 + repaired.textsRead, "the files whose texts were made again are parsed and stored whole")
        try Self.compare(site, after: ["edit \(path)", "footer", "texts removed from the database", "edit \(path) again", "again"])
    }

    @Test func aFuturePostAppearsWhenItsTimeComesThoughNoFileChanged() throws {
        var random = Random(seed: 12)
        let site = try Self.makeSite(&random)
        try site.write("Content/posts/later.md", "---\ndate: 2026-09-22 12:00\ntitle: Later\n---\nSoon.\n")
        let first = try site.build()
        #expect(site.read("Output/2026/09/22/later/index.html") == nil, "held back")
        #expect(try site.build().rendered == 0, "nothing changed: nothing made")
        site.now = Date(timeIntervalSince1970: 1_790_259_200)  // 2026-09-24
        let released = try site.build()
        #expect(released.posts > first.posts && released.heldBack < first.heldBack)
        #expect(site.read("Output/2026/09/22/later/index.html")?.contains("Later") == true)
        try Self.compare(site, after: ["the post's date passed"])
    }

    @Test func aFileIsTrustedByItsTimeOnlyOnceAClockTickHasPassed() {
        let checked: Int64 = 1_000_000_000_000_000_000
        // Nanosecond times (ext4, APFS): 50 ms.
        #expect(FileStamp(size: 1, modified: checked - 60_000_123).isSettled(at: checked))
        #expect(!FileStamp(size: 1, modified: checked - 40_000_123).isSettled(at: checked))
        // Whole-second times (FAT, HFS+): 2 s.
        #expect(!FileStamp(size: 1, modified: checked - 1_000_000_000).isSettled(at: checked))
        #expect(FileStamp(size: 1, modified: checked - 3_000_000_000).isSettled(at: checked))
    }

    /// The stamps file of an earlier build put back, with the files a later build made again put
    /// back as the earlier build left them (bytes and times): the output agrees with the old
    /// stamps, not with the database's rows. Trusting the old file would keep the old pages.
    @Test func aStampsFileOfAnEarlierBuildIsNotTrusted() throws {
        var random = Random(seed: 10)
        let site = try Self.makeSite(&random)
        _ = try site.build()
        let oldStamps = try Data(contentsOf: site.stampsFile)
        let before = try site.output()
        let oldTimes = Dictionary(uniqueKeysWithValues: before.keys.map { path in
            (path, FileStamp.of(site.root.appendingPathComponent("Output/" + path).path)?.modified ?? 0)
        })
        let path = "Content/posts/005.md"
        try site.write(path, (site.read(path) ?? "") + "\nOne more sentence.\n")
        let edit = try site.build()
        #expect(edit.tookEditPath && edit.checkedOutputStamps && edit.written > 0)
        #expect(try Data(contentsOf: site.stampsFile) != oldStamps)
        // The files the edit wrote again, put back as the first build left them.
        let after = try site.output()
        let rewritten = before.keys.filter { before[$0] != after[$0] }.sorted()
        #expect(!rewritten.isEmpty)
        let newStamps = try #require(OutputStamps.read(site.stampsFile))
        #expect(newStamps.changed(in: site.root.appendingPathComponent("Output")).isEmpty)

        for written in rewritten {
            let page = site.root.appendingPathComponent("Output/" + written)
            try before[written]?.write(to: page)
            // (To the nanosecond: a `Date` cannot hold it.)
            let time = try #require(oldTimes[written])
            let times = [timespec(tv_sec: Int(time / 1_000_000_000), tv_nsec: Int(time % 1_000_000_000))]
            #expect(utimensat(AT_FDCWD, page.path, times + times, 0) == 0)
        }
        try oldStamps.write(to: site.stampsFile)
        #expect(try #require(OutputStamps.read(site.stampsFile)).changed(in: site.root.appendingPathComponent("Output")).isEmpty,
                "the old file finds nothing changed")
        let repaired = try site.build()
        #expect(repaired.written == rewritten.count && !repaired.checkedOutputStamps)
        try Self.compare(site, after: ["edit \(path)", "\(rewritten) and the stamps file of the build before put back"])
        // And the file written with it is trusted again: nothing to do.
        let again = try site.build()
        #expect(again.written == 0 && again.rendered == 0 && again.unchanged == repaired.unchanged + repaired.written)
        #expect(again.checkedOutputStamps)
    }

    /// A build that fails while writing (after it claimed its paths) leaves no stamps file the
    /// next build trusts; that build repairs everything.
    @Test func aBuildThatFailsWhileWritingLeavesNoTrustedStamps() throws {
        var random = Random(seed: 13)
        let site = try Self.makeSite(&random)
        _ = try site.build()
        let path = "Content/posts/005.md"
        try site.write(path, (site.read(path) ?? "") + "\nOne more sentence.\n")
        // The timeline's page cannot be written: a folder with a file in it took its place.
        let page = site.root.appendingPathComponent("Output/index.html")
        try FileManager.default.removeItem(at: page)
        try FileManager.default.createDirectory(at: page, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: page.appendingPathComponent("blocker"))
        #expect(throws: BuildFailure.self) { try site.build() }
        let database = try BuildDatabase(url: site.root.appendingPathComponent(".samizdat/build.sqlite"))
        #expect(try database.state(for: site.options.resolvedOutput) == nil, "the folder no longer counts as built")
        try FileManager.default.removeItem(at: page)
        let repaired = try site.build()
        #expect(!repaired.tookEditPath && repaired.written > 0)
        try Self.compare(site, after: ["edit \(path)", "index.html blocked, build failed", "unblocked"])
        try Self.checkStamps(site, after: ["edit \(path)", "index.html blocked, build failed", "unblocked"])
        #expect(try site.build().checkedOutputStamps)
    }

    /// A source's row goes when its file does: removed, skipped (a section's `_index.md`), or
    /// hidden behind another spelling of a name (NFC and NFD `café.md`, two files to Linux, one
    /// `String` to Swift).
    @Test func rowsOfFilesNoLongerReadAreRemoved() throws {
        var random = Random(seed: 14)
        let site = try Self.makeSite(&random)
        try site.write("Content/posts/caf\u{E9}.md", Self.post(&random, number: 40))
        _ = try site.build()
        let database = try BuildDatabase(url: site.root.appendingPathComponent(".samizdat/build.sqlite"))
        #expect(try Set(database.sources().keys).isSuperset(of: ["posts/001.md", "posts/002.md", "posts/café.md"]))

        // (One file gone, one more file read with a recorded row: counting rows read by file
        // instead of by path would find none missing.)
        try site.remove("Content/posts/001.md")
        try site.write("Content/posts/cafe\u{301}.md", Self.post(&random, number: 41))
        _ = try site.build()
        #expect(try !database.sources().keys.contains("posts/001.md"))
        try site.move("Content/posts/002.md", "Content/posts/section/_index.md")
        _ = try site.build()
        let rows = try database.sources().keys
        #expect(!rows.contains("posts/002.md") && !rows.contains("posts/section/_index.md"))
        #expect(rows.contains("posts/003.md"))
    }

    @Test func aFileRemovedFromTheOutputIsPutBack() throws {
        var random = Random(seed: 11)
        let site = try Self.makeSite(&random)
        _ = try site.build()
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Output/feed.xml"))
        try Data("tampered".utf8).write(to: site.root.appendingPathComponent("Output/tags/index.html"))
        let report = try site.build()
        #expect(report.written == 2 && report.checkedOutputStamps)
        try Self.compare(site, after: ["removed feed.xml, tampered tags/index.html"])
    }
}
