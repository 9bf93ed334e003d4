import ArgumentParser
import Foundation
import Samizdat

/// What `import hugo`, `import jekyll` and `import microblog` share.
struct ImportSiteOptions: ParsableArguments {
    @Flag(name: .customLong("dry-run"), help: "Say what would be imported, and write nothing.")
    var dryRun = false
}

struct ImportHugoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hugo",
        abstract: "Make a Samizdat site from a Hugo site's folder.",
        discussion: ImportSiteRun.discussion
    )

    @Argument(help: ArgumentHelp("The Hugo site's folder (the one with hugo.toml or config.toml).", valueName: "dir"))
    var source: String

    @OptionGroup var importOptions: ImportSiteOptions
    @OptionGroup var siteOptions: SiteOptions
    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        try ImportSiteRun(kind: .hugo, source: source, importOptions: importOptions, siteOptions: siteOptions, outputOptions: outputOptions).run()
    }
}

struct ImportJekyllCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jekyll",
        abstract: "Make a Samizdat site from a Jekyll site's folder.",
        discussion: ImportSiteRun.discussion
    )

    @Argument(help: ArgumentHelp("The Jekyll site's folder (the one with _config.yml and _posts/).", valueName: "dir"))
    var source: String

    @OptionGroup var importOptions: ImportSiteOptions
    @OptionGroup var siteOptions: SiteOptions
    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        try ImportSiteRun(kind: .jekyll, source: source, importOptions: importOptions, siteOptions: siteOptions, outputOptions: outputOptions).run()
    }
}

struct ImportMicroblogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "microblog",
        abstract: "Make a Samizdat site from a micro.blog export (its folder, or the blog archive .bar).",
        discussion: ImportSiteRun.discussion
    )

    @Argument(help: ArgumentHelp("The export: the unpacked folder (content/, static/uploads/) or the .bar file.", valueName: "dir|file.bar"))
    var source: String

    @OptionGroup var importOptions: ImportSiteOptions
    @OptionGroup var siteOptions: SiteOptions
    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        try ImportSiteRun(kind: .microblog, source: source, importOptions: importOptions, siteOptions: siteOptions, outputOptions: outputOptions).run()
    }
}

/// The steps the three share: import, then print the report.
struct ImportSiteRun {
    static let discussion = """
        Into the site given by --site (default: the current folder); a new or empty folder becomes \
        a site, its site.yml made from the old configuration. Posts and pages are copied with their \
        media, static files go to Public/, and every old address is kept: as the post's own path \
        where the permalink allows, otherwise as a redirect. Shortcodes and Liquid tags with a \
        Markdown equivalent are converted; the others are listed with their file and line. The old \
        site is never changed. Importing again rewrites what the last import wrote, unless you \
        edited it since.
        """

    var kind: SiteImporter.Kind
    var source: String
    var importOptions: ImportSiteOptions
    var siteOptions: SiteOptions
    var outputOptions: OutputOptions

    func run() throws {
        let sourceURL = URL(fileURLWithPath: source, relativeTo: Terminal.currentDirectory).standardizedFileURL
        let report: SiteImporter.Report
        do {
            report = try SiteImporter(kind: kind, source: sourceURL, site: siteOptions.url, dryRun: importOptions.dryRun).run()
        } catch {
            Terminal.report(error.diagnostics)
            Terminal.error("Nothing was imported; the site is as it was.")
            throw ExitCode(1)
        }
        Terminal.report(report.warnings)
        if outputOptions.quiet { return }
        print(text(report))
    }

    func text(_ report: SiteImporter.Report) -> String {
        let dry = importOptions.dryRun
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        var lines = [(dry ? "Dry run, nothing written: " : "") + "\(kind.name) site \(source)"]
        lines.append("  " + count(report.posts, "post", "posts") + ", " + count(report.pages, "page", "pages") + ", "
                     + count(report.media, "media file", "media files")
                     + (report.drafts > 0 ? " (" + count(report.drafts, "draft", "drafts") + ", unpublished as before)" : ""))
        lines.append("  " + count(report.written.count, "file", "files") + (dry ? " to write, " : " written, ")
                     + "\(report.updated.count) " + (dry ? "to update, " : "updated, ") + "\(report.unchanged) unchanged"
                     + (report.leftAlone.isEmpty ? "" : ", \(report.leftAlone.count) left alone (see the warnings)"))
        lines.append("  site.yml: " + (report.wroteConfig ? "made from the old configuration" : "the site's own") + ", permalink \(report.permalink)")
        lines.append("  Old addresses kept: \(report.keptAsPaths.count + report.keptAsAliases.count): "
                     + "\(report.keptAsPaths.count) as the page's own path, \(report.keptAsAliases.count) as a redirect")
        if !report.converted.isEmpty {
            lines.append("  Converted: " + report.converted.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))
        }
        let leftovers = report.warnings.filter { $0.message.hasSuffix("was left as it is") }.count
        if leftovers > 0 {
            lines.append("  Left as written: " + count(leftovers, "shortcode or tag", "shortcodes or tags") + " (listed above with file and line)")
        }
        if !report.notCarried.isEmpty {
            lines.append("  Not carried over:")
            for (reason, files) in report.notCarried.sorted(by: { $0.key < $1.key }) {
                let shown = files.prefix(outputOptions.verbose ? files.count : 3).joined(separator: ", ")
                let folders = files.allSatisfy { $0.hasSuffix("/") }
                lines.append("    " + count(files.count, folders ? "folder" : "file", folders ? "folders" : "files") + ", " + reason + ": " + shown + (files.count > 3 && !outputOptions.verbose ? ", …" : ""))
            }
        }
        if outputOptions.verbose {
            for url in report.keptAsPaths { lines.append("  kept \(url)") }
            for url in report.keptAsAliases { lines.append("  redirect \(url) → \(report.addresses[url] ?? "")") }
            for file in report.written { lines.append("  written \(file)") }
            for file in report.updated { lines.append("  updated \(file)") }
        }
        if !dry { lines.append("Next: samizdat build" + (siteOptions.site.map { " --site " + Terminal.shellQuoted($0) } ?? "")) }
        return lines.joined(separator: "\n")
    }
}
