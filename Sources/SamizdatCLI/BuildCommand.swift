import ArgumentParser
import Foundation
import Samizdat

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Turn the site into a website, in its Output/ folder.",
        discussion: """
            Reads site.yml, Content/, Templates/ and Public/ and writes the website to Output/: \
            open Output/index.html, or copy the folder to any web host. Every problem is listed at \
            once as 'path:line:column: error: message'; when there is any, nothing is written and \
            the previous Output/ stays as it was.
            """
    )

    @OptionGroup var siteOptions: SiteOptions

    @Option(name: .long, help: ArgumentHelp("Where to write the website (default: <site>/Output).", valueName: "dir"))
    var output: String?

    @OptionGroup var selection: SelectionOptions

    @Flag(name: .long, help: "Parse and render everything again, ignoring what earlier builds recorded.")
    var clean = false

    @OptionGroup var outputOptions: OutputOptions

    /// How many held-back posts the summary names without --verbose.
    static let heldBackShown = 5

    func run() throws {
        let current = Terminal.currentDirectory
        let outputURL = output.map { URL(fileURLWithPath: $0, relativeTo: current).standardizedFileURL }
        var options = BuildOptions(siteDirectory: siteOptions.url, outputDirectory: outputURL, includeDrafts: selection.drafts,
                                   includeFuture: selection.future, baseURL: selection.baseURL)
        options.notice = { Terminal.error($0) }
        options.clean = clean
        options.keepsMemoryUntilExit = true
        let progress = BuildProgress(enabled: Terminal.outputIsTerminal && !outputOptions.quiet)
        options.progress = { progress.finished($0) }
        do {
            let report = try Builder.build(options)
            progress.clear()
            for notice in report.notices {
                Terminal.error(notice)
            }
            Terminal.report(report.warnings)
            if outputOptions.quiet { return }
            print(report.summary)
            if !report.heldBackItems.isEmpty {
                let limit = outputOptions.verbose ? nil : Self.heldBackShown
                print("Held back:")
                print(HeldBack.describe(report.heldBackItems, relativeTo: current, limit: limit).joined(separator: "\n"))
            }
            if outputOptions.verbose {
                for detail in report.details { print(detail) }
            }
            if outputOptions.verbose || ProcessInfo.processInfo.environment["SAMIZDAT_TIMINGS"] != nil {
                for step in report.steps {
                    Terminal.error("  " + step.name.padding(toLength: 26, withPad: " ", startingAt: 0) + String(format: "%7.3f s  %6.0f MB peak", step.seconds, step.peakMB))
                }
                Terminal.error("  \(report.parsed) files parsed, \(report.textsRead) posts' texts read back, \(report.rendered) files made" + (report.tookEditPath ? " (edit path: only what shows the edited posts)" : "")
                               + (report.checkedOutputStamps ? "; output checked from its stamps file" : ""))
            }
            print("Open \(Terminal.display(report.outputDirectory.appendingPathComponent("index.html")))")
        } catch {
            progress.clear()
            Terminal.report(error.diagnostics)
            let count = error.errors.count
            if error.whileWriting {
                Terminal.error("Build failed with \(count) error\(count == 1 ? "" : "s") while writing the site: the files written before it are whole, the others as they were. Fix it and build again to finish the site.")
            } else {
                Terminal.error("Build failed with \(count) error\(count == 1 ? "" : "s"); nothing was written.")
            }
            throw ExitCode(1)
        }
    }
}
