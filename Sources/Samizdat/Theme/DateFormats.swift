import Foundation

/// Localized date texts for the theme, in the site's language and time zone.
struct DateFormats: @unchecked Sendable {
    // DateFormatter is safe to use from several threads for formatting once configured.
    private let longFormatter: DateFormatter
    private let dateTimeFormatter: DateFormatter
    private let monthYearFormatter: DateFormatter
    private let monthFormatter: DateFormatter
    private let calendar: Calendar

    init(language: String, timeZone: TimeZone) {
        let locale = Locale(identifier: language)
        func make(_ configure: (DateFormatter) -> Void) -> DateFormatter {
            let formatter = DateFormatter()
            formatter.locale = locale
            formatter.timeZone = timeZone
            formatter.calendar = Calendar(identifier: .gregorian)
            configure(formatter)
            return formatter
        }
        longFormatter = make { $0.dateStyle = .long; $0.timeStyle = .none }
        dateTimeFormatter = make { $0.dateStyle = .long; $0.timeStyle = .short }
        monthYearFormatter = make { $0.setLocalizedDateFormatFromTemplate("MMMM yyyy") }
        monthFormatter = make { $0.setLocalizedDateFormatFromTemplate("LLLL") }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The formats of a language and zone, made once per process and shared: a formatter's first
    /// date opens ICU's formatter and reads the locale's data (some 20 ms of CPU for a build's
    /// handful of formatters), which a build otherwise paid on the pages it renders, for each
    /// of the renderer, the feeds and the digests. `Builder` readies the site's (`warmUp`) on
    /// another thread right after the scan.
    static func shared(language: String, timeZone: TimeZone) -> DateFormats {
        let key = language + "\u{0}" + timeZone.identifier
        return sharedLock.withLock {
            if let formats = sharedFormats[key] { return formats }
            let formats = DateFormats(language: language, timeZone: timeZone)
            sharedFormats[key] = formats
            return formats
        }
    }

    private static let sharedLock = NSLock()
    nonisolated(unsafe) private static var sharedFormats: [String: DateFormats] = [:]

    /// Each formatter used once, so that its ICU formatter is open before pages need it.
    func warmUp() {
        let date = Date(timeIntervalSince1970: 1_790_000_000)
        _ = long(date)
        _ = dateTime(date)
        _ = monthYear(of: date)
        _ = monthName(year: 2026, month: 11)
    }

    /// `21 novembre 2026`, `November 21, 2026`.
    func long(_ date: Date) -> String { longFormatter.string(from: date) }

    /// `21 novembre 2026 à 14:05`, `November 21, 2026 at 2:05 PM`: the byline of a post, so the
    /// posts of a thread written the same evening do not all show the same date.
    func dateTime(_ date: Date) -> String { dateTimeFormatter.string(from: date) }

    func monthYear(year: Int, month: Int) -> String {
        capitalized(monthYearFormatter.string(from: middle(year, month)))
    }

    /// The month and year of `date` in the site's time zone: `Novembre 2026`.
    func monthYear(of date: Date) -> String {
        let c = calendar.dateComponents([.year, .month], from: date)
        return monthYear(year: c.year ?? 0, month: c.month ?? 0)
    }

    func monthName(year: Int, month: Int) -> String {
        capitalized(monthFormatter.string(from: middle(year, month)))
    }

    func year(of date: Date) -> String { String(calendar.component(.year, from: date)) }

    private func middle(_ year: Int, _ month: Int) -> Date {
        calendar.date(from: DateComponents(year: year, month: month, day: 15, hour: 12)) ?? Date(timeIntervalSince1970: 0)
    }

    /// Month names start a heading or list item, where French and Spanish capitalize them too.
    private func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}

/// RFC 3339 timestamps with the site's offset: `2026-11-20T14:05:00+01:00`.
enum RFC3339 {
    /// `2026-11-20T14:05:00+01:00`, in the zone's offset at that moment (`Z` for UTC).
    ///
    /// Computed from the Unix time with the proleptic Gregorian calendar's day arithmetic
    /// (Howard Hinnant's `civil_from_days`) rather than `Calendar` and `String(format:)`: it is
    /// called for every post, in every feed and page that shows it.
    static func string(_ date: Date, timeZone: TimeZone) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(25)
        append(date, offset: timeZone.secondsFromGMT(for: date), to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same text for a zone `offset` seconds east of UTC, appended to `bytes` (the sitemap
    /// writes one per post).
    static func append(_ date: Date, offset: Int, to bytes: inout [UInt8]) {
        let time = CivilTime(date, offset: offset)
        let (year, month, day) = (time.year, time.month, time.day)
        let secondsOfDay = time.hour * 3600 + time.minute * 60 + time.second

        func append(_ value: Int, width: Int) {
            if value < 0 {
                bytes.append(UInt8(ascii: "-"))
                append(-value, width: width)
                return
            }
            let digits = String(value).utf8
            if digits.count < width { bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count)) }
            bytes.append(contentsOf: digits)
        }
        append(year, width: 4); bytes.append(UInt8(ascii: "-")); append(month, width: 2); bytes.append(UInt8(ascii: "-")); append(day, width: 2)
        bytes.append(UInt8(ascii: "T"))
        append(secondsOfDay / 3600, width: 2); bytes.append(UInt8(ascii: ":"))
        append(secondsOfDay % 3600 / 60, width: 2); bytes.append(UInt8(ascii: ":"))
        append(secondsOfDay % 60, width: 2)
        if offset == 0 {
            bytes.append(UInt8(ascii: "Z"))
        } else {
            bytes.append(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            append(abs(offset) / 3600, width: 2); bytes.append(UInt8(ascii: ":")); append(abs(offset) % 3600 / 60, width: 2)
        }
    }
}

/// RSS dates: `Fri, 27 Nov 2026 20:15:38 +0100` (RFC 822 with a four-digit year), as
/// `DateFormatter` writes them with `EEE, dd MMM yyyy HH:mm:ss Z` in `en_US_POSIX`.
///
/// By day arithmetic (`CivilTime`) for the years 1583 to 9999 and whole-minute offsets: every
/// RSS file made a `DateFormatter` (ICU's start-up) and formatted each item's date with it, a
/// twentieth of a cold build's feeds. Other dates (Julian ones, a local mean time's seconds,
/// fractions of a second) go to `DateFormatter`, so the text is the same for any date.
enum RFC822 {
    static func string(_ date: Date, timeZone: TimeZone) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        let time = CivilTime(date, offset: offset)
        guard (1583...9999).contains(time.year), offset % 60 == 0, CivilTime.isWholeSecond(date) else {
            return XML.rfc822Formatter(timeZone: timeZone).string(from: date)
        }
        var text = weekdays[time.weekday] + ", "
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        text += two(time.day) + " " + months[time.month - 1] + " " + String(time.year) + " "
        text += two(time.hour) + ":" + two(time.minute) + ":" + two(time.second) + " "
        text += (offset < 0 ? "-" : "+") + two(abs(offset) / 3600) + two(abs(offset) % 3600 / 60)
        return text
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}

/// A moment's date and time of day on the proleptic Gregorian calendar, `offset` seconds east
/// of UTC, by day arithmetic (Howard Hinnant's `civil_from_days`) rather than `Calendar`: some
/// 15 µs less for each of the posts, pages and feeds that need one. (Foundation's Gregorian
/// calendar is Julian before 15 October 1582; callers keep `Calendar` for such dates.)
struct CivilTime {
    var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    /// 0 for Sunday to 6 for Saturday.
    var weekday: Int

