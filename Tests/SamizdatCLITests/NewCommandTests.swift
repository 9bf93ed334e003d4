import Foundation
import Testing

/// `samizdat new`: a post dated now, at a predictable path, that the next build publishes.
@Suite("new command")
struct NewCommandTests {
    /// The path `new` printed, checked against the pattern of its name.
    static func writtenPath(_ result: ProcessResult, bundle: Bool = false, name: String = #"\d{6}"#) throws -> String {
        let path = result.stdout.trimmingCharacters(in: .newlines)
        let pattern = #"Content/posts/\d{4}/\d{2}/\d{2}-"# + name + (bundle ? "/index.md" : ".md")
        #expect(path.wholeMatch(of: try Regex(pattern)) != nil, "\(path) should match \(pattern)")
        return path
    }

    /// `Output/YYYY/MM/DD/<slug>/` of a post written at `path` (the default permalink).
    static func outputFolder(_ path: String, slug: String? = nil) -> String {
        let parts = path.split(separator: "/").map(String.init)   // Content posts YYYY MM DD-name(.md)
        let name = parts[4].replacingOccurrences(of: ".md", with: "")
        let day = String(name.prefix(2))
        return "Output/\(parts[2])/\(parts[3])/\(day)/\(slug ?? String(name.dropFirst(3)))/"
    }

