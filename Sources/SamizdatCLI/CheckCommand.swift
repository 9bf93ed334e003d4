import ArgumentParser
import Foundation
import Samizdat

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Find problems in the site without building it.",
        discussion: """
            Reports everything a build would, and also drafts and future posts left out, images \
            without alt text and links between your posts and pages that lead nowhere, as \
            'path:line:column: error|warning: message'. Writes nothing. Exit status 1 when there \
            is an error (or, with --strict, a warning), 0 otherwise.
            """
    )

    @OptionGroup var siteOptions: SiteOptions

    @Flag(name: .long, help: "Count warnings as errors (for CI).")
    var strict = false

    @OptionGroup var inclusion: InclusionOptions

    func run() throws {
        let siteURL = siteOptions.url
        if let problem = SiteFolder.problem(siteURL) {
            Terminal.report(problem)
            throw ExitCode(1)
        }
        var options = BuildOptions(siteDirectory: siteURL, includeDrafts: inclusion.drafts, includeFuture: inclusion.future)
        options.notice = { Terminal.error($0) }
        let report = SiteCheck.run(options)
        for var diagnostic in report.diagnostics {
            if strict { diagnostic.severity = .error }
            Terminal.report(diagnostic)
        }
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let errors = strict ? report.diagnostics.count : report.errors
        let warnings = strict ? 0 : report.warnings
        let counts = "\(plural(errors, "error")), \(plural(warnings, "warning"))"
        if report.complete {
            print("Checked \(plural(report.posts, "post")), \(plural(report.pages, "page")): \(counts)")
        } else {
            print("Found \(counts); links are followed once the errors are fixed")
        }
        if errors > 0 { throw ExitCode(1) }
    }
}
