import ArgumentParser
import Foundation
import Samizdat

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new site in a folder.",
        discussion: """
            Creates site.yml (every setting, explained), a first post in Content/posts/, an \
            about page, Public/ and a .gitignore. Nothing is ever overwritten: in a folder that \
            already has some of these, only the missing ones are added.
            """
    )

    @Argument(help: ArgumentHelp("The site's folder, created if needed (default: the current folder).", valueName: "dir"))
    var directory: String = "."

    @Option(name: .long, help: ArgumentHelp("The site's name.", valueName: "title"))
    var title: String = "My site"

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The site's public address (default: https://example.org/, to change later in site.yml).", valueName: "url"))
    var baseURL: String?

    @Option(name: .long, help: ArgumentHelp("The site's language, such as 'en' or 'fr'.", valueName: "code"))
    var language: String = "en"

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        if let baseURL, SiteConfig.normalizedBaseURL(baseURL) == nil {
            throw ValidationError(SiteConfig.baseURLMessage(baseURL, name: "--base-url"))
        }
        if !SiteConfig.isLanguageTag(language) {
            throw ValidationError("--language must be a language tag such as 'en', 'fr' or 'en-GB'; found '\(language)'")
        }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: directory, relativeTo: Terminal.currentDirectory).standardizedFileURL
        let scaffold = SiteScaffold(title: title, baseURL: baseURL.flatMap(SiteConfig.normalizedBaseURL) ?? SiteScaffold.defaultBaseURL,
                                    language: language, timeZone: SiteScaffold.localTimeZone(), now: Date())
        let result: SiteScaffold.Result
        do {
            result = try scaffold.create(in: folder)
        } catch {
            Terminal.report(error.diagnostics)
            throw ExitCode(1)
        }
        let shown = Terminal.display(folder)
        let name = shown.isEmpty || folder.path == Terminal.currentDirectory.standardizedFileURL.path ? "." : shown
        if outputOptions.quiet { return }
        if !result.created.isEmpty {
            print("Created in \(name):")
            for path in result.created { print("  " + path) }
        }
        if !result.skipped.isEmpty {
            print("Skipped, already there:")
            for path in result.skipped { print("  " + path) }
        }
        if result.created.isEmpty { print("Nothing to add: \(name) already has everything a site needs.") }
        if baseURL == nil { print("Set base_url in site.yml to the site's public address before you publish.") }
        print("Next:")
        if name != "." { print("  cd \(Terminal.shellQuoted(name))") }
        print("  \(Terminal.shellQuoted(Terminal.invocation)) new \"My second post\"")
        print("  \(Terminal.shellQuoted(Terminal.invocation)) build")
        if name == "." { print("  open Output/index.html in a browser") }
    }
}
