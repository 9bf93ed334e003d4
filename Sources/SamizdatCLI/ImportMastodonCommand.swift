import ArgumentParser
import Foundation
import Samizdat

struct ImportMastodonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mastodon",
        abstract: "Import a Mastodon export (the .tar.gz or .zip as downloaded, or its folder).",
        discussion: """
            Reads outbox.json, actor.json and media_attachments/ from the export alone: nothing is \
            fetched from the server. Public and unlisted posts are imported; followers-only posts \
            and direct messages only with --include-private; boosts only with --include-boosts. \
            Content warnings become a <details> block, polls a list of options with their votes, \
            replies to your own posts threads. A post you also published on another imported \
            platform (same text, within 10 minutes) becomes one post listing both addresses.
            """
    )

    @Argument(help: ArgumentHelp("The export: archive-….tar.gz, or the folder it unpacks to.", valueName: "archive"))
    var archive: String

    @Flag(name: .customLong("include-boosts"), help: "Import boosts too, as posts linking to the boosted post.")
    var includeBoosts = false

    @Flag(name: .customLong("include-private"), help: "Import followers-only posts and direct messages too.")
    var includePrivate = false

    @OptionGroup var importOptions: ImportOptions

    @OptionGroup var siteOptions: SiteOptions

    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        let archiveURL = URL(fileURLWithPath: archive, relativeTo: Terminal.currentDirectory).standardizedFileURL
        var profile: MastodonArchive.Profile?
        var run = ImportRun(siteOptions: siteOptions, outputOptions: outputOptions, importOptions: importOptions, archive: archiveURL,
                            includeReposts: includeBoosts, name: "Mastodon export", repostWords: ("boost", "boosts"), repostFlag: "--include-boosts")
        run.includePrivate = includePrivate
        try run.run { (archive: ImportArchive) throws(DiagnosticList) -> [ImportedPost] in
            let export = try MastodonArchive.read(archive)
            profile = export.profile
            return try export.posts()
        }
        if let profile, !outputOptions.quiet, let suggestion = Self.suggestion(profile) { print(suggestion) }
    }

    /// The profile as `site.yml` lines to copy: the import never edits `site.yml`.
    static func suggestion(_ profile: MastodonArchive.Profile) -> String? {
        var lines: [String] = []
        if profile.name != nil || profile.avatar != nil {
            lines.append("author:")
            if let name = profile.name { lines.append("  name: " + YAMLText.quoted(name)) }
            if let avatar = profile.avatar { lines.append("  avatar: " + YAMLText.quoted("/" + (avatar as NSString).lastPathComponent) + "   # copy \(avatar) from the export into Public/") }
        }
        if !profile.links.isEmpty {
            lines.append("links:")
            for link in profile.links {
                lines.append("  - name: " + YAMLText.quoted(link.name))
                lines.append("    url: " + YAMLText.quoted(link.url))
            }
        }
        guard !lines.isEmpty else { return nil }
        return "From the profile, for site.yml if you want them (site.yml was not changed):\n" + lines.map { "  " + $0 }.joined(separator: "\n")
    }
}
