/// A `#hashtag` found in the text of a post: a link to its tag page, and one of the post's tags.
///
/// A hashtag is `#` followed by a letter (any script), then letters, combining marks, digits or
/// `_`. Anything else ends it, so `#swift.` is `swift` and `#a-b` is `a`. The `#` must open a word:
/// it follows the start of a block, whitespace or opening punctuation, never a letter, digit, `&`,
/// `/`, `#` or `_` (`C#`, `foo#bar`, `##x` and `&#35;` stay text, and so do `#1` and `#2026`).
struct Hashtag: Sendable, Equatable {
    /// Longer names are left as text: they are almost always a pasted token, not a tag.
    static let maximumLength = 100

    /// The name as written, without `#`.
    var name: String
    /// `Slug.tag(name)`: the tag page's folder.
    var slug: String

    /// `#name`, as shown.
    var text: String { "#" + name }

    /// The tag page, with the `SiteURL` placeholders each page makes relative.
    var href: String { SiteURL.root + Router.tag(slug).dropFirst() + SiteURL.index }

    /// `<a class="hashtag" href="…" rel="tag">`; the post's tag list carries `p-category` (without the `#`); this is one of the
    /// h-entry's categories for microformats readers.
    var openingTag: String {
        "<a class=\"hashtag\" href=\"\(HTML.escapeAttribute(href))\" rel=\"tag\">"
    }

    static func tooLongMessage(name: String) -> String {
        "Hashtag '#\(name.prefix(20))…' is longer than \(maximumLength) characters; it was left as text"
    }

    /// The end of the name of a hashtag whose `#` is at `hash`, or nil when no name follows.
    ///
    /// Only looks forward; whether `#` may start a hashtag there is `SocialTextScanner`'s call.
    static func nameEnd(in scalars: [Unicode.Scalar], hash: Int) -> Int? {
        let start = hash + 1
        guard start < scalars.count, isLetter(scalars[start]) else { return nil }
        var end = start + 1
        while end < scalars.count, isNameCharacter(scalars[end]) { end += 1 }
        // Joiners belong inside a word (Persian, Indic scripts), never at its end.
        while end > start, isJoiner(scalars[end - 1]) { end -= 1 }
        return end
    }

    /// `ccc`, `fff000`, `a1b2c3ff`: 3, 4, 6 or 8 hexadecimal digits with a digit among them or
    /// one letter repeated, as CSS colours are written. `#cafe`, `#bad` or `#face` stay tags.
    static func isHexColour(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard [3, 4, 6, 8].contains(scalars.count),
              scalars.allSatisfy({ $0.isASCII && ("0"..."9" ~= $0 || "a"..."f" ~= $0 || "A"..."F" ~= $0) }) else { return false }
        return scalars.contains { "0"..."9" ~= $0 } || Set(scalars.map { $0.properties.lowercaseMapping }).count == 1
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .decimalNumber
    }

    private static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\u{200C}" || scalar == "\u{200D}"
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isLetter(scalar) || isMark(scalar) || isDigit(scalar) || scalar == "_" || isJoiner(scalar)
    }
}
