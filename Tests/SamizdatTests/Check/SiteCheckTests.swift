import Foundation
import Testing
@testable import Samizdat

@Suite("Site check")
struct SiteCheckTests {
    let renderer = MarkdownRenderer()

    @Test func internalLinksAreTheSitePathsOfRenderedMarkdown() {
        let html = renderer.render("""
            [a](/about/) [b](../older/) [c](/old/post.html#top) [d](https://example.org/x) [e](#here)
            [f](/images/my%20cat.png?v=2) [g](/about)
            """, basePath: "/2026/11/20/hello/").html
        let links = SiteCheck.Findings.internalLinks(in: html)
        #expect(links.map(\.sitePath) == ["/about/", "/2026/11/20/older/", "/old/post.html", "/images/my cat.png", "/about"])
        #expect(links.map(\.outputPath) == ["about/index.html", "2026/11/20/older/index.html", "old/post.html", "images/my cat.png", "about"])
    }

    @Test func imagesWithoutAltTextAreFoundWithTheirLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("post.md")
        let markdown = "Text.\n\n![A cat](cat.png)\n\n![](dog.png)\n\n<img src=\"/images/bird.png\">\n\n<img src=\"/x.png\" alt=\"  \">\n"
        try markdown.write(to: file, atomically: true, encoding: .utf8)
        let html = renderer.render(markdown, basePath: "/p/").html
        let found = SiteCheck.Findings.imagesWithoutAlt(in: html, source: file)
        #expect(found.map(\.message) == [
            "Image 'dog.png' has no alt text. Describe it for people who cannot see it: ![what it shows](dog.png)",
            "Image 'bird.png' has no alt text. Describe it for people who cannot see it: ![what it shows](bird.png)",
            "Image 'x.png' has no alt text. Describe it for people who cannot see it: ![what it shows](x.png)",
        ])
        #expect(found.map { $0.location?.line } == [5, 7, 9])
        #expect(found.allSatisfy { $0.severity == .warning })
    }

    @Test func aSnapshotSeesAddedChangedAndRemovedSources() throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-snapshot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: site) }
        try FileManager.default.createDirectory(at: site.appendingPathComponent("Content/posts"), withIntermediateDirectories: true)
        try "title: x\n".write(to: site.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
        try "a".write(to: site.appendingPathComponent("Content/posts/a.md"), atomically: true, encoding: .utf8)
        let first = SourceSnapshot(site: site)
        #expect(SourceSnapshot(site: site) == first)

        try "bb".write(to: site.appendingPathComponent("Content/posts/a.md"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: site.appendingPathComponent("Public/.well-known"), withIntermediateDirectories: true)
        try "x".write(to: site.appendingPathComponent("Public/.well-known/x"), atomically: true, encoding: .utf8)
        try "x".write(to: site.appendingPathComponent("Content/.hidden.md"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: site.appendingPathComponent("site.yml"))
        #expect(SourceSnapshot(site: site).changes(since: first) == ["Content/posts/a.md", "Public/.well-known/x", "site.yml"])
    }

    @Test func snapshotsSeeHugosLowerCaseFolders() throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-snapshot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: site) }
        try FileManager.default.createDirectory(at: site.appendingPathComponent("content/posts"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: site.appendingPathComponent("static"), withIntermediateDirectories: true)
        let first = SourceSnapshot(site: site)
        try "a".write(to: site.appendingPathComponent("content/posts/a.md"), atomically: true, encoding: .utf8)
        try "b".write(to: site.appendingPathComponent("static/robots.txt"), atomically: true, encoding: .utf8)
        #expect(SourceSnapshot(site: site).changes(since: first) == ["content/posts/a.md", "static/robots.txt"])
    }
}
