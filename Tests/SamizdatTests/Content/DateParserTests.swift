import Foundation
import Testing
@testable import Samizdat

/// Expected instants are Unix epoch seconds worked out by hand:
/// 2026-01-01T00:00Z is day 20454 (56 years, 14 of them leap), 2026-11-20 is day 323 of 2026,
/// so 2026-11-20T00:00Z = 20777 × 86400 = 1_795_132_800.
@Suite("DateParser")
struct DateParserTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let paris = TimeZone(identifier: "Europe/Paris")!
    static let newYork = TimeZone(identifier: "America/New_York")!

    /// 2026-11-20T00:00:00Z
    static let nov20 = 1_795_132_800.0
    static let hour = 3600.0
    static let minute = 60.0

    private func epoch(_ text: String, _ zone: TimeZone = utc) -> Double? {
        DateParser.parse(text, timeZone: zone)?.timeIntervalSince1970
    }

    static let accepted: [(String, Double)] = [
        ("2026-11-20", nov20),
        ("2026-11-20 14:05", nov20 + 14 * hour + 5 * minute),
        ("2026-11-20T14:05", nov20 + 14 * hour + 5 * minute),
        ("2026-11-20t14:05", nov20 + 14 * hour + 5 * minute),
        ("2026-11-20 14:05:30", nov20 + 14 * hour + 5 * minute + 30),
        ("2026-11-20T14:05:30", nov20 + 14 * hour + 5 * minute + 30),
        ("2026-11-20T14:05:30.5", nov20 + 14 * hour + 5 * minute + 30.5),
        ("2026-11-20T14:05:30,25", nov20 + 14 * hour + 5 * minute + 30.25),
        ("2026-11-20T14:05:30.125Z", nov20 + 14 * hour + 5 * minute + 30.125),
        ("2026-1-5", nov20 - 319 * 86400),
        ("  2026-11-20  ", nov20),
    ]

    @Test("Accepted formats in UTC", arguments: accepted)
    func acceptedFormats(text: String, expected: Double) throws {
        let value = try #require(epoch(text))
        #expect(value == expected)
    }

    static let zoned: [(String, Double)] = [
        ("2026-11-20T14:05:30Z", nov20 + 14 * hour + 5 * minute + 30),
        ("2026-11-20T14:05:30z", nov20 + 14 * hour + 5 * minute + 30),
        ("2026-11-20T14:05:30+01:00", nov20 + 13 * hour + 5 * minute + 30),
        ("2026-11-20T14:05:30+0100", nov20 + 13 * hour + 5 * minute + 30),
        ("2026-11-20T14:05:30+01", nov20 + 13 * hour + 5 * minute + 30),
        ("2026-11-20T14:05:30-05:00", nov20 + 19 * hour + 5 * minute + 30),
        ("2026-11-20T14:05:30+05:30", nov20 + 8 * hour + 35 * minute + 30),
        ("2026-11-20 14:05 +01:00", nov20 + 13 * hour + 5 * minute),
        ("2026-11-20T14:05:30.5+01:00", nov20 + 13 * hour + 5 * minute + 30.5),
        // Zone names, as Go and Ruby print dates: the name gives the offset, or follows one.
        ("2026-11-20 10:00:00 EST", nov20 + 15 * hour),
        ("2026-11-20 10:00 PST", nov20 + 18 * hour),
        ("2026-11-20T14:05:30 CET", nov20 + 13 * hour + 5 * minute + 30),
        ("2026-11-20 14:05 utc", nov20 + 14 * hour + 5 * minute),
        ("2026-11-20 14:05:00 GMT", nov20 + 14 * hour + 5 * minute),
        ("2026-11-20 14:05:00 +0000 UTC", nov20 + 14 * hour + 5 * minute),
        ("2026-11-20 10:00:00 -0500 EST", nov20 + 15 * hour),
        ("2026-11-20T10:00:00-05:00 (EST)", nov20 + 15 * hour),
    ]

    @Test("Explicit zones win over the site's time zone", arguments: zoned)
    func explicitZones(text: String, expected: Double) throws {
        // The site zone must not matter when the text names its own offset.
        for zone in [Self.utc, Self.paris, Self.newYork] {
            let value = try #require(epoch(text, zone))
            #expect(value == expected, "in \(zone.identifier)")
        }
    }

    @Test func dateWithoutZoneIsTakenInTheSiteTimeZone() throws {
        let inUTC = try #require(epoch("2026-11-20 14:05", Self.utc))
        let inParis = try #require(epoch("2026-11-20 14:05", Self.paris))
        let inNewYork = try #require(epoch("2026-11-20 14:05", Self.newYork))
        // November: Paris is UTC+1, New York UTC-5.
        #expect(inUTC == 1_795_183_500)
        #expect(inParis == 1_795_179_900)
        #expect(inNewYork == 1_795_201_500)
        #expect(inUTC - inParis == Self.hour)
    }

    @Test func dayOnlyIsMidnightInTheSiteTimeZone() throws {
        #expect(try #require(epoch("2026-11-20", Self.paris)) == Self.nov20 - Self.hour)
        #expect(try #require(epoch("2026-11-20", Self.newYork)) == Self.nov20 + 5 * Self.hour)
    }

    @Test func summerDateInParisIsTwoHoursAheadOfUTC() throws {
        // 2026-07-14T12:00Z = day 20454 + 194 → 20648 × 86400 + 12 h.
        let noonUTC = 1_784_030_400.0
        #expect(try #require(epoch("2026-07-14 12:00", Self.utc)) == noonUTC)
        #expect(try #require(epoch("2026-07-14 12:00", Self.paris)) == noonUTC - 2 * Self.hour)
        // The same wall time in winter is only one hour ahead.
        #expect(try #require(epoch("2026-11-20 12:00", Self.paris)) == Self.nov20 + 11 * Self.hour)
    }

    @Test func daylightSavingSwitchInParis() throws {
        // Clocks go forward on 2026-03-29 at 02:00 (01:00Z): 01:30 is CET, 03:30 is CEST.
        let mar29 = 1_774_742_400.0  // 2026-03-29T00:00Z = day 20541
        #expect(try #require(epoch("2026-03-29 01:30", Self.paris)) == mar29 + 0.5 * Self.hour)
        #expect(try #require(epoch("2026-03-29 03:30", Self.paris)) == mar29 + 1.5 * Self.hour)
    }

    @Test func leapDay() throws {
        #expect(try #require(epoch("2024-02-29")) == 1_709_164_800)
        #expect(epoch("2026-02-29") == nil)
    }

    @Test("Invalid input", arguments: [
        "2026-02-30",
        "2026-04-31",
        "2026-13-01",
        "2026-00-10",
        "2026-11-00",
        "2026-11-32",
        "20-11-2026",
        "20/11/2026",
        "2026/11/20",
        "yesterday",
        "2026-11-20 25:00",
        "2026-11-20 24:00",
        "2026-11-20 14:60",
        "2026-11-20 14",
        "2026-11-20T14:05:30+15:00",
        "2026-11-20T14:05:30+01:60",
        "2026-11-20T14:05:30+1",
        "2026-11-20T14:05:30 IST",
        "2026-11-20T14:05:30 XYZ",
        "2026-11-20 EST",
        "2026-11-20 and more",
        "",
        "   ",
    ])
    func invalidInput(text: String) {
        #expect(DateParser.parse(text, timeZone: Self.paris) == nil)
    }
}
