import Foundation
import Testing

@Suite("samizdat check")
struct CheckCommandTests {
    /// The basic fixture (a draft and a future post) with one problem of each kind planted.
    static func plantedSite() throws -> TestSite {
        let site = try TestSite(fixture: "basic-site")
        try site.write("Content/posts/2026/11/typo.md", """
            ---
            date: 2026-11-21 08:00
            tittle: A typo
            ---
            Text.

            """)
        try site.write("Content/posts/2026/11/links.md", """
            ---
            date: 2026-11-22 08:00
            ---
            A [gone post](/2020/01/01/gone/) and [the about page](/about) and a [draft](/2026/11/19/draft/).

            ![](/images/pic.svg)

            """)
        // The same address as 2026-11-20-hello.md.
        try site.write("Content/posts/2026/11/hello-again.md", "---\ndate: 2026-11-20 18:00\nslug: hello\n---\nAgain.\n")
        return site
    }

    @Test func findsEachPlantedProblemAndExitsWith1() throws {
        let site = try Self.plantedSite()
        defer { site.remove() }
        let result = try site.run("check")
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let expected = [
            "Content/posts/2026/11/typo.md:3:1: error: Unknown front matter key 'tittle'. Did you mean 'title'?",
        ]
        for line in expected {
            #expect(lines.contains(line), "missing: \(line)\n\(result.stderr)")
        }
        #expect(lines.contains { $0.hasPrefix("Content/posts/2026/11/hello-again.md") && $0.contains(": error: Output path '2026/11/20/hello/index.html' is also written by ") },
                "\(result.stderr)")
        #expect(result.stdout.contains("error"))
    }

    @Test func findsBrokenLinksMissingAltTextDraftsAndFuturePosts() throws {
        let site = try Self.plantedSite()
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/posts/2026/11/typo.md"))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/posts/2026/11/hello-again.md"))
        let result = try site.run("check")
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let expected = [
            "Content/posts/2026/11/draft.md:4:1: warning: Draft: it stays out of the site while it has 'draft: true' (pass --drafts to include it)",
            "Content/posts/2026/11/future.md:3:1: warning: Dated in the future ('2099-01-01'): it stays out of the site until then (pass --future to include it)",
            "Content/posts/2026/11/links.md:4:15: error: Link to '/2020/01/01/gone/' leads nowhere: no post, page or file of the site has that address",
            "Content/posts/2026/11/links.md:4:55: error: Link to '/about' names a folder: write '/about/' so it opens from disk too",
            "Content/posts/2026/11/links.md:4:77: error: Link to '/2026/11/19/draft/' leads nowhere: no post, page or file of the site has that address",
            "Content/posts/2026/11/links.md:6:13: warning: Image 'pic.svg' has no alt text. Describe it for people who cannot see it: ![what it shows](pic.svg)",
        ]
        for line in expected {
            #expect(lines.contains(line), "missing: \(line)\n\(result.stderr)")
        }
        #expect(lines.count == expected.count, "\(result.stderr)")
        #expect(result.stdout == "Checked 5 posts, 1 page: 3 errors, 3 warnings\n")

        // With --drafts the draft is published: no warning for it, and the link to it resolves.
        let withDrafts = try site.run("check", "--drafts")
        #expect(!withDrafts.stderr.contains("draft.md"))
        #expect(!withDrafts.stderr.contains("'/2026/11/19/draft/'"))
    }

    @Test func strictTurnsWarningsIntoErrors() throws {
        let site = try TestSite(fixture: "basic-site")
        defer { site.remove() }
        let relaxed = try site.run("check")
        #expect(relaxed.status == 0, "\(relaxed.stderr)")
        #expect(relaxed.stderr.contains("draft.md:4:1: warning: Draft:"))
        #expect(relaxed.stdout == "Checked 4 posts, 1 page: 0 errors, 2 warnings\n")

        let strict = try site.run("check", "--strict")
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("draft.md:4:1: error: Draft:"))
        #expect(!strict.stderr.contains("warning:"))
        #expect(strict.stdout == "Checked 4 posts, 1 page: 2 errors, 0 warnings\n")

        let included = try site.run("check", "--strict", "--drafts", "--future")
        #expect(included.status == 0, "\(included.stderr)")
        #expect(included.stdout == "Checked 6 posts, 1 page: 0 errors, 0 warnings\n")
    }

    @Test func writesNothingInTheSiteFolder() throws {
        let site = try Self.plantedSite()
        defer { site.remove() }
        let before = site.snapshot(".")
        #expect(try site.run("check").status == 1)
        #expect(site.snapshot(".") == before)
        #expect(!site.exists("Output") && !site.exists(".samizdat"))

        // After a build, the build database and the output are left exactly as they were.
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/posts/2026/11/typo.md"))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/posts/2026/11/hello-again.md"))
        try #require(try site.run("build").status == 0)
        let built = site.snapshot(".")
        let dates = try FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent(".samizdat").path).sorted()
        #expect(try site.run("check").status == 1)
        #expect(site.snapshot(".") == built)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent(".samizdat").path).sorted() == dates)
    }
}
