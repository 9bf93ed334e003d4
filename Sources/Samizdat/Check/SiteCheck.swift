import Foundation

/// `samizdat check`: everything a build would report, plus what a build lets pass — drafts and
/// future posts left out, images without alt text, and links between the site's own posts and
/// pages that lead nowhere.
///
/// The site is built into a `PathRecorder`, so every output path is known and nothing is
/// written: no output folder, and nothing in `.samizdat/` (the build database is not opened).
public enum SiteCheck {
    public struct Report: Sendable {
        /// Errors and warnings, sorted by file and position.
        public var diagnostics: [Diagnostic]
        public var posts = 0
        public var pages = 0
        /// False when errors stopped the check before the links could be followed.
        public var complete = false

        public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
        public var warnings: Int { diagnostics.count - errors }
    }

    public static func run(_ options: BuildOptions) -> Report {
        var options = options
        let recorder = PathRecorder()
        let findings = Findings()
        options.sink = recorder
        options.useDatabase = false
        let (includeDrafts, includeFuture, now) = (options.includeDrafts, options.includeFuture, options.now)
        options.inspect = { posts, pages, site in
            findings.inspect(posts: posts, pages: pages, site: site, includeDrafts: includeDrafts, includeFuture: includeFuture, now: now)
        }
        do {
            let built = try Builder.build(options)
            var report = Report(diagnostics: (built.warnings + findings.brokenLinks(outputs: recorder.paths)).sorted())
            report.posts = built.posts
            report.pages = built.pages
            report.complete = true
            return report
        } catch {
            return Report(diagnostics: error.diagnostics)
        }
    }

    /// What the inspection of the loaded site found: held-back posts and images without alt text
    /// at once, and the internal links, which can only be checked once every output path is known.
    final class Findings: @unchecked Sendable {
        struct Link {
            var source: URL
            /// As the site names it, `/about/`.
            var sitePath: String
            /// The file it needs, `about/index.html`.
            var outputPath: String
        }

        private let lock = NSLock()
        private var links: [Link] = []

        func inspect(posts: [Post], pages: [Page], site: Site, includeDrafts: Bool, includeFuture: Bool, now: Date) -> [Diagnostic] {
            var found: [Diagnostic] = []
            for post in posts {
                if post.isDraft && !includeDrafts {
                    found.append(.warning("Draft: it stays out of the site while it has 'draft: true' (pass --drafts to include it)",
                                          at: SourceSearch.location(of: ["draft:", "published:", "draft ="], in: post.source)))
                } else if post.appearsAt > now && !includeFuture {
                    let written = SourceSearch.lineText(post.frontMatter.dateLine, in: post.source)
                        .map { $0.drop { $0 != ":" && $0 != "=" }.dropFirst().trimmingCharacters(in: .whitespaces) } ?? ""
                    found.append(.warning("Dated in the future ('\(written)'): it stays out of the site until then (pass --future to include it)",
                                          at: SourceLocation(file: post.source, line: post.frontMatter.dateLine, column: 1)))
                }
            }
            for page in pages where page.frontMatter.draft && !includeDrafts {
                found.append(.warning("Draft: it stays out of the site while it has 'draft: true' (pass --drafts to include it)",
                                      at: SourceSearch.location(of: ["draft:", "published:", "draft ="], in: page.source)))
            }
            let published = site.posts.map { ($0.source, $0.content.html) } + site.pages.map { ($0.source, $0.content.html) }
            var links: [Link] = []
            for (source, html) in published {
                found += Self.imagesWithoutAlt(in: html, source: source)
                links += Self.internalLinks(in: html).map { Link(source: source, sitePath: $0.sitePath, outputPath: $0.outputPath) }
            }
            lock.withLock { self.links += links }
            return found
        }

        func brokenLinks(outputs: Set<String>) -> [Diagnostic] {
            var seen: Set<String> = []
            return lock.withLock { links }.compactMap { link in
                guard !outputs.contains(link.outputPath), seen.insert(link.source.path + "\n" + link.sitePath).inserted else { return nil }
                var message = "Link to '\(link.sitePath)' leads nowhere: no post, page or file of the site has that address"
                if !link.sitePath.hasSuffix("/"), outputs.contains(link.outputPath + "/index.html") {
                    message = "Link to '\(link.sitePath)' names a folder: write '\(link.sitePath)/' so it opens from disk too"
                }
                return .error(message, at: SourceSearch.location(of: SourceSearch.searchTerms(for: link.sitePath), in: link.source))
            }
        }

        // Regex is not Sendable, but these are only ever read.
        nonisolated(unsafe) private static let placeholder = try! Regex(#"__SZ_ROOT__/([^"'<>\s]*)"#)
        nonisolated(unsafe) private static let image = try! Regex(#"<img\b[^>]*>"#)
        nonisolated(unsafe) private static let altAttribute = try! Regex(#"\balt\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)"#)
        nonisolated(unsafe) private static let srcAttribute = try! Regex(#"\bsrc\s*=\s*"([^"]*)""#)

        /// Site-internal URLs of rendered Markdown (`SiteURL` placeholders), as site paths and
        /// the output files they need.
        static func internalLinks(in html: String) -> [(sitePath: String, outputPath: String)] {
            html.matches(of: placeholder).compactMap { match -> (String, String)? in
                guard let captured = match.output[1].substring else { return nil }
                var path = String(captured.prefix { $0 != "?" && $0 != "#" })
                let folder = path.hasSuffix(SiteURL.index)
                if folder { path.removeLast(SiteURL.index.count) }
                let decoded = path.removingPercentEncoding ?? path
                return ("/" + decoded, folder ? decoded + "index.html" : decoded)
            }
        }

        static func imagesWithoutAlt(in html: String, source: URL) -> [Diagnostic] {
            html.matches(of: image).compactMap { match -> Diagnostic? in
                let tag = String(match.output[0].substring ?? "")
                if let alt = tag.firstMatch(of: altAttribute), let value = alt.output[1].substring,
                   !value.trimmingCharacters(in: CharacterSet(charactersIn: "\"' \t\n")).isEmpty {
                    return nil
                }
                let raw = tag.firstMatch(of: srcAttribute).flatMap { $0.output[1].substring.map(String.init) } ?? ""
                let src = SiteURL.removingPlaceholders(from: raw)
                let name = (src.removingPercentEncoding ?? src).split(separator: "/").last.map(String.init) ?? src
                return .warning("Image '\(name)' has no alt text. Describe it for people who cannot see it: ![what it shows](\(name))",
                                at: SourceSearch.location(of: [name], in: source))
            }
        }
    }
}
