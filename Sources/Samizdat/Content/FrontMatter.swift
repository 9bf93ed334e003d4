import Foundation

/// The metadata block at the top of a content file, typed.
///
/// Keys match Hugo's and Jekyll's where those tools have one (`lastmod`, `description` and
/// `published: false` are understood too), so their content folders build without edits. Keys
/// Samizdat does not know reach templates as `params`.
public struct FrontMatter: Sendable, Codable, Equatable {
    public struct Photo: Sendable, Equatable, Codable {
        public var src: String
        public var alt: String?
        /// The point to keep in view if a theme crops the photo, as a CSS position: `50% 20%`.
        public var focus: String? = nil
    }

    public var title: String?
    public var date: Date?
    public var updated: Date?
    public var tags: [String] = []
    public var draft = false
    public var slug: String?
    public var aliases: [String] = []
    /// The exact address the post or page had on an older site: Hugo's `url`, or Jekyll's
    /// `permalink` in front matter (`ContentParser` checks it and makes it the page's path).
    public var oldAddress: String?
    var oldAddressLine: Int?
    public var summary: String?
    public var lang: String?
    public var photos: [Photo] = []
    public var replyTo: String?
    public var pinned = false
    public var syndication: [String] = []
    public var id: String?
    /// The template to render this file with instead of `post` or `page`.
    public var layout: String?
    /// `menu: false` leaves a top-level page out of the site's menu.
    public var menu: Bool?
    /// `publishDate` (Hugo): the post appears then, not before, even when `date` is earlier.
    public var publishDate: Date?
    /// `expiryDate` (Hugo): from then on the post is left out, as a draft is.
    public var expiryDate: Date?
    /// `hashtags: false` keeps `#words` of this file as plain text.
    public var hashtags = true
    /// Orders the menu's pages: smallest first, pages without one last.
    public var weight: Int?
    public var params = DataTable()

    /// Where `date` was written (for "date in the future" style messages).
    var dateLine: Int?
    var slugLine: Int?
    var layoutLine: Int?
    var photosLine: Int?
    var idLine: Int?
    var aliasLines: [Int?] = []

    public init() {}

    static let knownKeys = [
        "title", "date", "updated", "tags", "draft", "slug", "aliases", "summary", "lang", "photos",
        "reply_to", "pinned", "syndication", "id", "layout", "menu", "weight", "publishDate", "expiryDate", "hashtags",
    ]

    /// Keys read in any case (`Title`, `TAGS`, `publishdate`), as Hugo reads them: each
    /// lower-cased spelling, with the key it stands for.
    static let keysByLowercasedName: [String: String] = Dictionary(
        (knownKeys + ["lastmod", "published", "description"]).map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })

    /// Keys other generators use that are not typos of ours even when they look close
    /// (`data` is not `date`, `tag` is… probably `tags`, so it is not listed).
    static let foreignKeys: Set<String> = [
        "lastmod", "description", "published", "categories", "category", "author", "authors", "type",
        "keywords", "image", "images", "url", "permalink", "data", "linktitle",
        "markup", "outputs", "excerpt_separator", "headless", "cascade", "excerpt", "comments", "toc", "series", "subtitle",
        "translationkey", "resources", "sitemap", "build", "audio", "videos", "license", "math",
    ]
}

