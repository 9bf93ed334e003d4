import Foundation
import Testing
@testable import Samizdat

/// Rendering on many threads at once gives the same HTML as rendering one document at a time.
///
/// cmark-gfm's extensions share process-wide state (the special-character table of its inline
/// parser), so parses are serialized in `MarkdownRenderer`; these tests are also the ones to run
/// under ThreadSanitizer (`swift test --sanitize=thread --filter Concurrency`).
@Suite("Markdown concurrency")
struct MarkdownConcurrencyTests {
    /// Documents that use every extension, each a little different.
    static let documents: [String] = (0..<240).map { index in
        """
        # Post \(index) with ~~strike~~ and https://example.org/\(index)

        | a | ~~b~~ | c |
        |---|:-:|--:|
        | ~~x\(index)~~ | www.example.com/\(index) | `code|\(index)` |
        | **bold** | <span>raw</span> | \(index) |

        - [x] done \(index)
        - [ ] todo ~~maybe~~

        Text with #tag\(index % 7), a footnote[^n] and a mail ada\(index)@example.org.

        [^n]: The note ~~\(index)~~.
        """
    }

    @Test func parallelRenderingMatchesSerialRendering() {
        let renderer = MarkdownRenderer(options: .init(unsafeHTML: true, mentions: ["ada": "https://ada.example/"]))
        let serial = Self.documents.map { renderer.render($0, idPrefix: "p-", basePath: "/2026/") }
        for _ in 0..<3 {
            let parallel = Self.documents.concurrentMap { renderer.render($0, idPrefix: "p-", basePath: "/2026/") }
            #expect(parallel == serial)
        }
        #expect(serial[5].html.contains("<del>x5</del>"))
        #expect(serial[5].html.contains(#"<input type="checkbox" checked="" disabled="" />"#))
        #expect(serial[5].html.contains(#"<a href="http://www.example.com/5">"#))
    }

    @Test func parallelParsingOfContentFilesMatchesSerialParsing() throws {
        var config = SiteConfig()
        config.timeZone = TimeZone(identifier: "Europe/Paris")!
        let parser = ContentParser(config: config)
        let files: [(String, Data)] = Self.documents.enumerated().map { index, body in
            let matter = index.isMultiple(of: 2)
                ? "---\ndate: 2026-11-\(10 + index % 18) 14:\(10 + index % 50)\nupdated: 2026-12-01\ntags: [a\(index % 5), b]\n---\n"
                : "+++\ndate = 2026-11-\(10 + index % 18)T14:05:00+01:00\ntitle = \"T \(index)\"\n+++\n"
            return ("posts/p\(index).md", Data((matter + body).utf8))
        }
        @Sendable func parse(_ file: (String, Data)) -> String {
            let (parsed, diagnostics) = parser.parse(file.1, file: URL(fileURLWithPath: "/site/Content/" + file.0), sourcePath: file.0, kind: .post)
            guard case .post(let post) = parsed else { return "no post: \(diagnostics)" }
            return "\(post.date.timeIntervalSince1970) \(post.frontMatter.updated?.timeIntervalSince1970 ?? 0) \(post.tags) \(post.path)\n\(post.content.html)\n\(post.listHTML)"
        }
        let serial = files.map(parse)
        let parallel = files.concurrentMap(parse)
        #expect(parallel == serial)
        #expect(!serial.contains { $0.hasPrefix("no post") })
    }
}
