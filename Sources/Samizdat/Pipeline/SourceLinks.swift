import Foundation

/// Points links to other content files (`[see](../2019/other.md#part)`) at those files' pages,
/// as Hugo's `relref` does, once every post's and page's address is known.
///
/// The renderer marks such links with the target's path below `Content/` (`SiteURL.sourceLink`);
/// here each mark becomes the target's site path, as a placeholder that every page makes
/// relative. A link to a file that is not there is a warning at its line, and stays a link to
/// that path. What the links resolved to is returned as a digest: the pages that hold them
/// change when a target moves, which their own records do not show.
enum SourceLinks {
    /// The digest `resolve` gives when no post or page links to a content file.
    static let noLinksDigest = Digest.Builder("source links").finalize()

    static func resolve(posts: inout [Post], pages: inout [Page]) -> (digest: String, warnings: [Diagnostic]) {
        var digest = Digest.Builder("source links")
        // Most sites link to no source file: then there is nothing to look up.
        // (Known without reading the posts' texts: see `PostText`.)
        guard posts.contains(where: \.linksToSources)
                || pages.contains(where: { $0.content.html.containsBytes(SiteURL.sourceMarker) }) else {
            return (digest.finalize(), [])
        }
        var addresses: [String: String] = [:]
        addresses.reserveCapacity(posts.count + pages.count)
        for post in posts { addresses[post.sourcePath] = post.path }
        for page in pages { addresses[page.sourcePath] = page.path }
        var warnings: [Diagnostic] = []

        func replace(_ html: inout String, in file: URL, report: Bool) {
            guard html.containsBytes(SiteURL.sourceMarker) else { return }
            var result = ""
            var rest = html[...]
            while let start = rest.range(of: SiteURL.sourceMarker), let end = rest[start.upperBound...].range(of: SiteURL.sourceEnd) {
                result += rest[..<start.lowerBound]
                let encoded = String(rest[start.upperBound..<end.lowerBound])
                let target = encoded.removingPercentEncoding ?? encoded
                let path = addresses[target]
                digest.add(file.path)
                digest.add(target)
                digest.add(path ?? "")
                if path == nil && report {
                    warnings.append(.warning("Link to '\(target)' leads nowhere: there is no Content/\(target). Correct the link, or link to the page's address",
                                             at: location(of: (target as NSString).lastPathComponent, in: file)))
                }
                let sitePath = path ?? "/" + encoded
                result += SiteURL.root + sitePath.dropFirst() + (sitePath.hasSuffix("/") ? SiteURL.index : "")
                rest = rest[end.upperBound...]
            }
            result += rest
            html = result
        }
        // Only posts with such a link are changed: changing a post in place costs more than
        // looking, and most posts have none.
        for index in posts.indices where posts[index].linksToSources {
            if posts[index].content.html.containsBytes(SiteURL.sourceMarker) {
                replace(&posts[index].content.html, in: posts[index].source, report: true)
            }
            if posts[index].listHTML.containsBytes(SiteURL.sourceMarker) {
                replace(&posts[index].listHTML, in: posts[index].source, report: false)
            }
            // The part before `<!--more-->` that lists show of a titled post.
            if var summary = posts[index].summaryHTML, summary.containsBytes(SiteURL.sourceMarker) {
                replace(&summary, in: posts[index].source, report: false)
                posts[index].summaryHTML = summary
            }
        }
        for index in pages.indices {
            replace(&pages[index].content.html, in: pages[index].source, report: true)
        }
        return (digest.finalize(), warnings)
    }

    /// The first line of `file` that names `name` (the renderer keeps no positions of links);
    /// the file is read again only for this warning.
    private static func location(of name: String, in file: URL) -> SourceLocation {
        guard let data = FileManager.default.contents(atPath: file.path) else { return SourceLocation(file: file) }
        let text = SourceText.normalizingLineEndings(String(decoding: data, as: UTF8.self))
        let needles = [name, name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)].compactMap { $0 }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let needle = needles.first(where: { line.contains($0) }), let range = line.range(of: needle) {
                return SourceLocation(file: file, line: index + 1, column: line.distance(from: line.startIndex, to: range.lowerBound) + 1)
            }
        }
        return SourceLocation(file: file)
    }
}