extension FrontMatter {
    /// Types the values of a parsed front matter table; unknown keys go to `params`.
    ///
    /// - Parameters:
    ///   - lineOffset: added to the table's line numbers to get the file's line numbers.
    ///   - taxonomies: the keys of `site.yml`'s taxonomies (`series`), kept in `params` (where
    ///     `Site` reads them) and never taken for typos of a known key.
    static func make(from table: DataTable, file: URL, lineOffset: Int, timeZone: TimeZone, taxonomies: [String] = []) -> (FrontMatter, [Diagnostic]) {
        var matter = FrontMatter()
        var reader = DataReader(file: file, lineOffset: lineOffset)
        var description: String?
        var dateText = ""
        var updatedEntry: DataTable.Entry?
        func line(_ entry: DataTable.Entry) -> Int? { entry.line.map { $0 + lineOffset } }

        func date(_ entry: DataTable.Entry) -> Date? {
            guard let text = reader.string(entry) else { return nil }
            if let date = DateParser.parse(text, timeZone: timeZone) { return date }
            reader.error("Cannot read '\(entry.key)' value '\(text)'. Write it as '2026-11-20', '2026-11-20 14:05' or '2026-11-20T14:05:00+01:00'", at: entry)
            return nil
        }

        var publishDate: (date: Date, entry: DataTable.Entry)?
        for (key, entry) in canonicalEntries(table, reader: &reader) {
            switch key {
            case "title":
                let text = reader.string(entry)?.trimmingASCIIWhitespace(newlines: true)
                matter.title = (text?.isEmpty ?? true) ? nil : text
            case "date":
                matter.date = date(entry)
                matter.dateLine = line(entry)
                dateText = entry.value.scalarText ?? ""
                if matter.date == nil && entry.value == .null {
                    reader.error("'date' is empty. Write it as '2026-11-20' or '2026-11-20 14:05'", at: entry)
                }
            case "updated", "lastmod":
                if let updated = date(entry) {
                    matter.updated = updated
                    updatedEntry = entry
                }
            case "tags":
                // `#swift` in front matter is the tag `swift`, as the hashtag `#swift` in the text is.
                matter.tags = (tagList(entry, reader: &reader) ?? [])
                    .map { $0.trimmingASCIIWhitespace().drop { $0 == "#" }.trimmingASCIIWhitespace() }
                    .filter { !$0.isEmpty }
            case "draft":
                matter.draft = reader.bool(entry) ?? false
            case "published":
                if let published = reader.bool(entry), !published { matter.draft = true }
            case "slug":
                matter.slug = reader.string(entry)
                matter.slugLine = line(entry)
            case "aliases", "redirect_from":
                // Jekyll's redirect plugin's `redirect_from` is Hugo's `aliases` (kept in `params` too).
                if key == "redirect_from" { matter.params.entries.append(entry) }
                let aliases = reader.stringList(entry) ?? []
                matter.aliases += aliases
                matter.aliasLines += aliases.map { _ in line(entry) }
            case "url", "permalink":
                // Also kept in `params` for themes that show it.
                matter.params.entries.append(entry)
                if case .string(let text) = entry.value {
                    matter.oldAddress = text
                    matter.oldAddressLine = line(entry)
                }
            case "summary":
                matter.summary = reader.string(entry)
            case "description":
                description = reader.string(entry)
                matter.params.entries.append(entry)
            case "lang":
                if let text = reader.string(entry) {
                    if SiteConfig.isLanguageTag(text) {
                        matter.lang = text
                    } else {
                        reader.error("'lang' must be a BCP 47 language tag such as 'fr' or 'en-GB'; found '\(text)'", at: entry)
                    }
                }
            case "photos":
                matter.photos = photos(entry, reader: &reader)
                matter.photosLine = line(entry)
            case "reply_to":
                if let text = reader.string(entry)?.trimmingASCIIWhitespace() {
                    if FrontMatter.isReplyTarget(text) {
                        matter.replyTo = text
                    } else {
                        reader.error(FrontMatter.replyTargetMessage(text, name: "'reply_to'"), at: entry)
                    }
                }
            case "pinned":
                matter.pinned = reader.bool(entry) ?? false
            case "syndication":
                // Any absolute URI (`https:`, `at:`, `gemini:`…), kept as written: the places a
                // post was copied to are not all on the web.
                let written = reader.stringList(entry) ?? []
                matter.syndication = written.filter(FrontMatter.isAbsoluteURI)
                for url in written where !FrontMatter.isAbsoluteURI(url) {
                    reader.warning("'syndication' entry '\(url)' is not an absolute URI such as 'https://social.example/@ada/1' or 'at://…'; it was left out", at: entry)
                }
            case "id":
                matter.id = reader.string(entry)
                matter.idLine = line(entry)
            case "layout":
                matter.layout = reader.string(entry)
                matter.layoutLine = line(entry)
            case "menu":
                // Hugo's `menu: main` (or a table of menus) puts the page in a menu too.
                switch entry.value {
                case .bool(let flag): matter.menu = flag
                case .string(let text) where text == "false": matter.menu = false
                case .null: break
                default: matter.menu = true
                }
            case "publishDate":
                if let value = date(entry) {
                    publishDate = (value, entry)
                    matter.publishDate = value
                }
            case "expiryDate":
                matter.expiryDate = date(entry)
            case "hashtags":
                matter.hashtags = reader.bool(entry) ?? true
            case "weight":
                if case .integer(let weight) = entry.value {
                    matter.weight = weight
                } else {
                    reader.error("'weight' must be a whole number, such as 1 or 10 (smaller comes first in the menu); found \(entry.value.kindName)", at: entry)
                }
            default:
                if !FrontMatter.foreignKeys.contains(entry.key.lowercased()), !taxonomies.contains(entry.key.lowercased()),
                   let suggestion = reader.isLikelyTypo(entry.key, of: FrontMatter.knownKeys) {
                    reader.error("Unknown front matter key '\(entry.key)'. Did you mean '\(suggestion)'?", at: entry)
                } else {
                    matter.params.entries.append(entry)
                }
            }
        }
        if matter.summary == nil { matter.summary = description }
        // Hugo's `publishDate` dates a post that has no `date`.
        if matter.date == nil, matter.dateLine == nil, let publishDate {
            matter.date = publishDate.date
            matter.dateLine = line(publishDate.entry)
            dateText = publishDate.entry.value.scalarText ?? ""
        }
        // An update before the post existed is a typo; a feed reader would show the post as
        // changed before it was written, so the date alone counts.
        if let updated = matter.updated, let date = matter.date, updated < date, let updatedEntry {
            reader.warning(
                "'\(updatedEntry.key)' '\(updatedEntry.value.scalarText ?? "")' is earlier than 'date' '\(dateText)'; it was ignored. Correct it or remove it",
                at: updatedEntry)
            matter.updated = nil
        }
        return (matter, reader.diagnostics)
    }

