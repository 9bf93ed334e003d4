import ArgumentParser
import Foundation
import Samizdat

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into its output folder.",
        discussion: """
            Reads site.yml, Content/, Templates/ and Public/ and writes the website to Output/. \
            Errors are reported all at once as 'path:line:column: error: message'; when there is \
            any, nothing is written and the previous output stays as it was.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The site's folder.", valueName: "dir"))
    var site: String = "."

    @Option(name: .long, help: ArgumentHelp("Where to write the site (default: <site>/Output).", valueName: "dir"))
    var output: String?

    @Flag(name: .long, help: "Include posts and pages marked 'draft: true'.")
    var drafts = false

    @Flag(name: .long, help: "Include posts dated in the future.")
    var future = false

    @Flag(name: .long, help: "Parse and render everything again, ignoring what earlier builds recorded.")
    var clean = false

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Override base_url from site.yml.", valueName: "url"))
    var baseURL: String?

    func validate() throws {
        if let baseURL, SiteConfig.normalizedBaseURL(baseURL) == nil {
            throw ValidationError("--base-url must be an absolute http or https URL, like 'https://example.org/'; found '\(baseURL)'")
        }
    }

    func run() throws {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let siteURL = URL(fileURLWithPath: site, relativeTo: current).standardizedFileURL
        let outputURL = output.map { URL(fileURLWithPath: $0, relativeTo: current).standardizedFileURL }
        var options = BuildOptions(siteDirectory: siteURL, outputDirectory: outputURL, includeDrafts: drafts,
                                   includeFuture: future, baseURL: baseURL)
        options.notice = { Terminal.error($0) }
        options.clean = clean
        do {
            let report = try Builder.build(options)
            for notice in report.notices {
                Terminal.error(notice)
            }
            for warning in report.warnings {
                Terminal.error(warning.formatted(relativeTo: current))
            }
            print(report.summary)
            if ProcessInfo.processInfo.environment["SAMIZDAT_TIMINGS"] != nil {
                for step in report.steps {
                    Terminal.error("  " + step.name.padding(toLength: 26, withPad: " ", startingAt: 0) + String(format: "%7.3f s", step.seconds))
                }
            }
            print("Open \(Diagnostic.displayPath(report.outputDirectory.appendingPathComponent("index.html"), relativeTo: current))")
        } catch {
            for diagnostic in error.diagnostics {
                Terminal.error(diagnostic.formatted(relativeTo: current))
            }
            let count = error.errors.count
            Terminal.error("Build failed with \(count) error\(count == 1 ? "" : "s"); nothing was written.")
            throw ExitCode(1)
        }
    }
}
