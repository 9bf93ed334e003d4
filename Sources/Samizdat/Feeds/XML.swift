import Foundation

/// Text for XML documents: escaping, forbidden characters, feed date formats.
enum XML {
    /// Escapes text for element content and attribute values, dropping characters XML forbids.
    static func escape(_ text: String) -> String {
        HTML.escape(removingIllegalCharacters(text))
    }

    /// XML 1.0 allows tab, line feed, carriage return and everything from U+0020 except
    /// U+FFFE and U+FFFF (Swift strings cannot hold lone surrogates), and discourages DEL, the C1
    /// controls and the noncharacters, which readers show as "…" or "›": exactly what
    /// `ControlCharacters` removes from source files. Feeds also carry text that never was in a
    /// file (site.yml values given on the command line, escapes), so they filter again.
    static func removingIllegalCharacters(_ text: String) -> String {
        ControlCharacters.removing(from: text)
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
