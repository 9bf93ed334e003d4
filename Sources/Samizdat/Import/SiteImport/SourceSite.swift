import Foundation

/// A Hugo, Jekyll or micro.blog site as read for `samizdat import`: its settings, its posts and
/// pages with the addresses they had, its media, and what is not carried over.
struct SourceSite {
    struct Settings {
        var title: String?
        var description: String?
        var baseURL: String?
        var language: String?
        var authorName: String?
        var authorEmail: String?
        /// As configured (an IANA name, maybe one this system does not know).
        var timeZone: String?
        var perPage: Int?
        var taxonomies: [String] = []
        var emoji = false
    }

    struct Item {
        var member: String
        /// Below `Content/`.
        var target: String
        var isPost: Bool
        var table: DataTable
        var body: String
        var bodyLineOffset: Int
        /// The post's date as written (or from the file name).
        var dateText: String?
        /// The old addresses, the first one the page's own.
        var oldURLs: [String]
        var title: String?
    }

    var settings = Settings()
    var items: [Item] = []
    /// Files copied as they are: member → target below the site (`Content/…` or `Public/…`).
    var media: [(member: String, target: String)] = []
    /// Why files were not carried over, with the files.
    var notCarried: [String: [String]] = [:]
    var warnings: [Diagnostic] = []
    var syntax: ShortcodeConverter.Syntax = .hugo
    /// The folders below `Content/` that hold posts.
    var postFolders: [String] = []
    /// Absolute addresses of the old site whose uploads are now below `/` (micro.blog).
    var uploadHosts: [String] = []

    static let markdownExtensions: Set<String> = ["md", "markdown", "mdown", "mkdn", "mkd"]
    /// Where a Hugo post section's undated files go below `Content/` (`post/2019/2019.md` →
    /// `pages/post/2019/2019.md`): out of the post folders, so they build as the pages they are
    /// (`undated/` if the old site's `pages/` holds posts).
    static func undatedPagesFolder(postSections: Set<String>) -> String {
        postSections.contains("pages") ? "undated" : "pages"
    }

    static func isMarkdown(_ member: String) -> Bool {
        markdownExtensions.contains((member as NSString).pathExtension.lowercased())
    }

    mutating func skip(_ member: String, _ reason: String) {
        notCarried[reason, default: []].append(member)
    }

    /// The front matter table and body of a content file, or nil (with a warning) when it cannot be read.
    mutating func parse(_ member: String, from files: SourceFiles) -> (DataTable, SourceText)? {
        guard let data = try? files.data(member) else {
            skip(member, "cannot be read")
            return nil
        }
        let file = files.location(member).file
        switch SourceText.split(data, file: file) {
        case .failure(var diagnostic):
            diagnostic.severity = .warning
            diagnostic.message += "; the file was not imported"
            warnings.append(diagnostic)
            skip(member, "not UTF-8 text or broken front matter")
            return nil
        case .success(let source):
            do {
                let table: DataTable
                switch source.format {
                case .none: table = DataTable()
                case .yaml, .json: table = try DataTable.parseYAML(source.frontMatter)
                case .toml: table = try DataTable.parseTOML(source.frontMatter)
                }
                return (table, source)
            } catch {
                warnings.append(.warning(error.message(lineOffset: source.frontMatterLineOffset) + "; the file was not imported",
                                       at: files.location(member, line: error.line.map { $0 + source.frontMatterLineOffset })))
                skip(member, "front matter cannot be read")
                return nil
            }
        }
    }

    /// A key in any case (Hugo's keys are case-insensitive).
    static func value(_ table: DataTable, _ key: String) -> DataValue? {
        table.entries.first { $0.key.lowercased() == key.lowercased() }?.value
    }

    static func text(_ table: DataTable, _ key: String) -> String? {
        value(table, key)?.scalarText.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
    }

    static func strings(_ value: DataValue?) -> [String] {
        switch value {
        case .array(let items)?: return items.compactMap(\.scalarText)
        case .string(let text)?: return text.split(separator: " ").map(String.init)
        default: return []
        }
    }

    static func int(_ value: DataValue?) -> Int? {
        switch value {
        case .integer(let n)?: return n
        case .string(let s)?: return Int(s)
        default: return nil
        }
    }

    /// The first configuration file of `names` that is present, parsed.
    mutating func config(_ names: [String], in files: SourceFiles) -> (String, DataTable)? {
        for name in names where files.contains(name) {
            guard let text = files.text(name) else { continue }
            do {
                let table = try name.hasSuffix(".toml") ? DataTable.parseTOML(text) : DataTable.parseYAML(text)
                return (name, table)
            } catch {
                warnings.append(.warning(error.message + "; the configuration was left out", at: files.location(name, line: error.line)))
                return nil
            }
        }
        return nil
    }
}

