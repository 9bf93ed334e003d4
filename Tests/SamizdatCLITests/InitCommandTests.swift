import Foundation
import Testing

/// `samizdat init`: a site that builds at once, and never a file overwritten.
@Suite("init command")
struct InitCommandTests {
    /// An empty temporary folder to run `init` in (not a site: no site.yml).
    static func emptyFolder() throws -> TestSite {
        try TestSite([:], config: nil)
    }

    @Test func initThenBuildGivesAValidSiteWithoutWarnings() throws {
        let folder = try Self.emptyFolder()
        defer { folder.remove() }
        let created = try folder.run(["init", "notes", "--title", "Mes notes: à moi", "--base-url", "https://notes.example/", "--language", "fr"],
                                     environment: ["TZ": "Europe/Paris"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stderr.isEmpty, "\(created.stderr)")
        let site = TestSite(existing: folder.root.appendingPathComponent("notes"))
        let posts = site.files(in: "Content/posts")
        #expect(posts.count == 1, "one first post: \(posts)")
        let post = try #require(posts.first)
        #expect(post.wholeMatch(of: /\d{4}\/\d{2}\/\d{2}-\d{6}\.md/) != nil, "\(post)")
        let lines = created.stdout.split(separator: "\n").map(String.init)
        #expect(lines == [
            "Created in notes:", "  site.yml", "  Content/posts/\(post)", "  .gitignore", "  Content/about.md", "  Public/",
            "Next:", "  cd notes", "  \(Paths.binary.path) new \"My second post\"", "  \(Paths.binary.path) build",
        ], "\(created.stdout)")
        let config = try #require(site.read("site.yml"))
        #expect(config.contains("title: \"Mes notes: à moi\"\n"))
        #expect(config.contains("base_url: \"https://notes.example/\"\n"))
        #expect(config.contains("language: \"fr\"\n"))
        #expect(config.contains("timezone: \"Europe/Paris\"\n"))
        #expect(site.read(".gitignore") == "Output/\n.samizdat/\n")

        let built = try site.run("build")
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stderr.isEmpty, "a new site builds without a warning: \(built.stderr)")
        #expect(built.stdout.hasPrefix("Built 1 post, 1 page, "), "\(built.stdout)")
        let home = try #require(site.read("Output/index.html"))
        #expect(home.contains("<html lang=\"fr\">"))
        #expect(home.contains("Mes notes: à moi"))
        #expect(site.exists("Output/about/index.html"))
        if Validators.available {
            let errors = try Validators.nuHTMLCheckerErrors(root: site.root.appendingPathComponent("Output"), css: false)
            #expect(errors.isEmpty, "\(errors.joined(separator: "\n"))")
            let feeds = try Validators.checkFeeds(output: site.root.appendingPathComponent("Output"), baseURL: "https://notes.example/", expectPosts: 1)
            #expect(feeds.status == 0, "\(feeds.output)")
        }
    }

    @Test func initWithoutOptionsInTheCurrentFolderTellsToSetTheAddress() throws {
        let folder = try Self.emptyFolder()
        defer { folder.remove() }
        let result = try folder.run(["init"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Created in .:\n  site.yml\n"), "\(result.stdout)")
        #expect(result.stdout.hasSuffix("""
            Set base_url in site.yml to the site's public address before you publish.
            Next:
              \(Paths.binary.path) new "My second post"
              \(Paths.binary.path) build
              open Output/index.html in a browser

            """), "\(result.stdout)")
        #expect(folder.read("site.yml")?.contains("base_url: \"https://example.org/\"") == true)
        #expect(try folder.run("build").status == 0)
    }

    @Test func initInAFolderWithSomeFilesAddsOnlyWhatIsMissing() throws {
        let site = try TestSite(["Content/posts/mine.md": "---\ndate: 2026-01-01\n---\nMine\n", ".gitignore": "build/\n"])
        defer { site.remove() }
        let config = try #require(site.read("site.yml"))
        let result = try site.run("init", ".")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("""
            Created in .:
              Content/about.md
              Public/
            Skipped, already there:
              site.yml
              .gitignore
              Content/posts/

            """), "\(result.stdout)")
        #expect(site.read("site.yml") == config, "site.yml is never overwritten")
        #expect(site.read(".gitignore") == "build/\n")
        #expect(site.files(in: "Content/posts") == ["mine.md"], "a site with posts gets no sample post")

        let again = try site.run("init")
        #expect(again.status == 0)
        #expect(again.stdout.contains("Nothing to add: . already has everything a site needs."), "\(again.stdout)")
    }

    @Test func initIntoAFileIsAnError() throws {
        let folder = try Self.emptyFolder()
        defer { folder.remove() }
        try folder.write("notes", "a file")
        let result = try folder.run("init", "notes")
        #expect(result.status == 1)
        let path = folder.root.appendingPathComponent("notes").standardizedFileURL.path
        #expect(result.stderr == "samizdat: error: Cannot start a site in \(path): it is a file, not a folder. Give the name of a new or existing folder\n")
        #expect(folder.read("notes") == "a file")
    }

    @Test(arguments: [["init", "x", "--base-url", "notaurl"], ["init", "x", "--language", "French"], ["init", "x", "--colour"]])
    func badUsageExits64BeforeAnyWork(_ arguments: [String]) throws {
        let folder = try Self.emptyFolder()
        defer { folder.remove() }
        let result = try folder.run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(!folder.exists("x"))
    }
}
