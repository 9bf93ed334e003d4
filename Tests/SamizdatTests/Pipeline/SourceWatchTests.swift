import Foundation
import Testing
@testable import Samizdat

/// How `samizdat serve` notices saves: the system names the paths something happened to
/// (`SourceEvents`), and the snapshot looks at those again (`SourceSnapshot.refresh`), which must
/// leave it as a scan of the whole site would: the build lists its files from it.
@Suite("Source watch")
struct SourceWatchTests {
    final class Site {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-watch-\(UUID().uuidString)")
        let fileManager = FileManager.default

        init() throws {
            try fileManager.createDirectory(at: root.appendingPathComponent("Content/posts"), withIntermediateDirectories: true)
            try write("site.yml", "title: Watched\n")
        }

        deinit { try? fileManager.removeItem(at: root) }

        func url(_ path: String) -> URL { root.appendingPathComponent(path) }

        /// Written in place (not through a temporary file), as most editors save.
        func write(_ path: String, _ text: String) throws {
            try fileManager.createDirectory(at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url(path))
        }
    }

    /// Random changes to a site, each followed by a `refresh` of the paths it touched (those
    /// the system names: the entry in its folder, both names of a move): the snapshot is then
    /// the one a new scan makes, and the changes are those two scans would show.
    @Test(arguments: [1, 2, 3, 4])
    func refreshingTheTouchedPathsGivesWhatAWholeScanGives(seed: UInt64) throws {
        let site = try Site()
        var random = SplitMix64(seed: seed)
        let folders = ["Content/posts", "Content/posts/2026/11", "Content/posts/2026/12", "Content/pages", "Public", "Public/.well-known",
                       "Public/images", "Templates", "Templates/partials", "content/posts", "static"]
        let names = ["a.md", "b.md", "c.txt", ".hidden.md", "photo.jpg", "index.md", ".git"]
        var snapshot = SourceSnapshot(site: site.root)
        var kept = 0
        for step in 0..<120 {
            var touched: [String] = []
            let folder = folders.randomElement(using: &random)!
            let path = folder + "/" + names.randomElement(using: &random)!
            switch random.next() % 10 {
            case 0, 1, 2, 3:
                // (Files written in new folders are named by the first new folder, as inotify names them.)
                let created = firstMissingFolder(of: path, in: site)
                // (A link is replaced, not written through: the write would land in its target, another path.)
                if (try? site.fileManager.destinationOfSymbolicLink(atPath: site.url(path).path)) != nil {
                    try site.fileManager.removeItem(at: site.url(path))
                }
                if (try? site.write(path, String(repeating: "x", count: Int(random.next() % 5)) + "step \(step)")) != nil {
                    touched.append(created ?? path)
                }
            case 4:
                try? site.fileManager.removeItem(at: site.url(path))
                touched.append(path)
            case 5:
                // A whole folder removed.
                try? site.fileManager.removeItem(at: site.url(folder))
                touched.append(folder)
            case 6:
                // A folder renamed (both names are told).
                let moved = folder + "-moved-\(step)"
                if (try? site.fileManager.moveItem(at: site.url(folder), to: site.url(moved))) != nil {
                    touched += [folder, moved]
                }
            case 7:
                // A link to a file inside the folder counts; one to a file outside does not; one to a folder does not.
                // (`b.md` may not be there yet: a link to it counts from when it comes.)
                let targets = ["Content/posts/a.md", "Content/posts/b.md", "/etc/hostname", "Content/posts"]
                let target = targets.randomElement(using: &random)!
                let created = firstMissingFolder(of: path, in: site)
                try? site.fileManager.removeItem(at: site.url(path))
                if (try? site.fileManager.createDirectory(at: site.url(folder), withIntermediateDirectories: true)) != nil,
                   (try? site.fileManager.createSymbolicLink(atPath: site.url(path).path,
                                                             withDestinationPath: target.hasPrefix("/") ? target : site.url(target).path)) != nil {
                    touched.append(created ?? path)
                }
            case 8:
                try site.write("site.yml", "title: Step \(step)\n")
                touched.append("site.yml")
            default:
                // A folder replaced by a file of the same name.
                try? site.fileManager.removeItem(at: site.url(folder))
                if (try? site.write(folder, "now a file")) != nil { touched.append(folder) }
            }
            let whole = SourceSnapshot(site: site.root)
            var refreshed = snapshot
            let changes = refreshed.refresh(touched)
            #expect(refreshed == whole, "step \(step): \(touched)")
            #expect(changes == whole.changes(since: snapshot), "step \(step): \(touched)")
            // What a build given the snapshot lists, instead of scanning (`BuildOptions.sourcesSeen`).
            for folder in SourceSnapshot.folders {
                let scanned = FileTree.scan(site.url(folder.name), includingHidden: folder.includingHidden)
                let listed = try #require(refreshed.entries(below: folder.name))
                #expect(listed.map(\.path) == scanned.map(\.path) && listed.map(\.stamp) == scanned.map(\.stamp), "step \(step): \(folder.name)")
            }
            if changes.isEmpty { kept += 1 }
            snapshot = whole
        }
        #expect(kept < 90, "steps change something")
    }

