import ArgumentParser
import Foundation
import Samizdat

struct ThemeEjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eject",
        abstract: "Copy the built-in theme's files into Templates/, to change them.",
        discussion: """
            With no names, copies every template and asset; otherwise only the named ones \
            (post, partials/header, style.css…). A file already in Templates/ is left as it is. \
            The files you do not copy still come from the built-in theme. An unknown name is a \
            usage error (exit status 64) that suggests the closest one.
            """
    )

    @Argument(help: ArgumentHelp("Theme files to copy: \(ThemeEjector.names.joined(separator: ", ")).", valueName: "name"))
    var names: [String] = []

    @OptionGroup var siteOptions: SiteOptions

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        for name in names {
            if case .failure(let problem) = ThemeEjector.path(named: name) {
                throw ValidationError(problem.message)
            }
        }
    }

    func run() throws {
        let site = siteOptions.url
        let result: ThemeEjector.Result
        if let problem = SiteFolder.problem(site) {
            Terminal.report(problem)
            throw ExitCode(1)
        }
        do {
            result = try ThemeEjector.eject(names, into: site)
        } catch {
            Terminal.report(error.diagnostics)
            throw ExitCode(1)
        }
        if outputOptions.quiet { return }
        let base = site.path == Terminal.currentDirectory.standardizedFileURL.path ? "" : Terminal.display(site) + "/"
        if !result.copied.isEmpty {
            print("Copied into \(base)Templates/ (edit them there):")
            for path in result.copied { print("  " + base + path) }
        }
        if !result.skipped.isEmpty {
            print("Skipped, already in \(base)Templates/:")
            for path in result.skipped { print("  " + base + path) }
        }
    }
}
