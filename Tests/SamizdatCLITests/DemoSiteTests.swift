import Foundation
import Testing

/// The demo site (this repository's own `site.yml`, `Content/`, `Templates/`, `Public/`) built
/// with the real binary and checked by real validators.
@Suite("Demo site", .serialized)
struct DemoSiteTests {
    /// Built once for the suite into a temporary folder (never into the repository's Output/).
    static let build: (folder: URL, result: ProcessResult?) = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-demo-\(UUID().uuidString)")
        SharedFolders.removeAtExit(folder)
        let result = try? Samizdat.run(["build", "--site", Paths.repository.path, "--output", folder.path], in: Paths.repository)
        return (folder, result)
    }()

    static var output: URL { build.folder }

    @Test func demoSiteBuilds() throws {
        let result = try #require(Self.build.result)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "no warnings in the demo: \(result.stderr)")
    }

    static var htmlFiles: [URL] {
        FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "html" }.sorted { $0.path < $1.path }
    }

    @Test func buildsEveryPublishedPost() throws {
        let posts = try FileManager.default.subpathsOfDirectory(atPath: Paths.repository.appendingPathComponent("Content/posts").path)
            .filter { $0.hasSuffix(".md") }
        #expect(posts.count >= 30)
        let home = try String(contentsOf: Self.output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains("<html lang=\"en\">"))
        #expect(home.contains("lang=\"fr\""), "French posts carry their language")
        #expect(Self.htmlFiles.count > 60)
    }

    /// 404.html is served for missing URLs at any depth, or opened from disk: it must not depend
    /// on a file beside it (stylesheet, avatar) nor on a <base>. Its links start from base_url's
    /// path, so they work on whatever host serves the site (see also the sub-path test below).
    @Test func notFoundPageStandsOnItsOwn() throws {
        let html = try String(contentsOf: Self.output.appendingPathComponent("404.html"), encoding: .utf8)
        #expect(!html.contains("<base") && !html.contains(#"rel="stylesheet""#) && !html.contains("<img"))
        #expect(html.contains("<style>\n/* Samizdat default theme."))
        #expect(html.contains(#"<p><a href="/">Back to the home page</a></p>"#))
        #expect(html.contains(#"<a href="/archive/index.html">Archive</a>"#))
        #expect(!html.contains(#"href="https://camille.example/archive"#), "no link leaves the host serving the page")
    }

    @Test func everyRelativeLinkAndImageResolvesToAFile() throws {
        let (checked, broken) = try Self.linkCheck(Self.output)
        #expect(checked > 500)
        #expect(broken.isEmpty, "broken links:\n\(broken.joined(separator: "\n"))")
    }

    /// Built for another address under a sub-folder, as a mirror or a preview is, and opened from
    /// disk: no link may be root-relative (it would leave the sub-folder) and every one resolves.
    @Test func underASubPathEveryLinkWorksFromDisk() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-demo-sub-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Samizdat.run(["build", "--site", Paths.repository.path, "--output", folder.path, "--base-url", "https://example.org/sub/"],
                                      in: Paths.repository)
        try #require(result.status == 0, "\(result.stderr)")
        let (checked, broken) = try Self.linkCheck(folder, basePath: "/sub/")
        #expect(checked > 500)
        #expect(broken.isEmpty, "broken links:\n\(broken.joined(separator: "\n"))")
        // The 404 page, served at any depth below /sub/, links from /sub/ and never above it.
        let notFound = try String(contentsOf: folder.appendingPathComponent("404.html"), encoding: .utf8)
        #expect(notFound.contains(#"<p><a href="/sub/">Back to the home page</a></p>"#))
        #expect(notFound.contains(#"<a href="/sub/archive/index.html">Archive</a>"#))
        let feed = try String(contentsOf: folder.appendingPathComponent("feed.json"), encoding: .utf8)
        #expect(!feed.contains(#"href=\"/"#) && !feed.contains(#"src=\"/"#), "feeds carry no root-relative URL")
        #expect(feed.contains("https://example.org/sub/"))
    }

    /// Every `href`, `src` and `srcset` URL of every page below `folder`: root-relative ones are
    /// broken by definition (they leave a sub-folder and `file://`), relative ones must name a file.
    /// The exception is 404.html, served at any depth: its links start with `basePath` (the path
    /// of the base URL the site was built for) and must name a file below it.
    static func linkCheck(_ folder: URL, basePath: String = "/") throws -> (checked: Int, broken: [String]) {
        var broken: [String] = []
        var checked = 0
        let attribute = try Regex(#"(?:href|src|srcset)="([^"]*)""#)
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "html" }
        for file in files {
            let html = try String(contentsOf: file, encoding: .utf8)
            let name = String(file.path.dropFirst(folder.path.count))
            let isNotFound = name == "/404.html"
            let base = isNotFound ? folder : file.deletingLastPathComponent()
            for match in html.matches(of: attribute) {
                guard let attributeValue = match.output[1].substring.map(String.init) else { continue }
                let values = (match.output[0].substring ?? "").hasPrefix("srcset")
                    ? attributeValue.split(separator: ",").map { String($0.trimmingCharacters(in: .whitespaces).prefix { !$0.isWhitespace }) }
                    : [attributeValue]
                for var value in values {
                    checked += 1
                    if isNotFound && value.hasPrefix("/") && !value.hasPrefix("//") {
                        guard value.hasPrefix(basePath) else {
                            broken.append("\(name): \(value) is not below \(basePath)")
                            continue
                        }
                        value = String(value.dropFirst(basePath.count))
                        if value.isEmpty { value = "index.html" }
                    } else if value.hasPrefix("/") && !value.hasPrefix("//") {
                        broken.append("\(name): root-relative \(value)")
                        continue
                    }
                    if value.isEmpty || value.hasPrefix("#") || value.hasPrefix("//") || value.contains(":") { continue }
                    let path = String(value.prefix { $0 != "#" && $0 != "?" }).removingPercentEncoding ?? value
                    var isDirectory: ObjCBool = false
                    let target = base.appendingPathComponent(path).standardizedFileURL
                    if !FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) || isDirectory.boolValue {
                        broken.append("\(name): \(value)")
                    }
                }
            }
        }
        return (checked, broken)
    }

    @Test(.enabled(if: Validators.available, "run through `make test`, which installs the validators"))
    func nuHTMLCheckerReportsNoErrors() throws {
        let errors = try Validators.nuHTMLCheckerErrors(root: Self.output, css: true)
        #expect(errors.isEmpty, "Nu HTML checker:\n\(errors.joined(separator: "\n"))")
    }

    /// axe-core in headless Chromium finds no violation on the kinds of pages readers see, in the
    /// light and the dark scheme, on a phone and a desktop.
    @Test(.enabled(if: Validators.available && Validators.hasChromium, "run through `make test`, which installs chromium, chromium-driver and axe"))
    func axeFindsNoAccessibilityViolations() throws {
        let pages = [
            "index.html",                                  // the timeline (pinned post, threads, French notes)
            "2026/11/18/fast-builds/index.html",           // an article
            "2026/09/12/deuxieme-trou/index.html",         // a post in a thread, in French
            "2026/08/16/sunday-loop/index.html",           // four photos
            "2026/10/10/marche-croix-rousse/index.html",   // photos, a mention, syndication, French
            "tags/index.html", "tags/velo/index.html", "archive/index.html", "2026/index.html",
            "categories/index.html", "categories/journal/index.html",  // a taxonomy of site.yml's default
            "about/index.html", "404.html",
        ]
        let result = try Validators.axe(output: Self.output, pages: pages)
        #expect(result.status == 0, "axe-core:\n\(result.output)")
        #expect(result.output.contains("\(pages.count * 4) audits of \(pages.count) pages, 0 violations"), "\(result.output)")
    }

    @Test(.enabled(if: Validators.hasXMLLint, "needs xmllint (libxml2-utils)"))
    func sitemapIsWellFormedXML() throws {
        #expect(try Validators.malformedXML(in: Self.output).isEmpty)
        let sitemap = try String(contentsOf: Self.output.appendingPathComponent("sitemap.xml"), encoding: .utf8)
        #expect(sitemap.contains("<loc>https://camille.example/about/</loc>"))
    }
}
