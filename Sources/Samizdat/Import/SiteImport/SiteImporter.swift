import Foundation

/// `samizdat import hugo|jekyll|microblog`: makes a Samizdat site from another generator's site.
///
/// - `site.yml` comes from the old configuration, with the `permalink` that gives most posts their
///   old address; every other old address is kept as an alias (a redirect page), so no inbound
///   link breaks.
/// - Posts and pages are copied with their bundles and media, their front matter kept (written
///   as YAML), shortcodes and Liquid tags converted where Markdown or HTML can say the same.
/// - The source is only read. Importing again rewrites what the last import wrote, unless it was
///   edited since; a file it did not write is never replaced.
public struct SiteImporter {
    public enum Kind: String, Sendable, CaseIterable {
        case hugo, jekyll, microblog

        public var name: String {
            switch self {
            case .hugo: "Hugo"
            case .jekyll: "Jekyll"
            case .microblog: "micro.blog"
            }
        }
    }

    /// What an import did, or with `dryRun` would do.
    public struct Report: Sendable {
        public var posts = 0
        public var pages = 0
        public var media = 0
        /// Old addresses that are the new pages' own.
        public var keptAsPaths: [String] = []
        /// Old addresses that redirect to the new page.
        public var keptAsAliases: [String] = []
        /// Old address → new site path, for every address kept.
        public var addresses: [String: String] = [:]
        /// Why files or addresses were not carried over → which ones.
        public var notCarried: [String: [String]] = [:]
        /// Tags converted, by name, with how many.
        public var converted: [String: Int] = [:]
        /// Tags left as written (file and line) and files left alone.
        public var warnings: [Diagnostic] = []
        public var written: [String] = []
        public var updated: [String] = []
        public var unchanged = 0
        /// Files already in the site that this import did not write (or that were edited since).
        public var leftAlone: [String] = []
        public var permalink = ""
        /// Drafts carried over (counted with the posts and pages); their addresses are not counted
        /// as kept, since the old site never published them.
        public var drafts = 0
        /// Whether `site.yml` was made from the old configuration (else the site's own was used).
        public var wroteConfig = false
    }

    public var kind: Kind
    public var source: URL
    public var site: URL
    public var dryRun: Bool

    public init(kind: Kind, source: URL, site: URL, dryRun: Bool = false) {
        self.kind = kind
        self.source = source.standardizedFileURL
        self.site = site.standardizedFileURL
        self.dryRun = dryRun
    }

    var manifestFile: String { ".samizdat/import-\(kind.rawValue).json" }

