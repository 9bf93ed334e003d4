import Foundation
import Testing
@testable import Samizdat

/// The edit path (`EditPath`): a build in which only posts' texts changed looks only at the
/// pages and feeds that show them. Whether it built the right files is what the incremental
/// tests check after every random edit (each build compared with a clean one); these check
/// when it is taken, and that it finds every output whose inputs changed.
@Suite("Edit path")
struct EditPathTests {
    typealias Workspace = IncrementalBuildTests.Workspace

    /// For every post of a random site (threads, pinned posts, tags, categories, a bundle), the
    /// outputs `InputDigests.shows` picks are exactly those whose digest changes when that post's
    /// record changes: none is left out (it would stay stale), none made for nothing.
    @Test(arguments: [3, 7] as [UInt64])
    func theOutputsPickedAreThoseWhoseDigestChanges(seed: UInt64) throws {
        var random = IncrementalBuildTests.Random(seed: seed)
        let workspace = try IncrementalBuildTests.makeSite(&random)
        let (config, problems) = SiteConfig.parse(yaml: workspace.read("site.yml") ?? "", file: workspace.root.appendingPathComponent("site.yml"))
        #expect(!problems.hasErrors)
        func load() -> (ContentLoader.Loaded, Site) {
            var loaded = ContentLoader.load(from: workspace.root.appendingPathComponent("Content"), parser: ContentParser(config: config))
            _ = SourceLinks.resolve(posts: &loaded.posts, pages: &loaded.pages)
            return (loaded, Site(config: config, posts: loaded.posts, pages: loaded.pages, now: workspace.now, includeDrafts: false, includeFuture: false))
        }
        // A thread of three: a post of the site, a reply to it, and a reply to the reply.
        let target = load().1.posts[5].path
        try workspace.write("Content/posts/thread-1.md", IncrementalBuildTests.post(&random, number: 301, year: 2025, replyTo: target))
        let reply = try #require(load().1.posts.first { $0.sourcePath == "posts/thread-1.md" }).path
        try workspace.write("Content/posts/thread-2.md", IncrementalBuildTests.post(&random, number: 302, year: 2025, replyTo: reply))
        let (loaded, site) = load()
        #expect(site.threads.contains { $0.posts.count >= 3 } && !site.tags.isEmpty && !site.taxonomies.isEmpty)
        let plan = SitePlan(site: site)
        let feeds = Feed.plans(for: site)
        let templates = try TemplateLibrary.load(overridesIn: nil).get()
        let before = InputDigests(site: site, templates: templates, settings: "settings", recordDigests: loaded.recordDigests)
        let sitemap = Sitemap(plan: plan, site: site)
        // Posts' keys made when first asked for are the ones made all at once.
        let asked = InputDigests(site: site, templates: templates, settings: "settings", recordDigests: loaded.recordDigests, keysWhenAsked: true)
        for entry in plan.entries.reversed() {
            #expect(asked.page(entry, site: site) == before.page(entry, site: site), "\(entry.outputPath)")
        }
        for feed in feeds {
            for file in feed.files {
                #expect(asked.feed(feed, kind: file.kind, page: file.page) == before.feed(feed, kind: file.kind, page: file.page), "\(file.path)")
            }
        }
        for post in site.posts {
            var records = loaded.recordDigests
            records[post.sourcePath] = "edited"
            let after = InputDigests(site: site, templates: templates, settings: "settings", recordDigests: records)
            let changed = EditPath.changedPosts(EditPath.Changes(paths: [post.sourcePath], dates: [post.date]), in: site)
            let picked = EditPath.selection(showing: changed, site: site, plan: plan, feeds: feeds)
            // The same in chunks of any size (the plan has fewer entries than one usual chunk).
            for chunk in [1, 7, 64] {
                let inChunks = EditPath.selection(showing: changed, site: site, plan: plan, feeds: feeds, chunk: chunk)
                #expect(inChunks.entries == picked.entries && inChunks.feedFiles == picked.feedFiles, "chunks of \(chunk)")
            }
            for (index, entry) in plan.entries.enumerated() {
                let differs = before.page(entry, site: site) != after.page(entry, site: site)
                #expect(picked.entries.contains(index) == differs, "\(entry.outputPath) after an edit of \(post.sourcePath)")
            }
            for feed in feeds {
                for file in feed.files {
                    let differs = before.feed(feed, kind: file.kind, page: file.page) != after.feed(feed, kind: file.kind, page: file.page)
                    #expect(picked.feedFiles.contains(file.path) == differs, "\(file.path) after an edit of \(post.sourcePath)")
                }
            }
            for path in sitemap.paths {
                #expect(before.sitemap(sitemap, path: path) == after.sitemap(sitemap, path: path), "the sitemap shows no post's text")
            }
        }
    }

