import Foundation

/// The edit path: a build in which only posts' texts changed makes only the pages and feed files
/// that show those posts, without the passes over every output that a build otherwise makes (the
/// clash check, a digest of each output, the writer's look at each file). See `docs/edit-path.md`.
///
/// It is taken only when the site's shape cannot have changed:
/// - the **frame** is as the last complete build recorded it: the tool, `site.yml`, the options,
///   `Templates/`, `Public/`, every file of `Content/` that is not Markdown (with its stamp), and
///   the list of Markdown files (without their stamps);
/// - the **settings** that every page's digest holds are the same (links between content files
///   resolved alike, the same export time);
/// - every Markdown file read again is a post whose **shape** (front matter, date, slug, address,
///   tags with the hashtags, photos, files next to it) is what the database kept;
/// - no file the last build wrote was changed or removed by hand, and no post's time has come.
///
/// Then every output keeps its digest but those whose digest holds the key of a changed post (or
/// of a reply to one): `InputDigests.shows` finds them. Anything else takes the usual path, which
/// stays the reference: the incremental-build tests compare both with clean builds.
enum EditPath {
    /// What a build reads but the stamps of Markdown files, as one digest.
    static func frame(_ settings: [String?], scans: [[FileTree.Entry]], isMarkdown: (String) -> Bool) -> String {
        var digest = Digest.Builder("frame")
        for setting in settings { digest.add(setting) }
        for (number, scan) in scans.enumerated() {
            digest.add(scan.count)
            for entry in scan {
                digest.add(entry.path)
                // Markdown files of `Content/` (the first scan) by path alone: their stamps are
                // what an edit changes, and the edit path looks at each one it reads again.
                if number == 0 && isMarkdown(entry.path) { continue }
                digest.add(entry.stamp.size)
                digest.add(Int(entry.stamp.modified))
            }
        }
        return digest.finalize()
    }

    /// What the site's shape is made of, of one post: all but its text. (Links to other content
    /// files in the text are resolved into the settings' digest, compared on their own.)
    struct Shape: Equatable {
        var sourcePath: String
        var frontMatter: FrontMatter
        var date: Date
        var slug: String
        var path: String
        var tags: [String]
        var photos: [Photo]
        var media: [MediaFile]

        init(_ post: Post) {
            sourcePath = post.sourcePath
            frontMatter = post.frontMatter
            date = post.date
            slug = post.slug
            path = post.path
            tags = post.tags
            photos = post.photos
            media = post.media
        }
    }

    /// The posts read again, when each kept its shape (their paths and dates); nil when a file read again
    /// is not a post, is new, or changed its shape (then the site's shape may have changed).
    ///
    /// `rereadPosts` are the posts (indices into `posts`) the files read again gave.
    static func textOnlyChanges(reread: [String], rereadPosts: [Int], posts: [Post], cache: [String: BuildDatabase.SourceRow],
                                config: SiteConfig, warnings: [String: [Diagnostic]] = [:]) -> Changes? {
        let paths = Set(reread)
        // A file read again that gave no post (a page, an error, no longer a post) changes the site.
        guard paths.count == reread.count, rereadPosts.count == reread.count,
              paths.allSatisfy({ config.isPostPath($0) && $0 != Site.homeTextPath }) else { return nil }
        var dates: Set<Date> = []
        var sameWarnings = true, linksToSources = false
        for index in rereadPosts {
            let post = posts[index]
            guard paths.contains(post.sourcePath), let row = cache[post.sourcePath],
                  let cached = try? RecordCoding.decode(head: row.record, text: { _, _, _ in nil }),
                  let before = cached.post, Shape(before) == Shape(post) else { return nil }
            dates.insert(post.date)
            if cached.warnings != warnings[post.sourcePath] ?? [] { sameWarnings = false }
            if post.linksToSources { linksToSources = true }
        }
        return Changes(paths: paths, dates: dates, sameWarnings: sameWarnings, linksToSources: linksToSources)
    }

    /// The posts whose text alone changed: their paths below `Content/`, and their dates (to find
    /// them among 100,000 posts by comparing dates, not hashing every path).
    struct Changes {
        var paths: Set<String>
        var dates: Set<Date>
        /// Whether each file read again gave the warnings it gave when last parsed: then the
        /// build's warnings are the last build's (`SiteShape.diagnostics`).
        var sameWarnings = true
        /// Whether a changed post's text links to another content file (`SourceLinks`).
        var linksToSources = false
    }

    /// Whether a post or page copies a Markdown file next to it as its media (`![](notes.md)`):
    /// the frame leaves Markdown files' stamps out, so such a copy would not be made again.
    static func copiesMarkdown(_ site: Site) -> Bool {
        site.posts.contains { $0.hasMedia && $0.media.contains { ContentLoader.isMarkdownPath($0.outputPath) } }
            || site.pages.contains { $0.media.contains { ContentLoader.isMarkdownPath($0.outputPath) } }
    }

    /// The posts of `site` whose keys changed: those of `paths`, and their direct replies (a
    /// reply's key holds its parent's record).
    static func changedPosts(_ changes: Changes, in site: Site) -> Set<Int> {
        guard !changes.paths.isEmpty else { return [] }
        let posts = site.posts
        // The site's posts are newest first: each date's posts are found by halving, not by
        // looking at every post. (The order is `Site.init`'s: by date, then by path.)
        var edited: Set<Int> = []
        for date in changes.dates {
            var low = 0, high = posts.count
            while low < high {
                let middle = (low + high) / 2
                if posts[middle].date > date { low = middle + 1 } else { high = middle }
            }
            var index = low
            while index < posts.count, posts[index].date == date {
                if changes.paths.contains(posts[index].sourcePath) { edited.insert(index) }
                index += 1
            }
        }
        // Their replies only, not the replies' replies: a key holds its parent's record, not its grandparent's.
        var result = edited
        for (child, parent) in site.parent where edited.contains(parent) { result.insert(child) }
        return result
    }

    /// The pages of `plan` and the feeds' files that show a post of `posts`.
    struct Selection {
        var entries: Set<Int>
        var feedFiles: Set<String>
    }

    static func selection(showing posts: Set<Int>, site: Site, plan: SitePlan, feeds: [Feed], chunk: Int = 4096) -> Selection {
        var entries: Set<Int> = []
        var feedFiles: Set<String> = []
        guard !posts.isEmpty else { return Selection(entries: entries, feedFiles: feedFiles) }
        // On all cores, a few thousand entries at a time: one look at each of 142,452 entries of
        // 100,000 posts was a twentieth of such an edit, on the build's thread.
        let found = Array(stride(from: 0, to: plan.entries.count, by: chunk)).concurrentMap { start in
            (start..<min(start + chunk, plan.entries.count)).filter { InputDigests.shows(plan.entries[$0], site: site, any: posts) }
        }
        for indices in found { entries.formUnion(indices) }
        for feed in feeds {
            for file in feed.files where InputDigests.shows(feed, page: file.page, any: posts) {
                feedFiles.insert(file.path)
            }
        }
        return Selection(entries: entries, feedFiles: feedFiles)
    }
}