    public func run() throws(DiagnosticList) -> Report {
        let sourcePath = source.resolvingSymlinksInPath().path, sitePath = site.resolvingSymlinksInPath().path
        if sitePath == sourcePath || sitePath.hasPrefix(sourcePath + "/") {
            throw DiagnosticList([.error("The site would be written inside the \(kind.name) site it is imported from, which the import never changes. Give --site a folder outside it",
                                         at: SourceLocation(file: source))])
        }
        let files = try SourceFiles(url: source, ignoring: SourceFiles.ignoredFolders.union(kind == .jekyll ? [] : SourceFiles.hugoOutputFolders))
        try checkKind(files)
        var old: SourceSite
        switch kind {
        case .hugo: old = SourceSite.hugo(files)
        case .jekyll: old = SourceSite.jekyll(files)
        case .microblog: old = SourceSite.microblog(files)
        }
        var report = Report()
        report.warnings = old.warnings
        report.notCarried = old.notCarried
        if !files.skippedFolders.isEmpty {
            report.notCarried["the old site's output and caches (folders not read)", default: []] += files.skippedFolders
        }

        let manifest = readManifest()
        let manager = FileManager.default
        let configURL = site.appendingPathComponent("site.yml")
        var config: SiteConfig
        var configText: String?
        let ownConfig = manager.contents(atPath: configURL.path).map { Digest.of($0) == manifest["site.yml"] } ?? true
        if !ownConfig {
            config = try SiteFolder.configuration(site)
        } else {
            if !manager.fileExists(atPath: configURL.path), let names = try? manager.contentsOfDirectory(atPath: site.path),
               names.contains(where: { ![".DS_Store", ".git", ".samizdat"].contains($0) }) {
                throw DiagnosticList([.error("This folder is not empty and has no site.yml. Import into a new or empty folder, or into a Samizdat site (run 'samizdat init' first)",
                                             at: SourceLocation(file: site))])
            }
            (config, configText) = try makeConfig(old)
            report.wroteConfig = true
        }
        report.permalink = config.permalink.pattern

        // Each file's new place, for references between them.
        var targets: [String: String] = [:]
        for item in old.items where targets[item.member] == nil { targets[item.member] = item.target }
        // Posts outside the site's post folders would become pages: they go into the first one.
        if !report.wroteConfig {
            let moved = Set(old.postFolders.filter { !config.postFolders.contains($0) })
            let into = config.postFolders.first ?? "posts"
            for index in old.items.indices {
                let top = old.items[index].target.split(separator: "/").first.map(String.init) ?? ""
                if old.items[index].isPost ? !config.postFolders.contains(top) : moved.contains(top) {
                    old.items[index].target = into + "/" + old.items[index].target
                    targets[old.items[index].member] = old.items[index].target
                }
            }
            // The files beside them (bundles) go with them.
            for index in old.media.indices {
                let parts = old.media[index].target.split(separator: "/", maxSplits: 2).map(String.init)
                if parts.count == 3, parts[0] == "Content", moved.contains(parts[1]) {
                    old.media[index].target = "Content/" + into + "/" + parts[1] + "/" + parts[2]
                }
            }
        }

        var files_: [(target: String, data: Data)] = []
        var taken: [String: String] = [:]
        var placed: [(item: SourceSite.Item, slug: String, path: String)] = []
        for item in old.items {
            var (slug, path) = place(item, config: config)
            var attempt = 2
            let base = slug
            while taken[path] != nil, attempt < 100 {
                slug = base + "-\(attempt)"
                attempt += 1
                (_, path) = place(item, config: config, slug: slug)
            }
            taken[path] = item.target
            placed.append((item, slug, path))
        }
        var aliased: [String: String] = [:]
        for (item, slug, path) in placed {
            var aliases: [String] = []
            let draft = Self.isDraft(item.table)
            if draft { report.drafts += 1 }
            for url in item.oldURLs {
                if draft {
                    // Never published: nothing links there. The aliases are kept for when it is.
                    if url != path, Self.reserved(url) == nil, taken[url] == nil { aliases.append(url) }
                } else if url == path {
                    report.keptAsPaths.append(url)
                    report.addresses[url] = path
                } else if let other = taken[url], other != item.target {
                    report.notCarried["addresses now taken by another page", default: []].append("\(url) (\(item.member))")
                } else if let owner = aliased[url], owner != item.target {
                    report.notCarried["addresses claimed by two files (the first one keeps it)", default: []].append("\(url) (\(item.member))")
                } else if let reserved = Self.reserved(url) {
                    report.notCarried[reserved, default: []].append("\(url) (\(item.member))")
                } else {
                    aliases.append(url)
                    aliased[url] = item.target
                    report.keptAsAliases.append(url)
                    report.addresses[url] = path
                }
            }
            if item.isPost { report.posts += 1 } else { report.pages += 1 }
            let converter = ShortcodeConverter(syntax: old.syntax, resolve: { reference in
                resolve(reference, from: item.target, members: files.members, targets: targets)
            })
            let converted = converter.convert(item.body)
            for (name, count) in converted.converted { report.converted[name, default: 0] += count }
            for leftover in converted.leftovers {
                let line = item.bodyLineOffset + leftover.line
                report.warnings.append(.warning("\(leftover.reason.prefix(1).uppercased() + leftover.reason.dropFirst()): '\(leftover.text)' was left as it is",
                                                at: files.location(item.member, line: kind == .microblog && item.bodyLineOffset == 0 ? nil : line)))
            }
            var text = document(item, slug: slug, aliases: aliases, body: converted.text)
            // micro.blog's uploads are now the site's own: `https://old.example/uploads/…` → `/uploads/…`.
            for host in old.uploadHosts {
                text = text.replacingOccurrences(of: host + "/uploads/", with: "/uploads/")
            }
            text = text.replacingOccurrences(of: "src=\"uploads/", with: "src=\"/uploads/")
            files_.append(("Content/" + item.target, Data(text.utf8)))
        }
        var mediaTargets: Set<String> = []
        for (member, target) in old.media where mediaTargets.insert(target).inserted {
            guard let data = try? files.data(member) else {
                report.notCarried["cannot be read", default: []].append(member)
                continue
            }
            files_.append((target, data))
            report.media += 1
        }
        if let configText { files_.insert(("site.yml", Data(configText.utf8)), at: 0) }
        if report.wroteConfig && (!manager.fileExists(atPath: site.appendingPathComponent(".gitignore").path) || manifest[".gitignore"] != nil) {
            files_.append((".gitignore", Data("Output/\n.samizdat/\n".utf8)))
        }

        // What to write, and what to leave alone.
        var newManifest = manifest
        var writes: [(String, Data)] = []
        for (target, data) in files_ {
            let url = site.appendingPathComponent(target)
            if let current = manager.contents(atPath: url.path) {
                if current == data {
                    report.unchanged += 1
                    newManifest[target] = Digest.of(data)
                    continue
                }
                guard manifest[target] == Digest.of(current) else {
                    report.leftAlone.append(target)
                    report.warnings.append(.warning(manifest[target] == nil
                        ? "Left as it is: this file was not written by 'samizdat import \(kind.rawValue)'; the imported version of it was not written"
                        : "Left as it is: edited since the last import; the imported version was not written", at: SourceLocation(file: url)))
                    continue
                }
                report.updated.append(target)
            } else {
                report.written.append(target)
            }
            writes.append((target, data))
            newManifest[target] = Digest.of(data)
        }
        report.keptAsPaths.sort()
        report.keptAsAliases.sort()
        if dryRun { return report }
        do {
            for (target, data) in writes {
                let url = site.appendingPathComponent(target)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url, options: .atomic)
            }
            let manifestURL = site.appendingPathComponent(manifestFile)
            try manager.createDirectory(at: manifestURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(["files": newManifest]).write(to: manifestURL, options: .atomic)
        } catch {
            throw DiagnosticList([.error("Cannot write in \(site.path): \(error.localizedDescription)")])
        }
        return report
    }

