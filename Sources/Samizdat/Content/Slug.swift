import Foundation

/// URL-safe names made from titles, file names and tags.
public enum Slug {
    /// Lower-cased, ASCII-folded, words joined by `-`: `Été à Paris` → `ete-a-paris`.
    ///
    /// Scripts without a Latin form keep their letters (lower-cased) rather than vanishing, so a
    /// tag `#日本語` still gets a page. Returns an empty string when nothing usable is left.
    public static func make(_ text: String) -> String {
        if let ascii = asciiMake(text) { return ascii }
        return makeReference(text)
    }

    /// `make` for ASCII text, byte by byte; nil for any other text.
    ///
    /// The ICU transform was most of the cost of a slug (a tenth of parsing a post), and it leaves
    /// ASCII as it is: what is left is lower-casing and keeping letters and digits. `SlugTests`
    /// compares it with `makeReference` on every ASCII character and on random strings.
    static func asciiMake(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingDash = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingDash && !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                pendingDash = false
                bytes.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
            case 0x80...:
                return nil
            default:
                pendingDash = true
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `make` through ICU, for any text: the reference the ASCII path is tested against.
    static func makeReference(_ text: String) -> String {
        let folded = text.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) ?? text
        let ascii = join(folded.lowercased().unicodeScalars.map { scalar -> Character? in
            (scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar))) ? Character(scalar) : nil
        })
        if !ascii.isEmpty { return ascii }
        return join(text.lowercased().unicodeScalars.map { scalar -> Character? in
            CharacterSet.alphanumerics.contains(scalar) ? Character(scalar) : nil
        })
    }

    /// The folder of a tag's page. `#` and `+` are spelled out, so `C`, `C#` and `C++` get three
    /// pages (`c`, `c-sharp`, `c-plus-plus`) instead of sharing one.
    public static func tag(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            guard name.utf8.contains(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "+") }) else { return make(name) }
            return make(name.replacingAll("#", with: " sharp ").replacingAll("+", with: " plus "))
        }
        guard name.contains("#") || name.contains("+") else { return make(name) }
        return make(name.replacingOccurrences(of: "#", with: " sharp ").replacingOccurrences(of: "+", with: " plus "))
    }

    /// Two tag names are one tag when they differ only in case, accents or width (`Vélo`, `velo`).
    public static func tagKey(_ name: String) -> String {
        if let ascii = asciiTagKey(name) { return ascii }
        return name.trimmingCharacters(in: .whitespacesAndNewlines)
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// `tagKey` for ASCII text: trimmed of ASCII white space, lower-cased; nil for any other text.
    static func asciiTagKey(_ name: String) -> String? {
        let utf8 = name.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(decoding: utf8[first...last].map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// Joins kept characters, turning every run of dropped ones into a single `-`.
    private static func join(_ characters: [Character?]) -> String {
        var result = ""
        var pendingDash = false
        for character in characters {
            if let character {
                if pendingDash && !result.isEmpty { result.append("-") }
                pendingDash = false
                result.append(character)
            } else {
                pendingDash = true
            }
        }
        return result
    }

    /// The slug of a content file: its name without extension and without a leading
    /// `YYYY-MM-DD-` date (Jekyll's convention). For `index.md` (a page bundle), the folder's name.
    public static func fromFileName(_ url: URL) -> String {
        var name = stem(of: url)
        if name == "index" || name == "_index" {
            name = url.deletingLastPathComponent().lastPathComponent
        }
        if let rest = withoutLeadingDate(name), !rest.isEmpty { name = rest }
        return make(name)
    }

    /// The file's name without its extension, as `deletingPathExtension().lastPathComponent`
    /// gives it. A Markdown file's name with no other dot (nearly all of them) is cut by hand:
    /// Foundation's URL operations were some 10 µs of every file parsed.
    static func stem(of url: URL) -> String {
        let path = url.path
        let name = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.index(after: $0)...] } ?? path[...]
        if let dot = name.utf8.firstIndex(of: UInt8(ascii: ".")), dot != name.startIndex,
           ["md", "markdown"].contains(name[name.index(after: dot)...]) {
            return String(name[..<dot])
        }
        return url.deletingPathExtension().lastPathComponent
    }

    /// `name` after a leading `YYYY-MM-DD` and one `-`, `_` or space, as the regular expression
    /// `^\d{4}-\d{2}-\d{2}[-_ ]?` would find it (`\d` is any decimal digit); nil without one.
    /// Matched by hand: building an `NSRegularExpression` for every file was 3% of a build.
    static func withoutLeadingDate(_ name: String) -> String? {
        let scalars = name.unicodeScalars
        var index = scalars.startIndex
        for expected in ["d", "d", "d", "d", "-", "d", "d", "-", "d", "d"] as [Character] {
            guard index < scalars.endIndex else { return nil }
            let scalar = scalars[index]
            if expected == "d" {
                guard scalar.properties.generalCategory == .decimalNumber else { return nil }
            } else if scalar != "-" {
                return nil
            }
            index = scalars.index(after: index)
        }
        if index < scalars.endIndex, ["-", "_", " "].contains(scalars[index]) { index = scalars.index(after: index) }
        return String(scalars[index...])
    }

    /// Whether a user-given slug is safe to use as one path segment.
    static func problem(with slug: String) -> String? {
        if slug.isEmpty { return "must not be empty" }
        if slug.contains("/") || slug.contains("\\") { return "must not contain '/'" }
        if slug == "." || slug.contains("..") { return "must not contain '..'" }
        if slug.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " }) {
            return "must not contain spaces or control characters"
        }
        if slug.contains(where: { "?#%\"<>".contains($0) }) { return "must not contain '?', '#', '%', '\"', '<' or '>'" }
        return nil
    }
}
