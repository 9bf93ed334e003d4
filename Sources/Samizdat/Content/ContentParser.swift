import Foundation

/// Turns one content file's bytes into a `Post` or a `Page`: front matter, slug, URL, Markdown.
///
/// Pure: the bytes and the settings in, the value and its diagnostics out.
public struct ContentParser: Sendable {
    public enum Kind: Sendable { case post, page }

    public var config: SiteConfig
    public var renderer: MarkdownRenderer

    public init(config: SiteConfig) {
        self.config = config
        self.renderer = MarkdownRenderer(options: .init(unsafeHTML: config.unsafeHTML, mentions: config.mentions, hashtags: config.hashtags, emoji: config.emoji))
    }

    public enum Parsed: Sendable {
        case post(Post)
        case page(Page)
    }

    /// - Parameter sourcePath: the path below `Content/`, with `/` separators.
    public func parse(_ data: Data, file: URL, sourcePath: String, kind: Kind) -> (Parsed?, [Diagnostic]) {
        let source: SourceText
        switch SourceText.split(data, file: file) {
        case .success(let value): source = value
        case .failure(let diagnostic): return (nil, [diagnostic])
        }

        var diagnostics = source.warnings
        var table: DataTable
        do {
            switch source.format {
            case .none: table = DataTable()
            case .yaml, .json:
                let duplicates: [DataTable.DuplicateKey]
                (table, duplicates) = try DataTable.parseYAMLKeepingLastKeys(source.frontMatter)
                for duplicate in duplicates {
                    diagnostics.append(.warning(
                        "Key '\(duplicate.key)' is given again on line \(duplicate.laterLine + source.frontMatterLineOffset); this value was ignored and the later one used. Remove one of them",
                        at: SourceLocation(file: file, line: duplicate.line + source.frontMatterLineOffset, column: duplicate.column)))
                }
            case .toml: table = try DataTable.parseTOML(source.frontMatter)
            }
        } catch {
            let line = error.line.map { $0 + source.frontMatterLineOffset }
            diagnostics.append(.error(error.message(lineOffset: source.frontMatterLineOffset), at: SourceLocation(file: file, line: line, column: error.column)))
            return (nil, diagnostics)
        }
        let escaped: [Diagnostic]
        (table, escaped) = table.removingControlCharacters(file: file, lineOffset: source.frontMatterLineOffset)
        diagnostics += escaped
        var (matter, matterDiagnostics) = FrontMatter.make(
            from: table, file: file, lineOffset: source.frontMatterLineOffset, timeZone: config.timeZone, taxonomies: config.otherTaxonomies)
        diagnostics += matterDiagnostics

        var slug = Slug.fromFileName(file)
        if let custom = matter.slug {
            if let problem = Slug.problem(with: custom) {
                diagnostics.append(.error("'slug' \(problem); found '\(custom)'. Use a single path segment such as 'my-post'",
                                          at: SourceLocation(file: file, line: matter.slugLine, column: 1)))
            } else {
                slug = custom
            }
        } else if slug.isEmpty {
            diagnostics.append(.error("Cannot make a URL from the file name '\(file.lastPathComponent)'. Add a 'slug' to the front matter",
                                      at: SourceLocation(file: file, line: 1, column: 1)))
        }
        // A relative alias is relative to the file's folder, as Hugo resolves it against the
        // page's section (`post/old-name` in `Content/posts/x.md` is `/posts/post/old-name`).
        let folder = matter.aliases.isEmpty ? "" : Self.sectionPath(sourcePath: sourcePath, file: file)
        var aliases: [String] = [], aliasLines: [Int?] = []
        for (index, written) in matter.aliases.enumerated() {
            let line = index < matter.aliasLines.count ? matter.aliasLines[index] : nil
            // As Hugo, an alias without an extension is a folder (`/old/name` is `old/name/index.html`),
            // where a file without an extension would be served as a download.
            func asFolder(_ path: String) -> String {
                path.hasSuffix("/") || path.split(separator: "/").last?.contains(".") == true ? path : path + "/"
            }
            let alias = written.contains("://") ? written
                : written.hasPrefix("/") ? asFolder(written)
                : Self.normalizedPath(folder + written).map(asFolder)
            if let alias, Self.isValidAlias(alias) {
                aliases.append(alias)
                aliasLines.append(line)
            } else {
                diagnostics.append(.warning("Alias '\(written)' was left out: it must be a site path like '/old/my-post/' or '/2019/post.html', or a path relative to the file's folder, inside the site",
                                            at: SourceLocation(file: file, line: line, column: 1)))
            }
        }
        matter.aliases = aliases
        matter.aliasLines = aliasLines

        switch kind {
        case .post:
            // As Hugo and Jekyll date a post: `date`, `publishDate`, the file name, `lastmod`.
            if matter.date == nil, matter.dateLine == nil {
                matter.date = Self.dateFromFileName(file, timeZone: config.timeZone) ?? matter.updated
            }
            guard let date = matter.date else {
                if source.format == .none {
                    diagnostics.append(.error(
                        "Post has no front matter. Start the file with a '---' line, then 'date: 2026-11-20 14:05', then another '---' line; the text goes below",
                        at: SourceLocation(file: file, line: 1, column: 1)))
                } else if matter.dateLine == nil && !diagnostics.hasErrors {
                    // Nothing is lost: it is published, as a page (Hugo's archive pages, undated notes).
                    let (page, pageDiagnostics) = parse(data, file: file, sourcePath: sourcePath, kind: .page)
                    let path = page.flatMap { if case .page(let page) = $0 { page.path } else { nil } } ?? "/"
                    // A draft is not built at all (unless with --drafts): the warning says so.
                    let built = matter.draft ? "so, as a draft, it is built only with --drafts, as a page at '\(path)'" : "so it was built as a page at '\(path)'"
                    return (page, [.warning("Post has no 'date', \(built) that no timeline lists. Add 'date: 2026-11-20 14:05' to its front matter to make it a post",
                                            at: SourceLocation(file: file, line: 1, column: 1))] + pageDiagnostics)
                }
                return (nil, diagnostics)
            }
            guard !diagnostics.hasErrors else { return (nil, diagnostics) }
            let path = Self.oldAddress(of: matter, file: file, diagnostics: &diagnostics)
                ?? config.permalink.path(date: date, slug: slug, timeZone: config.timeZone)
            let base = path.hasSuffix("/") ? path : String(path[...(path.lastIndex(of: "/") ?? path.startIndex)])
            // Rendered once, ids marked: the page drops the marker, lists put the post's anchor there.
            var content = Self.removingControlCharacters(renderer(for: matter).render(source.body, idPrefix: SiteURL.idMarker, basePath: base,
                                                                                      sourceFolder: Self.folder(of: sourcePath)),
                                                         file: file, diagnostics: &diagnostics)
            let marked = content.html
            content.html = marked.replacingAll(SiteURL.idMarker, with: "")
            for index in content.headings.indices {
                content.headings[index].id = content.headings[index].id.replacingAll(SiteURL.idMarker, with: "")
            }
            var post = Post(source: file, sourcePath: sourcePath, frontMatter: matter, date: date, slug: slug,
                            path: path, content: content, listHTML: "")
            post.listHTML = marked.replacingAll(SiteURL.idMarker, with: post.anchor + "-")
            post.tags = Self.mergedTags(matter.tags, content.hashtags)
            // A titled post may be cut on list pages; a note (no title) is always shown whole.
            if matter.title != nil, let summary = Self.summaryMarkdown(body: source.body, table: table, separator: config.excerptSeparator) {
                var ignored: [Diagnostic] = []
                let rendered = Self.removingControlCharacters(
                    renderer(for: matter).render(summary, idPrefix: SiteURL.idMarker, basePath: base, sourceFolder: Self.folder(of: sourcePath)),
                    file: file, diagnostics: &ignored)
                post.summaryHTML = rendered.html.replacingAll(SiteURL.idMarker, with: post.anchor + "-")
                post.summaryText = rendered.plainText.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            // A photo the text already shows (micro.blog exports list each in both) is not shown twice.
            let shown = Set((content.images + Self.rawImageSources(source.body)).map { Self.resolve($0, basePath: base) })
            post.photos = matter.photos.map { photo in
                Photo(url: Self.resolve(photo.src, basePath: base), alt: photo.alt)
            }.filter { !shown.contains($0.url) }
            diagnostics += Self.problems(of: content, file: file, bodyLineOffset: source.bodyLineOffset)
            return (.post(post), diagnostics)
        case .page:
            // A root `_index.md` (Hugo's home text) is the text above the timeline (`Site.home`).
            if sourcePath == "index.md" || sourcePath == "index.markdown" {
                diagnostics.append(.error(
                    "Content/\(sourcePath) would replace the timeline at '/'. Put the text in another page such as Content/about.md, or in site.yml's 'description'",
                    at: SourceLocation(file: file, line: 1, column: 1)))
            }
            guard !diagnostics.hasErrors else { return (nil, diagnostics) }
            let folder = sourcePath.split(separator: "/").dropLast()
            let isBundle = ["index", "_index"].contains(file.deletingPathExtension().lastPathComponent)
            let parents = (isBundle ? folder.dropLast() : folder[...]).map { Slug.make(String($0)) }
            let path = sourcePath == Site.homeTextPath ? "/"
                : Self.oldAddress(of: matter, file: file, diagnostics: &diagnostics) ?? "/" + (parents + [slug]).map { $0 + "/" }.joined()
            // Files of a folder named like a post folder get one warning for the folder (`ContentLoader`).
            if Self.looksLikePost(file: file, matter: matter), ContentLoader.unlistedPostFolder(sourcePath, config: config) == nil {
                diagnostics.append(.warning(
                    "This file looks like a post (it has a date\(matter.title == nil ? " and no title" : " in its name")) but is not in \(config.postFolders.count == 1 ? "Content/\(config.postFolders[0])/" : "a post folder (" + config.postFolders.map { "Content/\($0)/" }.joined(separator: ", ") + ")"), so it becomes a page at '\(path)' that no timeline lists. Move it into Content/posts/ to publish it as a post",
                    at: SourceLocation(file: file, line: matter.dateLine ?? 1, column: 1)))
            }
            let content = Self.removingControlCharacters(renderer(for: matter).render(source.body, basePath: path, sourceFolder: Self.folder(of: sourcePath)),
                                                         file: file, diagnostics: &diagnostics)
            diagnostics += Self.problems(of: content, file: file, bodyLineOffset: source.bodyLineOffset)
            return (.page(Page(source: file, sourcePath: sourcePath, frontMatter: matter, slug: slug, path: path, content: content)), diagnostics)
        }
    }

    /// The Markdown a list shows of a post instead of its whole body: front matter `summary`, else
    /// the body before the excerpt separator (front matter `excerpt_separator`, else site.yml's,
    /// else `<!--more-->`); nil when the post is shown whole.
    ///
    /// The body is cut as Markdown, before it is rendered, so the part shown is valid HTML. A
    /// separator inside a fenced code block is text, not a cut.
    static func summaryMarkdown(body: String, table: DataTable, separator: String?, searchingBytesFirst: Bool = true) -> String? {
        if let entry = table.entries.last(where: { $0.key.utf8.count == 7 && $0.key.lowercased() == "summary" }), let text = entry.value.scalarText,
           !text.trimmingASCIIWhitespace(newlines: true).isEmpty {
            return escapingAngleBrackets(text)
        }
        let own = table.entries.last(where: { $0.key == "excerpt_separator" })?.value.scalarText?.trimmingCharacters(in: .whitespacesAndNewlines)
        let markers = [own ?? separator].compactMap { $0 }.filter { !$0.isEmpty }
        let candidates = markers.isEmpty ? ["<!--more-->", "<!-- more -->"] : markers
        // Nearly every body has no separator at all: one byte search says so. Foundation's
        // `range(of:)` below matches canonically equivalent text too, so this is only sure for
        // an ASCII separator without `K`, `;` or `` ` `` (U+212A, U+037E and U+1FEF decompose to
        // them): any other text it matches holds its bytes.
        if searchingBytesFirst, candidates.allSatisfy({ marker in marker.utf8.allSatisfy { $0 < 0x80 && !"K;`".utf8.contains($0) } && !body.containsBytes(marker) }) {
            return nil
        }
        var fence: Substring?
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) && trimmed.drop(while: { $0 == open.first }).allSatisfy(\.isWhitespace) { fence = nil }
                continue
            }
            for marker in ["```", "~~~"] where trimmed.hasPrefix(marker) {
                fence = trimmed.prefix { $0 == marker.first }
            }
            if fence != nil { continue }
            for marker in candidates {
                if let found = line.range(of: marker) {
                    let before = body[..<found.lowerBound], after = body[found.upperBound...]
                    // Nothing before the cut, or nothing after it: the post is shown whole.
                    guard !before.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                          !after.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
                    return String(before)
                }
            }
        }
        return nil
    }

    /// A front matter `summary` is also the page's description and the feeds' summary, written as
    /// plain text (`Array<Int> is fine`): a `<` outside code spans is text, not the start of an
    /// HTML tag.
    static func escapingAngleBrackets(_ text: String) -> String {
        guard text.contains("<") else { return text }
        var result = ""
        var inCode = false
        for character in text {
            if character == "`" { inCode.toggle() }
            result += character == "<" && !inCode ? "&lt;" : String(character)
        }
        return result
    }

    /// The `src` of every `<img>` written as HTML in `markdown`.
    static func rawImageSources(_ markdown: String) -> [String] {
        guard markdown.containsBytes("<img") || markdown.containsBytes("<IMG") else { return [] }
        return markdown.matches(of: rawImagePattern).map { String($0.output.1 ?? $0.output.2 ?? $0.output.3 ?? "") }.filter { !$0.isEmpty }
    }

    nonisolated(unsafe) private static let rawImagePattern = #/(?i)<img\s[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/#

    /// The renderer's problems as warnings, at their line of the file where it is known.
    static func problems(of content: RenderedMarkdown, file: URL, bodyLineOffset: Int) -> [Diagnostic] {
        content.problems.enumerated().map { index, problem in
            let line = index < content.problemLines.count && content.problemLines[index] > 0 ? content.problemLines[index] + bodyLineOffset : nil
            return .warning(problem, at: SourceLocation(file: file, line: line, column: line == nil ? nil : 1))
        }
    }

    /// The site's renderer, or one that makes no hashtags for a file with `hashtags: false`.
    func renderer(for matter: FrontMatter) -> MarkdownRenderer {
        guard !matter.hashtags else { return renderer }
        var renderer = renderer
        renderer.options.hashtags = false
        return renderer
    }

    /// The date of a Jekyll post's file name (`2010-09-12-title.md`, or the folder of a bundle's
    /// `index.md`), at midnight in the site's time zone.
    static func dateFromFileName(_ file: URL, timeZone: TimeZone) -> Date? {
        var name = file.deletingPathExtension().lastPathComponent
        if name == "index" || name == "_index" { name = file.deletingLastPathComponent().lastPathComponent }
        guard Slug.withoutLeadingDate(name) != nil else { return nil }
        return DateParser.parse(String(name.unicodeScalars.prefix(10)), timeZone: timeZone)
    }

    /// The address a file keeps from an older site (`url`, or Jekyll's per-file `permalink`), as a
    /// site path: `/about` is the folder `/about/`, as in Hugo; nil, with a warning, for what cannot
    /// be a path of this site (another host, `..`, a Jekyll `:placeholder`, the home page).
    static func oldAddress(of matter: FrontMatter, file: URL, diagnostics: inout [Diagnostic]) -> String? {
        guard let written = matter.oldAddress?.trimmingCharacters(in: .whitespaces), !written.isEmpty else { return nil }
        var path = written.hasPrefix("/") ? written : "/" + written
        if !path.hasSuffix("/"), path.split(separator: "/").last?.contains(".") != true { path += "/" }
        guard !written.contains("://"), !written.contains(":"), isValidAlias(path), !path.contains(" ") else {
            diagnostics.append(.warning(
                "Address '\(written)' was not used: 'url' and 'permalink' must be a path of this site like '/2019/my-post/' or '/about.html', without placeholders. The page is at its usual address; add the old one to 'aliases' to redirect it",
                at: SourceLocation(file: file, line: matter.oldAddressLine, column: 1)))
            return nil
        }
        return path
    }

    /// `posts/2019/` for `posts/2019/x.md`; empty for a file at the top of `Content/`.
    static func folder(of sourcePath: String) -> String {
        sourcePath.lastIndex(of: "/").map { String(sourcePath[...$0]) } ?? ""
    }

    /// `/posts/2019/` for `posts/2019/x.md` and for `posts/2019/x/index.md`: where Hugo puts the
    /// file's relative aliases.
    static func sectionPath(sourcePath: String, file: URL) -> String {
        var folders = sourcePath.split(separator: "/").dropLast()
        if ["index", "_index"].contains(Slug.stem(of: file)) { folders = folders.dropLast() }
        return "/" + folders.map { $0 + "/" }.joined()
    }

    /// `path` with `.` and `..` segments applied; nil when `..` would leave the site.
    static func normalizedPath(_ path: String) -> String? {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                guard segments.popLast() != nil else { return nil }
            default: segments.append(segment)
            }
        }
        let joined = "/" + segments.joined(separator: "/")
        return path.hasSuffix("/") && joined != "/" ? joined + "/" : joined
    }

    /// The file's text has none left, but a character reference (`&#133;`) still makes one.
    static func removingControlCharacters(_ content: RenderedMarkdown, file: URL, diagnostics: inout [Diagnostic]) -> RenderedMarkdown {
        // Looked for in the bytes first: decoding every post's text into scalars was a tenth of parsing.
        guard ControlCharacters.contains(content.html) || ControlCharacters.contains(content.plainText),
              let first = content.html.unicodeScalars.first(where: ControlCharacters.isRemoved)
                ?? content.plainText.unicodeScalars.first(where: ControlCharacters.isRemoved) else { return content }
        var content = content
        content.html = ControlCharacters.removing(from: content.html)
        content.plainText = ControlCharacters.removing(from: content.plainText)
        for index in content.headings.indices {
            content.headings[index].text = ControlCharacters.removing(from: content.headings[index].text)
        }
        diagnostics.append(.warning(
            "Removed \(ControlCharacters.describe(first)) that a character reference such as '&#\(first.value);' produces: pages and feeds cannot carry it. Remove the reference",
            at: SourceLocation(file: file)))
        return content
    }

    /// Tags in order, the first spelling of each kept (`Swift` and `swift` are one tag, `C` and
    /// `C#` are two).
    static func mergedTags(_ first: [String], _ second: [String]) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for tag in first + second {
            let key = Slug.tagKey(tag)
            guard !Slug.tag(tag).isEmpty, seen.insert(key).inserted else { continue }
            result.append(tag)
        }
        return result
    }

    /// A photo or media reference: absolute URLs stay; site paths stay; anything else is relative
    /// to the post's folder.
    static func resolve(_ src: String, basePath: String) -> String {
        if SiteConfig.isHTTPURL(src) || src.hasPrefix("/") { return src }
        return SiteURL.resolve(src, against: basePath)
    }

    /// A page named like a Jekyll post (`2026-11-20-hello.md`), or with a date and no title (a
    /// note): most likely a post saved outside `Content/posts/`.
    static func looksLikePost(file: URL, matter: FrontMatter) -> Bool {
        let name = file.deletingPathExtension().lastPathComponent
        return name.range(of: #"^\d{4}-\d{2}-\d{2}"#, options: .regularExpression) != nil
            || (matter.date != nil && matter.title == nil)
    }

    static func isValidAlias(_ alias: String) -> Bool {
        alias.hasPrefix("/") && !alias.hasPrefix("//") && !alias.contains("..") && !alias.contains("?") && !alias.contains("#")
            && alias.count > 1 && !alias.contains("\\")
    }
}
