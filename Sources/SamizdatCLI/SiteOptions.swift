import ArgumentParser
import Foundation

/// `--site`, for every command that acts on a site.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The site's folder, the one with site.yml (default: the current folder).", valueName: "dir"))
    var site: String?

    /// The site's folder, absolute.
    var url: URL {
        URL(fileURLWithPath: site ?? ".", relativeTo: Terminal.currentDirectory).standardizedFileURL
    }
}
