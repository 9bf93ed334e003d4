import Foundation
import Testing

/// `samizdat serve` run as a user would, on a free port of the loopback interface, spoken to over
/// plain sockets. Nothing waits on time: each test reads the server's output or its event stream
/// until what it expects arrives (with a deadline).
@Suite("samizdat serve", .serialized)
struct ServeCommandTests {
    /// The basic fixture served; removed (and the server stopped) by `finish`.
    static func serve(_ arguments: [String] = []) throws -> (TestSite, ServeProcess) {
        let site = try TestSite(fixture: "basic-site")
        do {
            return (site, try ServeProcess(site: site, arguments: arguments))
        } catch {
            site.remove()
            throw error
        }
    }

    static func finish(_ site: TestSite, _ server: ServeProcess) {
        server.stop()
        site.remove()
    }

    @Test func servesPagesAndFeedsWithTheirContentTypes() throws {
        let (site, server) = try Self.serve()
        defer { Self.finish(site, server) }
        let expected: [(String, String)] = [
            ("/", "text/html; charset=utf-8"),
            ("/2026/11/20/hello/", "text/html; charset=utf-8"),
            ("/feed.xml", "application/rss+xml; charset=utf-8"),
            ("/atom.xml", "application/atom+xml; charset=utf-8"),
            ("/feed.json", "application/feed+json; charset=utf-8"),
            ("/tags/swift/feed.json", "application/feed+json; charset=utf-8"),
            ("/style.css", "text/css; charset=utf-8"),
            ("/images/pic.svg", "image/svg+xml"),
            ("/sitemap.xml", "application/xml; charset=utf-8"),
        ]
        for (path, type) in expected {
            let reply = try RawHTTP.request(port: server.port, path)
            #expect(reply.status == 200, "\(path)")
            #expect(reply.header("content-type") == type, "\(path)")
        }
        // The local address is the base URL; the reload script is only in what is served.
        let home = try RawHTTP.request(port: server.port, "/")
        #expect(home.body.contains("http://127.0.0.1:\(server.port)/"))
        #expect(home.body.contains(#"new EventSource("/__samizdat/events")"#))
        let built = try #require(site.read(".samizdat/serve/index.html"))
        #expect(!built.contains("EventSource"))
        #expect(built.contains("http://127.0.0.1:\(server.port)/"))
        let feed = try RawHTTP.request(port: server.port, "/feed.xml")
        #expect(!feed.body.contains("EventSource"))
        #expect(feed.body.contains("<link>http://127.0.0.1:\(server.port)/</link>"))
        #expect(!site.exists("Output"), "serving never writes Output/")
        // Drafts and future posts stay out unless asked for.
        #expect(try RawHTTP.request(port: server.port, "/2026/11/19/draft/").status == 404)
    }