    init(_ date: Date, offset: Int) {
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        // 1 January 1970 was a Thursday.
        weekday = ((days % 7) + 7 + 4) % 7
        let secondsOfDay = local - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        hour = secondsOfDay / 3600
        minute = secondsOfDay % 3600 / 60
        second = secondsOfDay % 60
    }

    /// Whether `date` is a whole second. Foundation counts from its own reference date (2001):
    /// `Calendar` rounds a fraction down from there, and 23:59:59.9999999 could land on the next
    /// day by arithmetic from 1970. Callers keep `Calendar` or `DateFormatter` for such dates.
    static func isWholeSecond(_ date: Date) -> Bool {
        let seconds = date.timeIntervalSinceReferenceDate
        return seconds.rounded(.down) == seconds
    }

    /// Days from 1 January 1970 to the given day (Howard Hinnant's `days_from_civil`).
    static func days(sinceEpochTo year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// 1 January 1583: from then on Foundation's Gregorian calendar and this one agree.
    static let gregorianSince = Date(timeIntervalSince1970: -12_212_553_600)
}

/// Short plain-text previews of a post.
enum Excerpt {
    /// The first sentence, at most about `maxLength` characters, cut on a word with `…`.
    ///
    /// Reads only the first line of `text`, and of it only what it shows: a long article's
    /// excerpt costs what a note's does.
    static func make(from text: String, maxLength: Int, firstSentenceOnly: Bool = true) -> String {
        if let excerpt = excerptByScalars(text, maxLength: maxLength, firstSentenceOnly: firstSentenceOnly) { return excerpt }
        // The first line that is not empty.
        var start = text.startIndex
        while start < text.endIndex, text[start] == "\n" { start = text.index(after: start) }
        let firstLine = text[start..<(text[start...].firstIndex(of: "\n") ?? text.endIndex)]
        var sentence = firstLine
        if firstSentenceOnly, let end = firstLine.firstIndex(where: { ".!?…".contains($0) }) {
            let candidate = firstLine[...end]
            if candidate.index(candidate.startIndex, offsetBy: 11, limitedBy: candidate.endIndex).map({ $0 < candidate.endIndex }) == true {
                sentence = candidate
            }
        }
        guard let limit = sentence.index(sentence.startIndex, offsetBy: maxLength, limitedBy: sentence.endIndex),
              limit < sentence.endIndex else { return String(sentence) }
        let cut = sentence[..<limit]
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > maxLength / 2 {
            return cut[..<space].trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)) + "…"
        }
        return String(cut) + "…"
    }

