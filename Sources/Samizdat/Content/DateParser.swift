import Foundation

/// Parses the dates authors write in front matter.
///
/// Accepted: `2026-11-20`, `2026-11-20 14:05`, `2026-11-20T14:05:30`, with optional fractional
/// seconds and an optional zone (`Z`, `+01:00`, `+0100`, `EST`, `-0500 EST`). Without a zone the date is in the site's
/// time zone: an author in Paris who writes `14:05` means 14:05 in Paris.
public enum DateParser {
    nonisolated(unsafe) private static let pattern = #/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?(?:\s*\(?([A-Za-z]{1,5})\)?)?$/#

    /// The parts of a date as written: the groups of `pattern`.
    struct Fields: Equatable {
        var year: Substring, month: Substring, day: Substring
        var hour: Substring?, minute: Substring?, second: Substring?, fraction: Substring?
        var designator: Substring?, abbreviation: Substring?
    }

    /// The fields of `text` (already trimmed) by `pattern`.
    static func regexFields(_ text: String) -> Fields? {
        guard let match = text.wholeMatch(of: pattern) else { return nil }
        let out = match.output
        return Fields(year: out.1, month: out.2, day: out.3, hour: out.4, minute: out.5, second: out.6, fraction: out.7,
                      designator: out.8, abbreviation: out.9)
    }

    /// The fields of the forms nearly every date is written in, read byte by byte: ASCII
    /// `2026-11-20`, then optionally `T` or one space and `14:05`, `:30`, `.123`, then optionally
    /// `Z` or an offset (`+01:00`, `+0100`, `+01`). Nil for anything else, which `pattern` reads:
    /// matching the regular expression was most of the cost of a date. Where this reads a date, it
    /// gives the groups `pattern` gives (`FastPathTests` compares them on random dates).
    static func fastFields(_ text: String) -> Fields? {
        let utf8 = text.utf8
        var index = utf8.startIndex
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        /// `count` ASCII digits from `index`, consumed.
        func digits(_ count: Int) -> Substring? {
            let start = index
            for _ in 0..<count {
                guard index < utf8.endIndex, isDigit(utf8[index]) else { return nil }
                index = utf8.index(after: index)
            }
            return text[start..<index]
        }
        func take(_ byte: UInt8) -> Bool {
            guard index < utf8.endIndex, utf8[index] == byte else { return false }
            index = utf8.index(after: index)
            return true
        }
        guard let year = digits(4), take(UInt8(ascii: "-")), let month = digits(2), take(UInt8(ascii: "-")), let day = digits(2) else { return nil }
        var fields = Fields(year: year, month: month, day: day)
        if take(UInt8(ascii: "T")) || take(UInt8(ascii: "t")) || take(UInt8(ascii: " ")) {
            guard let hour = digits(2), take(UInt8(ascii: ":")), let minute = digits(2) else { return nil }
            fields.hour = hour
            fields.minute = minute
            if take(UInt8(ascii: ":")) {
                guard let second = digits(2) else { return nil }
                fields.second = second
                if take(UInt8(ascii: ".")) || take(UInt8(ascii: ",")) {
                    let start = index
                    while index < utf8.endIndex, isDigit(utf8[index]) { index = utf8.index(after: index) }
                    guard start < index else { return nil }
                    fields.fraction = text[start..<index]
                }
            }
        }
        if index < utf8.endIndex {
            let start = index
            if take(UInt8(ascii: "Z")) || take(UInt8(ascii: "z")) {
            } else if take(UInt8(ascii: "+")) || take(UInt8(ascii: "-")) {
                guard digits(2) != nil else { return nil }
                if index < utf8.endIndex {
                    _ = take(UInt8(ascii: ":"))
                    guard digits(2) != nil else { return nil }
                }
            } else {
                return nil
            }
            fields.designator = text[start..<index]
        }
        return index == utf8.endIndex ? fields : nil
    }

    public static func parse(_ text: String, timeZone: TimeZone) -> Date? {
        parse(text, timeZone: timeZone, byArithmetic: true)
    }

    /// `byArithmetic: false` makes every date with `Calendar`, for tests to compare with.
    static func parse(_ text: String, timeZone: TimeZone, byArithmetic: Bool) -> Date? {
        let text = text.trimmingASCIIWhitespace()
        guard let out = fastFields(text) ?? regexFields(text) else { return nil }
        guard let year = Int(out.year), let month = Int(out.month), let day = Int(out.day) else { return nil }
        let hour = out.hour.flatMap { Int($0) } ?? 0
        let minute = out.minute.flatMap { Int($0) } ?? 0
        let second = out.second.flatMap { Int($0) } ?? 0
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour),
              (0...59).contains(minute), (0...60).contains(second) else { return nil }

        var zone = timeZone
        if let designator = out.designator {
            guard let offset = offsetSeconds(String(designator)), let fixed = TimeZone(secondsFromGMT: offset) else { return nil }
            zone = fixed
        } else if let abbreviation = out.abbreviation {
            // A time needs a zone name after it; `2026-11-20 EST` (no time) is not a date.
            guard out.hour != nil, let hours = zoneAbbreviations[abbreviation.uppercased()],
                  let fixed = TimeZone(secondsFromGMT: Int(hours * 3600)) else { return nil }
            zone = fixed
        }
        var fraction = 0.0
        if let digits = out.fraction { fraction = Double("0." + digits) ?? 0 }
        // A date with its own offset, by day arithmetic (`CivilTime`): a `Calendar` and its round
        // trip were most of the cost of reading a post's front matter. (Without one, the site's
        // zone decides the offset, daylight saving time included: `Calendar` does.)
        if byArithmetic, out.designator != nil || out.abbreviation != nil, year >= 1583 {
            guard day <= CivilTime.days(inMonth: month, of: year) else { return nil }
            let seconds = CivilTime.days(sinceEpochTo: year, month, day) * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - zone.secondsFromGMT()
            return Date(timeIntervalSince1970: Double(seconds)).addingTimeInterval(fraction)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: min(second, 59))
        guard let date = calendar.date(from: components) else { return nil }
        // Calendar rolls 31 April over to 1 May; a date that does not round-trip does not exist.
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        guard back.year == year, back.month == month, back.day == day else { return nil }
        return date.addingTimeInterval(fraction)
    }

    /// Offsets from UTC, in hours, of the zone names dates are written with (`2019-01-01 10:00:00
    /// EST`, Go's and Ruby's default formats). Names that mean two different zones (`IST`: India,
    /// Ireland, Israel) are left out: such a date is refused rather than guessed. After an offset
    /// (`-0500 EST`) the name is only decoration.
    static let zoneAbbreviations: [String: Double] = [
        "UTC": 0, "UT": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2, "MET": 1, "MEST": 2,
        "EET": 2, "EEST": 3, "MSK": 3, "JST": 9, "KST": 9, "HKT": 8, "SGT": 8, "AWST": 8, "ACST": 9.5, "ACDT": 10.5,
        "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
        "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10, "AST": -4, "ADT": -3, "NST": -3.5, "NDT": -2.5,
    ]

    private static func offsetSeconds(_ designator: String) -> Int? {
        if designator == "Z" || designator == "z" { return 0 }
        let sign = designator.hasPrefix("-") ? -1 : 1
        let digits = designator.dropFirst().filter(\.isNumber)
        guard digits.count == 2 || digits.count == 4, let value = Int(digits) else { return nil }
        let hours = digits.count == 2 ? value : value / 100
        let minutes = digits.count == 2 ? 0 : value % 100
        guard hours <= 14, minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }
}
