import Foundation
import Testing
@testable import Samizdat

/// `mirrors:` in site.yml: each kind of `to`, and every mistake reported on its line.
@Suite("Mirror")
struct MirrorTests {
    static let file = URL(fileURLWithPath: "/site/site.yml")

    private func parse(_ mirrors: String) -> (SiteConfig, [Diagnostic]) {
        SiteConfig.parse(yaml: "title: T\nbase_url: https://example.org/\nmirrors:\n" + mirrors, file: Self.file)
    }

    @Test func everyKindOfDestination() {
        let (config, diagnostics) = parse("""
              - {name: usb, url: https://usb.example.net/, to: /media/usb/site}
              - {name: relative, url: https://r.example.net/, to: ../mirror}
              - {name: host, url: https://host.example.net/, to: "deploy@example.net:/srv/www"}
              - {name: daemon, url: https://d.example.net/, to: "rsync://example.net/www/site"}
              - {name: codeberg, url: https://ada.codeberg.page/, to: "git+ssh://git@codeberg.org/ada/pages.git#pages"}
              - {name: local-git, url: https://g.example.net/, to: "git+file:///srv/git/site.git"}
              - {name: r2, url: https://r2.example.net/, to: "s3://bucket/blog?endpoint=https://acc.r2.cloudflarestorage.com&region=auto"}
              - {name: aws, url: https://aws.example.net/, to: "s3://bucket"}
              - {name: ipfs, url: https://site.eth.limo/, to: ipfs}

            """)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.formatted() })")
        #expect(config.mirrors.map(\.destination) == [
            .folder("/media/usb/site"), .folder("../mirror"), .rsync("deploy@example.net:/srv/www"), .rsync("rsync://example.net/www/site"),
            .git(remote: "ssh://git@codeberg.org/ada/pages.git", branch: "pages"), .git(remote: "file:///srv/git/site.git", branch: Mirror.defaultBranch),
            .s3(bucket: "bucket", prefix: "blog/", endpoint: "https://acc.r2.cloudflarestorage.com", region: "auto"),
            .s3(bucket: "bucket", prefix: "", endpoint: nil, region: "us-east-1"), .ipfs,
        ])
        #expect(config.mirrors.map(\.line) == Array(4...12))
    }

    @Test(arguments: [
        ("- {name: a, url: https://a.example.net/, to: \"ftp://example.net/www\"}", 4, "Unknown kind of mirror 'ftp://'"),
        ("- {name: a, url: https://a.example.net/, to: x}\n- {name: a, url: https://b.example.net/, to: y}", 5, "Two mirrors are named 'a' (the other is on line 4)"),
        ("- {name: a, url: https://example.org/, to: x}", 4, "has the site's own base_url 'https://example.org/'"),
        ("- {name: a, url: https://a.example.net, to: x}", 4, "must end with '/'"),
        ("- {name: a, url: /mirror/, to: x}", 4, "must be an absolute http or https URL"),
        ("- {name: a, url: https://a.example.net/}", 4, "has no 'to'"),
        ("- {name: \"a b\", url: https://a.example.net/, to: x}", 4, "Mirror name 'a b'"),
        ("- {name: main, url: https://a.example.net/, to: x}", 4, "Mirror name 'main' is taken"),
        ("- {name: a, url: https://a.example.net/, to: \"s3://b?color=red\"}", 4, "Unknown option 'color'"),
        ("- {name: a, url: https://a.example.net/, to: x, branch: main}", 4, "Unknown key 'mirrors.branch'"),
        ("- {name: a, url: https://x.example.net/, to: x}\n- {name: b, url: https://x.example.net/, to: y}", 5, "have the same url"),
    ])
    func mistakesAreReportedOnTheirLine(_ yaml: String, line: Int, message: String) throws {
        let (_, diagnostics) = parse(yaml + "\n")
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(diagnostics.map { $0.formatted() })")
        let error = try #require(errors.first)
        #expect(error.location?.file == Self.file)
        #expect(error.location?.line == line, "\(error.formatted())")
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test func aMirrorBuildPointsCanonicalLinksAtTheMainAddressAndListsTheOthers() throws {
        var (config, diagnostics) = parse("""
              - {name: a, url: https://a.example.net/, to: x}
              - {name: b, url: https://b.example.net/blog/, to: y}

            """)
        #expect(diagnostics.isEmpty)
        #expect(config.currentMirror == nil)
        #expect(config.canonicalBaseURL?.absoluteString == "https://example.org/")
        #expect(config.otherAddresses.map(\.url.absoluteString) == ["https://a.example.net/", "https://b.example.net/blog/"])

        config.siteBaseURL = config.baseURL
        config.baseURL = URL(string: "https://b.example.net/blog/")
        #expect(config.currentMirror?.name == "b")
        #expect(config.canonicalBaseURL?.absoluteString == "https://example.org/")
        #expect(config.otherAddresses.map(\.name) == ["main", "a"])
        #expect(Mirror.displayAddress(URL(string: "https://b.example.net/blog/")!) == "b.example.net/blog")

        let json = try #require(config.mirrorsJSON())
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["base_url"] as? String == "https://example.org/")
        let listed = try #require(object["mirrors"] as? [[String: String]])
        #expect(listed.map { $0["url"] } == ["https://example.org/", "https://a.example.net/", "https://b.example.net/blog/"])
        #expect(listed.last?["feed_url"] == "https://b.example.net/blog/atom.xml")
    }
}
