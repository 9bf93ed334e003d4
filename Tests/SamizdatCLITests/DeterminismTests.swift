import Foundation
import Testing

/// Two clean builds of the same site give the same bytes.
///
/// cmark-gfm's extensions share one process-wide table of special characters that parsers edit
/// while they parse; parsed on several threads at once, `~~x~~` in a table cell came out as
/// `<del>` in one build and as text in another. The site is big enough that posts are parsed
/// on every core at once, and every kind of extension syntax is in it.
@Suite("Deterministic builds", .serialized)
struct DeterminismTests {
    static let postCount = 300

    static func generatedSite() throws -> TestSite {
        var files: [String: String] = [:]
        for index in 0..<postCount {
            let day = index % 28 + 1, month = index / 28 % 12 + 1
            files[String(format: "Content/posts/2025/%02d/post-%03d.md", month, index)] = """
                ---
                date: 2025-\(String(format: "%02d-%02d", month, day)) \(String(format: "%02d", index % 24)):\(String(format: "%02d", index % 60))
                \(index % 3 == 0 ? "title: Post \(index)" : "")
                tags: [t\(index % 7), shared]
                ---
                Intro with ~~struck \(index)~~ text, a link www.example.org/\(index) and https://example.com/p/\(index).

                | done | what | note |
                |:-----|:----:|-----:|
                | ~~old \(index)~~ | **bold** | see www.example.net |
                | ~~also \(index)~~ | `code` | ~~x~~ and ~y~ |

                - [x] task done ~~\(index)~~
                - [ ] task open with <b>raw</b> html

                A footnote[^n] and #hashtag\(index % 5).

                [^n]: Note ~~\(index)~~ with https://example.org/fn/\(index).

                """
        }
        return try TestSite(files, config: """
            title: Generated
            base_url: https://example.org/gen/
            timezone: Europe/Paris
            posts_per_page: 10

            """)
    }

    /// Real readers' parsers on every feed of the generated site (the timeline's and 13 tags').
    @Test(.enabled(if: Validators.available, "run through `make test`, which installs the validators"))
    func everyFeedReadsInRealReaders() throws {
        let site = try Self.generatedSite()
        defer { site.remove() }
        let build = try site.run("build")
        try #require(build.status == 0, "\(build.stderr)")
        let output = site.root.appendingPathComponent("Output")
        let check = try Validators.checkFeeds(output: output, baseURL: "https://example.org/gen/", expectPosts: Self.postCount)
        #expect(check.status == 0, "\(check.output)")
        if Validators.hasXMLLint { #expect(try Validators.malformedXML(in: output).isEmpty) }
        let tags = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("tags").path)
            .filter { !$0.hasSuffix(".html") }.sorted()
        #expect(tags.count == 13)
        for folder in [""] + tags.map({ "tags/\($0)" }) {
            let read = try Validators.readFeeds(output: output, folder: folder)
            try #require(read.status == 0, "\(folder): \(read.output)")
            let formats = try #require(try JSONSerialization.jsonObject(with: Data(read.json.utf8)) as? [String: [String: Any]])
            let counts = formats.mapValues { ($0["entries"] as? [String: Any])?.count ?? 0 }
            // Atom and JSON Feed hold the same entries; RSS, which has no archives, the newest of them.
            #expect(counts.count == 3 && counts["atom"] == counts["json"], "\(folder): \(counts)")
            #expect((1...(counts["atom"] ?? 0)).contains(counts["rss"] ?? 0), "\(folder): \(counts)")
            for (format, document) in formats {
                for case let entry as [String: Any] in (document["entries"] as? [String: Any] ?? [:]).values {
                    let content = (entry["content"] as? [String])?.first ?? ""
                    #expect(content.contains("<del>") && !content.contains("~~"), "\(folder) \(format): \(entry["link"] ?? "")")
                    #expect(entry["author"] as? String == "Generated", "\(folder) \(format): \(entry["link"] ?? "")")
                }
            }
        }
    }

    @Test func twoCleanBuildsAreByteIdentical() throws {
        let site = try Self.generatedSite()
        defer { site.remove() }
        let first = try site.run("build", "--output", "First")
        try #require(first.status == 0, "\(first.stderr)")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent(".samizdat"))
        let second = try site.run("build", "--output", "Second")
        try #require(second.status == 0, "\(second.stderr)")

        let a = site.snapshot("First"), b = site.snapshot("Second")
        #expect(a.count > Self.postCount)
        #expect(Set(a.keys) == Set(b.keys))
        let different = a.keys.filter { a[$0] != b[$0] }.sorted()
        #expect(different.isEmpty, "files that differ between two clean builds: \(different.prefix(10))")

        // And each build is right, not only equal: every struck text is struck in every post.
        for index in stride(from: 0, to: Self.postCount, by: 1) {
            let month = index / 28 % 12 + 1, day = index % 28 + 1
            let path = String(format: "2025/%02d/%02d/post-%03d/index.html", month, day, index)
            let html = String(decoding: try #require(a[path], "missing \(path)"), as: UTF8.self)
            for struck in ["<del>struck \(index)</del>", "<td align=\"left\"><del>old \(index)</del></td>", "<del>also \(index)</del>", "<del>x</del>"] {
                #expect(html.contains(struck) || html.contains(struck.replacingOccurrences(of: "<td align=\"left\">", with: "<td style=\"text-align: left\">")),
                        "\(path) lacks \(struck)")
            }
            #expect(!html.contains("~~"), "\(path) shows literal ~~")
        }
    }
}
