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
        self.renderer = MarkdownRenderer(options: .init(unsafeHTML: config.unsafeHTML, mentions: config.mentions))
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
            case .yaml: table = try DataTable.parseYAML(source.frontMatter)
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
        let (matter, matterDiagnostics) = FrontMatter.make(
            from: table, file: file, lineOffset: source.frontMatterLineOffset, timeZone: config.timeZone)
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
        for (index, alias) in matter.aliases.enumerated() where !Self.isValidAlias(alias) {
            let line = index < matter.aliasLines.count ? matter.aliasLines[index] : nil
            diagnostics.append(.error("Alias '\(alias)' must be a site path starting with '/', without '..', like '/old/my-post/' or '/2019/post.html'",
                                      at: SourceLocation(file: file, line: line, column: 1)))
        }

        switch kind {
        case .post:
            guard let date = matter.date else {
                if source.format == .none {
                    diagnostics.append(.error(
                        "Post has no front matter. Start the file with a '---' line, then 'date: 2026-11-20 14:05', then another '---' line; the text goes below",
                        at: SourceLocation(file: file, line: 1, column: 1)))
                } else if matter.dateLine == nil {
                    diagnostics.append(.error("Post has no 'date'. Add 'date: 2026-11-20 14:05' to its front matter",
                                              at: SourceLocation(file: file, line: 1, column: 1)))
                }
                return (nil, diagnostics)
            }
            guard !diagnostics.hasErrors else { return (nil, diagnostics) }
            let path = config.permalink.path(date: date, slug: slug, timeZone: config.timeZone)
            let base = path.hasSuffix("/") ? path : String(path[...(path.lastIndex(of: "/") ?? path.startIndex)])
            // Rendered once, ids marked: the page drops the marker, lists put the post's anchor there.
            var content = Self.removingControlCharacters(renderer.render(source.body, idPrefix: SiteURL.idMarker, basePath: base),
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
            post.photos = matter.photos.map { photo in
                Photo(url: Self.resolve(photo.src, basePath: base), alt: photo.alt)
            }
            for problem in content.problems {
                diagnostics.append(.warning(problem, at: SourceLocation(file: file)))
            }
            return (.post(post), diagnostics)
        case .page:
            if sourcePath == "index.md" || sourcePath == "_index.md" || sourcePath == "index.markdown" {
                diagnostics.append(.error(
                    "Content/\(sourcePath) would replace the timeline at '/'. Put the text in another page such as Content/about.md, or in site.yml's 'description'",
                    at: SourceLocation(file: file, line: 1, column: 1)))
            }
            guard !diagnostics.hasErrors else { return (nil, diagnostics) }
            let folder = sourcePath.split(separator: "/").dropLast()
            let isBundle = ["index", "_index"].contains(file.deletingPathExtension().lastPathComponent)
            let parents = (isBundle ? folder.dropLast() : folder[...]).map { Slug.make(String($0)) }
            let path = "/" + (parents + [slug]).map { $0 + "/" }.joined()
            if Self.looksLikePost(file: file, matter: matter) {
                diagnostics.append(.warning(
                    "This file looks like a post (it has a date\(matter.title == nil ? " and no title" : " in its name")) but is not in Content/posts/, so it becomes a page at '\(path)' that no timeline lists. Move it into Content/posts/ to publish it as a post",
                    at: SourceLocation(file: file, line: matter.dateLine ?? 1, column: 1)))
            }
            let content = Self.removingControlCharacters(renderer.render(source.body, basePath: path), file: file, diagnostics: &diagnostics)
            return (.page(Page(source: file, sourcePath: sourcePath, frontMatter: matter, slug: slug, path: path, content: content)), diagnostics)
        }
    }

    /// The file's text has none left, but a character reference (`&#133;`) still makes one.
    static func removingControlCharacters(_ content: RenderedMarkdown, file: URL, diagnostics: inout [Diagnostic]) -> RenderedMarkdown {
        guard let first = content.html.unicodeScalars.first(where: ControlCharacters.isRemoved)
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
