import Foundation

/// Finds and parses every Markdown file of `Content/`.
///
/// `Content/posts/**` are posts; every other Markdown file is a standalone page. Files are parsed
/// in parallel; the result does not depend on the order they were found in.
public enum ContentLoader {
    static let markdownExtensions: Set<String> = ["md", "markdown"]

    public static func load(from directory: URL, publicDirectory: URL? = nil, parser: ContentParser) -> ([Post], [Page], [Diagnostic]) {
        guard FileManager.default.fileExists(atPath: directory.path) else {
            return ([], [], [])
        }
        var skipped: [Diagnostic] = []
        let paths = FileTree.files(in: directory).filter { path in
            guard markdownExtensions.contains((path as NSString).pathExtension.lowercased()) else { return false }
            // Hugo's section files hold list-page settings; Samizdat has no sections to apply them to.
            if (path as NSString).lastPathComponent == "_index.md" && path != "_index.md" {
                skipped.append(.warning("Skipped: '_index.md' files configure Hugo sections, which Samizdat does not have",
                                        at: SourceLocation(file: directory.appendingPathComponent(path))))
                return false
            }
            return true
        }
        let media = MediaResolver(publicDirectory: publicDirectory)
        // Parsing and reading photo headers are independent per file: run them on all cores.
        let results = paths.concurrentMap { path -> (ContentParser.Parsed?, [Diagnostic]) in
            let url = directory.appendingPathComponent(path)
            let kind: ContentParser.Kind = path.hasPrefix("posts/") ? .post : .page
            guard let data = FileManager.default.contents(atPath: url.path) else {
                return (nil, [.error("Cannot read this file", at: SourceLocation(file: url))])
            }
            var (parsed, diagnostics) = parser.parse(data, file: url, sourcePath: path, kind: kind)
            switch parsed {
            case .post(var post):
                diagnostics += media.resolve(&post)
                parsed = .post(post)
            case .page(var page):
                diagnostics += media.resolve(&page)
                parsed = .page(page)
            case nil:
                break
            }
            return (parsed, diagnostics)
        }
        var posts: [Post] = []
        var pages: [Page] = []
        var diagnostics: [Diagnostic] = skipped
        for (parsed, problems) in results {
            diagnostics += problems
            switch parsed {
            case .post(let post): posts.append(post)
            case .page(let page): pages.append(page)
            case nil: break
            }
        }
        return (posts, pages, diagnostics)
    }
}
