import Foundation
import Testing

/// What a newcomer trips over, each said plainly: the message, its place, and the fix.
@Suite("Messages for authors")
struct AuthorMessagesTests {
    @Test func aSiteFolderThatDoesNotExistIsSaid() throws {
        let folder = try TestSite([:], config: nil)
        defer { folder.remove() }
        let result = try folder.run("build", "--site", "nope")
        #expect(result.status == 1)
        let path = folder.root.appendingPathComponent("nope").standardizedFileURL.path
        #expect(result.stderr == """
            samizdat: error: The folder \(path) does not exist. Pass --site with the site's folder, or run 'samizdat init \(path)' to start a site there
            Build failed with 1 error; nothing was written.

            """)
        #expect(!folder.exists("nope"))
    }

    /// Every command that acts on a site says the same, and stops before doing anything.
    @Test(arguments: ["serve", "check", "new", "theme eject"])
    func everyCommandSaysTheSiteFolderIsMissing(_ command: String) throws {
        let folder = try TestSite([:], config: nil)
        defer { folder.remove() }
        let arguments = command.split(separator: " ").map(String.init) + ["--site", "nope"] + (command == "new" ? ["Hello"] : [])
        let result = try folder.run(arguments)
        #expect(result.status == 1)
        let path = folder.root.appendingPathComponent("nope").standardizedFileURL.path
        #expect(result.stderr.hasPrefix(
            "samizdat: error: The folder \(path) does not exist. Pass --site with the site's folder, or run 'samizdat init \(path)' to start a site there\n"))
        #expect(!folder.exists("nope"))
    }

    /// A newcomer who deletes the sample post: the empty feeds' date (1970) stopped the build.
    @Test func aSiteWithoutPostsBuilds() throws {
        let site = try TestSite(["Content/about.md": "---\ntitle: About\n---\nMe\n"])
        defer { site.remove() }
        let result = try site.run("build")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Built 0 posts, 1 page, "), "\(result.stdout)")
        #expect(try site.run("build").status == 0)
    }

    @Test func heldBackPostsAreNamedWithTheReason() throws {
        let site = try TestSite([
            "Content/posts/now.md": "---\ndate: 2026-01-01\n---\nPublished.\n",
            "Content/posts/draft.md": "---\ndate: 2026-01-02\ndraft: true\n---\nNot yet.\n",
            "Content/posts/later.md": "---\ndate: 2999-01-01\n---\nOne day.\n",
            "Content/wip.md": "---\ntitle: Work in progress\ndraft: true\n---\nSoon.\n",
        ])
        defer { site.remove() }
        let expected = """
            Held back:
              Content/posts/draft.md: a draft (--drafts includes it)
              Content/posts/later.md: dated in the future (--future includes it)
              Content/wip.md: a draft (--drafts includes it)

            """
        let first = try site.run("build")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains(", 3 held back in "), "\(first.stdout)")
        #expect(first.stdout.contains(expected), "\(first.stdout)")
        let unchanged = try site.run("build")
        #expect(unchanged.stdout.contains(expected), "a build with nothing to do says the same: \(unchanged.stdout)")
    }

    @Test func manyHeldBackPostsShowTheFirstFewUnlessVerbose() throws {
        var files: [String: String] = [:]
        for number in 1...7 { files["Content/posts/d\(number).md"] = "---\ndate: 2026-01-0\(number)\ndraft: true\n---\nDraft \(number).\n" }
        let site = try TestSite(files)
        defer { site.remove() }
        let result = try site.run("build")
        #expect(result.stdout.contains("  Content/posts/d5.md: a draft (--drafts includes it)\n  … and 2 more (--verbose lists them all)\n"), "\(result.stdout)")
        let verbose = try site.run("build", "--verbose")
        #expect(verbose.stdout.contains("  Content/posts/d7.md: a draft (--drafts includes it)\nOpen Output/index.html"), "\(verbose.stdout)")
        #expect(verbose.stderr.hasPrefix("  configuration "), "--verbose shows the time of each step: \(verbose.stderr)")
    }

    @Test(arguments: [
        ("Content/2026-11-20-hello.md", "---\ntitle: Hello\n---\nText\n",
         "Content/2026-11-20-hello.md:1:1: warning: This file looks like a post (it has a date in its name) but is not in Content/posts/, so it becomes a page at '/hello/' that no timeline lists. Move it into Content/posts/ to publish it as a post"),
        ("Content/note.md", "---\ndate: 2026-11-20\n---\nA note.\n",
         "Content/note.md:2:1: warning: This file looks like a post (it has a date and no title) but is not in Content/posts/, so it becomes a page at '/note/' that no timeline lists. Move it into Content/posts/ to publish it as a post"),
    ])
    func aPostOutsideContentPostsWarns(path: String, text: String, warning: String) throws {
        let site = try TestSite([path: text])
        defer { site.remove() }
        let result = try site.run("build")
        #expect(result.status == 0)
        #expect(result.stderr == warning + "\n", "\(result.stderr)")
    }

    @Test func publicCustomCSSIsLoadedAfterTheTheme() throws {
        let site = try TestSite([
            "Content/posts/a.md": "---\ndate: 2026-01-01\n---\nA\n",
            "Public/custom.css": "body { color: purple; }\n",
        ])
        defer { site.remove() }
        let result = try site.run("build")
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(site.read("Output/index.html")?.contains("<link rel=\"stylesheet\" href=\"style.css\">\n<link rel=\"stylesheet\" href=\"custom.css\">\n") == true)
        #expect(site.read("Output/2026/01/01/a/index.html")?.contains("<link rel=\"stylesheet\" href=\"../../../../custom.css\">") == true)
        #expect(site.read("Output/404.html")?.contains("<link rel=\"stylesheet\" href=\"/blog/custom.css\">") == true, "from base_url's path, as every link of the 404 page")
        #expect(site.read("Output/custom.css") == "body { color: purple; }\n")

        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Public/custom.css"))
        #expect(try site.run("build").status == 0)
        #expect(site.read("Output/index.html")?.contains("custom.css") == false, "removing the file removes the link")
    }

    @Test func publicStyleCSSWarnsThatItReplacesTheTheme() throws {
        let site = try TestSite(["Public/style.css": "body { color: purple; }\n"])
        defer { site.remove() }
        let result = try site.run("build")
        #expect(result.status == 0)
        #expect(result.stderr == "Public/style.css: warning: Public/style.css replaces the theme's whole stylesheet. To add a few rules, put them in Public/custom.css instead: pages load it after the theme's. To replace the stylesheet on purpose, move this file to Templates/style.css\n")
        #expect(site.read("Output/style.css") == "body { color: purple; }\n")
    }

    @Test func pagesInTheMenuFollowTheirWeightAndMenuFalseLeavesOneOut() throws {
        let site = try TestSite([
            "Content/about.md": "---\ntitle: About\nweight: 2\n---\nMe\n",
            "Content/now.md": "---\ntitle: Now\nweight: 1\n---\nNow\n",
            "Content/contact.md": "---\ntitle: Contact\n---\nMail\n",
            "Content/legal.md": "---\ntitle: Legal notice\nmenu: false\n---\nLegal\n",
        ])
        defer { site.remove() }
        let result = try site.run("build")
        #expect(result.status == 0, "\(result.stderr)")
        let home = try #require(site.read("Output/index.html"))
        let links = home.matches(of: /<li><a href="([^"]*)"/).map { String($0.output.1) }
        #expect(links == ["index.html", "archive/index.html", "tags/index.html", "now/index.html", "about/index.html", "contact/index.html"], "\(links)")
        #expect(site.exists("Output/legal/index.html"), "a page out of the menu is still built")

        try site.write("Content/legal.md", "---\ntitle: Legal notice\nweight: 0\n---\nLegal\n")
        #expect(try site.run("build").status == 0)
        let again = try #require(site.read("Output/index.html"))
        #expect(again.matches(of: /<li><a href="([^"]*)"/).map { String($0.output.1) } == ["index.html", "archive/index.html", "tags/index.html", "legal/index.html", "now/index.html", "about/index.html", "contact/index.html"],
                "an incremental build updates every page's menu")
    }

    @Test func aWeightThatIsNotANumberIsAnError() throws {
        let site = try TestSite(["Content/about.md": "---\ntitle: About\nweight: first\n---\nMe\n"])
        defer { site.remove() }
        let result = try site.run("build")
        #expect(result.status == 1)
        #expect(result.stderr.contains("Content/about.md:3:1: error: 'weight' must be a whole number, such as 1 or 10 (smaller comes first in the menu); found a string"), "\(result.stderr)")
    }

    @Test(arguments: [["build", "--base-url", "notaurl"], ["build", "--bogus"], ["build", "--quiet", "--verbose"], ["nonsense"]])
    func badUsageExits64BeforeAnyWork(_ arguments: [String]) throws {
        let site = try TestSite(["Content/posts/a.md": "---\ndate: 2026-01-01\n---\nA\n"])
        defer { site.remove() }
        let result = try site.run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(!site.exists("Output") && !site.exists(".samizdat"))
    }

    @Test func quietPrintsOnlyProblems() throws {
        let site = try TestSite(["Content/posts/a.md": "---\ndate: 2026-01-01\nphotos: [/images/x.svg]\n---\nA\n", "Public/images/x.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>"])
        defer { site.remove() }
        let result = try site.run("build", "--quiet")
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("warning: Photo '/images/x.svg' has no alt text."), "\(result.stderr)")
    }

    /// `script` gives the command a terminal, as a person typing it would.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")), arguments: [false, true])
    func colorsOnlyOnATerminalAndNeverWithNoColor(noColor: Bool) throws {
        let site = try TestSite(["Content/posts/a.md": "---\ndate: 2026-01-01\nphotos: [/images/x.svg]\n---\nA\n", "Public/images/x.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>"])
        defer { site.remove() }
        let piped = try site.run("build")
        #expect(!piped.stderr.contains("\u{1B}["), "no colour in a pipe")

        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Output"))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent(".samizdat"))
        let (status, output) = try site.runOnATerminal(["build"], environment: ["TERM": "xterm", "NO_COLOR": noColor ? "1" : ""])
        #expect(status == 0, "\(output)")
        #expect(output.contains("Photo '/images/x.svg' has no alt text"), "\(output)")
        if noColor {
            // (A long build's progress line may still clear itself with ESC [K: that is not a colour.)
            #expect(output.firstMatch(of: /\x{1B}\[[0-9;]*m/) == nil, "NO_COLOR turns colours off: \(output.debugDescription)")
        } else {
            #expect(output.contains("\u{1B}[1;33mwarning:\u{1B}[0m"), "\(output.debugDescription)")
        }
    }
}
