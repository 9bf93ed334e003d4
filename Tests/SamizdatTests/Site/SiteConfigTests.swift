import Foundation
import Testing
@testable import Samizdat

@Suite("SiteConfig")
struct SiteConfigTests {
    static let file = URL(fileURLWithPath: "/site/site.yml")

    private func parse(_ yaml: String) -> (SiteConfig, [Diagnostic]) {
        SiteConfig.parse(yaml: yaml, file: Self.file)
    }

    /// A configuration that must parse without any diagnostic.
    private func config(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> SiteConfig {
        let (config, diagnostics) = parse(yaml)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.formatted() })", sourceLocation: sourceLocation)
        return config
    }

    /// The single error a configuration must produce.
    private func failure(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let (_, diagnostics) = parse(yaml)
        #expect(diagnostics.count == 1, "\(diagnostics.map { $0.formatted() })", sourceLocation: sourceLocation)
        let diagnostic = try #require(diagnostics.first, sourceLocation: sourceLocation)
        #expect(diagnostic.severity == .error, sourceLocation: sourceLocation)
        #expect(diagnostic.location?.file == Self.file, sourceLocation: sourceLocation)
        return diagnostic
    }

    @Test func everyKey() throws {
        let config = config("""
            title: Carnet de bord
            description: Notes courtes.
            base_url: https://example.org/blog/
            language: fr-CA
            timezone: Europe/Paris
            author:
              name: Camille
              url: https://camille.example/
              email: camille@example.org
              avatar: /avatar.jpg
            posts_per_page: 10
            permalink: /:year/:slug/
            feeds:
              items: 50
            markdown:
              unsafe_html: false
            links:
              - name: Mastodon
                url: https://mastodon.example/@camille
              - name: GitHub
                url: https://github.com/camille
            strings:
              read_more: Lire la suite
              older: Plus anciens
            """)
        #expect(config.title == "Carnet de bord")
        #expect(config.description == "Notes courtes.")
        #expect(config.baseURL == URL(string: "https://example.org/blog/"))
        #expect(config.language == "fr-CA")
        #expect(config.timeZone.identifier == "Europe/Paris")
        #expect(config.author == .init(name: "Camille", url: "https://camille.example/", email: "camille@example.org", avatar: "/avatar.jpg"))
        #expect(config.postsPerPage == 10)
        #expect(config.permalink.pattern == "/:year/:slug/")
        #expect(config.feedItems == 50)
        #expect(config.unsafeHTML == false)
        #expect(config.links == [
            .init(name: "Mastodon", url: "https://mastodon.example/@camille"),
            .init(name: "GitHub", url: "https://github.com/camille"),
        ])
        #expect(config.strings == ["read_more": "Lire la suite", "older": "Plus anciens"])
        #expect(config.params.entries.isEmpty)
    }

    @Test("Defaults", arguments: ["", "# only a comment\n", "title:\n"])
    func defaults(yaml: String) {
        let config = config(yaml)
        #expect(config.title == "My site")
        #expect(config.description == "")
        #expect(config.baseURL == nil)
        #expect(config.language == "en")
        // Foundation on Linux reports UTC as "GMT"; compare the zone, not its name.
        #expect(config.timeZone == TimeZone(identifier: "UTC")!)
        #expect(config.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: 1_784_030_400)) == 0)
        #expect(config.author == .init())
        #expect(config.postsPerPage == 20)
        #expect(config.permalink == .default)
        #expect(config.permalink.pattern == "/:year/:month/:day/:slug/")
        #expect(config.feedItems == 20)
        #expect(config.unsafeHTML == true)
        #expect(config.links == [])
        #expect(config.strings == [:])
        #expect(config.params.entries.isEmpty)
    }

    @Test("base_url gets a trailing slash", arguments: [
        ("https://example.org", "https://example.org/"),
        ("https://example.org/", "https://example.org/"),
        ("https://example.org/blog", "https://example.org/blog/"),
        ("http://localhost:8000", "http://localhost:8000/"),
        ("HTTPS://Example.org/x/", "HTTPS://Example.org/x/"),
    ])
    func baseURL(text: String, expected: String) {
        #expect(config("base_url: \(text)").baseURL?.absoluteString == expected)
    }

    @Test("Bad base_url is an error at its line", arguments: [
        "ftp://example.org/", "/blog/", "example.org", "https://", "https://example.org/?q=1", "https://example.org/#top", "mailto:me@example.org",
    ])
    func badBaseURL(text: String) throws {
        let diagnostic = try failure("title: T\nbase_url: '\(text)'\n")
        #expect(diagnostic.message == "'base_url' must be an absolute http or https URL, like 'https://example.org/'; found '\(text)'")
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.location?.column == 1)
    }

    @Test func mentionsAndIndieWebEndpoints() {
        let (config, diagnostics) = parse("""
            mentions: {"@Lea": https://lea.example/, tom: https://tom.example/}
            webmention: https://webmention.example/endpoint
            pingback: https://webmention.example/xmlrpc
            """)
        #expect(diagnostics.isEmpty)
        #expect(config.mentions == ["lea": "https://lea.example/", "tom": "https://tom.example/"])
        #expect(config.webmention == "https://webmention.example/endpoint")
        #expect(config.pingback == "https://webmention.example/xmlrpc")
    }

    @Test func mentionsAndEndpointsMustBeHTTPURLs() {
        let (_, diagnostics) = parse("mentions: {lea: lea.example}\nwebmention: /webmention\n")
        #expect(diagnostics.map { $0.formatted() } == [
            "/site/site.yml:1:12: error: Mention 'lea' must map to an absolute http or https URL; found 'lea.example'",
            "/site/site.yml:2:1: error: 'webmention' must be an absolute http or https URL; found '/webmention'",
        ])
    }

    @Test func unknownTimeZoneIsAnError() throws {
        let diagnostic = try failure("timezone: Mars/Olympus_Mons\n")
        #expect(diagnostic.message == "Unknown time zone 'Mars/Olympus_Mons'. Use an IANA name such as 'Europe/Paris' or 'America/New_York'")
        #expect(diagnostic.location?.line == 1)
    }

    /// Names ICU still knows but the tzdata files do not: `DateFormatter` on Linux stopped the
    /// process on them (SIGILL) before the check.
    @Test(arguments: [("US/Pacific-New", "America/Los_Angeles"), ("SystemV/AST4", "America/Puerto_Rico")])
    func timeZoneWithoutSystemDataIsAnError(name: String, replacement: String) throws {
        #if !canImport(Darwin)
        let diagnostic = try failure("title: T\ntimezone: \(name)\n")
        #expect(diagnostic.formatted(relativeTo: URL(fileURLWithPath: "/site")) ==
            "site.yml:2:1: error: Time zone '\(name)' is an old name that the time zone database no longer has. Use '\(replacement)'")
        #endif
    }

    @Test func timeZoneMissingFromTheZoneFolderIsRefused() throws {
        #if !canImport(Darwin)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-zones-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Europe"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(SiteConfig.zone(named: "Europe/Paris", zoneFolder: folder) == .failure(.noSystemData(identifier: "Europe/Paris")))
        try Data("TZif but truncated".utf8).write(to: folder.appendingPathComponent("Europe/Paris"))
        #expect(SiteConfig.zone(named: "Europe/Paris", zoneFolder: folder) == .failure(.noSystemData(identifier: "Europe/Paris")))
        try FileManager.default.copyItem(at: SiteConfig.systemZoneFolder.appendingPathComponent("Europe/Berlin"),
                                         to: folder.appendingPathComponent("Europe/Berlin"))
        #expect(SiteConfig.zone(named: "Europe/Berlin", zoneFolder: folder) == .success(TimeZone(identifier: "Europe/Berlin")!))
        // Fixed offsets need no file.
        #expect(SiteConfig.zone(named: "GMT+0530", zoneFolder: folder) == .success(TimeZone(identifier: "GMT+0530")!))
        #expect(SiteConfig.message(for: .noSystemData(identifier: "Europe/Paris"), name: "Europe/Paris") ==
            "Time zone 'Europe/Paris' has no data in /usr/share/zoneinfo on this system. Use a current IANA name such as 'Europe/Paris', or install the time zone database (Debian: tzdata)")
        #endif
    }

    @Test(arguments: ["Europe/Paris", "UTC", "GMT", "Etc/GMT+5", "GMT+5", "GMT-14", "EST5EDT", "America/Nuuk", "Asia/Kolkata", "Factory"])
    func usableTimeZones(name: String) throws {
        let zone = try SiteConfig.zone(named: name).get()
        // What the RSS feed and the theme do with it; an unusable zone stops the process here.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd"
        #expect(formatter.string(from: Date(timeIntervalSince1970: 1_795_132_800)) == "2026-11-20" ||
                formatter.string(from: Date(timeIntervalSince1970: 1_795_132_800)) == "2026-11-19")
    }

    /// Paging adds and multiplies these; Int.max overflowed and stopped the build.
    @Test(arguments: ["posts_per_page: 9223372036854775807", "feeds: {items: 100001}"])
    func hugeCountsAreErrors(line: String) throws {
        let diagnostic = try failure(line + "\n")
        #expect(diagnostic.message.hasPrefix("'\(line.contains("items") ? "items" : "posts_per_page")' must be at most 100000; found '"))
    }

    /// Every zone the check lets through can be used by `DateFormatter`: ICU's canonical names,
    /// every file of the system's zone folder (links and old names included) and the old names
    /// that crashed. A zone that got through and could not be used would stop this test process.
    @Test func everyAcceptedZoneWorksInADateFormatter() throws {
        var names = Set(TimeZone.knownTimeZoneIdentifiers).union(SiteConfig.replacedZoneNames.keys)
        let folder = SiteConfig.systemZoneFolder
        if let files = FileManager.default.enumerator(atPath: folder.path) {
            for case let path as String in files where !path.hasPrefix("posix") && !path.hasPrefix("right") && !path.contains(".") {
                names.insert(path)
            }
        }
        var accepted = 0
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm Z"
        for name in names.sorted() {
            guard case .success(let zone) = SiteConfig.zone(named: name) else { continue }
            formatter.timeZone = zone
            #expect(!formatter.string(from: Date(timeIntervalSince1970: 1_795_132_800)).isEmpty, "\(name)")
            accepted += 1
        }
        #expect(accepted > 300, "only \(accepted) of \(names.count) zones were accepted")
    }

    @Test func fixedOffsetNames() {
        #expect(SiteConfig.isFixedOffsetName("GMT+05"))
        #expect(SiteConfig.isFixedOffsetName("GMT-1400"))
        #expect(SiteConfig.isFixedOffsetName("GMT+0530"))
        #expect(!SiteConfig.isFixedOffsetName("GMT"))
        #expect(!SiteConfig.isFixedOffsetName("GMT+15"))
        #expect(!SiteConfig.isFixedOffsetName("GMT+0560"))
        #expect(!SiteConfig.isFixedOffsetName("UTC+0500"))
        #expect(!SiteConfig.isFixedOffsetName("GMT+5"))
    }

    @Test func tzifHeaderChecks() {
        var header = [UInt8]("TZif".utf8) + [UInt8](repeating: 0, count: 40)
        #expect(!SiteConfig.isTZifData(header), "no type")
        header[39] = 1 // one type
        header[43] = 4 // four characters of abbreviations
        #expect(!SiteConfig.isTZifData(header), "too short for its type and characters")
        #expect(SiteConfig.isTZifData(header + [0, 0, 0, 0, 0, 0] + Array("UTC\0".utf8)))
        #expect(!SiteConfig.isTZifData(header + [0, 0, 0, 0, 2, 0] + Array("UTC\0".utf8)), "a DST flag of 2")
        #expect(!SiteConfig.isTZifData(Array("TZig".utf8) + header.dropFirst(4) + [0, 0, 0, 0, 0, 0] + Array("UTC\0".utf8)))
    }

    @Test("Language tags", arguments: ["en", "fr", "fr-CA", "zh-Hant-TW", "ast", "de-CH-1996"])
    func goodLanguage(tag: String) {
        #expect(config("language: \(tag)").language == tag)
    }

    @Test("Bad language tags are errors", arguments: ["french", "en_GB", "e", "fr-", "fr-toolongsubtag", "12"])
    func badLanguage(tag: String) throws {
        let diagnostic = try failure("title: T\nlanguage: '\(tag)'\n")
        #expect(diagnostic.message == "'language' must be a BCP 47 language tag such as 'en' or 'fr-CA'; found '\(tag)'")
        #expect(diagnostic.location?.line == 2)
    }

    @Test("posts_per_page must be a positive whole number", arguments: [
        ("0", "'0'"), ("-3", "'-3'"), ("ten", "'ten'"), ("2.5", "'2.5'"), ("\"10\"", "'10'"), ("[1]", "a list"),
    ])
    func badPostsPerPage(value: String, found: String) throws {
        let diagnostic = try failure("posts_per_page: \(value)\n")
        #expect(diagnostic.message == "'posts_per_page' must be a whole number greater than 0; found \(found)")
        #expect(diagnostic.location?.line == 1)
        #expect(diagnostic.location?.column == 1)
    }

    @Test func quotedNumberStaysTextInParams() {
        let config = config("posts_per_page: 5\nfavourite: \"10\"\ncount: 10\n")
        #expect(config.postsPerPage == 5)
        #expect(config.params["favourite"] == .string("10"))
        #expect(config.params["count"] == .integer(10))
    }

    @Test func badFeedItemsIsAnErrorOnItsOwnLine() throws {
        let diagnostic = try failure("feeds:\n  items: 0\n")
        #expect(diagnostic.message == "'items' must be a whole number greater than 0; found '0'")
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.location?.column == 3)
    }

    @Test func feedIdentityKeys() {
        let config = config("feeds:\n  id_base: https://old.example.org\n  icon: /icon.png\n  favicon: /favicon.ico\n")
        #expect(config.feedIDBase?.absoluteString == "https://old.example.org/")
        #expect(config.feedIcon == "/icon.png")
        #expect(config.feedFavicon == "/favicon.ico")
        #expect(config.feedItems == 20)
    }

    @Test func relativeFeedIDBaseIsAnError() throws {
        let diagnostic = try failure("feeds:\n  id_base: /blog/\n")
        #expect(diagnostic.message == "'feeds.id_base' must be an absolute http or https URL, like 'https://old.example.org/'; found '/blog/'")
        #expect(diagnostic.location?.line == 2)
    }

    @Test func badUnsafeHTMLIsAnError() throws {
        let diagnostic = try failure("markdown:\n  unsafe_html: sometimes\n")
        #expect(diagnostic.message == "'unsafe_html' must be true or false; found 'sometimes'")
        #expect(diagnostic.location?.line == 2)
    }

    @Test func typoKeySuggestsTheKnownKey() throws {
        let diagnostic = try failure("title: T\ntimezon: Europe/Paris\n")
        #expect(diagnostic.message == "Unknown key 'timezon'. Did you mean 'timezone'?")
        #expect(diagnostic.location?.line == 2)
    }

    /// `titel` swaps two letters: one edit, not two, or it would land silently in params and the
    /// site would keep the default title.
    @Test func transposedTitleIsATypo() throws {
        let (config, diagnostics) = parse("titel: Carnet\n")
        #expect(diagnostics.map(\.message) == ["Unknown key 'titel'. Did you mean 'title'?"])
        #expect(config.params["titel"] == nil)
    }

    @Test func unrelatedUnknownKeysLandInParams() {
        let config = config("""
            title: T
            mastodon_handle: "@me@example.social"
            analytics:
              provider: plausible
            show_reading_time: true
            """)
        #expect(config.params.entries.map(\.key) == ["mastodon_handle", "analytics", "show_reading_time"])
        #expect(config.params["mastodon_handle"] == .string("@me@example.social"))
        #expect(config.params["show_reading_time"] == .bool(true))
        #expect(config.params["analytics"] == .table(DataTable(entries: [.init(key: "provider", value: .string("plausible"), line: 4, column: 3)])))
        #expect(config.params.entries.map(\.line) == [2, 3, 5])
    }

    @Test func nestedTypoSuggestsTheNestedKey() throws {
        let diagnostic = try failure("author:\n  name: Camille\n  emaill: c@example.org\n")
        #expect(diagnostic.message == "Unknown key 'author.emaill'. Did you mean 'email'?")
        #expect(diagnostic.location?.line == 3)
        #expect(diagnostic.location?.column == 3)
    }

    /// `nmae` is `name` with two letters swapped: one edit, so it gets a suggestion.
    @Test func nestedTransposedTypoSuggestsTheNestedKey() throws {
        let diagnostic = try failure("author:\n  nmae: Camille\n")
        #expect(diagnostic.message == "Unknown key 'author.nmae'. Did you mean 'name'?")
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.location?.column == 3)
    }

    @Test func unrelatedNestedKeyListsTheKnownKeys() throws {
        let diagnostic = try failure("feeds:\n  format: rss\n")
        #expect(diagnostic.message.hasPrefix("Unknown key 'feeds.format'. Known keys: 'items'"))
        #expect(!diagnostic.message.contains("Did you mean"))
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.location?.column == 3)
    }

    @Test func wrongShapesAreErrors() {
        let (_, diagnostics) = parse("""
            author: Camille
            links: https://mastodon.example/@me
            feeds: 20
            markdown: yes
            """)
        #expect(diagnostics.map(\.message) == [
            "'author' must be a mapping of keys to values; found a string",
            "'links' must be a list of {name, url} entries",
            "'feeds' must be a mapping of keys to values; found an integer",
            "'markdown' must be a mapping of keys to values; found a string",
        ])
        #expect(diagnostics.map { $0.location?.line } == [1, 2, 3, 4])
    }

    @Test func linkWithoutURLIsAnError() throws {
        let diagnostic = try failure("links:\n  - name: Mastodon\n")
        #expect(diagnostic.message == "Each entry of 'links' needs a 'name' and a 'url'")
        #expect(diagnostic.location?.line == 1)
    }

    @Test func badPermalinkIsAnErrorAtItsLine() throws {
        let diagnostic = try failure("title: T\npermalink: /:yr/:slug/\n")
        #expect(diagnostic.message == "Unknown permalink token ':yr' in '/:yr/:slug/'. Use :year, :month, :day, :hour, :minute, :slug")
        #expect(diagnostic.location?.line == 2)
    }

    @Test func everyProblemIsReportedInOneRun() {
        let (_, diagnostics) = parse("""
            base_url: example.org
            timezone: Nowhere
            language: english
            posts_per_page: 0
            """)
        #expect(diagnostics.count == 4)
        #expect(diagnostics.map { $0.location?.line } == [1, 2, 3, 4])
        #expect(diagnostics.allSatisfy { $0.severity == .error })
    }

    @Test func malformedYAMLIsAPositionedError() throws {
        let diagnostic = try failure("title: ok\ndescription: a: b\n")
        #expect(diagnostic.message == "Invalid YAML: Mapping values are not allowed in this context")
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.location?.column == 15)
    }

    @Test func badIndentationIsAPositionedError() throws {
        let diagnostic = try failure("title: ok\n  description: x\n")
        #expect(diagnostic.message == "Invalid YAML: Mapping values are not allowed in this context")
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.location?.column == 14)
    }

    @Test func topLevelListIsAnError() throws {
        let diagnostic = try failure("- title: T\n")
        #expect(diagnostic.message == "Expected 'key: value' lines, found a list")
        #expect(diagnostic.location?.line == 1)
    }

    @Test func diagnosticFormat() throws {
        let diagnostic = try failure("title: T\ntimezone: Nowhere\n")
        #expect(diagnostic.formatted(relativeTo: URL(fileURLWithPath: "/site")) ==
            "site.yml:2:1: error: Unknown time zone 'Nowhere'. Use an IANA name such as 'Europe/Paris' or 'America/New_York'")
    }
}