    /// Stops early when the folder is not the kind of site named.
    private func checkKind(_ files: SourceFiles) throws(DiagnosticList) {
        let members = files.members
        let ok: Bool
        let expected: String
        switch kind {
        case .hugo:
            ok = members.contains { ["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"].contains($0) || $0.hasPrefix("config/_default/") }
                || members.contains { $0.hasPrefix("content/") }
            expected = "no hugo.toml, config.toml (or .yaml) and no content/ folder"
        case .jekyll:
            ok = members.contains { $0.hasPrefix("_config.") || $0.hasPrefix("_posts/") || $0.contains("/_posts/") }
            expected = "no _config.yml and no _posts/ folder"
        case .microblog:
            ok = members.contains { $0.hasPrefix("content/") || $0 == "feed.json" || ($0.hasSuffix("/feed.json") && $0.split(separator: "/").count == 2) }
            expected = "no content/ folder and no feed.json (a blog archive, .bar)"
        }
        if !ok {
            throw DiagnosticList([.error("This is not a \(kind.name) site: \(expected). Give the folder that holds the site's configuration\(kind == .microblog ? ", or the .bar file" : "")",
                                         at: SourceLocation(file: source))])
        }
    }

    // MARK: Places

    /// The slug and the new path of an item; the post's old path when the permalink gives it.
    func place(_ item: SourceSite.Item, config: SiteConfig, slug forced: String? = nil) -> (String, String) {
        let primary = item.oldURLs.first ?? "/"
        let lastSegment = primary.split(separator: "/").last.map(String.init) ?? ""
        let fromURL = lastSegment.hasSuffix(".html") ? String(lastSegment.dropLast(5)) : lastSegment
        let fileSlug = Slug.fromFileName(URL(fileURLWithPath: "/" + item.target))
        if item.isPost, let date = postDate(item, config: config) {
            if let forced { return (forced, config.permalink.path(date: date, slug: forced, timeZone: config.timeZone)) }
            if Slug.problem(with: fromURL) == nil, config.permalink.path(date: date, slug: fromURL, timeZone: config.timeZone) == primary {
                return (fromURL, primary)
            }
            let slug = Slug.problem(with: Slug.make(fromURL)) == nil ? Slug.make(fromURL) : (fileSlug.isEmpty ? "post" : fileSlug)
            return (slug, config.permalink.path(date: date, slug: slug, timeZone: config.timeZone))
        }
        var slug = forced ?? (Slug.problem(with: Slug.make(fromURL)) == nil ? Slug.make(fromURL) : fileSlug)
        if slug.isEmpty { slug = "page" }
        var folders = item.target.split(separator: "/").dropLast()
        if (item.target as NSString).lastPathComponent.hasPrefix("index.") { folders = folders.dropLast() }
        // A page at the top keeps its old name when it was one segment (`/about/`, `/about.html`).
        let path = "/" + (folders.map { Slug.make(String($0)) } + [slug]).map { $0 + "/" }.joined()
        return (slug, path)
    }