    @Test func foldersRedirectMissingPathsGetTheSites404AndOnlyGETAndHEADAreServed() throws {
        let (site, server) = try Self.serve()
        defer { Self.finish(site, server) }
        let redirect = try RawHTTP.request(port: server.port, "/about")
        #expect(redirect.status == 301)
        #expect(redirect.header("location") == "/about/")
        #expect(try RawHTTP.request(port: server.port, "/about/").body.contains("about"))

        let missing = try RawHTTP.request(port: server.port, "/no/such/page/")
        #expect(missing.status == 404)
        let notFoundPage = try #require(site.read(".samizdat/serve/404.html"))
        let title = try #require(notFoundPage.firstMatch(of: /<title>[^<]*<\/title>/)?.output)
        #expect(missing.body.contains(title))
        #expect(missing.header("content-type") == "text/html; charset=utf-8")

        for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
            let reply = try RawHTTP.request(port: server.port, "/", method: method)
            #expect(reply.status == 405, "\(method)")
            #expect(reply.header("allow") == "GET, HEAD", "\(method)")
        }
        let head = try RawHTTP.request(port: server.port, "/", method: "HEAD")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(Int(head.header("content-length") ?? "") ?? 0 > 0)
    }

    @Test func nothingOutsideTheServedSiteCanBeRead() throws {
        let (site, server) = try Self.serve()
        defer { Self.finish(site, server) }
        // A secret beside the site, and links inside the served folder that point at it.
        let secret = site.root.appendingPathComponent("secret.txt")
        try "TOP-SECRET-VALUE".write(to: secret, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent(".samizdat/serve/leak.txt").path,
                                                   withDestinationPath: secret.path)
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent(".samizdat/serve/up").path,
                                                   withDestinationPath: site.root.path)
        let attempts = [
            "/../secret.txt", "/../../../../../etc/passwd", "/images/../../secret.txt",
            "/%2e%2e/secret.txt", "/%2E%2E/%2E%2E/etc/passwd", "/.%2e/secret.txt", "/%2e%2e%2fsecret.txt",
            "/images/..%2f..%2fsecret.txt", "/..%5csecret.txt", "/images%2f..%2f..%2fsecret.txt",
            "/index.html%00.css", "/%00", "//etc/passwd", "/./index.html",
            "/leak.txt", "/up/secret.txt", "/up/site.yml", "/.samizdat-tmp/", "/.htaccess",
            "/" + String(repeating: "a/", count: 3000), "/%zz",
        ]
        for target in attempts {
            let reply = try RawHTTP.request(port: server.port, target)
            #expect([400, 404].contains(reply.status), "\(target) → \(reply.status)")
            #expect(!reply.body.contains("TOP-SECRET-VALUE") && !reply.body.contains("root:x:0:0"), "\(target)")
        }
        #expect(try RawHTTP.request(port: server.port, "/images/pic.svg").status == 200, "a plain path still works")
    }

    /// Told of the edit by the system, or (`--poll`: network and shared folders) finding it by
    /// scanning: the same rebuild either way.
    @Test(arguments: [false, true])
    func anEditIsRebuiltAndOpenTabsAreToldToReload(scanning: Bool) throws {
        let (site, server) = try Self.serve(scanning ? ["--poll"] : [])
        defer { Self.finish(site, server) }
        if scanning {
            try server.waitForOutput(containing: "Looking for changes by scanning the site's files every 0.2 seconds (--poll)")
        }
        let events = try server.openEvents()

        let post = "Content/posts/2026/11/2026-11-20-hello.md"
        try site.write(post, try #require(site.read(post)) + "\nEdited while serving.\n")
        try events.expect("event: reload")
        let page = try RawHTTP.request(port: server.port, "/2026/11/20/hello/")
        #expect(page.body.contains("Edited while serving."))
        try server.waitForOutput(containing: "Changed: Content/posts/2026/11/2026-11-20-hello.md")
        #expect(server.output.contains("--poll") == scanning)
    }

    /// A post saved in a folder made while serving (a new month's), then saved again: the
    /// folder is watched from when it appears.
    @Test func aPostInANewFolderIsBuiltAndSoIsItsNextSave() throws {
        let (site, server) = try Self.serve()
        defer { Self.finish(site, server) }
        let events = try server.openEvents()

        // Saved as many editors save: written beside (here in the site's folder, which is not
        // watched) and moved into place, so no build can see the file half written.
        func save(_ path: String, _ text: String) throws {
            try site.write("saving.tmp", text)
            try FileManager.default.createDirectory(at: site.root.appendingPathComponent(path).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            let renamed = rename(site.root.appendingPathComponent("saving.tmp").path, site.root.appendingPathComponent(path).path)
            try #require(renamed == 0, "rename into \(path)")
        }
        let post = "Content/posts/2026/12/week/2026-11-25-new-folder.md"
        try save(post, "---\ndate: 2026-11-25\ntitle: New folder\n---\nFirst words.\n")
        try events.expect("event: reload")
        #expect(try RawHTTP.request(port: server.port, "/2026/11/25/new-folder/").body.contains("First words."))
        try server.waitForOutput(containing: "Changed: \(post)")

        try save(post, "---\ndate: 2026-11-25\ntitle: New folder\n---\nSecond words.\n")
        try events.expect("event: reload")
        #expect(try RawHTTP.request(port: server.port, "/2026/11/25/new-folder/").body.contains("Second words."))
    }

    /// A post dated a moment ahead is held back, then appears when its time comes, without a save.
    @Test func aFuturePostAppearsWhenItsTimeComes() throws {
        let (site, server) = try Self.serve()
        defer { Self.finish(site, server) }
        let events = try server.openEvents()

        let formatter = ISO8601DateFormatter()
        // Whole seconds, as the front matter writes it: the post is due at exactly this time.
        let date = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 6).rounded(.down))
        try site.write("Content/posts/soon.md", "---\ndate: \(formatter.string(from: date))\ntitle: Soon\n---\nScheduled text.\n")
        try events.expect("event: reload")
        guard Date() < date else {
            // The machine was too slow to see the post held back; it must be there now.
            return #expect(try RawHTTP.request(port: server.port, "/").body.contains("Scheduled text."))
        }
        #expect(!(try RawHTTP.request(port: server.port, "/").body.contains("Scheduled text.")), "held back until its time")
        // The next reload is the scheduled build: no file changed in between.
        try events.expect("event: reload")
        #expect(Date() >= date)
        #expect(try RawHTTP.request(port: server.port, "/").body.contains("Scheduled text."))
        try server.waitForOutput(containing: "Building again: a post's scheduled time has come")
    }

    @Test func aBrokenPostShowsAnErrorPageUntilItIsFixed() throws {
        let (site, server) = try Self.serve()
        defer { Self.finish(site, server) }
        let events = try server.openEvents()

        try site.write("Content/posts/broken.md", "---\ndate: 2026-11-22\ntitle: <Broken>\ntittle: x\n---\nText.\n")
        try events.expect("event: reload")
        let error = try RawHTTP.request(port: server.port, "/2026/11/20/hello/")
        #expect(error.status == 500)
        #expect(error.header("content-type") == "text/html; charset=utf-8")
        #expect(error.body.contains("<code>Content/posts/broken.md:4:1: error: Unknown front matter key &#39;tittle&#39;. Did you mean &#39;title&#39;?</code>"),
                "\(error.body)")
        #expect(error.body.contains("EventSource"), "the error page reloads itself")
        try server.waitForErrors(containing: "Content/posts/broken.md:4:1: error: Unknown front matter key 'tittle'")

        try site.write("Content/posts/broken.md", "---\ndate: 2026-11-22\ntitle: Fixed <now>\n---\nText.\n")
        try events.expect("event: reload")
        let fixed = try RawHTTP.request(port: server.port, "/2026/11/22/broken/")
        #expect(fixed.status == 200)
        #expect(fixed.body.contains("Fixed &lt;now&gt;"))
    }

    /// A template broken while serving, and a post saved half-way (its front matter cut off by
    /// an editor mid-write): the error page, then the site again after the next good save.
    @Test func aTemplateBrokenWhileServingAndAHalfSavedPostRecover() throws {
        let (site, server) = try Self.serve()
        defer { Self.finish(site, server) }
        let events = try server.openEvents()

        try site.write("Templates/page.mustache", "{{<base}}\n{{$main}}\n<p>{{page.title}</p>\n{{/main}}\n{{/base}}\n")
        try events.expect("event: reload")
        let broken = try RawHTTP.request(port: server.port, "/2026/11/20/hello/")
        #expect(broken.status == 500)
        #expect(broken.body.contains("Templates/page.mustache:3:"), "\(broken.body)")

        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Templates/page.mustache"))
        try events.expect("event: reload")
        #expect(try RawHTTP.request(port: server.port, "/2026/11/20/hello/").status == 200)

        let post = "Content/posts/2026/11/2026-11-20-hello.md"
        let whole = try #require(site.read(post))
        try site.write(post, String(whole.prefix(8)))
        try events.expect("event: reload")
        #expect(try RawHTTP.request(port: server.port, "/").status == 500)
        try site.write(post, whole + "\nSaved again.\n")
        try events.expect("event: reload")
        let page = try RawHTTP.request(port: server.port, "/2026/11/20/hello/")
        #expect(page.status == 200)
        #expect(page.body.contains("Saved again."))
    }

    @Test func holdsManyConcurrentRequestsWithoutAFailure() throws {
        let (site, server) = try Self.serve()
        defer { Self.finish(site, server) }
        let paths = ["/", "/feed.xml", "/style.css", "/2026/11/20/hello/", "/tags/", "/no/such/", "/images/pic.svg", "/atom.xml"]
        let failures = Failures()
        let group = DispatchGroup()
        for client in 0..<16 {
            group.enter()
            Thread {
                defer { group.leave() }
                for request in 0..<25 {
                    let path = paths[(client + request) % paths.count]
                    do {
                        let reply = try RawHTTP.request(port: server.port, path)
                        if reply.status != (path == "/no/such/" ? 404 : 200) { failures.add("\(path): \(reply.status)") }
                    } catch {
                        failures.add("\(path): \(error)")
                    }
                }
            }.start()
        }
        #expect(group.wait(timeout: .now() + 300) == .success)
        #expect(failures.list.isEmpty, "\(failures.list.prefix(10))")
    }

    @Test func ctrlCStopsTheServerEvenWithATabOpen() throws {
        let (site, server) = try Self.serve()
        defer { Self.finish(site, server) }
        let tab = try server.openEvents()
        #expect(server.interrupt() == 0)
        #expect(server.output.hasSuffix("Stopped.\n"))
        withExtendedLifetime(tab) {}  // the tab stays open until the server has stopped
    }

    @Test func aPortInUseIsSaidClearly() throws {
        let (site, server) = try Self.serve()
        defer { Self.finish(site, server) }
        let second = try site.run("serve", "--port", "\(server.port)")
        #expect(second.status == 1)
        #expect(second.stderr.contains("Port \(server.port) is already in use on 127.0.0.1. Stop the program using it, or pick another port with --port"),
                "\(second.stderr)")
    }

    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String] = []
        func add(_ item: String) { lock.withLock { items.append(item) } }
        var list: [String] { lock.withLock { items } }
    }
}