    /// A link's stamp is its target's: when the target is saved, only the target is named, and
    /// the link changes too.
    @Test func aLinkChangesWithItsTarget() throws {
        let site = try Site()
        try site.write("Content/posts/a.md", "first")
        try site.fileManager.createSymbolicLink(atPath: site.url("Content/posts/alias.md").path, withDestinationPath: site.url("Content/posts/a.md").path)
        var snapshot = SourceSnapshot(site: site.root)
        try site.write("Content/posts/a.md", "second, longer")
        #expect(snapshot.refresh(["Content/posts/a.md"]) == ["Content/posts/a.md", "Content/posts/alias.md"])
        #expect(snapshot == SourceSnapshot(site: site.root))
    }

    /// The first folder on the way to `path` that does not exist (what inotify names when a
    /// write makes several folders at once), if any.
    private func firstMissingFolder(of path: String, in site: Site) -> String? {
        var prefix = ""
        for part in path.split(separator: "/").dropLast() {
            prefix = prefix.isEmpty ? String(part) : prefix + "/" + part
            if !site.fileManager.fileExists(atPath: site.url(prefix).path) { return prefix }
        }
        return nil
    }

    /// A link to a file not there yet counts from when the file comes, though only the file is
    /// named; one whose target goes stops counting.
    @Test func aLinkCountsFromWhenItsTargetComes() throws {
        let site = try Site()
        try site.fileManager.createSymbolicLink(atPath: site.url("Content/posts/later.md").path, withDestinationPath: site.url("Content/posts/draft.md").path)
        var snapshot = SourceSnapshot(site: site.root)
        try site.write("Content/posts/draft.md", "now there")
        #expect(snapshot.refresh(["Content/posts/draft.md"]) == ["Content/posts/draft.md", "Content/posts/later.md"])
        #expect(snapshot == SourceSnapshot(site: site.root))
        try site.fileManager.removeItem(at: site.url("Content/posts/draft.md"))
        #expect(snapshot.refresh(["Content/posts/draft.md"]) == ["Content/posts/draft.md", "Content/posts/later.md"])
        #expect(snapshot == SourceSnapshot(site: site.root))
    }

    /// A folder replaced by a link to another: the scan does not enter it, so nothing below it
    /// counts, whatever order the paths named come in.
    @Test func nothingBelowALinkedFolderCounts() throws {
        let site = try Site()
        try site.write("Content/posts/a.md", "a")
        var snapshot = SourceSnapshot(site: site.root)
        try site.fileManager.moveItem(at: site.url("Content/posts"), to: site.url("Content/blog"))
        try site.fileManager.createSymbolicLink(atPath: site.url("Content/posts").path, withDestinationPath: site.url("Content/blog").path)
        try site.write("Content/blog/a.md", "a, saved again")
        let changes = snapshot.refresh(["Content/posts/a.md", "Content/posts", "Content/blog", "Content/blog/a.md"])
        #expect(changes == ["Content/blog/a.md", "Content/posts/a.md"])
        #expect(snapshot == SourceSnapshot(site: site.root))
    }

    /// Two names for one file (`café.md` in both Unicode normal forms, two files on Linux) are
    /// one key: such a snapshot does not stand in for a build's scan.
    @Test func twoSpellingsOfOneNameMakeTheBuildScan() throws {
        let site = try Site()
        try site.write("Content/posts/caf\u{E9}.md", "composed")
        var snapshot = SourceSnapshot(site: site.root)
        #expect(snapshot.entries(below: "Content") != nil)
        try site.write("Content/posts/cafe\u{301}.md", "decomposed")
        #if os(Linux)
        #expect(FileTree.scan(site.url("Content")).count == 2)
        #expect(SourceSnapshot(site: site.root).entries(below: "Content") == nil)
        // Also when the second comes while serving (named alone).
        _ = snapshot.refresh(["Content/posts/cafe\u{301}.md"])
        #expect(snapshot.entries(below: "Content") == nil)
        #endif
    }

    #if os(Linux)
    /// Waits for the events of one change (a generous deadline: nothing waits on it when events come).
    private func wait(_ events: SourceEvents) throws -> Set<String> {
        try events.wait(timeout: .seconds(20))
    }