    /// The edited posts are found among posts of the same date, at either end of the site, and
    /// a date no post has finds none; each with its direct replies.
    @Test func theEditedPostsAreFoundByDateAndPath() throws {
        let dates = ["2026-11-03", "2026-11-02", "2026-11-02", "2026-11-02", "2026-11-01", "2026-10-30"]
        var posts = try dates.enumerated().map { index, date in try SitePlanTests.post("p\(index)", "date: \(date)") }
        posts.append(try SitePlanTests.post("reply", "date: 2026-11-04\nreply_to: \(posts[2].path)"))
        let site = Site(config: SitePlanTests.config(), posts: posts.shuffled(), pages: [], now: Date(timeIntervalSince1970: 1_800_000_000),
                        includeDrafts: false, includeFuture: false)
        func changed(_ names: [String]) -> [String] {
            let edited = names.map { name in posts.first { $0.slug == name }! }
            let changes = EditPath.Changes(paths: Set(edited.map(\.sourcePath)), dates: Set(edited.map(\.date)))
            return EditPath.changedPosts(changes, in: site).map { site.posts[$0].slug }.sorted()
        }
        #expect(changed(["p0"]) == ["p0"])
        #expect(changed(["p5"]) == ["p5"])
        #expect(changed(["p1", "p3"]) == ["p1", "p3"])
        #expect(changed(["p2"]) == ["p2", "reply"])
        #expect(changed(["reply"]) == ["reply"])
        #expect(EditPath.changedPosts(EditPath.Changes(paths: ["posts/p1.md"], dates: [posts[0].date]), in: site).isEmpty)
        #expect(EditPath.changedPosts(EditPath.Changes(paths: ["posts/p1.md"], dates: [Date(timeIntervalSince1970: 0)]), in: site).isEmpty)
    }

