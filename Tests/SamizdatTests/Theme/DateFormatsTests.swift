import Foundation
import Testing
@testable import Samizdat

@Suite("Date formats")
struct DateFormatsTests {
    /// What RFC3339.string computed with `Calendar` before it did the day arithmetic itself.
    static func reference(_ date: Date, _ timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = timeZone.secondsFromGMT(for: date)
        let zone = offset == 0 ? "Z" : String(format: "%@%02d:%02d", offset < 0 ? "-" : "+", abs(offset) / 3600, abs(offset) % 3600 / 60)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!) + zone
    }

    @Test(arguments: ["UTC", "Europe/Paris", "America/St_Johns", "Asia/Kathmandu", "Pacific/Kiritimati", "America/Los_Angeles"])
    func rfc3339AgreesWithTheCalendarEverywhere(_ zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        var random = SplitMix64(seed: UInt64(zone.utf8.count))
        // From 1900 to 2200, with fractions of a second, around leap days and offsets changes.
        for _ in 0..<2_000 {
            let seconds = -2_208_988_800 + Double(random.below(9_467_280_000)) + Double(random.below(1000)) / 1000
            let date = Date(timeIntervalSince1970: seconds)
            #expect(RFC3339.string(date, timeZone: timeZone) == Self.reference(date, timeZone), "\(seconds)")
        }
        let leapDay = Date(timeIntervalSince1970: 951_782_400) // 2000-02-29T00:00:00Z
        #expect(RFC3339.string(leapDay, timeZone: TimeZone(identifier: "UTC")!) == "2000-02-29T00:00:00Z")
        #expect(RFC3339.string(Date(timeIntervalSince1970: -0.5), timeZone: TimeZone(identifier: "UTC")!) == "1969-12-31T23:59:59Z")
    }

    @Test func replacingAllAgreesWithFoundation() {
        var random = SplitMix64(seed: 7)
        let pieces = ["a", "ab", "__SZ_ID__", "_", "é", "{count}", "\n", " ", "🎉"]
        for _ in 0..<2_000 {
            let text = (0..<random.below(12)).map { _ in random.pick(pieces) }.joined()
            let target = random.pick(["__SZ_ID__", "{count}", "\n", "ab", "a", "_"])
            let replacement = random.pick(["", "x", "p-1-", "é"])
            #expect(text.replacingAll(target, with: replacement) == text.replacingOccurrences(of: target, with: replacement))
        }
    }

    @Test func containsBytesAgreesWithFoundation() {
        var random = SplitMix64(seed: 11)
        let pieces = ["a", "ab", "__SZ_", "__SZ_SOURCE__", "_", "é", "\n", "🎉", "<"]
        for _ in 0..<2_000 {
            let text = (0..<random.below(12)).map { _ in random.pick(pieces) }.joined()
            let target = random.pick(["__SZ_SOURCE__", "<", "ab", "a_", "_SZ", "é<"])
            #expect(text.containsBytes(target) == text.contains(target), "\(text) / \(target)")
        }
        #expect("".containsBytes("x") == false)
        #expect("abc".containsBytes("abcd") == false)
        #expect("xxabc".containsBytes("abc"))
    }

    @Test func htmlEscapeEscapesTheFiveCharactersAndNothingElse() {
        #expect(HTML.escape("Tom & \"Jerry\" <3 'x' é 🎉") == "Tom &amp; &quot;Jerry&quot; &lt;3 &#39;x&#39; é 🎉")
        #expect(HTML.escape("plain") == "plain")
        #expect(HTML.escape("") == "")
        // Every byte value around the five, in random texts, against replacing one by one.
        var random = SplitMix64(seed: 12)
        let pieces = (1..<128).map { String(UnicodeScalar(UInt8($0))) } + ["é", "🎉", "&amp;", "\u{A0}"]
        for _ in 0..<2_000 {
            let text = (0..<random.below(24)).map { _ in random.pick(pieces) }.joined()
            let reference = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
            #expect(HTML.escape(text) == reference, "\(text.debugDescription)")
            var bytes: [UInt8] = []
            HTML.appendEscaped(text, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == reference)
        }
    }

    /// What Excerpt.make did before it read only the first line.
    static func referenceExcerpt(_ text: String, maxLength: Int, firstSentenceOnly: Bool) -> String {
        let firstLine = text.split(separator: "\n").first.map(String.init) ?? ""
        var sentence = firstLine
        if firstSentenceOnly, let end = firstLine.firstIndex(where: { ".!?…".contains($0) }) {
            let candidate = String(firstLine[...end])
            if candidate.count >= 12 { sentence = candidate }
        }
        guard sentence.count > maxLength else { return sentence }
        let cut = sentence.prefix(maxLength)
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > maxLength / 2 {
            return cut[..<space].trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)) + "…"
        }
        return String(cut) + "…"
    }

    /// `count` random texts of `pieces`: the excerpt is the reference's.
    static func expectReferenceExcerpts(of pieces: [String], count: Int, random: inout SplitMix64) {
        for _ in 0..<count {
            let text = (0..<random.below(60)).map { _ in random.pick(pieces) }.joined(separator: random.pick([" ", ""]))
            let maxLength = random.pick([5, 12, 60, 200])
            let firstSentenceOnly = random.below(2) == 0
            #expect(Excerpt.make(from: text, maxLength: maxLength, firstSentenceOnly: firstSentenceOnly)
                    == Self.referenceExcerpt(text, maxLength: maxLength, firstSentenceOnly: firstSentenceOnly), "\(text.debugDescription)")
        }
    }

    @Test func excerptsAreTheFirstSentenceCutOnAWord() {
        var random = SplitMix64(seed: 11)
        let words = ["Hello", "world", "é", "🎉", "a", "longer-word", ".", "!", "…", "?", "\n", "\n\n", " ", ",", "x"]
        Self.expectReferenceExcerpts(of: words, count: 3_000, random: &random)
        // ASCII lines take a shorter road to the same excerpt.
        // (With every ASCII symbol and punctuation mark, and tabs: the cut is trimmed of
        // punctuation by bytes there.)
        let ascii = ["Hello", "world", "a", "longer-word", ".", "!", "?", "\n", "\n\n", " ", ",", "x", "\r\n", "-", "(", ")", "\t"]
            + (33...126).map { String(UnicodeScalar(UInt8($0))) }.filter { !$0.first!.isLetter && !$0.first!.isNumber }
        Self.expectReferenceExcerpts(of: ascii, count: 3_000, random: &random)
        // So do lines of accented letters, French punctuation, Greek and Cyrillic, and the
        // characters around them that are not characters of their own (marks, joiners, emoji).
        let accented = ["Été", "déjà", "«", "»", "\u{A0}", "’", "—", "…", "€", "‰", "¿", "Ελλάδα", "Привет", "e\u{301}", "\u{301}", "👍🏽",
                        "\u{200D}", "\u{2028}", "\u{600}", "\u{483}", ".", "!", "?", "\n", " ", ",", "x", "\r\n", "(", ")", "\u{3000}", "日本"]
        Self.expectReferenceExcerpts(of: accented, count: 6_000, random: &random)
        #expect(Excerpt.make(from: "« Déjà vu », dit-elle, « c’est l’été » — encore une fois et toujours.", maxLength: 40)
                == "Déjà vu », dit-elle, « c’est l’été…")
        #expect(Excerpt.make(from: "\n\nShort. Then more words follow here.", maxLength: 60) == "Short. Then more words follow here.")
        #expect(Excerpt.make(from: "A first sentence here. Second.", maxLength: 60) == "A first sentence here.")
    }
}