// MARK: - Hugo (and micro.blog's Hugo-shaped export)

extension SourceSite {
    static func hugo(_ files: SourceFiles, microblog: Bool = false) -> SourceSite {
        var site = SourceSite()
        let configNames = ["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"]
        let found = site.config(configNames + configNames.map { "config/_default/" + $0 }, in: files)
        let config = found?.1 ?? DataTable()
        let params = value(config, "params").flatMap { if case .table(let t) = $0 { t } else { nil } } ?? DataTable()
        site.settings.title = text(config, "title")
        site.settings.baseURL = text(config, "baseURL")
        site.settings.language = text(config, "languageCode") ?? text(config, "defaultContentLanguage")
        site.settings.description = text(params, "description") ?? text(config, "description")
        for candidate in [value(config, "author"), value(params, "author")] {
            if case .table(let author)? = candidate {
                site.settings.authorName = site.settings.authorName ?? text(author, "name")
                site.settings.authorEmail = site.settings.authorEmail ?? text(author, "email")
            } else if let name = candidate?.scalarText, site.settings.authorName == nil {
                site.settings.authorName = name
            }
        }
        site.settings.timeZone = text(config, "timeZone")
        if case .table(let pagination)? = value(config, "pagination") { site.settings.perPage = int(value(pagination, "pagerSize")) }
        site.settings.perPage = site.settings.perPage ?? int(value(config, "paginate")) ?? int(value(params, "pagination"))
        if case .bool(let emoji)? = value(config, "enableEmoji") { site.settings.emoji = emoji }
        if case .table(let taxonomies)? = value(config, "taxonomies") {
            site.settings.taxonomies = taxonomies.entries.compactMap(\.value.scalarText)
        }
        var permalinks: [String: String] = [:]
        if case .table(let table)? = value(config, "permalinks") {
            for entry in table.entries {
                if let pattern = entry.value.scalarText { permalinks[entry.key.lowercased()] = pattern }
                // The newer form: `[permalinks.page] posts = "…"`.
                if entry.key == "page", case .table(let pages) = entry.value {
                    for page in pages.entries { if let pattern = page.value.scalarText { permalinks[page.key.lowercased()] = pattern } }
                }
            }
        }
        let ugly: Bool = { if case .bool(let flag)? = value(config, "uglyURLs") { return flag } else { return false } }()
        let oldZone = site.settings.timeZone.flatMap { TimeZone(identifier: $0) } ?? TimeZone(secondsFromGMT: 0)!
        let contentDir = (text(config, "contentDir") ?? "content").trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/"
        let staticDir = (text(config, "staticDir") ?? "static").trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/"

        // Which top folders of content/ hold dated pages: they become post folders.
        var parsed: [(member: String, rel: String, table: DataTable, source: SourceText)] = []
        for member in files.members {
            if member.hasPrefix(contentDir) {
                let rel = String(member.dropFirst(contentDir.count))
                let name = (rel as NSString).lastPathComponent
                guard isMarkdown(member) else {
                    continue
                }
                if name.hasPrefix("_index.") {
                    site.skip(member, "section and home pages (`_index.md`): the timeline, archive and tag pages take their place")
                    continue
                }
                guard let (table, source) = site.parse(member, from: files) else { continue }
                parsed.append((member, rel, table, source))
            } else if member.hasPrefix(staticDir) {
                site.media.append((member, "Public/" + member.dropFirst(staticDir.count)))
            } else if member.hasPrefix("assets/") {
                site.media.append((member, "Public/" + member.dropFirst("assets/".count)))
            } else if let found, member == found.0 {
                continue
            } else {
                let top = member.split(separator: "/").first.map(String.init) ?? member
                switch top {
                case "layouts", "themes", "archetypes", "i18n": site.skip(member, "templates and themes (the built-in theme or Templates/ take their place)")
                case "data": site.skip(member, "data files (`data/`): templates used them")
                default: site.skip(member, member.contains("/") ? "not part of the content" : "not part of the content (build and tool files)")
                }
            }
        }
        func dateText(_ table: DataTable) -> String? {
            text(table, "date") ?? text(table, "publishDate") ?? text(table, "pubdate") ?? text(table, "published").flatMap { DateParser.parse($0, timeZone: oldZone) != nil ? $0 : nil }
        }
        let postSections = Set(parsed.compactMap { item -> String? in
            let folders = item.rel.split(separator: "/")
            guard dateText(item.table) != nil else { return nil }
            if microblog { return folders.count > 1 ? String(folders[0]) : "" }
            return folders.count > 1 ? String(folders[0]) : nil
        })
        // micro.blog's notes at the top of content/ go to posts/.
        let topLevelPosts = postSections.contains("")
        site.postFolders = postSections.filter { !$0.isEmpty }.sorted()
        if topLevelPosts && !site.postFolders.contains("posts") { site.postFolders.append("posts") }
        // Undated files of a post section (a year's archive page, an unfinished article) are
        // pages, and a page inside a post folder is taken for a post that lacks its date, with a
        // warning at every build: they go below `pages/` instead, with the files of their bundle.
        var movedBundles: [String] = []
        let undatedFolder = Self.undatedPagesFolder(postSections: postSections)
        for item in parsed {
            var folders = item.rel.split(separator: "/").map(String.init)
            folders.removeLast()
            let date = dateText(item.table)
            let inPostSection = folders.first.map { postSections.contains($0) } ?? topLevelPosts
            let isPost = date != nil && inPostSection
            let dateValue = date.flatMap { DateParser.parse($0, timeZone: oldZone) }
            let file = OldURL.HugoFile(path: item.rel, title: text(item.table, "title"), slug: text(item.table, "slug"),
                                       date: dateValue, dateZone: date.flatMap(OldURL.ownZone) ?? oldZone)
            var urls = [OldURL.hugo(file, url: text(item.table, "url"), permalinks: permalinks, uglyURLs: ugly, microblog: microblog && isPost)]
            let folderPath = "/" + folders.filter { _ in true }.map { $0 + "/" }.joined()
            for alias in strings(value(item.table, "aliases")) {
                urls.append(OldURL.normalized(alias.hasPrefix("/") || alias.contains("://") ? alias : folderPath + alias))
            }
            var target = item.rel
            if isPost && folders.isEmpty { target = "posts/" + item.rel }
            if date == nil && inPostSection && !folders.isEmpty {
                target = undatedFolder + "/" + item.rel
                if (item.rel as NSString).lastPathComponent.hasPrefix("index.") { movedBundles.append(folders.joined(separator: "/") + "/") }
            }
            site.items.append(Item(member: item.member, target: target, isPost: isPost, table: item.table, body: item.source.body,
                                   bodyLineOffset: item.source.bodyLineOffset, dateText: date, oldURLs: unique(urls), title: file.title))
        }
        // Bundles' and sections' other files go where their page goes.
        for member in files.members where member.hasPrefix(contentDir) && !isMarkdown(member) {
            let rel = String(member.dropFirst(contentDir.count))
            let bundled = movedBundles.contains { rel.hasPrefix($0) }
            site.media.append((member, "Content/" + (bundled ? undatedFolder + "/" + rel : rel)))
        }
        if microblog, let base = site.settings.baseURL, let scheme = base.range(of: "://") {
            let host = base[scheme.upperBound...].split(separator: "/").first.map(String.init) ?? ""
            site.uploadHosts = ["https://" + host, "http://" + host]
        }
        if !files.skippedLinks.isEmpty { site.notCarried["symbolic links", default: []] += files.skippedLinks }
        return site
    }