    /// An edit of a post's text takes the edit path; an edit that may change the site's shape
    /// (front matter, a hashtag, a new post, a file next to a post, a page, the settings) or a
    /// file of the output changed by hand does not, and each build is what a clean build makes.
    @Test func onlyEditsOfPostsTextsTakeIt() throws {
        var random = IncrementalBuildTests.Random(seed: 11)
        let site = try IncrementalBuildTests.makeSite(&random)
        let first = try site.build()
        #expect(!first.tookEditPath)

        func edit(_ what: String, takes expected: Bool, _ change: () throws -> Void) throws {
            try change()
            let report = try site.build()
            #expect(report.tookEditPath == expected, "\(what)")
            try IncrementalBuildTests.compare(site, after: [what])
        }
        let path = "Content/posts/005.md"
        try edit("a sentence added", takes: true) { try site.write(path, (site.read(path) ?? "") + "\nOne more sentence.\n") }
        try edit("a reply's parent edited", takes: true) {
            try site.write("Content/posts/000.md", (site.read("Content/posts/000.md") ?? "") + "\nThe thread's first post, edited.\n")
        }
        try edit("two posts edited at once", takes: true) {
            try site.write("Content/posts/010.md", (site.read("Content/posts/010.md") ?? "") + "\nTen.\n")
            try site.write("Content/posts/011.md", (site.read("Content/posts/011.md") ?? "") + "\nEleven.\n")
        }
        try edit("a hashtag added", takes: false) { try site.write(path, (site.read(path) ?? "") + "\nNow with #newtag.\n") }
        try edit("a summary given", takes: false) {
            let text = site.read(path) ?? ""
            try site.write(path, text.replacingOccurrences(of: "---\n", with: "---\nsummary: In short\n", options: [],
                                                           range: text.startIndex..<text.index(text.startIndex, offsetBy: 4)))
        }
        try edit("a post added", takes: false) { try site.write("Content/posts/new.md", IncrementalBuildTests.post(&random, number: 77)) }
        try edit("a file next to a post", takes: false) { try site.write("Content/posts/bundle/notes.txt", "a file\n") }
        try edit("the about page", takes: false) { try site.write("Content/about.md", "---\ntitle: About\n---\nAbout me, again.\n") }
        try edit("site.yml", takes: false) {
            try site.write("site.yml", (site.read("site.yml") ?? "").replacingOccurrences(of: "title: Incremental", with: "title: Incremental!"))
        }
        try edit("a sentence again", takes: true) { try site.write(path, (site.read(path) ?? "") + "\nAnd another.\n") }

        // A second output folder (a mirror's, with its own address) built from the same sources:
        // an edit its last build did not see, because another folder's build read it first, is
        // not taken for "nothing changed here".
        var mirror = site.options
        mirror.outputDirectory = site.root.appendingPathComponent("Mirror")
        mirror.baseURL = "https://mirror.example/"
        func buildMirror() throws -> BuildReport {
            do { return try Builder.build(mirror) } catch { throw IncrementalBuildTests.BuildFailure(diagnostics: error.diagnostics) }
        }
        _ = try buildMirror()
        try edit("an edit seen by the site's folder first", takes: true) { try site.write(path, (site.read(path) ?? "") + "\nFor both.\n") }
        let late = try buildMirror()
        #expect(!late.tookEditPath && late.written > 0)
        var clean = mirror
        let sink = MemorySink()
        clean.sink = sink
        clean.clean = true
        _ = try Builder.build(clean)
        for (file, data) in sink.contents {
            #expect(FileManager.default.contents(atPath: mirror.outputDirectory!.appendingPathComponent(file).path) == data, "Mirror/\(file)")
        }

        // A Markdown file shown as an image by a post next to it is copied again when it changes.
        try site.write("Content/posts/bundle/notes.md", "---\ndate: 2025-02-02 10:00\n---\nNotes.\n")
        try edit("a post showing a Markdown file", takes: false) {
            let bundle = "Content/posts/bundle/index.md"
            try site.write(bundle, (site.read(bundle) ?? "") + "\n![the notes](notes.md)\n")
        }
        try edit("the Markdown file shown", takes: false) {
            try site.write("Content/posts/bundle/notes.md", "---\ndate: 2025-02-02 10:00\n---\nNotes, edited.\n")
        }

        // A page of the output changed by hand is put back, by the usual path.
        let page = try #require(try site.output().keys.first { $0.hasPrefix("20") && $0.hasSuffix("/index.html") })
        try edit("an output page changed by hand", takes: false) {
            try site.write("Output/" + page, "changed by hand\n")
            try site.write(path, (site.read(path) ?? "") + "\nAnd a third.\n")
        }
    }
    /// A text edit after a build that kept the site's shape (`SiteShape`) makes the site from it,
    /// its posts decoded only where pages show them; an edit that changes what the kept file says
    /// (a warning more, a link to another content file), a shape file lost or damaged, or a site
    /// whose posts are not as their records give them (an unknown layout) is made from its posts.
    /// Each build is what a clean build makes.
    @Test func theKeptShapeIsUsedOnlyWhereItIsTheSite() throws {
        var random = IncrementalBuildTests.Random(seed: 21)
        let site = try IncrementalBuildTests.makeSite(&random)
        // (No two tags on one page, which would renumber one and change posts' links.)
        for number in 0..<30 {
            let path = String(format: "Content/posts/%03d.md", number)
            try site.write(path, (site.read(path) ?? "").replacingOccurrences(of: "\"c#\"", with: "\"zig\"").replacingOccurrences(of: "\"Swift\"", with: "\"swift\"")
                .replacingOccurrences(of: "\"cafe\"", with: "\"café\""))
        }
        // A file of the posts' folder without a date (a page), and a post whose photo is a link
        // to a file outside the site (which the frame does not see).
        try site.write("Content/posts/undated.md", "---\ntitle: Undated\n---\nNo date, so a page.\n")
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        let images = Repository.root.appendingPathComponent("Tests/Fixtures/images")
        try FileManager.default.copyItem(at: images.appendingPathComponent("rgb-3x2.png"), to: outside.appendingPathComponent("photo.png"))
        try FileManager.default.createSymbolicLink(at: site.root.appendingPathComponent("Content/posts/linked.png"),
                                                   withDestinationURL: outside.appendingPathComponent("photo.png"))
        try site.write("Content/posts/linked.md", "---\ndate: 2025-04-04 10:00\nphotos:\n  - {src: linked.png, alt: Linked}\n---\nA linked photo.\n")
        _ = try site.build()
        let shapes = { (try? FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent(".samizdat").path))?
            .filter { $0.hasPrefix("shape-") && $0.hasSuffix(".bin") } ?? [] }
        #expect(shapes().count == 1)
        let shapeFile = ".samizdat/" + (shapes().first ?? "")

