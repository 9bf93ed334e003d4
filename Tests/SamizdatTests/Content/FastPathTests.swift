import Foundation
import Testing
@testable import Samizdat

/// The byte-level fast paths of content parsing give exactly what the Foundation, ICU or regex
/// code they stand in for gives, on every ASCII character and on random strings.
@Suite("Parsing fast paths")
struct FastPathTests {
    /// Random strings made of `pieces`, up to `length` of them.
    static func strings(_ pieces: [String], count: Int, length: Int, seed: UInt64) -> [String] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...length, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
    }

    static let asciiCharacters = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
    /// ASCII, white space of every kind, accents precomposed and combining, other scripts.
    static let mixedPieces = asciiCharacters + [
        "é", "e\u{301}", "É", "ß", "Œ", "ø", "İ", "ı", "K", "\u{212A}", "Ω", "ﬁ", "Ａ", "１", "日本", "Привет", "Ελ", "٣",
        "\u{85}", "\u{A0}", "\u{2003}", "\u{3000}", "\u{2028}", "\u{200B}", "\u{FEFF}", " \u{301}", "\r\n", "\u{600}", "👍🏽", "#", "+", "-",
    ]

    @Test func asciiSlugIsICUSlug() {
        let inputs = Self.asciiCharacters + Self.asciiCharacters.map { "a\($0)b" }
            + Self.strings(Self.asciiCharacters + ["word", "Title", " ", "-", "2026"], count: 3000, length: 12, seed: 1)
        for input in inputs {
            #expect(Slug.asciiMake(input) == Slug.makeReference(input), "\(Array(input.utf8))")
        }
        #expect(Slug.asciiMake("été") == nil)
    }

    @Test func slugOfAnyTextIsICUSlug() {
        for input in Self.strings(Self.mixedPieces, count: 2000, length: 8, seed: 2) {
            #expect(Slug.make(input) == Slug.makeReference(input), "\(input.unicodeScalars.map(\.value))")
        }
    }

    @Test func asciiTagKeyIsFoundationTagKey() {
        func reference(_ name: String) -> String {
            name.trimmingCharacters(in: .whitespacesAndNewlines)
                .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        }
        let inputs = Self.asciiCharacters + Self.asciiCharacters.map { " \($0)x\($0) " }
            + Self.strings(Self.asciiCharacters + ["Swift", " ", "\t", "\n"], count: 3000, length: 10, seed: 3)
        for input in inputs {
            #expect(Slug.asciiTagKey(input) == reference(input), "\(Array(input.utf8))")
        }
        for input in Self.strings(Self.mixedPieces, count: 2000, length: 8, seed: 4) {
            #expect(Slug.tagKey(input) == reference(input), "\(input.unicodeScalars.map(\.value))")
        }
    }

    @Test func tagSlugOfAnyTextIsTheFoundationOne() {
        func reference(_ name: String) -> String {
            guard name.contains("#") || name.contains("+") else { return Slug.makeReference(name) }
            return Slug.makeReference(name.replacingOccurrences(of: "#", with: " sharp ").replacingOccurrences(of: "+", with: " plus "))
        }
        for input in Self.strings(Self.mixedPieces + ["#", "+", "C", "c"], count: 3000, length: 6, seed: 5) {
            #expect(Slug.tag(input) == reference(input), "\(input.unicodeScalars.map(\.value))")
        }
    }

    @Test func asciiTrimmingIsFoundationTrimming() {
        for input in Self.strings([" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "a", "é", "e\u{301}", " \u{301}", "\u{85}", "\u{A0}", "\u{2003}", "\u{3000}", "\u{200B}", "\r\n", "\u{600}"],
                                  count: 5000, length: 6, seed: 6) {
            #expect(input.trimmingASCIIWhitespace() == input.trimmingCharacters(in: .whitespaces), "\(input.unicodeScalars.map(\.value))")
            #expect(input.trimmingASCIIWhitespace(newlines: true) == input.trimmingCharacters(in: .whitespacesAndNewlines), "\(input.unicodeScalars.map(\.value))")
            let sub = Substring(input).dropFirst()
            #expect(sub.trimmingASCIIWhitespace() == sub.trimmingCharacters(in: .whitespaces), "\(input.unicodeScalars.map(\.value))")
        }
    }

    @Test func bytesCollapseWhitespaceAsCharactersDo() {
        var fast = 0
        for input in Self.strings([" ", "  ", "\t", "\n", "\r", "\r\n", "\u{0B}", "word", "a", "é", "e\u{301}", " \u{301}", "\u{301}", "’", "“", "\u{85}", "\u{A0}",
                                   "\u{1680}", "\u{2000}", "\u{200A}", "\u{200B}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{600}", "👍🏽", "\u{200D}",
                                   // Around the byte scan's edges: French punctuation, prepended characters, joiners, marks.
                                   "«", "»", "à", "\u{2FF}", "\u{300}", "\u{34F}", "…", "\u{2010}", "\u{2027}", "\u{202A}", "\u{2030}", "\u{205E}",
                                   "\u{2060}", "\u{6DD}", "\u{70F}", "\u{890}", "\u{8E2}", "\u{D4E}", "\u{110BD}", "\u{5FF}", "\u{A8EF}", "\u{1F1EB}"],
                                  count: 20000, length: 8, seed: 7) {
            let reference = input.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if let bytes = input.collapsingWhitespaceByBytes() {
                fast += 1
                #expect(bytes == reference, "\(input.unicodeScalars.map(\.value))")
            }
            #expect(input.collapsingWhitespace() == reference)
        }
        #expect(fast > 2000)
        // French prose is read by bytes.
        #expect("« Déjà   vu »,\n à l’été…".collapsingWhitespaceByBytes() == "« Déjà vu », à l’été…")
    }

    @Test func unicodeWhitespaceIsTheListTheByteScanKnows() {
        let listed: [UInt32] = [0x85, 0xA0, 0x1680] + Array(0x2000...0x200A) + [0x2028, 0x2029, 0x202F, 0x205F, 0x3000]
        let all = (0x80...0x10FFFF).compactMap(Unicode.Scalar.init).filter(\.properties.isWhitespace).map(\.value)
        #expect(all == listed)
    }

    @Test func scalarsMakeTheSameString() {
        for input in Self.strings(Self.mixedPieces, count: 1000, length: 8, seed: 8) {
            let scalars = Array(input.unicodeScalars)
            #expect(String(scalars: scalars) == String(String.UnicodeScalarView(scalars)))
            #expect(String(scalars: scalars.dropFirst()) == String(String.UnicodeScalarView(scalars.dropFirst())))
        }
    }

    @Test func controlCharacterPrefilterMissesNone() {
        var scalars = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter(ControlCharacters.isRemoved)
        scalars += ["a", "é", "\u{FDCF}", "\u{FFFD}"]
        for scalar in scalars {
            let text = "x" + String(scalar) + "y"
            #expect(ControlCharacters.contains(text) == ControlCharacters.isRemoved(scalar), "\(scalar.value)")
            #expect(ControlCharacters.contains(Substring(text)) == ControlCharacters.isRemoved(scalar))
        }
    }

    @Test func fastDateFieldsAreTheRegexFields() {
        var generator = SplitMix64(seed: 9)
        var inputs: [String] = []
        let pieces = ["0", "1", "2", "9", "-", ":", "T", "t", " ", "Z", "z", "+", ".", ",", "E", "S", "T", "(", ")", "٣", "\t"]
        for _ in 0..<20000 {
            // A well-formed date, then a random change or tail, so that most inputs are near the forms.
            var text = "2026-11-20"
            if Bool.random(using: &generator) { text += ["T", " ", "t", "  "].randomElement(using: &generator)! + "14:05" }
            if Bool.random(using: &generator) { text += ":30" }
            if Bool.random(using: &generator) { text += [".5", ",123", ".", ""].randomElement(using: &generator)! }
            if Bool.random(using: &generator) { text += ["Z", "z", "+01:00", "-0500", "+01", " +01:00", "+01:0", "EST", " EST", "-0500 EST", "(CET)"].randomElement(using: &generator)! }
            var scalars = Array(text.unicodeScalars)
            for _ in 0..<Int.random(in: 0...2, using: &generator) {
                let position = Int.random(in: 0...scalars.count, using: &generator)
                let piece = Array(pieces.randomElement(using: &generator)!.unicodeScalars)
                if position < scalars.count && Bool.random(using: &generator) {
                    scalars.replaceSubrange(position...position, with: piece)
                } else {
                    scalars.insert(contentsOf: piece, at: position)
                }
            }
            inputs.append(String(String.UnicodeScalarView(scalars)))
        }
        inputs += Self.strings(pieces, count: 5000, length: 20, seed: 10)
        var fast = 0
        for input in inputs {
            guard let fields = DateParser.fastFields(input) else { continue }
            fast += 1
            #expect(fields == DateParser.regexFields(input), "\(input)")
        }
        #expect(fast > 1500)
    }

    @Test func summaryByteSearchFirstChangesNothing() {
        let pieces = ["word ", "\n", "\n\n", "<!--more-->", "<!-- more -->", "<!--", "more", "-->", "```\n", "~~~\n", "é", "e\u{301}", "\u{301}", "K", "\u{212A}", ";", "\u{37E}", "`", "\u{1FEF}", "--", "  "]
        for (index, body) in Self.strings(pieces, count: 4000, length: 10, seed: 11).enumerated() {
            for separator in [nil, "<!--cut-->", "K", ";", "`", "é", "--"] as [String?] {
                let table = index % 3 == 0 ? DataTable(entries: [.init(key: "excerpt_separator", value: .string("more"))]) : DataTable()
                #expect(ContentParser.summaryMarkdown(body: body, table: table, separator: separator)
                        == ContentParser.summaryMarkdown(body: body, table: table, separator: separator, searchingBytesFirst: false),
                        "\(body.unicodeScalars.map(\.value)) \(separator ?? "-")")
            }
        }
    }

    @Test func yamlScalarsAreTypedAsBefore() throws {
        let scalars = ["true", "True", "TRUE", "yes", "no", "on", "off", "false", "null", "~", "", "1", "0", "-1", "+1", "007", "0x1F", "0o17", "0b101",
                       "1_000", "1:30", "-1:30", "1.5", "1e3", "1E3", "-1.5e-3", ".inf", "-.inf", "+.inf", ".Inf", "inf", "1.", ".5", "1:30.5", "12:30:00",
                       "2026-11-20", "2026-11-20 14:05", "2026-11-20T14:05:00+01:00", "hello", "Été", "e", "E", "12abc", "0x", "0xZZ", "1__0", "_1",
                       "\"1\"", "'true'", "\"x\"", "c#", "3.14.15", "1,5", "٣", "１", "0.0", "-0", "+0", "-", "+", ".",
                       "0x1p3", "1e", "nan", ".NaN", "NaN", "Infinity", "-inf", "1_0.5", "0b2", "0o9", "0xg", "12:60", "+.5", "Hello world.", "v1.2",
                       "e5", "1e5", "0X1F", "0B1", "1:2:3", "-0x10", "1:-2", "00", "08", "0_1", "1_", "+-1", "1.5.", "inf.", "nan."]
            + Self.strings(["0", "1", "9", "a", "f", "x", "o", "b", "B", "_", ":", "+", "-", ".", "e", "E", "i", "n", "N", "I", "T", "inf", "nan", "p"],
                           count: 3000, length: 6, seed: 13).filter { !$0.hasPrefix("-") || $0.count > 1 }
        var generator = SplitMix64(seed: 12)
        for _ in 0..<400 {
            let picked = (0..<4).map { _ in scalars.randomElement(using: &generator)! }
            let yaml = "a: \(picked[0])\nb: [\(picked[1]), \(picked[2])]\nc:\n  - \(picked[3])\n"
            let fast = try? DataTable.parseYAML(yaml)
            let reference = try? DataTable.parseYAML(yaml, cheapChecksFirst: false)
            #expect(String(describing: fast) == String(describing: reference), "\(yaml)")
        }
        for scalar in scalars {
            let yaml = "a: \(scalar)\n"
            #expect(String(describing: try? DataTable.parseYAML(yaml)) == String(describing: try? DataTable.parseYAML(yaml, cheapChecksFirst: false)), "\(yaml)")
        }
    }

    /// An anchored key reused as a value keeps its type: Yams' conversion of booleans reads the
    /// node's tag, which the resolver sets (why YAML is not parsed with Yams' empty resolver).
    @Test func anAnchoredKeyUsedAsAValueKeepsItsType() throws {
        let table = try DataTable.parseYAML("&t true: 1\nflag: *t\nlist:\n  - x\n", plainFirst: false)
        #expect(table.entries.first { $0.key == "flag" }?.value == .bool(true))
    }

    /// Markdown files are told by their extension in any case, compared in place: the same
    /// answers as lowering the extension and looking it up.
    @Test func markdownExtensionsInAnyCase() {
        let names = ["md", "MD", "Md", "mD", "markdown", "MarkDown", "MARKDOWN", "mdx", "m", "d", "markdowns", "arkdown", "txt", "", "md ",
                     "ｍｄ", "MＤ", "mé", "MARKDOWN\u{301}", "mkd", "html", "Md\u{0}"]
        for name in names {
            #expect(ContentLoader.isMarkdownExtension(Substring(name).utf8) == ContentLoader.markdownExtensions.contains(name.lowercased()), "\(name)")
            #expect(ContentLoader.isMarkdownPath("posts/2026/a.\(name)") == ContentLoader.markdownExtensions.contains(name.lowercased()), "\(name)")
        }
        #expect(!ContentLoader.isMarkdownPath("posts/.md") && !ContentLoader.isMarkdownPath("md") && ContentLoader.isMarkdownPath("a.b.MD"))
    }

    /// Posts' paths take their date from day arithmetic (`CivilTime`), not from `Calendar`: the
    /// same date and time of day, in every zone, on either side of daylight saving time changes.
    @Test func permalinkDatesAreCalendarDates() throws {
        let permalink = try Permalink(pattern: "/:year/:month/:day/:hour/:minute/:slug/")
        var generator = SplitMix64(seed: 31)
        let zones = ["Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Kiritimati", "America/St_Johns", "UTC"]
            .compactMap(TimeZone.init(identifier:)) + [TimeZone(secondsFromGMT: -3 * 3600 - 1800)!]
        // 1583 to 2400, and around the spring and autumn changes of 2024 and 2025 (Europe), and of 2025 (New York).
        var dates = (0..<3000).map { _ in Date(timeIntervalSince1970: Double.random(in: -12_212_553_600...13_569_465_600, using: &generator)) }
        for change in [1_711_846_800.0, 1_729_990_800, 1_743_296_400, 1_761_440_400, 1_741_503_600, 1_762_063_200] {
            dates += stride(from: -7200.0, through: 7200, by: 899.5).map { Date(timeIntervalSince1970: change + $0) }
        }
        dates += [CivilTime.gregorianSince, Date(timeIntervalSince1970: -0.5), Date(timeIntervalSince1970: 0)]
        // A hair before midnight, and before a minute: Foundation rounds from its reference date.
        for day in [8_855.0, 19_812, 20_412] {
            for fraction in [1e-7, 2.5e-7, 1e-6, 0.5] { dates.append(Date(timeIntervalSince1970: day * 86_400 - fraction)) }
            dates.append(Date(timeIntervalSinceReferenceDate: (day - 11_323) * 86_400 + 59.9999999))
        }
        for zone in zones {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            for date in dates {
                let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
                let expected = String(format: "/%04d/%02d/%02d/%02d/%02d/x/", c.year!, c.month!, c.day!, c.hour!, c.minute!)
                #expect(permalink.path(date: date, slug: "x", timeZone: zone) == expected, "\(date.timeIntervalSince1970) \(zone.identifier)")
            }
        }
    }

    /// RSS dates by day arithmetic are `DateFormatter`'s, in every zone, across daylight saving
    /// time changes, and for the dates left to it (before 1583, after 9999, fractions of a second).
    @Test func rssDatesAreDateFormatterDates() {
        var generator = SplitMix64(seed: 51)
        let zones = ["Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Kiritimati", "America/St_Johns", "UTC"]
            .compactMap(TimeZone.init(identifier:)) + [TimeZone(secondsFromGMT: -3 * 3600 - 1800)!, TimeZone(secondsFromGMT: 14 * 3600)!]
        // Year 1 to 2400 (Paris had a local mean time of +00:09:21 until 1911), and around the changes of 2024 and
        // 2025 (Europe) and of 2025 (New York).
        var dates = (0..<1500).map { _ in Date(timeIntervalSince1970: Double(Int64.random(in: -62_135_596_800...13_569_465_600, using: &generator))) }
        for change in [1_711_846_800.0, 1_729_990_800, 1_743_296_400, 1_761_440_400, 1_741_503_600, 1_762_063_200] {
            dates += stride(from: -7200.0, through: 7200, by: 900).map { Date(timeIntervalSince1970: change + $0) }
        }
        dates += [CivilTime.gregorianSince, Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: 253_402_300_799),
                  Date(timeIntervalSince1970: 253_402_300_800), Date(timeIntervalSince1970: 1_764_000_000.5), Date(timeIntervalSince1970: 86_399.9999999),
                  // A tenth of a microsecond before a second: whole counted from 1970 (the double
                  // rounds), not from Foundation's 2001 (left to DateFormatter, which agrees).
                  Date(timeIntervalSinceReferenceDate: 764_000_000 - 1e-7)]
        for zone in zones {
            let formatter = XML.rfc822Formatter(timeZone: zone)
            for date in dates {
                #expect(RFC822.string(date, timeZone: zone) == formatter.string(from: date), "\(date.timeIntervalSince1970) \(zone.identifier)")
            }
        }
        #expect(RFC822.string(Date(timeIntervalSince1970: 1_764_275_738), timeZone: TimeZone(identifier: "Europe/Paris")!) == "Thu, 27 Nov 2025 21:35:38 +0100")
    }

    /// A content file's name without its extension, cut by hand for `x.md`, is Foundation's.
    @Test func fileStemIsFoundationsStem() {
        let names = ["hello.md", "a.markdown", "index.md", "_index.md", "Été à Paris.md", "v1.2.md", ".md", "..md", "x.MD", "x.md.md",
                     "x.mdx", "x.", "x", "a b.md", "2026-11-20-x.md", "x.markdown.md", "日本.md", "x .md", " .md", "%20.md", "a%2Fb.md"]
        for name in names {
            for folder in ["/site/Content/posts/", "/", "/a b/c.d/"] {
                let url = URL(fileURLWithPath: folder + name)
                #expect(Slug.stem(of: url) == url.deletingPathExtension().lastPathComponent, "\(folder + name)")
            }
        }
    }

    /// Dates with their own offset are made by day arithmetic: the same instants as `Calendar`
    /// makes, and the same refusals (31 April, 29 February of a common year).
    @Test func datesWithAnOffsetAreCalendarDates() {
        var generator = SplitMix64(seed: 41)
        let zone = TimeZone(identifier: "Europe/Paris")!
        var texts: [String] = ["2024-02-29T10:00:00+01:00", "2023-02-29T10:00:00+01:00", "2026-04-31 10:00 Z", "1900-02-29T00:00Z",
                               "2000-02-29T23:59:60-14:00", "1583-01-01T00:00:00+14:00", "1582-12-31T23:59:59-0100", "2026-11-20 14:05 EST",
                               "2026-11-20T14:05:30.25+05:30", "9999-12-31T23:59:59Z", "2026-11-20 14:05 +0100 CET", "2026-11-20T14:05:00"]
        for _ in 0..<3000 {
            let year = Int.random(in: 1500...2600, using: &generator), month = Int.random(in: 1...12, using: &generator)
            let day = Int.random(in: 1...31, using: &generator), hour = Int.random(in: 0...23, using: &generator)
            let offset = ["Z", "+01:00", "-05:00", "+0530", "-1200", "+14", " PST", " ACST"].randomElement(using: &generator)!
            texts.append(String(format: "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, Int.random(in: 0...59, using: &generator),
                                Int.random(in: 0...60, using: &generator)) + offset)
        }
        for text in texts {
            #expect(DateParser.parse(text, timeZone: zone) == DateParser.parse(text, timeZone: zone, byArithmetic: false), "\(text)")
        }
    }
}