    static func unique(_ urls: [String]) -> [String] {
        var seen: Set<String> = []
        return urls.filter { seen.insert($0).inserted }
    }
}

// MARK: - Jekyll

extension SourceSite {
    static let jekyllBuildFiles: Set<String> = ["Gemfile", "Gemfile.lock", "Rakefile", "README.md", "README", "LICENSE", "LICENSE.md",
                                                "CHANGELOG.md", "package.json", "package-lock.json", "netlify.toml", ".gitignore",
                                                "README.markdown", "vercel.json", ".travis.yml"]

    static func jekyll(_ files: SourceFiles) -> SourceSite {
        var site = SourceSite()
        site.syntax = .liquid
        let found = site.config(["_config.yml", "_config.yaml", "_config.toml"], in: files)
        let config = found?.1 ?? DataTable()
        site.settings.title = text(config, "title")
        site.settings.description = text(config, "description")
        if let url = text(config, "url") {
            site.settings.baseURL = url.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/"
                + (text(config, "baseurl") ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        }
        site.settings.language = text(config, "lang") ?? text(config, "locale")?.replacingOccurrences(of: "_", with: "-")
        if case .table(let author)? = value(config, "author") {
            site.settings.authorName = text(author, "name")
            site.settings.authorEmail = text(author, "email")
        } else {
            site.settings.authorName = text(config, "author")
            site.settings.authorEmail = text(config, "email")
        }
        site.settings.timeZone = text(config, "timezone")
        site.settings.perPage = int(value(config, "paginate"))
        let style = text(config, "permalink")
        var pattern = OldURL.jekyllStyle(style)
        // `defaults:` may give posts a permalink of their own (`scope: {type: posts}` or `path: _posts`).
        if case .array(let defaults)? = value(config, "defaults") {
            for case .table(let rule) in defaults {
                guard case .table(let scope)? = value(rule, "scope"), case .table(let values)? = value(rule, "values"),
                      let postPattern = text(values, "permalink") else { continue }
                let type = text(scope, "type"), path = text(scope, "path") ?? ""
                if type == "posts" || (type == nil && ["", "_posts"].contains(path)) { pattern = OldURL.jekyllStyle(postPattern) }
            }
        }
        let pretty = pattern.hasSuffix("/")
        let oldZone = site.settings.timeZone.flatMap { TimeZone(identifier: $0) }
        site.postFolders = ["posts"]

        for member in files.members {
            let parts = member.split(separator: "/").map(String.init)
            let name = parts.last ?? member
            if let found, member == found.0 { continue }
            if let postsIndex = parts.firstIndex(of: "_posts") {
                guard isMarkdown(member) || name.hasSuffix(".html") else {
                    site.media.append((member, "Content/posts/" + parts[(postsIndex + 1)...].joined(separator: "/")))
                    continue
                }
                guard let (table, source) = site.parse(member, from: files) else { continue }
                let base = (name as NSString).deletingPathExtension
                let fileDate = Slug.withoutLeadingDate(base) != nil ? String(base.prefix(10)) : nil
                guard let dateText = text(table, "date") ?? fileDate,
                      let date = DateParser.parse(dateText, timeZone: oldZone ?? OldURL.ownZone(dateText) ?? TimeZone(secondsFromGMT: 0)!) else {
                    site.skip(member, "posts without a readable date in their name or front matter")
                    continue
                }
                let titleSlug = text(table, "slug") ?? Slug.withoutLeadingDate(base) ?? base
                var categories = Array(parts[..<postsIndex])
                for key in ["category", "categories"] { categories += strings(value(table, key)) }
                let post = OldURL.JekyllPost(title: OldURL.jekyllPretty(titleSlug), titleText: text(table, "title"), categories: categories,
                                             date: date, zone: oldZone ?? OldURL.ownZone(dateText) ?? TimeZone(secondsFromGMT: 0)!)
                var urls = [OldURL.jekyll(post, pattern: text(table, "permalink") ?? pattern)]
                urls += strings(value(table, "redirect_from")).map(OldURL.normalized)
                var target = "posts/" + parts[(postsIndex + 1)...].joined(separator: "/")
                if !isMarkdown(target) { target = (target as NSString).deletingPathExtension + ".md" }
                // The date the file name gave, written out: the build reads it from the name too, but not its time.
                site.items.append(Item(member: member, target: target, isPost: true, table: table, body: source.body,
                                       bodyLineOffset: source.bodyLineOffset, dateText: dateText, oldURLs: unique(urls), title: text(table, "title")))
                continue
            }
            let top = parts[0]
            if parts.count > 1 && top.hasPrefix("_") {
                switch top {
                case "_drafts": site.skip(member, "drafts (`_drafts/`): Jekyll does not publish them; move them into Content/posts/ with `draft: true`")
                case "_layouts", "_includes", "_sass": site.skip(member, "templates and themes (the built-in theme or Templates/ take their place)")
                case "_data": site.skip(member, "data files (`_data/`): templates used them")
                case "_plugins": site.skip(member, "Jekyll plugins")
                default: site.skip(member, "collections and other `_` folders")
                }
                continue
            }
            if top.hasPrefix(".") || top.hasPrefix("_") || jekyllBuildFiles.contains(member) || ["vendor", "node_modules"].contains(top) {
                site.skip(member, "not part of the content (build and tool files)")
                continue
            }
            let head = files.text(member)?.prefix(4)
            if isMarkdown(member) {
                guard let (table, source) = site.parse(member, from: files) else { continue }
                let base = (name as NSString).deletingPathExtension
                if base == "index" && parts.count == 1 {
                    site.skip(member, "the home page: the timeline takes its place")
                    continue
                }
                if table.entries.isEmpty && source.format == .none {
                    // Jekyll copies a Markdown file without front matter as it is.
                    site.media.append((member, "Public/" + member))
                    continue
                }
                let folder = parts.dropLast().joined(separator: "/")
                let own = text(table, "permalink").map(OldURL.normalized)
                    ?? OldURL.normalized("/" + (folder.isEmpty ? "" : folder + "/") + (base == "index" ? "" : base + (pretty ? "/" : ".html")))
                let urls = [own] + strings(value(table, "redirect_from")).map(OldURL.normalized)
                site.items.append(Item(member: member, target: member, isPost: false, table: table, body: source.body,
                                       bodyLineOffset: source.bodyLineOffset, dateText: nil, oldURLs: unique(urls), title: text(table, "title")))
            } else if head == "---\n" || head == "---\r" {
                site.skip(member, "Liquid templates (HTML, XML, Sass with front matter): the built-in theme and feeds take their place")
            } else {
                site.media.append((member, "Public/" + member))
            }
        }
        if !files.skippedLinks.isEmpty { site.notCarried["symbolic links", default: []] += files.skippedLinks }
        return site
    }
}

// MARK: - micro.blog

extension SourceSite {
    /// A micro.blog export: the Hugo-shaped folder (`content/`, `static/uploads/`), or a blog
    /// archive (`.bar`: `feed.json`, a JSON Feed, beside `uploads/`).
    static func microblog(_ files: SourceFiles) -> SourceSite {
        // A `.bar` may keep everything in one top folder.
        let feed = files.members.first { $0 == "feed.json" || ($0.hasSuffix("/feed.json") && $0.split(separator: "/").count == 2) }
        guard let feed, !files.members.contains(where: { $0.hasPrefix("content/") }) else {
            return hugo(files, microblog: true)
        }
        let root = String(feed.dropLast("feed.json".count))
        var site = SourceSite()
        site.postFolders = ["posts"]
        guard let data = try? files.data(feed), let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            site.warnings.append(.error("feed.json is not a JSON Feed", at: files.location(feed)))
            return site
        }
        site.settings.title = json["title"] as? String
        site.settings.description = json["description"] as? String
        if let home = json["home_page_url"] as? String { site.settings.baseURL = home }
        if let author = json["author"] as? [String: Any] { site.settings.authorName = author["name"] as? String }
        if let authors = json["authors"] as? [[String: Any]], let first = authors.first { site.settings.authorName = first["name"] as? String }
        site.settings.language = json["language"] as? String
        var hosts: Set<String> = []
        for (number, item) in ((json["items"] as? [[String: Any]]) ?? []).enumerated() {
            guard let dateText = item["date_published"] as? String, let date = DateParser.parse(dateText, timeZone: TimeZone(secondsFromGMT: 0)!) else {
                site.skip(feed + " item \(number + 1)", "feed items without a date")
                continue
            }
            let url = item["url"] as? String ?? ""
            if let scheme = url.range(of: "://"), let slash = url[scheme.upperBound...].firstIndex(of: "/") {
                hosts.insert(String(url[..<slash]))
            }
            let day = OldURL.Day(date, zone: OldURL.ownZone(dateText) ?? TimeZone(secondsFromGMT: 0)!)
            var path = url.isEmpty ? "" : OldURL.normalized(url)
            let last = path.split(separator: "/").last.map { (String($0) as NSString).deletingPathExtension } ?? ""
            let slug = Slug.make(last).isEmpty ? String(number + 1) : Slug.make(last)
            if path.isEmpty || path == "/" { path = String(format: "/%04d/%02d/%02d/", day.year, day.month, day.day) + slug + ".html" }
            var table = DataTable()
            if let title = item["title"] as? String, !title.isEmpty { table.entries.append(.init(key: "title", value: .string(title))) }
            table.entries.append(.init(key: "date", value: .string(dateText)))
            if let tags = item["tags"] as? [String], !tags.isEmpty { table.entries.append(.init(key: "tags", value: .array(tags.map { .string($0) }))) }
            let body = (item["content_text"] as? String) ?? (item["content_html"] as? String) ?? ""
            let target = String(format: "posts/%04d/%02d/%02d-", day.year, day.month, day.day) + slug + ".md"
            site.items.append(Item(member: feed, target: target, isPost: true, table: table, body: body, bodyLineOffset: 0,
                                   dateText: dateText, oldURLs: [path], title: item["title"] as? String))
        }
        site.uploadHosts = hosts.sorted()
        for member in files.members where member.hasPrefix(root) && member != feed {
            let rel = String(member.dropFirst(root.count))
            if rel.hasPrefix("uploads/") {
                site.media.append((member, "Public/" + rel))
            } else {
                site.skip(member, rel == "index.html" ? "the archive's HTML copy of the posts (feed.json was read instead)" : "not part of the content")
            }
        }
        return site
    }
}
