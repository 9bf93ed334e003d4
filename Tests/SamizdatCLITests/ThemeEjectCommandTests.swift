import Foundation
import Testing

/// `samizdat theme eject`: the built-in theme's files copied into Templates/, never over the
/// author's own.
@Suite("theme eject command")
struct ThemeEjectCommandTests {
    /// The theme's files, as the repository's Templates/ holds them (the binary embeds that copy).
    static var themeFiles: [String] {
        TestSite(existing: Paths.repository).files(in: "Templates")
    }

    @Test func ejectWithoutNamesCopiesTheWholeThemeAndTheSiteBuildsTheSame() throws {
        let site = try TestSite(fixture: "basic-site")
        defer { site.remove() }
        #expect(try site.run("build").status == 0)
        let before = site.snapshot()
        let result = try site.run("theme", "eject")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Copied into Templates/ (edit them there):\n" + Self.themeFiles.map { "  Templates/\($0)\n" }.joined(), "\(result.stdout)")
        #expect(site.files(in: "Templates") == Self.themeFiles)
        for file in Self.themeFiles {
            #expect(site.read("Templates/" + file) == TestSite(existing: Paths.repository).read("Templates/" + file), "\(file)")
        }
        let built = try site.run("build")
        #expect(built.status == 0, "\(built.stderr)")
        #expect(site.snapshot() == before, "the ejected theme makes the same site")
    }

    @Test func ejectNamedFilesAcceptsTemplateNamesAndPaths() throws {
        let site = try TestSite()
        defer { site.remove() }
        let result = try site.run("theme", "eject", "post", "partials/header.mustache", "Templates/style.css", "post")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            Copied into Templates/ (edit them there):
              Templates/post.mustache
              Templates/partials/header.mustache
              Templates/style.css

            """)
        #expect(site.files(in: "Templates") == ["partials/header.mustache", "post.mustache", "style.css"])
    }

    @Test func ejectNeverOverwritesAndSaysWhatItSkipped() throws {
        let site = try TestSite(["Templates/post.mustache": "mine\n"])
        defer { site.remove() }
        let result = try site.run("theme", "eject", "post", "page")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            Copied into Templates/ (edit them there):
              Templates/page.mustache
            Skipped, already in Templates/:
              Templates/post.mustache

            """)
        #expect(site.read("Templates/post.mustache") == "mine\n")
    }

    @Test func anUnknownNameSuggestsTheClosestAndCopiesNothing() throws {
        let site = try TestSite()
        defer { site.remove() }
        let result = try site.run("theme", "eject", "page", "psot")
        #expect(result.status == 64)
        #expect(result.stderr.contains("Error: The theme has no file 'psot'. Did you mean 'post'? Its files: 404, alias, archive,"), "\(result.stderr)")
        #expect(!site.exists("Templates"))
    }

    @Test func ejectOutsideASiteIsAnError() throws {
        let folder = try TestSite([:], config: nil)
        defer { folder.remove() }
        let result = try folder.run("theme", "eject", "--site", "nope")
        #expect(result.status == 1)
        let path = folder.root.appendingPathComponent("nope").standardizedFileURL.path
        #expect(result.stderr == "samizdat: error: The folder \(path) does not exist. Pass --site with the site's folder, or run 'samizdat init \(path)' to start a site there\n")
    }
}
