import Foundation
import Testing

/// Each kind of bad input: a clear `path:line:column: error:` message, exit status 1, and the
/// previous output left exactly as it was.
@Suite("Bad input")
struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var files: [String: String]
        var bytes: [String: [UInt8]] = [:]
        /// Lines that must appear in standard error.
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "malformed YAML",
             files: ["Content/posts/bad.md": "---\ntitle: Fine\ntags: [a, b\ndate: 2026-01-01\n---\nBody"],
             expected: ["Content/posts/bad.md:4:5: error: Invalid YAML:"]),
        Case(name: "malformed TOML",
             files: ["Content/posts/bad.md": "+++\ntitle = \"Fine\"\ndate = \n+++\nBody"],
             expected: ["Content/posts/bad.md:3:"]),
        Case(name: "unparseable date",
             files: ["Content/posts/bad.md": "---\ntitle: Bad date\ndate: 20/11/2026\n---\nBody"],
             expected: ["Content/posts/bad.md:3:1: error: Cannot read 'date' value '20/11/2026'."]),
        Case(name: "not UTF-8",
             files: [:],
             bytes: ["Content/posts/bad.md": Array("---\ndate: 2026-01-01\n---\nCaf".utf8) + [0xE9] + Array(" au lait\n".utf8)],
             expected: ["Content/posts/bad.md:4:4: error: File is not valid UTF-8 text"]),
        Case(name: "two files with the same output path",
             files: ["Content/posts/a/same.md": "---\ndate: 2026-01-01\n---\nOne",
                     "Content/posts/b/same.md": "---\ndate: 2026-01-01 18:00\n---\nTwo"],
             expected: ["Content/posts/a/same.md: error: Output path '2026/01/01/same/index.html' is also written by",
                        "Content/posts/b/same.md: error: Output path '2026/01/01/same/index.html' is also written by"]),
        Case(name: "slug with a slash",
             files: ["Content/posts/bad.md": "---\ndate: 2026-01-01\nslug: a/b\n---\nBody"],
             expected: ["Content/posts/bad.md:3:1: error: 'slug' must not contain '/'; found 'a/b'."]),
        Case(name: "slug with dot-dot",
             files: ["Content/posts/bad.md": "---\ndate: 2026-01-01\nslug: ..\n---\nBody"],
             expected: ["Content/posts/bad.md:3:1: error: 'slug' must not contain '..'; found '..'."]),
        Case(name: "template syntax error",
             files: ["Templates/post.mustache": "{{<base}}\n{{$main}}\n{{#post}}\n<p>{{title}</p>\n{{/post}}\n{{/main}}\n{{/base}}\n"],
             expected: ["Templates/post.mustache:4:"]),
        Case(name: "template using a missing partial",
             files: ["Templates/page.mustache": "{{<base}}\n{{$main}}\n  {{> partials/sidebar}}\n{{/main}}\n{{/base}}\n"],
             expected: ["Templates/page.mustache:3:3: error: Template 'page' uses 'partials/sidebar', but there is no template with that name"]),
        Case(name: "partial that includes itself",
             files: ["Templates/partials/post.mustache": "<article>\n{{{content}}}\n{{> partials/post}}\n</article>\n"],
             expected: ["Templates/partials/post.mustache:3:1: error: Template 'partials/post' includes itself without end ('partials/post' → 'partials/post'). Put the inclusion inside a section that ends it, or remove it"]),
        Case(name: "typo in a front matter key",
             files: ["Content/posts/bad.md": "---\ndate: 2026-01-01\ntittle: Oops\n---\nBody"],
             expected: ["Content/posts/bad.md:3:1: error: Unknown front matter key 'tittle'. Did you mean 'title'?"]),
        Case(name: "reply_to that is not a URL",
             files: ["Content/posts/bad.md": "---\ndate: 2026-01-01\nreply_to: my earlier post\n---\nBody"],
             expected: ["Content/posts/bad.md:3:1: error: 'reply_to' must be the URL of the post you answer"]),
        Case(name: "replies that loop",
             files: ["Content/posts/a.md": "---\ndate: 2026-01-01\nreply_to: /2026/01/02/b/\n---\nA",
                     "Content/posts/b.md": "---\ndate: 2026-01-02\nreply_to: https://example.org/notes/2026/01/01/a/\n---\nB"],
             expected: ["Content/posts/a.md: error: Replies form a loop: posts/a.md → posts/b.md → posts/a.md."]),
        Case(name: "markdown image that does not exist",
             files: ["Content/posts/pic.md": "---\ndate: 2026-01-01\n---\nA line first.\n\nThen ![A picture](missing.png)"],
             expected: ["Content/posts/pic.md:6:19: error: Image 'missing.png' does not exist next to pic.md"]),
        Case(name: "a tab in front matter",
             files: ["Content/posts/tab.md": "---\ndate: 2026-01-01\ntags:\n\t- swift\n---\nBody"],
             expected: ["Content/posts/tab.md:4:1: error: Invalid YAML: a tab character. YAML indents and separates with spaces only: replace the tab with spaces"]),
        Case(name: "a tab in site.yml",
             files: ["site.yml": TestSite.minimalConfig + "author:\n\tname: Ada\n"],
             expected: ["site.yml:8:1: error: Invalid YAML: a tab character. YAML indents and separates with spaces only: replace the tab with spaces"]),
        Case(name: "a post without front matter",
             files: ["Content/posts/bare.md": "Just some text, no front matter.\n"],
             expected: ["Content/posts/bare.md:1:1: error: Post has no front matter. Start the file with a '---' line, then 'date: 2026-11-20 14:05', then another '---' line; the text goes below"]),
        Case(name: "a Public file over a generated feed",
             files: ["Public/feed.xml": "<rss/>"],
             expected: ["Public/feed.xml: error: Output path 'feed.xml' is also written by the generated feed feed.xml. Rename or remove one of them"]),
        Case(name: "a post's file over a Public file",
             files: ["Content/posts/cat/index.md": "---\ndate: 2026-01-01\nslug: cat\n---\nMeow",
                     "Content/posts/cat/notes.txt": "from the bundle",
                     "Public/2026/01/01/cat/notes.txt": "from Public"],
             expected: ["Content/posts/cat/notes.txt: error: Output path '2026/01/01/cat/notes.txt' is also written by the file Public/2026/01/01/cat/notes.txt.",
                        "Public/2026/01/01/cat/notes.txt: error: Output path '2026/01/01/cat/notes.txt' is also written by the file notes.txt next to a post."]),
        Case(name: "an alias over the theme's stylesheet",
             files: ["Content/posts/old.md": "---\ndate: 2026-01-01\naliases: [/style.css]\n---\nMoved"],
             expected: ["Content/posts/old.md: error: Output path 'style.css' clashes with the theme's file style.css."]),
        Case(name: "a Public file over a page",
             files: ["Public/about/index.html": "<p>Mine</p>"],
             expected: ["Content/about.md: error: Output path 'about/index.html' clashes with the file Public/about/index.html. Give this file a different 'slug'"]),
        Case(name: "an alias that needs the hosts' _headers file as a folder",
             files: ["Content/posts/old.md": "---\ndate: 2026-01-01\naliases: [/_headers]\n---\nMoved"],
             expected: ["Content/posts/old.md: error: Output path '_headers/index.html' needs a folder '_headers', which is written as a file by the generated _headers. Rename or remove one of them"]),
        Case(name: "a Public file where a page needs a folder",
             files: ["Public/about": "not a folder"],
             expected: ["Content/about.md: error: Output path 'about/index.html' needs a folder 'about', which is written as a file by the file Public/about."]),
        Case(name: "a Public file where a generated page needs a folder",
             files: ["Public/archive": "not a folder"],
             expected: ["Public/archive: error: Output path 'archive/index.html' needs a folder 'archive', which is written as a file by the file Public/archive."]),
        Case(name: "a Public file inside what a feed writes as a file",
             files: ["Public/feed.xml/notes.txt": "not in a file"],
             expected: ["Public/feed.xml/notes.txt: error: Output path 'feed.xml/notes.txt' needs a folder 'feed.xml', which is written as a file by the generated feed feed.xml."]),
        Case(name: "bad base_url",
             files: ["site.yml": "title: T\nbase_url: example.org\n"],
             expected: ["site.yml:2:1: error: 'base_url' must be an absolute http or https URL"]),
    ]

    @Test(arguments: cases)
    func reportsTheProblemAndKeepsThePreviousOutput(_ bad: Case) throws {
        let site = try TestSite(fixture: "basic-site")
        defer { site.remove() }
        try #require(try site.run("build").status == 0)
        let before = site.snapshot()

        for (path, text) in bad.files { try site.write(path, text) }
        for (path, bytes) in bad.bytes { try site.write(path, Data(bytes)) }
        let result = try site.run("build")

        #expect(result.status == 1)
        for line in bad.expected {
            #expect(result.stderr.contains(line), "expected \(line) in:\n\(result.stderr)")
        }
        #expect(result.stderr.hasSuffix("nothing was written.\n"))
        #expect(result.stdout.isEmpty)
        #expect(site.snapshot() == before, "a failed build must leave Output/ exactly as it was")
    }

    @Test func warningsNameTheFileAndDoNotStopTheBuild() throws {
        let site = try TestSite(fixture: "basic-site")
        defer { site.remove() }
        let long = String(repeating: "a", count: 300)
        try site.write("Content/posts/warn.md", "---\ndate: 2026-01-01\nphotos: [/images/pic.svg]\n---\nToo long: #\(long) and @bob@-bad-.social\n")
        let result = try site.run("build")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Content/posts/warn.md: warning: Hashtag '#aaaaaaaaaaaaaaaaaaaa…' is longer than 100 characters; it was left as text"), "\(result.stderr)")
        #expect(result.stderr.contains("Content/posts/warn.md: warning: Mention '@bob@-bad-.social' has an invalid server name '-bad-.social'"), "\(result.stderr)")
        #expect(result.stderr.contains("Content/posts/warn.md:3:1: warning: Photo '/images/pic.svg' has no alt text."), "\(result.stderr)")
        #expect(!site.exists("Output/tags/\(long)"))
    }

    @Test func aReplyToAnUnpublishedPostWarnsAndLinksThePublicAddress() throws {
        let site = try TestSite(fixture: "basic-site")
        defer { site.remove() }
        try site.write("Content/posts/answer.md", "---\ndate: 2026-01-05\nreply_to: /2026/11/19/draft/\n---\nAnswer to a draft.\n")
        let result = try site.run("build")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Content/posts/answer.md: warning: 'reply_to' points at '/2026/11/19/draft/', which is not a published post of this site"))
        let page = try #require(site.read("Output/2026/01/05/answer/index.html"))
        #expect(page.contains(#"<a class="u-in-reply-to" href="https://example.org/notes/2026/11/19/draft/">example.org/notes/2026/11/19/draft/</a>"#))
    }

    @Test func reportsEveryErrorOfTheRunAtOnce() throws {
        let site = try TestSite(fixture: "basic-site")
        defer { site.remove() }
        try site.write("Content/posts/one.md", "---\ndate: 2026-01-01\nslug: a/b\n---\n")
        try site.write("Content/posts/two.md", "---\ndate: someday\n---\n")
        try site.write("Templates/tags.mustache", "{{#tags}}\n")
        let result = try site.run("build")
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 3, "\(result.stderr)")
        #expect(result.stderr.contains("Content/posts/one.md:3:1: error:"))
        #expect(result.stderr.contains("Content/posts/two.md:2:1: error:"))
        #expect(result.stderr.contains("Templates/tags.mustache:"))
        #expect(result.stderr.contains("Build failed with 3 errors; nothing was written."))
        #expect(!site.exists("Output"))
    }

    @Test(arguments: [".", "Content", "Templates", "Public", "Content/posts/out", "..", ".samizdat"])
    func refusesAnOutputFolderOverlappingTheSources(_ output: String) throws {
        let site = try TestSite(fixture: "basic-site")
        defer { site.remove() }
        try site.write("Templates/.keep", "")
        let before = site.snapshot(".")
        let result = try site.run("build", "--output", output)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: The output folder"), "\(result.stderr)")
        #expect(site.snapshot(".") == before, "nothing in the site may change")
    }

    @Test func refusesToWriteThroughALinkOutOfTheOutputFolder() throws {
        let site = try TestSite(fixture: "basic-site")
        defer { site.remove() }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("Output"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: site.root.appendingPathComponent("Output/tags"), withDestinationURL: outside)
        let result = try site.run("build")
        #expect(result.status == 1)
        #expect(result.stderr.contains("Refusing to write through a link that leads outside the output folder"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
    }
}