    /// The same excerpt read as bytes, when every scalar of the line it comes from is a
    /// character of its own: ASCII but the carriage return, U+0080–U+02FF (Latin accents,
    /// « », NBSP), Greek and Cyrillic letters, and the general punctuation and currency signs
    /// without joiners (’ “ ” – — … €). Most posts' first lines, French ones included, are; list
    /// pages make one excerpt per post they show, and stepping through characters one grapheme
    /// at a time was a twentieth of a cold build. Nil otherwise.
    private static func excerptByScalars(_ text: String, maxLength: Int, firstSentenceOnly: Bool) -> String? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            let count = bytes.count
            var start = 0
            while start < count, bytes[start] == UInt8(ascii: "\n") { start += 1 }
            // One pass over the line: its end, its characters, where the first sentence ends,
            // and where its first `maxLength` characters end.
            var end = start
            var characters = 0
            var stop: (end: Int, characters: Int)?
            var cutEnd: Int?
            while end < count, bytes[end] != UInt8(ascii: "\n") {
                if characters == maxLength { cutEnd = end }
                let (scalar, length) = decode(bytes, at: end)
                guard isOwnCharacter(scalar) else { return nil }
                end += length
                characters += 1
                if stop == nil, scalar == "." || scalar == "!" || scalar == "?" || scalar == "…" { stop = (end, characters) }
            }
            if characters == maxLength { cutEnd = end }
            var (sentenceEnd, sentenceCharacters) = (end, characters)
            if firstSentenceOnly, let stop, stop.characters > 11 { (sentenceEnd, sentenceCharacters) = stop }
            guard sentenceCharacters > maxLength, let cutEnd else { return String(decoding: bytes[start..<sentenceEnd], as: UTF8.self) }
            if let space = (start..<cutEnd).last(where: { bytes[$0] == UInt8(ascii: " ") }),
               bytes[start..<space].lazy.filter({ $0 & 0xC0 != 0x80 }).count > maxLength / 2 {
                // Trimmed as `trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))`
                // trims, by scalars (through `NSString`, that was a twentieth of a cold build).
                var (first, last) = (start, space)
                while first < last {
                    let (scalar, length) = decode(bytes, at: first)
                    guard isPunctuationOrBlank(scalar) else { break }
                    first += length
                }
                while last > first {
                    var lead = last - 1
                    while bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
                    guard isPunctuationOrBlank(decode(bytes, at: lead).scalar) else { break }
                    last = lead
                }
                return String(decoding: bytes[first..<last], as: UTF8.self) + "…"
            }
            return String(decoding: bytes[start..<cutEnd], as: UTF8.self) + "…"
        } ?? nil
    }

    /// The scalar whose UTF-8 encoding starts at `index` of valid UTF-8, and its length in bytes.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = UInt32(bytes[index])
        let (value, length): (UInt32, Int)
        switch lead {
        case ..<0x80: (value, length) = (lead, 1)
        case ..<0xE0: (value, length) = ((lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2)
        case ..<0xF0: (value, length) = ((lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
        default:
            (value, length) = ((lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                                   | UInt32(bytes[index + 3] & 0x3F), 4)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// A scalar that is a character of its own whatever comes before or after it (no mark,
    /// joiner, prepended character or carriage return).
    private static func isOwnCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0D: return false
        case 0x00...0x2FF, 0x370...0x482, 0x48A...0x52F, 0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20C0: return true
        default: return false
        }
    }

    /// A scalar of `CharacterSet.punctuationCharacters` or `.whitespaces`: Unicode's
    /// punctuation categories (P*), spaces (Zs) and the tab. ASCII is decided here, by byte.
    private static func isPunctuationOrBlank(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return punctuationOrBlank.contains(scalar) }
        switch UInt8(scalar.value) {
        case UInt8(ascii: " "), UInt8(ascii: "\t"): return true
        case UInt8(ascii: "!")...UInt8(ascii: "#"), UInt8(ascii: "%")...UInt8(ascii: "*"), UInt8(ascii: ",")...UInt8(ascii: "/"),
             UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "?"), UInt8(ascii: "@"), UInt8(ascii: "[")...UInt8(ascii: "]"),
             UInt8(ascii: "_"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            return true
        default: return false
        }
    }

    private static let punctuationOrBlank = CharacterSet.punctuationCharacters.union(.whitespaces)
}