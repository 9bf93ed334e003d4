import Foundation

/// Text for XML documents: escaping, forbidden characters, feed date formats.
enum XML {
    /// Escapes text for element content and attribute values, dropping characters XML forbids.
    static func escape(_ text: String) -> String {
        HTML.escape(removingIllegalCharacters(text))
    }

    /// XML 1.0 allows tab, line feed, carriage return and everything from U+0020 except
    /// U+FFFE and U+FFFF (Swift strings cannot hold lone surrogates). It discourages DEL, the C1
    /// controls and the noncharacters, which readers show as "…" or "›": they go too.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x7F...0x9F, 0xFDD0...0xFDEF: return false
        case _ where scalar.value & 0xFFFE == 0xFFFE: return false
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    static func removingIllegalCharacters(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isAllowed($0) }) else { return text }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: text.unicodeScalars.filter(isAllowed))
        return String(result)
    }

    /// RFC 822 as RSS wants it: `Sat, 21 Nov 2026 14:05:00 +0100`, English names whatever the
    /// site's language, four-digit year, numeric zone. Make one per feed: formatters are costly.
    static func rfc822Formatter(timeZone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter
    }
}
