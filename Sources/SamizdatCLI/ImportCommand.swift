import ArgumentParser
import Foundation
import Samizdat

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a platform's archive, or another generator's site, into posts of the site.",
        discussion: """
            Posts go to Content/posts/imported/<platform>/YYYY/MM/, with their photos, alt text, \
            replies and threads; Public/imported/<platform>.json maps each old address to the new one. \
            Importing again updates what the last import wrote and adds what is new; a post you \
            edited or removed since is left alone. 'import hugo', 'import jekyll' and 'import microblog' \
            make a site from another generator's, keeping every old address.
            """,
        subcommands: [ImportTwitterCommand.self, ImportMastodonCommand.self, ImportHugoCommand.self, ImportJekyllCommand.self,
                      ImportMicroblogCommand.self]
    )
}

/// What every `import` subcommand takes besides the archive.
struct ImportOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Import only posts from this date on (2023-01-31, in the site's time zone).", valueName: "date"))
    var since: String?

    @Flag(name: .customLong("dry-run"), help: "Say what would be imported, and write nothing.")
    var dryRun = false

    /// Checked before anything is read (status 64), for every platform: argument-parser
    /// validates an option group as it validates the command holding it. The site's time zone is
    /// not known yet; whether the text is a date does not depend on it.
    func validate() throws {
        _ = try sinceDate(timeZone: TimeZone(identifier: "UTC")!)
    }

    func sinceDate(timeZone: TimeZone) throws -> Date? {
        guard let since else { return nil }
        guard let date = DateParser.parse(since, timeZone: timeZone) else {
            throw ValidationError("--since '\(since)' is not a date. Write it as 2023-01-31")
        }
        return date
    }
}

struct ImportTwitterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "twitter",
        abstract: "Import a Twitter/X archive (the .zip as downloaded, or its folder).",
        discussion: """
            Reads the tweets, long posts (note tweets), photos with their alt text and videos from \
            the archive alone: nothing is fetched from Twitter. Replies to your own tweets become \
            threads; replies to others keep the address of the tweet answered. Retweets are \
            skipped unless --include-retweets; direct messages are never imported.
            """
    )

    @Argument(help: ArgumentHelp("The archive: twitter-….zip, or the folder it unpacks to.", valueName: "archive"))
    var archive: String

    @Flag(name: .customLong("include-retweets"), help: "Import retweets too, as posts of their own.")
    var includeRetweets = false

    @OptionGroup var importOptions: ImportOptions

    @OptionGroup var siteOptions: SiteOptions

    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        let archiveURL = URL(fileURLWithPath: archive, relativeTo: Terminal.currentDirectory).standardizedFileURL
        try ImportRun(siteOptions: siteOptions, outputOptions: outputOptions, importOptions: importOptions, archive: archiveURL,
                      includeReposts: includeRetweets, name: "Twitter archive", repostWords: ("retweet", "retweets"), repostFlag: "--include-retweets")
            .run { (archive: ImportArchive) throws(DiagnosticList) -> [ImportedPost] in try TwitterArchive.read(archive).posts() }
    }
}

/// The steps every platform shares: open the site and the archive, import, print the summary.
struct ImportRun {
    var siteOptions: SiteOptions
    var outputOptions: OutputOptions
    var importOptions: ImportOptions
    var archive: URL
    var includeReposts: Bool
    var includePrivate = false
    /// `Twitter archive`.
    var name: String
    /// What reposts are called on the platform, and the flag that imports them.
    var repostWords: (one: String, many: String)
    var repostFlag: String

    func run(_ read: (ImportArchive) throws(DiagnosticList) -> [ImportedPost]) throws {
        let site = siteOptions.url
        let config = try siteOptions.configuration()
        let options = Importer.Options(since: try importOptions.sinceDate(timeZone: config.timeZone), dryRun: importOptions.dryRun,
                                       includeReposts: includeReposts, includePrivate: includePrivate)
        let progress = BuildProgress(enabled: Terminal.outputIsTerminal && !outputOptions.quiet)
        let summary: Importer.Summary
        do {
            let opened = try ImportArchive(url: archive)
            let posts = try read(opened)
            summary = try Importer(site: site, config: config, options: options).run(posts, from: opened) { done, total in
                progress.show("Importing… \(done * 100 / max(total, 1)) %")
            }
        } catch {
            progress.clear()
            // Problems inside the archive are about the archive.
            Terminal.report(error.diagnostics.map { diagnostic in
                var diagnostic = diagnostic
                if diagnostic.location == nil { diagnostic.location = SourceLocation(file: archive) }
                return diagnostic
            })
            Terminal.error("Nothing was imported; the site is as it was.")
            throw ExitCode(1)
        }
        progress.clear()
        Terminal.report(summary.warnings)
        if outputOptions.quiet { return }
        print(report(summary))
        if outputOptions.verbose {
            for file in summary.written { print("  written \(file)") }
            for file in summary.updated { print("  updated \(file)") }
            for file in summary.merged { print("  merged into \(file)") }
        }
    }

    func report(_ summary: Importer.Summary) -> String {
        let dry = importOptions.dryRun
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        var lines = [(dry ? "Dry run, nothing written: " : "") + "\(name) \(Terminal.display(archive)): " + count(summary.read, "post", "posts") + " read"]
        lines.append("  " + count(summary.written.count, "post", "posts") + (dry ? " to write, " : " written, ")
                     + "\(summary.updated.count) " + (dry ? "to update, " : "updated, ") + "\(summary.unchanged) unchanged")
        if !summary.merged.isEmpty {
            lines.append("  " + count(summary.merged.count, "cross-post", "cross-posts") + (dry ? " to add" : " added")
                         + " to the syndication of posts already imported from another account")
        }
        let skipped = summary.skipped.values.reduce(0, +)
        if skipped > 0 {
            let reasons = summary.skipped.sorted { $0.key < $1.key }.map { reason, n in
                switch reason {
                case Importer.repostReason: count(n, repostWords.one, repostWords.many) + " (\(repostFlag) imports them)"
                case Importer.followersReason: count(n, "followers-only post", "followers-only posts") + " (--include-private imports them)"
                case Importer.directReason: count(n, "direct message", "direct messages") + " (--include-private imports them)"
                default: "\(n) \(reason)"
                }
            }
            lines.append("  \(skipped) skipped: " + reasons.joined(separator: ", "))
        }
        lines.append("  " + count(summary.mediaCopied, "media file", "media files") + (dry ? " to copy" : " copied")
                     + (summary.mediaMissing > 0 ? ", \(summary.mediaMissing) missing from the archive" : ""))
        if let map = summary.addressMap, !dry {
            lines.append("Old addresses → new ones: \(map) (copied into the built site)")
        }
        return lines.joined(separator: "\n")
    }
}
