import ArgumentParser
import Foundation
import Samizdat

/// `--site`, for every command that acts on a site.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The site's folder, the one with site.yml (default: the current folder).", valueName: "dir"))
    var site: String?

    /// The site's folder, absolute.
    var url: URL { Self.url(of: site) }

    static func url(of site: String?) -> URL {
        URL(fileURLWithPath: site ?? ".", relativeTo: Terminal.currentDirectory).standardizedFileURL
    }

    /// The site's `site.yml`; what stops a command from using it is reported, and the command
    /// ends with status 1.
    func configuration() throws -> SiteConfig {
        do {
            return try SiteFolder.configuration(url)
        } catch {
            Terminal.report(error.diagnostics)
            throw ExitCode(1)
        }
    }
}
