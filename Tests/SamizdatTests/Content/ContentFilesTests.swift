import Foundation
import Testing
@testable import Samizdat

/// Which files of `Content/` are read as posts and pages: Markdown by extension, in any case;
/// Hugo's section files skipped with a warning; post-like folders not listed in `post_folders`
/// reported once each.
@Suite("Content files")
struct ContentFilesTests {
    @Test func markdownFilesAreFoundByTheirExtensionInAnyCase() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let note = "---\ndate: 2026-11-20T10:00:00Z\n---\nA note.\n"
        for path in ["posts/a.md", "posts/b.MD", "posts/c.Markdown", "posts/d.markdown", "posts/e.mD",
                     "posts/f.txt", "posts/.md", "posts/g.md.bak", "posts/h.mdx", "posts/i.markdowns", "posts/j.",
                     "posts/k.mar\u{212A}down",   // the Kelvin sign lower-cases to "k"
                     "posts/l.\u{FF4D}\u{FF44}",   // full-width letters do not
                     "posts/2026/_index.md", "_index.md", "about.md", "post/old.md"] {
            try folder.write("Content/" + path, note)
        }
        let (config, problems) = SiteConfig.parse(yaml: "title: T\nbase_url: https://example.org/\n", file: folder.url.appendingPathComponent("site.yml"))
        #expect(!problems.hasErrors)
        let loaded = ContentLoader.load(from: folder.url.appendingPathComponent("Content"), parser: ContentParser(config: config))
        #expect(loaded.posts.map(\.sourcePath).sorted()
                == ["posts/a.md", "posts/b.MD", "posts/c.Markdown", "posts/d.markdown", "posts/e.mD", "posts/k.mar\u{212A}down"])
        #expect(Set(loaded.pages.map(\.sourcePath)) == ["_index.md", "about.md", "post/old.md"])
        let warnings = loaded.diagnostics.map(\.message)
        #expect(warnings.filter { $0.hasPrefix("Skipped: '_index.md'") }.count == 1)
        #expect(warnings.filter { $0.contains("post/ holds 1 Markdown file that becomes a page") }.count == 1)
    }
}