    @Test func newWithTextWritesANoteThatTheBuildPublishes() throws {
        let site = try TestSite()
        defer { site.remove() }
        let result = try site.run(["new", "Hello from the *command line*."])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let path = try Self.writtenPath(result)
        let text = try #require(site.read(path))
        let time = String(path.dropLast(3).suffix(6))
        #expect(text.wholeMatch(of: try Regex(#"---\ndate: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}\nslug: ""# + time + #""\n---\nHello from the \*command line\*.\n"#)) != nil,
                "\(text)")
        let built = try site.run("build")
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stderr.isEmpty, "\(built.stderr)")
        let page = try #require(site.read(Self.outputFolder(path) + "index.html"))
        #expect(page.contains("Hello from the <em>command line</em>."))
        #expect(site.read("Output/feed.json")?.contains("Hello from the <em>command line</em>.") == true)
    }

    @Test func newReadsTheTextFromStandardInput() throws {
        let site = try TestSite()
        defer { site.remove() }
        let result = try site.run(["new", "--tag", "pipe"], input: "Piped in.\n\nSecond paragraph.\n")
        #expect(result.status == 0, "\(result.stderr)")
        let path = try Self.writtenPath(result)
        #expect(site.read(path)?.hasSuffix("tags: [\"pipe\"]\n---\nPiped in.\n\nSecond paragraph.\n") == true, "\(site.read(path) ?? "")")
    }

    @Test func newWithTitleTagsAndReplyQuotesEveryValue() throws {
        let site = try TestSite()
        defer { site.remove() }
        let title = #"Colons: "quotes", 'apostrophes' & #hash"#
        let result = try site.run(["new", "--title", title, "--tag", "swift", "--tag", "#vélo", "--tag", "a: b",
                                   "--reply-to", "https://social.example/@bob/1", "An answer."])
        #expect(result.status == 0, "\(result.stderr)")
        let path = try Self.writtenPath(result, name: "colons-quotes-apostrophes-hash")
        #expect(site.read(path)?.contains("""
            title: "Colons: \\"quotes\\", 'apostrophes' & #hash"
            """) == true, "\(site.read(path) ?? "")")
        #expect(site.read(path)?.contains("tags: [\"swift\", \"vélo\", \"a: b\"]\nreply_to: \"https://social.example/@bob/1\"\n") == true)
        let built = try site.run("build")
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stderr.isEmpty, "\(built.stderr)")
        let page = try #require(site.read(Self.outputFolder(path, slug: "colons-quotes-apostrophes-hash") + "index.html"))
        #expect(page.contains("Colons: &quot;quotes&quot;, &#39;apostrophes&#39; &amp; #hash") || page.contains("Colons: “quotes”"), "\(page)")
        #expect(page.contains(#"class="u-in-reply-to" href="https://social.example/@bob/1""#))
        #expect(site.exists("Output/tags/swift/index.html") && site.exists("Output/tags/velo/index.html") && site.exists("Output/tags/a-b/index.html"))
    }

    @Test func newWithAPhotoMakesABundleWithACopy() throws {
        let site = try TestSite()
        defer { site.remove() }
        let svg = try #require(FileManager.default.contents(atPath: Paths.fixtures.appendingPathComponent("basic-site/Public/images/pic.svg").path))
        try site.write("../photo-\(site.root.lastPathComponent).svg", svg)
        let photo = site.root.deletingLastPathComponent().appendingPathComponent("photo-\(site.root.lastPathComponent).svg")
        defer { try? FileManager.default.removeItem(at: photo) }
        let result = try site.run(["new", "At the market.", "--photo", photo.path, "--alt", "Apples: red, \"green\""])
        #expect(result.status == 0, "\(result.stderr)")
        let path = try Self.writtenPath(result, bundle: true)
        let folder = (path as NSString).deletingLastPathComponent
        #expect(site.read(folder + "/" + photo.lastPathComponent).map { Data($0.utf8) } == svg, "the photo is copied into the bundle")
        #expect(site.read(path)?.contains("photos:\n  - src: \"\(photo.lastPathComponent)\"\n    alt: \"Apples: red, \\\"green\\\"\"\n---\n") == true,
                "\(site.read(path) ?? "")")
        let built = try site.run("build")
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stderr.isEmpty, "\(built.stderr)")
        let slug = String((folder as NSString).lastPathComponent.dropFirst(3))
        let output = "Output/" + path.split(separator: "/")[2...3].joined(separator: "/") + "/" + (folder as NSString).lastPathComponent.prefix(2) + "/" + slug + "/"
        #expect(site.exists(output + photo.lastPathComponent))
        #expect(site.read(output + "index.html")?.contains(#"alt="Apples: red, &quot;green&quot;""#) == true)
        #expect(site.read("Output/feed.json")?.contains(photo.lastPathComponent) == true, "the feed carries the photo")
    }

    @Test(arguments: [
        (["new", "Text", "--photo", "cat.jpg"], "--photo needs --alt"),
        (["new", "Text", "--alt", "A cat"], "--alt describes a photo"),
        (["new", "Text", "--photo", "cat.jpg", "--alt", " "], "--alt is empty"),
        (["new", "Text", "--reply-to", "my earlier post"], "--reply-to must be the URL of the post you answer"),
        (["new", "--tittle", "Oops"], "Unknown option '--tittle'"),
    ])
    func badUsageExits64AndWritesNothing(_ arguments: [String], message: String) throws {
        let site = try TestSite()
        defer { site.remove() }
        let result = try site.run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!site.exists("Content"))
    }

    @Test func anEmptyPostIsRefused() throws {
        let site = try TestSite()
        defer { site.remove() }
        let result = try site.run(["new"], input: "  \n")
        #expect(result.status == 64)
        #expect(result.stderr == "samizdat: error: The post is empty. Give its text as an argument or on standard input\n")
        #expect(!site.exists("Content"))
    }

    /// `script` gives the command a terminal; the "editor" is a command that adds a line.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func withoutTextOnATerminalTheEditorOpensOnTheNewFile() throws {
        let site = try TestSite()
        defer { site.remove() }
        let edited = try site.runOnATerminal(["new", "--title", "From the editor"],
                                          environment: ["VISUAL": "", "EDITOR": "printf 'Written in the editor.\\n' >>"])
        #expect(edited.status == 0, "\(edited.output)")
        let path = try #require(edited.output.split(whereSeparator: \.isNewline).last.map(String.init))
        #expect(path.hasSuffix("-from-the-editor.md"), "\(edited.output)")
        #expect(site.read(path)?.hasSuffix("slug: \"from-the-editor\"\n---\nWritten in the editor.\n") == true, "\(site.read(path) ?? "")")

        let unchanged = try site.runOnATerminal(["new"], environment: ["VISUAL": "true", "EDITOR": ""])
        #expect(unchanged.status == 1)
        #expect(unchanged.output == "samizdat: error: The post was left empty in the editor, so it was not kept\n", "\(unchanged.output)")
        #expect(site.files(in: "Content/posts") == [String(path.dropFirst("Content/posts/".count))], "the empty post is removed")

        let noEditor = try site.runOnATerminal(["new"], environment: ["VISUAL": "", "EDITOR": ""])
        #expect(noEditor.status == 64)
        #expect(noEditor.output.contains("samizdat: error: No text for the post. Give it as an argument (samizdat new \"Hello\"), pipe it in (echo \"Hello\" | samizdat new), or set $EDITOR to write it in your editor"),
                "\(noEditor.output)")
    }

    @Test func newOutsideASiteNamesTheFolder() throws {
        let folder = try TestSite([:], config: nil)
        defer { folder.remove() }
        let result = try folder.run(["new", "Hello"])
        #expect(result.status == 1)
        #expect(result.stderr == "samizdat: error: No site.yml in \(folder.root.standardizedFileURL.path). Run 'samizdat init' to start a site, or pass --site with the site's folder\n")
        #expect(folder.files(in: ".").isEmpty)
    }

    @Test func aMissingPhotoIsAnError() throws {
        let site = try TestSite()
        defer { site.remove() }
        let result = try site.run(["new", "Text", "--photo", "nope.jpg", "--alt", "Nothing"])
        #expect(result.status == 1)
        #expect(result.stderr == "samizdat: error: Photo '\(site.root.appendingPathComponent("nope.jpg").standardizedFileURL.path)' does not exist\n")
        #expect(!site.exists("Content"))
    }

    @Test func newWritesIntoTheSiteGivenWithSite() throws {
        let folder = try TestSite([:], config: nil)
        defer { folder.remove() }
        try folder.write("blog/site.yml", TestSite.minimalConfig)
        let result = try folder.run(["new", "Elsewhere", "--site", "blog"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("blog/Content/posts/"), "\(result.stdout)")
    }
}
