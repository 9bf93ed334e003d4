import Foundation

extension SiteConfig {
    /// Reads `site.yml` text. Returns the configuration (with defaults for what is missing) and every
    /// problem found; the configuration is only usable when no diagnostic is an error.
    public static func parse(yaml: String, file: URL) -> (SiteConfig, [Diagnostic]) {
        var config = SiteConfig()
        let (text, removed) = ControlCharacters.removing(from: SourceText.normalizingLineEndings(yaml), file: file)
        var diagnostics = removed
        var table: DataTable
        do {
            table = try DataTable.parseYAML(text)
        } catch {
            diagnostics.append(.error(error.message, at: SourceLocation(file: file, line: error.line, column: error.column)))
            return (config, diagnostics)
        }
        let escaped: [Diagnostic]
        (table, escaped) = table.removingControlCharacters(file: file, lineOffset: 0)
        diagnostics += escaped
        var reader = DataReader(file: file, lineOffset: 0)
        for entry in table.entries {
            let value = entry.value
            switch entry.key {
            case "title":
                config.title = reader.string(entry) ?? config.title
            case "description":
                config.description = reader.string(entry) ?? ""
            case "base_url":
                if let text = reader.string(entry) {
                    if let url = SiteConfig.normalizedBaseURL(text) {
                        config.baseURL = url
                    } else {
                        reader.error(SiteConfig.baseURLMessage(text, name: "'base_url'"), at: entry)
                    }
                }
            case "language":
                if let text = reader.string(entry) {
                    if SiteConfig.isLanguageTag(text) {
                        config.language = text
                    } else {
                        reader.error("'language' must be a BCP 47 language tag such as 'en' or 'fr-CA'; found '\(text)'", at: entry)
                    }
                }
            case "timezone":
                if let text = reader.string(entry) {
                    switch SiteConfig.zone(named: text) {
                    case .success(let zone): config.timeZone = zone
                    case .failure(let problem): reader.error(SiteConfig.message(for: problem, name: text), at: entry)
                    }
                }
            case "author":
                if let author = reader.table(entry) {
                    for field in author.entries {
                        switch field.key {
                        case "name": config.author.name = reader.string(field)
                        case "url": config.author.url = reader.string(field)
                        case "email": config.author.email = reader.string(field)
                        case "avatar": config.author.avatar = reader.string(field)
                        default: reader.unknownKey(field, known: ["name", "url", "email", "avatar"], in: "author")
                        }
                    }
                }
            case "posts_per_page":
                config.postsPerPage = reader.positiveInteger(entry) ?? config.postsPerPage
            case "permalink":
                if let text = reader.string(entry) {
                    do {
                        config.permalink = try Permalink(pattern: text)
                    } catch {
                        reader.error(error.message, at: entry)
                    }
                }
            case "feeds":
                if let feeds = reader.table(entry) {
                    for field in feeds.entries {
                        switch field.key {
                        case "items": config.feedItems = reader.positiveInteger(field) ?? config.feedItems
                        case "id_base":
                            if let text = reader.string(field) {
                                if let url = SiteConfig.normalizedBaseURL(text) {
                                    config.feedIDBase = url
                                } else {
                                    reader.error("'feeds.id_base' must be an absolute http or https URL, like 'https://old.example.org/'; found '\(text)'", at: field)
                                }
                            }
                        case "icon": config.feedIcon = reader.string(field)
                        case "favicon": config.feedFavicon = reader.string(field)
                        default: reader.unknownKey(field, known: ["items", "id_base", "icon", "favicon"], in: "feeds")
                        }
                    }
                }
            case "markdown":
                if let markdown = reader.table(entry) {
                    for field in markdown.entries {
                        switch field.key {
                        case "unsafe_html": config.unsafeHTML = reader.bool(field) ?? config.unsafeHTML
                        case "hashtags": config.hashtags = reader.bool(field) ?? config.hashtags
                        case "emoji": config.emoji = reader.bool(field) ?? config.emoji
                        default: reader.unknownKey(field, known: ["unsafe_html", "hashtags", "emoji"], in: "markdown")
                        }
                    }
                }
            case "post_folders":
                if let folders = reader.stringList(entry) {
                    let cleaned = folders.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "/ ")) }
                    if let bad = cleaned.first(where: { $0.isEmpty || $0.split(separator: "/").contains { $0 == ".." || $0 == "." } }) {
                        reader.error("Each of 'post_folders' must be a folder of Content/, like 'posts' or 'blog/notes'; found '\(bad)'", at: entry)
                    } else {
                        config.postFolders = cleaned
                    }
                }
            case "taxonomies":
                if let names = reader.stringList(entry) {
                    config.taxonomies = SiteConfig.taxonomyNames(names, entry: entry, reader: &reader)
                }
            case "excerpt_separator":
                if let text = reader.string(entry), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    config.excerptSeparator = text.trimmingCharacters(in: .whitespacesAndNewlines)
                }
            case "links":
                guard case .array(let items) = value else {
                    reader.error("'links' must be a list of {name, url} entries", at: entry)
                    continue
                }
                for item in items {
                    if case .table(let link) = item, let name = link["name"]?.scalarText, let url = link["url"]?.scalarText {
                        config.links.append(ProfileLink(name: name, url: url))
                    } else {
                        reader.error("Each entry of 'links' needs a 'name' and a 'url'", at: entry)
                    }
                }
            case "mirrors":
                config.mirrors = SiteConfig.mirrors(entry, reader: &reader)
            case "strings":
                if let strings = reader.table(entry) {
                    for field in strings.entries {
                        if let text = reader.string(field) { config.strings[field.key] = text }
                    }
                }
            case "mentions":
                if let mentions = reader.table(entry) {
                    for field in mentions.entries {
                        guard let url = reader.string(field) else { continue }
                        if SiteConfig.isHTTPURL(url) {
                            config.mentions[field.key.trimmingCharacters(in: CharacterSet(charactersIn: "@")).lowercased()] = url
                        } else {
                            reader.error("Mention '\(field.key)' must map to an absolute http or https URL; found '\(url)'", at: field)
                        }
                    }
                }
            case "webmention", "pingback":
                if let url = reader.string(entry) {
                    if SiteConfig.isHTTPURL(url) {
                        if entry.key == "webmention" { config.webmention = url } else { config.pingback = url }
                    } else {
                        reader.error("'\(entry.key)' must be an absolute http or https URL; found '\(url)'", at: entry)
                    }
                }
            default:
                if reader.isLikelyTypo(entry.key, of: SiteConfig.knownKeys) == nil {
                    config.params.entries.append(entry)
                } else {
                    reader.unknownKey(entry, known: SiteConfig.knownKeys, in: nil)
                }
            }
        }
        diagnostics += reader.diagnostics
        diagnostics += SiteConfig.mirrorProblems(config, file: file)
        return (config, diagnostics)
    }

    /// The names of `taxonomies` that can be folders of the site: `tags` first (it is always one),
    /// then the others in order; a name that cannot be one is an error.
    static func taxonomyNames(_ names: [String], entry: DataTable.Entry, reader: inout DataReader) -> [String] {
        var result = ["tags"]
        var seen: Set<String> = []
        for written in names {
            let name = written.trimmingCharacters(in: .whitespaces)
            guard seen.insert(name.lowercased()).inserted else {
                reader.error("site.yml 'taxonomies' lists '\(name)' twice. Keep one of them", at: entry)
                continue
            }
            if name == "tags" { continue }
            if reservedTaxonomyNames.contains(name.lowercased()) || name.allSatisfy(\.isNumber) {
                let why = name.allSatisfy(\.isNumber) ? "the folder of a year's archive" : "a folder the site already uses for its own pages"
                reader.error("site.yml 'taxonomies' cannot have '\(name)': '/\(name)/' is \(why). Give the taxonomy another name", at: entry)
            } else if name.isEmpty || Slug.make(name) != name {
                reader.error("site.yml 'taxonomies' entry '\(name)' must be a front matter key usable as a folder name, in lower case letters, digits and '-', like 'categories' or 'series'", at: entry)
            } else {
                result.append(name)
            }
        }
        return result
    }

    /// Why `text`, given as `name` (`'base_url'`, `--base-url`), is not a base URL.
    public static func baseURLMessage(_ text: String, name: String) -> String {
        "\(name) must be an absolute http or https URL, like 'https://example.org/'; found '\(text)'"
    }

    /// An absolute http(s) URL with a host, ending in `/` (added when missing).
    public static func normalizedBaseURL(_ text: String) -> URL? {
        var text = text.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty,
              components.query == nil, components.fragment == nil
        else { return nil }
        if !text.hasSuffix("/") { text += "/" }
        return URL(string: text)
    }

    static func isHTTPURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else { return false }
        return true
    }

    public static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return false
        }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}
