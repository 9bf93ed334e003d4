import Foundation

/// URL-safe names made from titles, file names and tags.
public enum Slug {
    /// Lower-cased, ASCII-folded, words joined by `-`: `Été à Paris` → `ete-a-paris`.
    ///
    /// Scripts without a Latin form keep their letters (lower-cased) rather than vanishing, so a
    /// tag `#日本語` still gets a page. Returns an empty string when nothing usable is left.
    public static func make(_ text: String) -> String {
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
        guard name.contains("#") || name.contains("+") else { return make(name) }
        return make(name.replacingOccurrences(of: "#", with: " sharp ").replacingOccurrences(of: "+", with: " plus "))
    }

    /// Two tag names are one tag when they differ only in case, accents or width (`Vélo`, `velo`).
    public static func tagKey(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines)
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
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
        var name = url.deletingPathExtension().lastPathComponent
        if name == "index" || name == "_index" {
            name = url.deletingLastPathComponent().lastPathComponent
        }
        if let rest = withoutLeadingDate(name), !rest.isEmpty { name = rest }
        return make(name)
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