    /// The table's entries with the key each stands for (`Tags` is `tags`); of two spellings of
    /// one key, the later is kept, with a warning, as the later of two equal YAML keys is.
    private static func canonicalEntries(_ table: DataTable, reader: inout DataReader) -> [(key: String, entry: DataTable.Entry)] {
        var result: [(key: String, entry: DataTable.Entry)?] = []
        var indexOfKey: [String: Int] = [:]
        for entry in table.entries {
            let key = keysByLowercasedName[entry.key.lowercased()] ?? entry.key
            if let earlier = indexOfKey[key], let previous = result[earlier] {
                let place = previous.entry.line.map { " on line \($0 + reader.lineOffset)" } ?? ""
                reader.warning("'\(entry.key)' and '\(previous.entry.key)'\(place) are the same key; this later value is used. Keep one of them", at: entry)
                result[earlier] = nil
            }
            indexOfKey[key] = result.count
            result.append((key, entry))
        }
        return result.compactMap { $0 }
    }

    /// `tags` as a list; one text is split as Jekyll splits it: `tags: swift ios` (or
    /// `"swift, ios"`) is two tags.
    private static func tagList(_ entry: DataTable.Entry, reader: inout DataReader) -> [String]? {
        guard case .string(let text) = entry.value else { return reader.stringList(entry) }
        let separators: (Character) -> Bool = text.contains(",") ? { $0 == "," } : { $0.isWhitespace }
        return text.split(whereSeparator: separators).map(String.init)
    }

