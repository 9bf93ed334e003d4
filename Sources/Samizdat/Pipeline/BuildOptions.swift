import Foundation

/// What `samizdat build` was asked to do.
public struct BuildOptions: Sendable {
    public var siteDirectory: URL
    /// Defaults to `<site>/Output`.
    public var outputDirectory: URL?
    public var includeDrafts = false
    public var includeFuture = false
    /// Overrides `base_url` from `site.yml` (`--base-url`).
    public var baseURL: String?
    /// The moment that decides which posts are in the future; injected so tests are repeatable.
    public var now: Date
    /// Told things the user should know that are not warnings about the site (a build waiting
    /// for another, a build database set aside).
    public var notice: @Sendable (String) -> Void = { _ in }
    /// Told the name of each step as it finishes (`configuration`, `scan`, `theme`, `content`…),
    /// for a progress line on a terminal.
    public var progress: @Sendable (String) -> Void = { _ in }
    /// Where to write instead of the output folder (the preview server, tests): nothing is
    /// recorded in the build database then.
    public var sink: (any OutputSink)?
    /// Ignore what the build database knows about sources and outputs: parse and render
    /// everything (files whose bytes did not change are still not rewritten).
    public var clean = false
    /// Whether the build database in `.samizdat/` is read and written. `samizdat check` turns it
    /// off (with a `sink`): nothing in the site folder is created, locked or changed.
    public var useDatabase = true
    /// Looks at the site once it is made: every post and page loaded (drafts and future posts
    /// included) and the `Site` that is published. What it returns is reported with the build's
    /// own diagnostics (`samizdat check` adds its findings this way).
    public var inspect: (@Sendable (_ posts: [Post], _ pages: [Page], _ site: Site) -> [Diagnostic])?
    /// How many output files are made and written at once.
    public var window = 256
    /// The most URLs in one sitemap file; a bigger site's `sitemap.xml` is an index of parts.
    /// (Only tests make it smaller than the sitemaps.org limit.)
    var sitemapURLLimit = Sitemap.urlLimit
    /// Whether the texts of posts not parsed again are read in one pass before writing, rather
    /// than one by one as pages show them; nil: when a quarter as many files as there are posts
    /// are made again. (Only tests choose.)
    var readsTextsAhead: Bool? = nil
    /// Whether the build's large values (every post, page view and output row) are kept until
    /// the process exits instead of being freed one by one when the build returns: a one-shot
    /// command (`samizdat build`) that exits right after spends a tenth of an incremental build
    /// freeing them otherwise. A long-running process (`serve`) leaves it off.
    public var keepsMemoryUntilExit = false
    /// The site's files as the caller saw them just now (`samizdat serve`, which keeps them up to
    /// date from the system's events): the build takes its lists of `Content/`, `Templates/` and
    /// `Public/` from it instead of scanning them (at 100,000 posts a scan is a third of a second).
    /// Ignored if it is another site's.
    public var sourcesSeen: SourceSnapshot?

    public init(siteDirectory: URL, outputDirectory: URL? = nil, includeDrafts: Bool = false, includeFuture: Bool = false,
                baseURL: String? = nil, now: Date = Date()) {
        self.siteDirectory = siteDirectory
        self.outputDirectory = outputDirectory
        self.includeDrafts = includeDrafts
        self.includeFuture = includeFuture
        self.baseURL = baseURL
        self.now = now
    }

    var resolvedOutput: URL {
        (outputDirectory ?? siteDirectory.appendingPathComponent("Output")).standardizedFileURL
    }
}

/// What a build did, for the one-line summary.
public struct BuildReport: Sendable {
    public var posts = 0
    public var pages = 0
    public var written = 0
    public var unchanged = 0
    public var removed = 0
    public var heldBack = 0
    /// Which posts and pages were held back, and why.
    public var heldBackItems: [HeldBack] = []
    /// Content files parsed (the others came from the build database).
    public var parsed = 0
    /// Output files made (rendered or read); the others were known to be unchanged.
    public var rendered = 0
    /// Texts of posts not parsed again that were read back, for the pages that show them
    /// (`PostText`); the others were never read.
    public var textsRead = 0
    /// Of those, how many were read in one pass before writing (many pages made again).
    public var textsReadAhead = 0
    /// Feed items (`Builder.FeedItems`, one per post, shared by the feed files that show it): how
    /// many were made, how many uses the feed files to be made counted, and how many were still
    /// held when every file was written (kept for a file the writer then found as it was, which
    /// happens only for files checked at their turn rather than before: up to 4,096 items).
    public var feedItemsMade = 0
    public var feedItemUses = 0
    public var feedItemsLeft = 0
    /// Whether only posts' texts changed, and only the pages and feeds that show them were
    /// looked at (`EditPath`).
    public var tookEditPath = false
    /// Whether the site was made from the shape the last build kept (`SiteShape`), its posts
    /// decoded only where pages show them.
    public var usedKeptShape = false
    /// Whether only the Markdown files whose stamps moved were read, with their rows alone
    /// (`SourceStamps`), the other posts decoded where pages show them.
    public var readChangedSourcesOnly = false
    /// Whether the files the last build wrote were checked from its stamps file
    /// (`OutputStamps`) rather than from the database's rows.
    public var checkedOutputStamps = false
    public var seconds = 0.0
    public var notices: [String] = []
    /// What `--verbose` adds: generated files that `Public/` replaces.
    public var details: [String] = []
    /// How long each step took, in seconds, and the process's peak memory (resident set, in MB)
    /// at its end (`SAMIZDAT_TIMINGS=1 samizdat build` prints them).
    public var steps: [(name: String, seconds: Double, peakMB: Double)] = []
    public var outputDirectory: URL
    public var warnings: [Diagnostic] = []
    /// When the site next changes by itself: a held-back post's date comes, or an `expiryDate`.
    /// `serve` builds again then.
    public var nextRelease: Date?

    public var summary: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var parts = [plural(posts, "post"), plural(pages, "page"), "\(plural(written, "file")) written"]
        if unchanged > 0 { parts.append("\(unchanged) unchanged") }
        if removed > 0 { parts.append("\(removed) removed") }
        parts.append("\(heldBack) held back")
        return "Built " + parts.joined(separator: ", ") + String(format: " in %.2f s", seconds)
    }
}