    func postDate(_ item: SourceSite.Item, config: SiteConfig) -> Date? {
        item.dateText.flatMap { DateParser.parse($0, timeZone: config.timeZone) }
    }

    /// `draft: true` or Jekyll's `published: false`.
    static func isDraft(_ table: DataTable) -> Bool {
        if case .bool(true)? = SourceSite.value(table, "draft") { return true }
        if case .string("true")? = SourceSite.value(table, "draft") { return true }
        if case .bool(false)? = SourceSite.value(table, "published") { return true }
        return false
    }

    /// Why an old address cannot be kept as a redirect: the new site has a page of its own there.
    static func reserved(_ url: String) -> String? {
        if url == "/" { return "the home page (the timeline is there)" }
        let first = url.split(separator: "/").first.map(String.init) ?? ""
        if ["tags", "categories", "page", "archive"].contains(first) {
            return "taxonomy and list pages (the new site has its own /tags/, /archive/ and /page/N/)"
        }
        let segments = url.split(separator: "/")
        if url.hasSuffix("/"), (1...2).contains(segments.count), segments.allSatisfy({ $0.allSatisfy(\.isNumber) }) {
            return "year and month archive pages (the new site has its own)"
        }
        if ["/feed.xml", "/atom.xml", "/feed.json", "/index.xml", "/sitemap.xml", "/404.html", "/robots.txt"].contains(url) {
            return "feeds and generated files (the new site has its own)"
        }
        return nil
    }

    /// A relative link from the file at `from` (below `Content/`) to the new place of the file
    /// a `ref`, `relref`, `post_url` or `link` names.
    func resolve(_ reference: String, from: String, members: [String], targets: [String: String]) -> String? {
        var name = reference
        var anchor = ""
        if let hash = name.firstIndex(of: "#") {
            anchor = String(name[hash...])
            name = String(name[..<hash])
        }
        if name.isEmpty { return anchor.isEmpty ? nil : anchor }
        var candidates: [String]
        if name.hasPrefix("post_url:") {
            let post = String(name.dropFirst("post_url:".count))
            candidates = targets.keys.filter { member in
                let parts = member.split(separator: "/")
                guard parts.contains("_posts") else { return false }
                let base = ((parts.last.map(String.init) ?? "") as NSString).deletingPathExtension
                return base == post || member.hasSuffix("_posts/" + post + "." + (member as NSString).pathExtension)
            }
        } else {
            let clean = name.hasPrefix("/") ? String(name.dropFirst()) : name
            let contentPrefix = kind == .jekyll ? "" : "content/"
            let exact = [clean, clean + ".md", clean + "/index.md", clean + "/_index.md"].map { contentPrefix + $0 }
            candidates = exact.filter { targets[$0] != nil }
            if candidates.isEmpty {
                candidates = targets.keys.filter { member in
                    member.hasSuffix("/" + clean) || member.hasSuffix("/" + clean + ".md") || member.hasSuffix("/" + clean + "/index.md")
                }.sorted()
            }
        }
        guard let member = candidates.sorted().first, let target = targets[member] else { return nil }
        return Self.relativePath(from: from, to: target) + anchor
    }