    /// `scheme:rest` with a scheme as RFC 3986 spells it and no spaces: `https://…`, `at://…`.
    static func isAbsoluteURI(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex, text.index(after: colon) < text.endIndex,
              text.first!.isASCII, text.first!.isLetter,
              text[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }),
              !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" })
        else { return false }
        if ["http", "https"].contains(text[..<colon].lowercased()) { return SiteConfig.isHTTPURL(text) }
        return true
    }

    private static func photos(_ entry: DataTable.Entry, reader: inout DataReader) -> [Photo] {
        guard case .array(let items) = entry.value else {
            if entry.value != .null { reader.error("'photos' must be a list of {src, alt, focus} entries", at: entry) }
            return []
        }
        var result: [Photo] = []
        for item in items {
            switch item {
            case .string(let src):
                result.append(Photo(src: src, alt: nil))
            case .table(let table):
                guard let src = table["src"]?.scalarText else {
                    reader.error("Each photo needs a 'src' (the image file, e.g. 'src: cat.jpg')", at: entry)
                    continue
                }
                var focus: String?
                if let text = table["focus"]?.scalarText {
                    focus = Photo.focusPosition(text)
                    if focus == nil {
                        reader.error("Photo '\(src)': 'focus' must be the point to keep in view, as two percentages from the left and from the top like '50% 20%' (or 'top', 'bottom', 'left', 'right', 'center'); found '\(text)'", at: entry)
                    }
                }
                result.append(Photo(src: src, alt: table["alt"]?.scalarText, focus: focus))
            default:
                reader.error("Each photo must be {src, alt, focus}; found \(item.kindName)", at: entry)
            }
        }
        return result
    }
}

extension FrontMatter {
    /// What `reply_to` accepts: an absolute http(s) URL, or a path of this site (`/2026/11/20/hello/`).
    public static func isReplyTarget(_ text: String) -> Bool {
        SiteConfig.isHTTPURL(text) || (text.hasPrefix("/") && !text.hasPrefix("//"))
    }

    /// Why `text`, given as `name` (`'reply_to'`, `--reply-to`), is not what a reply points at.
    public static func replyTargetMessage(_ text: String, name: String) -> String {
        "\(name) must be the URL of the post you answer, like 'https://social.example/@ada/1234' or a path of this site like '/2026/11/20/hello/'; found '\(text)'"
    }
}

extension FrontMatter.Photo {
    /// `focus` as a CSS `object-position`, or nil when it is not one Samizdat accepts.
    ///
    /// Two percentages (`50% 20%`: from the left, from the top, each 0–100) or one or two of the
    /// keywords `left`, `center`, `right`, `top`, `bottom`. Nothing else reaches a `style` attribute.
    static func focusPosition(_ text: String) -> String? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true).map { $0.lowercased() }
        guard (1...2).contains(parts.count) else { return nil }
        let percentages = parts.compactMap { part -> Double? in
            guard part.hasSuffix("%"), let value = Double(part.dropLast()), value.isFinite, (0...100).contains(value) else { return nil }
            return value
        }
        if percentages.count == 2 {
            return percentages.map { value in
                value == value.rounded() ? "\(Int(value))%" : "\(value)%"
            }.joined(separator: " ")
        }
        let horizontal: Set<String> = ["left", "center", "right"], vertical: Set<String> = ["top", "center", "bottom"]
        guard percentages.isEmpty, parts.allSatisfy({ horizontal.contains($0) || vertical.contains($0) }) else { return nil }
        if parts.count == 2 {
            // `top left` and `left top` are both fine; `left right` is not a point.
            let valid = (horizontal.contains(parts[0]) && vertical.contains(parts[1])) || (vertical.contains(parts[0]) && horizontal.contains(parts[1]))
            guard valid else { return nil }
        }
        return parts.joined(separator: " ")
    }
}