        func edit(_ what: String, editPath: Bool = true, kept: Bool, readsChangedOnly: Bool = true, _ change: () throws -> Void) throws {
            try change()
            let report = try site.build()
            #expect(report.tookEditPath == editPath, "\(what)")
            #expect(report.usedKeptShape == kept, "\(what)")
            #expect(report.readChangedSourcesOnly == (kept && readsChangedOnly), "\(what)")
            try IncrementalBuildTests.compare(site, after: [what])
            // The warnings too are a clean build's (the kept shape's stand for the site's).
            var clean = site.options
            clean.sink = MemorySink()
            clean.clean = true
            #expect(report.warnings == (try Builder.build(clean)).warnings, "\(what)")
        }
        let path = "Content/posts/005.md"
        try edit("a sentence added", kept: true) { try site.write(path, (site.read(path) ?? "") + "\nOne more sentence.\n") }
        try edit("a reply's parent edited", kept: true) {
            try site.write("Content/posts/000.md", (site.read("Content/posts/000.md") ?? "") + "\nThe thread's first post, edited.\n")
        }
        try edit("the undated page's neighbour edited", kept: true) {
            try site.write("Content/posts/006.md", (site.read("Content/posts/006.md") ?? "") + "\nBeside the undated page.\n")
        }
        // The linked photo's file changed outside the site: the post that shows it is read again.
        try edit("the linked photo changed, and a post edited", editPath: false, kept: false) {
            try FileManager.default.removeItem(at: outside.appendingPathComponent("photo.png"))
            try FileManager.default.copyItem(at: images.appendingPathComponent("palette-3x2.gif"), to: outside.appendingPathComponent("photo.png"))
            try site.write(path, (site.read(path) ?? "") + "\nWith the photo changed.\n")
        }
        try edit("a post with a warning now", kept: false) { try site.write(path, (site.read(path) ?? "") + "\n{: .note} and more text\n") }
        try edit("a sentence after it", kept: true) { try site.write(path, (site.read(path) ?? "") + "\nStill warned.\n") }
        try edit("its warning gone", kept: false) {
            try site.write(path, (site.read(path) ?? "").replacingOccurrences(of: "{: .note} and more text", with: "and more text"))
        }
        // (A link to another content file changes the links every page's digest holds: not the edit path.)
        try edit("a link to another post's file", editPath: false, kept: false) { try site.write(path, (site.read(path) ?? "") + "\nSee [this](007.md).\n") }
        // (A site whose posts link to content files keeps no shape.)
        try edit("a sentence beside the link", kept: false) { try site.write(path, (site.read(path) ?? "") + "\nAnd this.\n") }
        try edit("the link gone", editPath: false, kept: false) {
            try site.write(path, (site.read(path) ?? "").replacingOccurrences(of: "See [this](007.md).", with: "See this."))
        }
        try edit("a sentence again", kept: true) { try site.write(path, (site.read(path) ?? "") + "\nAgain.\n") }
        try edit("the shape file removed", kept: false) {
            try site.remove(shapeFile)
            try site.write(path, (site.read(path) ?? "") + "\nOnce more.\n")
        }
        try edit("then another sentence", kept: true) { try site.write(path, (site.read(path) ?? "") + "\nAnd more.\n") }
        // Without the Markdown files' stamps, every row is read; the shape is used all the same.
        let sourceStampsFile = shapeFile.replacingOccurrences(of: "/shape-", with: "/sources-").replacingOccurrences(of: ".bin", with: ".stamps")
        try edit("the sources' stamps file removed", kept: true, readsChangedOnly: false) {
            try site.remove(sourceStampsFile)
            try site.write(path, (site.read(path) ?? "") + "\nStamps gone.\n")
        }
        try edit("and a sentence after that", kept: true) { try site.write(path, (site.read(path) ?? "") + "\nStamps back.\n") }
        try edit("the sources' stamps file damaged", kept: true, readsChangedOnly: false) {
            var bytes = try Data(contentsOf: site.root.appendingPathComponent(sourceStampsFile))
            bytes[bytes.count - 1] ^= 0x01
            try bytes.write(to: site.root.appendingPathComponent(sourceStampsFile))
            try site.write(path, (site.read(path) ?? "") + "\nStamps damaged.\n")
        }
        try edit("the shape file damaged", kept: false) {
            var bytes = try Data(contentsOf: site.root.appendingPathComponent(shapeFile))
            bytes[bytes.count / 2] ^= 0x20
            try bytes.write(to: site.root.appendingPathComponent(shapeFile))
            try site.write(path, (site.read(path) ?? "") + "\nDamaged.\n")
        }
        try edit("an unknown layout", editPath: false, kept: false) {
            let other = "Content/posts/009.md", text = site.read(other) ?? ""
            try site.write(other, "---\nlayout: nosuch\n" + text.dropFirst(4))
        }
        try edit("a sentence with the layout unknown", kept: false) { try site.write(path, (site.read(path) ?? "") + "\nUnknown layout.\n") }
    }
}