    /// `../b/c.md` from `a/x.md` to `b/c.md`.
    static func relativePath(from: String, to: String) -> String {
        let fromFolders = from.split(separator: "/").dropLast()
        let toParts = to.split(separator: "/")
        var common = 0
        while common < fromFolders.count, common < toParts.count - 1, fromFolders[fromFolders.startIndex + common] == toParts[common] { common += 1 }
        return String(repeating: "../", count: fromFolders.count - common) + toParts[common...].joined(separator: "/")
    }

    // MARK: Files

    /// Keys rewritten by the import: the old addresses become `aliases`, the slug and date are written out.
    static let rewrittenKeys: Set<String> = ["url", "aliases", "redirect_from", "permalink", "slug", "date"]

    func document(_ item: SourceSite.Item, slug: String, aliases: [String], body: String) -> String {
        var lines = ["---"]
        var wroteDate = false
        for entry in item.table.entries {
            let key = entry.key.lowercased()
            if key == "date", item.isPost, let dateText = item.dateText, !wroteDate {
                lines.append("date: " + YAMLText.quoted(dateText))
                wroteDate = true
                continue
            }
            if Self.rewrittenKeys.contains(key) { continue }
            if key == "layout", ["post", "page", "default", "single", "list"].contains(entry.value.scalarText ?? "") { continue }
            lines += Self.yaml(key: entry.key, entry.value, indent: "")
        }
        if item.isPost, !wroteDate, let dateText = item.dateText { lines.append("date: " + YAMLText.quoted(dateText)) }
        lines.append("slug: " + YAMLText.quoted(slug))
        if !aliases.isEmpty { lines.append("aliases: " + YAMLText.list(aliases)) }
        lines.append("---")
        let text = body.hasPrefix("\n") ? String(body.dropFirst()) : body
        return lines.joined(separator: "\n") + "\n" + text + (text.hasSuffix("\n") || text.isEmpty ? "" : "\n")
    }

    /// A value as YAML lines: every string quoted, so any text stays valid.
    static func yaml(key: String?, _ value: DataValue, indent: String) -> [String] {
        let prefix = key.map { indent + quotedKey($0) + ":" } ?? indent + "-"
        switch value {
        case .string(let text): return [prefix + " " + YAMLText.quoted(text)]
        case .integer(let n): return [prefix + " \(n)"]
        case .double(let d): return [prefix + " \(d)"]
        case .bool(let b): return [prefix + (b ? " true" : " false")]
        case .null: return [prefix + " null"]
        case .array(let items):
            if items.isEmpty { return [prefix + " []"] }
            if items.allSatisfy({ if case .table = $0 { false } else if case .array = $0 { false } else { true } }) {
                return [prefix + " [" + items.map { item in
                    switch item {
                    case .string(let text): YAMLText.quoted(text)
                    default: scalar(item)
                    }
                }.joined(separator: ", ") + "]"]
            }
            var lines = [prefix]
            for item in items {
                if case .table(let table) = item, let first = table.entries.first {
                    var nested = yaml(key: first.key, first.value, indent: indent + "  ")
                    nested[0] = indent + "  - " + nested[0].dropFirst(indent.count + 2)
                    lines += nested
                    for entry in table.entries.dropFirst() { lines += yaml(key: entry.key, entry.value, indent: indent + "    ") }
                } else {
                    lines += yaml(key: nil, item, indent: indent + "  ")
                }
            }
            return lines
        case .table(let table):
            if table.entries.isEmpty { return [prefix + " {}"] }
            return [prefix] + table.entries.flatMap { yaml(key: $0.key, $0.value, indent: indent + "  ") }
        }
    }

    static func quotedKey(_ key: String) -> String {
        key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") } && !key.isEmpty ? key : YAMLText.quoted(key)
    }

    static func scalar(_ value: DataValue) -> String {
        switch value {
        case .string(let text): YAMLText.quoted(text)
        case .integer(let n): "\(n)"
        case .double(let d): "\(d)"
        case .bool(let b): b ? "true" : "false"
        default: "null"
        }
    }

    // MARK: Manifest

    func readManifest() -> [String: String] {
        guard let data = FileManager.default.contents(atPath: site.appendingPathComponent(manifestFile).path),
              let decoded = try? JSONDecoder().decode([String: [String: String]].self, from: data) else { return [:] }
        return decoded["files"] ?? [:]
    }
}
