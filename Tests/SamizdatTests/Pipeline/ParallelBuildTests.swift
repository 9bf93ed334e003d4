import Foundation
import Testing
@testable import Samizdat

/// A whole build in this process: parsing, planning and rendering on all cores.
///
/// Two clean builds of the same site give the same bytes (cmark-gfm's shared state once made
/// `~~x~~` in table cells come out either way), and under ThreadSanitizer
/// (`swift test --sanitize=thread --filter ParallelBuild`) the build shows no data race.
@Suite("Parallel build")
struct ParallelBuildTests {
    static func makeSite() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-parallel-\(UUID().uuidString)")
        func write(_ path: String, _ text: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try write("site.yml", """
            title: Parallel
            description: Many posts at once.
            base_url: https://example.org/p/
            language: fr
            timezone: Europe/Paris
            posts_per_page: 10
            author: {name: Ada, url: https://example.org/}

            """)
        for index in 0..<120 {
            try write("Content/posts/2026/post-\(index).md", """
                ---
                date: 2026-\(1 + index % 12)-\(1 + index % 28) \(index % 24):05
                tags: [tag\(index % 6), common]
                \(index.isMultiple(of: 3) ? "title: Post ~~\(index)~~" : "")
                ---
                | a | ~~b~~ |
                |---|:-:|
                | ~~x\(index)~~ | https://example.org/\(index) |

                - [x] done
                - [ ] ~~todo~~ www.example.com

                A #hashtag\(index % 4) and ~~struck~~ text[^1].

                [^1]: Note \(index).
                """)
        }
        try write("Content/about.md", "---\ntitle: About\n---\n| x |\n|---|\n| ~~y~~ |\n")
        return root
    }

    static func files(in folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            result[String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count))] = try Data(contentsOf: url)
        }
        return result
    }

    @Test func twoCleanBuildsAreByteIdentical() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var outputs: [[String: Data]] = []
        for run in 0..<2 {
            try? FileManager.default.removeItem(at: site.appendingPathComponent(".samizdat"))
            let output = site.appendingPathComponent("Output-\(run)")
            let report = try Builder.build(BuildOptions(siteDirectory: site, outputDirectory: output, now: now))
            #expect(report.posts == 120)
            outputs.append(try Self.files(in: output))
        }
        #expect(outputs[0].count > 120)
        #expect(outputs[0].keys.sorted() == outputs[1].keys.sorted())
        let different = outputs[0].keys.filter { outputs[0][$0] != outputs[1][$0] }.sorted()
        #expect(different.isEmpty, "differ between two clean builds: \(different.prefix(10))")
        let page = try #require(outputs[0]["/2026/01/01/post-0/index.html"].map { String(decoding: $0, as: UTF8.self) })
        #expect(page.contains("<del>x0</del>"))
    }
}