    @Test func aSavedFileIsNamedAndWhatNoBuildReadsIsNot() throws {
        let site = try Site()
        try site.write("Content/posts/a.md", "first")
        try site.write("Public/robots.txt", "User-agent: *\n")
        let events = try SourceEvents(site: site.root)

        try site.write("Content/posts/a.md", "second")
        #expect(try wait(events) == ["Content/posts/a.md"])

        // An editor's swap file, the build's own folders, a folder no build reads: then a save.
        try site.write("Content/posts/.a.md.swp", "swap")
        try site.write(".samizdat/build.sqlite", "x")
        try site.write("Output/index.html", "x")
        try site.write("Drafts/idea.md", "x")
        try site.write("Public/.well-known/security.txt", "contact")
        #expect(try wait(events) == ["Public/.well-known"])
        try site.write("site.yml", "title: Renamed\n")
        #expect(try wait(events) == ["site.yml"])
    }

    @Test func newAndMovedFoldersAreWatchedToo() throws {
        let site = try Site()
        let events = try SourceEvents(site: site.root)
        var snapshot = SourceSnapshot(site: site.root)

        // `mkdir -p` and a file at once: the new folder is named, and its refresh finds the file.
        try site.write("Content/posts/2027/01/new.md", "new")
        let first = try wait(events)
        #expect(first.contains("Content/posts/2027"))
        #expect(snapshot.refresh(first) == ["Content/posts/2027/01/new.md"])
        // The new folders are watched from then on.
        try site.write("Content/posts/2027/01/newer.md", "newer")
        #expect(try wait(events) == ["Content/posts/2027/01/newer.md"])

        // A folder moved: the files below it are named by their new path.
        try site.fileManager.moveItem(at: site.url("Content/posts/2027"), to: site.url("Content/archive"))
        #expect(try wait(events) == ["Content/posts/2027", "Content/archive"])
        try site.write("Content/archive/01/moved.md", "moved")
        #expect(try wait(events) == ["Content/archive/01/moved.md"])

        // A folder the build reads made after the watch began (`Templates/`).
        try site.write("Templates/post.mustache", "{{{page.content}}}")
        let templates = try wait(events)
        #expect(templates.contains("Templates"))
        #expect(snapshot.refresh(templates).contains("Templates/post.mustache"))
        try site.write("Templates/partials/footer.mustache", "footer")
        #expect(try wait(events).contains("Templates/partials"))
        try site.write("Templates/partials/footer.mustache", "footer, again")
        #expect(try wait(events) == ["Templates/partials/footer.mustache"])
    }

    /// `Public` a link to Hugo's `static` (or `Content` and `content` on a file system that
    /// ignores case): one folder watched under both names, a save named under both.
    @Test func aFolderWithTwoNamesIsNamedByBoth() throws {
        let site = try Site()
        try site.write("static/robots.txt", "User-agent: *\n")
        try site.fileManager.createSymbolicLink(atPath: site.url("Public").path, withDestinationPath: site.url("static").path)
        let events = try SourceEvents(site: site.root)
        var snapshot = SourceSnapshot(site: site.root)
        try site.write("static/robots.txt", "User-agent: *\nDisallow:\n")
        let named = try wait(events)
        #expect(named == ["Public/robots.txt", "static/robots.txt"])
        #expect(snapshot.refresh(named) == ["Public/robots.txt", "static/robots.txt"])
        #expect(try #require(snapshot.entries(below: "Public")).map(\.stamp) == FileTree.scan(site.url("Public"), includingHidden: true).map(\.stamp))
    }

    /// The system's limit reached by a new folder: the next wait says so (the server then scans).
    @Test func aNewFolderPastTheLimitEndsTheWatch() throws {
        let site = try Site()
        // The site's folder, Content/ and Content/posts/: room for one more.
        let events = try SourceEvents(site: site.root, limit: 4)
        try site.write("Content/posts/2026/a.md", "fits")
        #expect(try wait(events).contains("Content/posts/2026"))
        try site.write("Content/posts/2027/b.md", "does not fit")
        #expect(throws: SourceEvents.Unavailable.self) { try wait(events) }
        #expect(throws: SourceEvents.Unavailable.self) { try events.wait(timeout: .milliseconds(1)) }
    }

    /// Stopped (the server scans from then on): its watches are given back, and it waits no more.
    @Test func aStoppedWatchWaitsNoMore() throws {
        let site = try Site()
        let events = try SourceEvents(site: site.root)
        events.stop()
        #expect(throws: SourceEvents.Unavailable.self) { try events.wait(timeout: .seconds(20)) }
    }

    @Test func nothingHappeningIsAnEmptyAnswerAfterTheTimeout() throws {
        let site = try Site()
        let events = try SourceEvents(site: site.root)
        #expect(try events.wait(timeout: .milliseconds(1)).isEmpty)
    }
    #endif
}
