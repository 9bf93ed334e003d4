import Foundation
import Testing

/// Values read from files that the build cannot use: refused with the place and the fix, or
/// cleaned with a warning. Never a crash.
@Suite("Validation")
struct ValidationTests {
    /// ICU knows these names, the system's tzdata does not; `DateFormatter` stopped the process
    /// with SIGILL (exit 132) and no message before `site.yml` was checked for it.
    @Test(arguments: [("US/Pacific-New", "America/Los_Angeles"), ("SystemV/AST4", "America/Puerto_Rico")])
    func aTimeZoneTheFormatterCannotUseIsAnErrorInSiteYml(name: String, replacement: String) throws {
        #if !canImport(Darwin)
        let site = try TestSite(fixture: "basic-site")
        defer { site.remove() }
        try #require(try site.run("build").status == 0)
        let before = site.snapshot()
        let config = try #require(site.read("site.yml"))
        try site.write("site.yml", config.replacingOccurrences(of: "timezone: Europe/Paris", with: "timezone: \(name)"))

        let result = try site.run("build")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains(
            "site.yml:5:1: error: Time zone '\(name)' is an old name that the time zone database no longer has. Use '\(replacement)'"),
            "\(result.stderr)")
        #expect(result.stderr.hasSuffix("nothing was written.\n"))
        #expect(site.snapshot() == before, "a failed build must leave Output/ exactly as it was")
        #endif
    }

    /// Paging multiplies `posts_per_page`: Int.max overflowed and stopped the process (exit 132).
    @Test func aHugePostsPerPageIsAnErrorInSiteYml() throws {
        let site = try TestSite(fixture: "basic-site")
        defer { site.remove() }
        try #require(try site.run("build").status == 0)
        let before = site.snapshot()
        let config = try #require(site.read("site.yml"))
        try site.write("site.yml", config.replacingOccurrences(of: "posts_per_page: 2", with: "posts_per_page: 9223372036854775807"))
        let result = try site.run("build")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("site.yml:6:1: error: 'posts_per_page' must be at most 100000; found '9223372036854775807'"), "\(result.stderr)")
        #expect(site.snapshot() == before)
    }

    @Test func controlCharactersAreRemovedFromPagesAndFeedsWithAWarning() throws {
        let site = try TestSite([
            "Content/posts/ctl.md": "---\ntitle: \"Bell\\a and NEL\\x85\"\ndate: 2026-01-02 10:00\nupdated: 2026-01-01\n---\nText with a C1\u{90} control\nand DEL\u{7F} too, plus &#133; a reference.\n",
        ], config: TestSite.minimalConfig.replacingOccurrences(of: "title: Test site", with: "title: Test\u{85} site"))
        defer { site.remove() }
        let result = try site.run("build")
        #expect(result.status == 0, "\(result.stderr)")
        for line in [
            "site.yml:1:12: warning: Removed control character U+0085",
            "Content/posts/ctl.md:2:1: warning: Removed control character U+0007 and 1 more from 'title'",
            "Content/posts/ctl.md:4:1: warning: 'updated' '2026-01-01' is earlier than 'date' '2026-01-02 10:00'; it was ignored.",
            "Content/posts/ctl.md:6:15: warning: Removed control character U+0090",
            "Content/posts/ctl.md:7:8: warning: Removed control character U+007F",
            "Content/posts/ctl.md: warning: Removed control character U+0085 that a character reference such as '&#133;' produces",
        ] {
            #expect(result.stderr.contains(line), "expected \(line) in:\n\(result.stderr)")
        }
        let outputs = ["Output/2026/01/02/ctl/index.html", "Output/index.html", "Output/feed.xml", "Output/atom.xml", "Output/feed.json"]
        for path in outputs {
            let text = try #require(site.read(path), "\(path)")
            #expect(!text.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) || ($0.value < 0x20 && ![0x09, 0x0A, 0x0D].contains($0.value)) },
                    "\(path) carries a control character")
            #expect(text.contains("Bell and NEL"), "\(path)")
        }
        let feed = try #require(site.read("Output/atom.xml"))
        #expect(feed.contains(">Test site</title>"), "\(feed)")
        #expect(!feed.contains("<updated>2026-01-01"), "the ignored 'updated' must not reach the feed")
    }
}
