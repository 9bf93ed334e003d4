import Foundation
import Testing
@testable import Samizdat

@Suite("Permalink")
struct PermalinkTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let paris = TimeZone(identifier: "Europe/Paris")!
    static let newYork = TimeZone(identifier: "America/New_York")!
    /// 2026-11-20T14:05:00Z
    static let afternoon = Date(timeIntervalSince1970: 1_795_183_500)
    /// 2026-11-20T23:30:00Z: already the 21st in Paris.
    static let lateEvening = Date(timeIntervalSince1970: 1_795_217_400)
    /// 2026-11-20T03:00:00Z: still the 19th in New York.
    static let earlyMorning = Date(timeIntervalSince1970: 1_795_143_600)
    /// 2026-01-05T08:07:00Z: single-digit month, day, hour and minute.
    static let january = Date(timeIntervalSince1970: 1_767_600_420)

    @Test func defaultPattern() {
        #expect(Permalink.default.pattern == "/:year/:month/:day/:slug/")
        #expect(Permalink.default.path(date: Self.afternoon, slug: "hello", timeZone: Self.utc) == "/2026/11/20/hello/")
    }

    @Test func fieldsAreZeroPadded() throws {
        let permalink = try Permalink(pattern: "/:year/:month/:day/:hour:minute-:slug/")
        #expect(permalink.path(date: Self.january, slug: "x", timeZone: Self.utc) == "/2026/01/05/0807-x/")
    }

    @Test("Custom patterns", arguments: [
        ("/:year/:slug/", "/2026/hello/"),
        ("/notes/:slug.html", "/notes/hello.html"),
        ("/:slug/", "/hello/"),
        ("/:slug", "/hello/"),
        ("/blog/:year/:month/:slug", "/blog/2026/11/hello/"),
        ("/:year-:month-:day-:slug/", "/2026-11-20-hello/"),
        ("/:year/:month/:day/:hour/:minute/:slug/", "/2026/11/20/14/05/hello/"),
    ])
    func customPatterns(pattern: String, expected: String) throws {
        let permalink = try Permalink(pattern: pattern)
        #expect(permalink.pattern == pattern)
        #expect(permalink.path(date: Self.afternoon, slug: "hello", timeZone: Self.utc) == expected)
    }

    @Test func unknownTokenNamesItAndListsTheKnownOnes() {
        #expect {
            try Permalink(pattern: "/:yr/:slug/")
        } throws: { error in
            (error as? Permalink.InvalidPattern)?.message ==
                "Unknown permalink token ':yr' in '/:yr/:slug/'. Use :year, :month, :day, :hour, :minute, :slug"
        }
    }

    @Test func categoryTokenIsUnknown() throws {
        let error = try #require(throws: Permalink.InvalidPattern.self) { try Permalink(pattern: "/:category/:slug/") }
        #expect(error.message == "Unknown permalink token ':category' in '/:category/:slug/'. Use :year, :month, :day, :hour, :minute, :slug")
    }

    @Test func bareColonIsAnEmptyToken() throws {
        let error = try #require(throws: Permalink.InvalidPattern.self) { try Permalink(pattern: "/:/:slug/") }
        #expect(error.message == "Unknown permalink token ':' in '/:/:slug/'. Use :year, :month, :day, :hour, :minute, :slug")
    }

    @Test func missingSlugIsAnError() throws {
        let error = try #require(throws: Permalink.InvalidPattern.self) { try Permalink(pattern: "/:year/:month/:day/") }
        #expect(error.message == "'permalink' must contain ':slug' so that two posts of the same day get different URLs; found '/:year/:month/:day/'")
    }

    @Test func patternMustStartWithASlash() throws {
        let error = try #require(throws: Permalink.InvalidPattern.self) { try Permalink(pattern: ":year/:slug/") }
        #expect(error.message == "'permalink' must start with '/'; found ':year/:slug/'")
    }

    @Test("Patterns that are not plain paths", arguments: ["/../:slug/", "//:slug/", "/:slug/?x", "/:slug/#top"])
    func notAPlainPath(pattern: String) throws {
        let error = try #require(throws: Permalink.InvalidPattern.self) { try Permalink(pattern: pattern) }
        #expect(error.message == "'permalink' must be a plain path like '/:year/:month/:day/:slug/'; found '\(pattern)'")
    }

    @Test func timeZoneDecidesTheDay() {
        let permalink = Permalink.default
        #expect(permalink.path(date: Self.lateEvening, slug: "late", timeZone: Self.utc) == "/2026/11/20/late/")
        #expect(permalink.path(date: Self.lateEvening, slug: "late", timeZone: Self.paris) == "/2026/11/21/late/")
        #expect(permalink.path(date: Self.earlyMorning, slug: "early", timeZone: Self.utc) == "/2026/11/20/early/")
        #expect(permalink.path(date: Self.earlyMorning, slug: "early", timeZone: Self.newYork) == "/2026/11/19/early/")
    }

    @Test func timeZoneDecidesTheYearOnNewYearsEve() {
        // 2026-12-31T23:30:00Z is 2027-01-01 00:30 in Paris.
        let date = Date(timeIntervalSince1970: 1_798_759_800)
        #expect(Permalink.default.path(date: date, slug: "bonne-annee", timeZone: Self.utc) == "/2026/12/31/bonne-annee/")
        #expect(Permalink.default.path(date: date, slug: "bonne-annee", timeZone: Self.paris) == "/2027/01/01/bonne-annee/")
    }

    @Test func hourFollowsTheTimeZoneToo() throws {
        let permalink = try Permalink(pattern: "/:year/:month/:day/:hour/:slug/")
        #expect(permalink.path(date: Self.afternoon, slug: "x", timeZone: Self.paris) == "/2026/11/20/15/x/")
    }
}
