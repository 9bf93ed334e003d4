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

    /// The options as plain values.
    var settings: BuildSettings {
        BuildSettings(site: siteOptions.site, output: output, drafts: selection.drafts, future: selection.future, baseURL: selection.baseURL,
                      clean: clean, quiet: outputOptions.quiet, verbose: outputOptions.verbose)
    }

    func run() throws {
        try settings.run()
    }
}

/// What `samizdat build` was asked to do, and the build itself.
///
/// `BuildCommand` gives these values once ArgumentParser parsed the command line; a plain
/// `samizdat build` line (the command every edit runs) is read directly (`init?(plain:)`).
struct BuildSettings: Equatable {
    var site: String?
    var output: String?
    var drafts = false
    var future = false
    var baseURL: String?
    var clean = false
    var quiet = false
    var verbose = false

    init(site: String? = nil, output: String? = nil, drafts: Bool = false, future: Bool = false, baseURL: String? = nil, clean: Bool = false,
         quiet: Bool = false, verbose: Bool = false) {
        (self.site, self.output, self.drafts, self.future, self.baseURL) = (site, output, drafts, future, baseURL)
        (self.clean, self.quiet, self.verbose) = (clean, quiet, verbose)
    }

    /// The site's folder, absolute.
    var siteURL: URL { SiteOptions.url(of: site) }

    /// The options of a plain `samizdat build` line, read without ArgumentParser; nil for
    /// anything else, which ArgumentParser then parses (and reports, if it is wrong).
    ///
    /// ArgumentParser finds a command's options by reflection on every run: that, and its look
    /// for a completion-script request through the whole command tree, took a quarter of the CPU
    /// of a build with nothing to do on a site of 1,000 posts (5 ms), as much as the build itself.
    /// So the options `build` has are read here when they are written in the usual ways
    /// (`--site dir`, `--site=dir`, `-q`), each at most once, with values that do not start with
    /// `-`; `--help`, `--version`, a repeated or unknown option, a missing or odd value, and
    /// options that do not go together are left to ArgumentParser, which has the messages for
    /// them. `BuildSettingsTests` checks that both read every such line alike.
    init?(plain arguments: [String]) {
        guard arguments.first == "build" else { return nil }
        var seen: Set<String> = []
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            var name = argument, attached: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                attached = String(argument[argument.index(after: equals)...])
            }
            let long = ["-q": "--quiet", "-v": "--verbose"][name] ?? name
            guard seen.insert(long).inserted else { return nil }
            switch long {
            case "--site", "--output", "--base-url":
                guard let value = attached ?? rest.popFirst(), !value.isEmpty, !value.hasPrefix("-") else { return nil }
                switch long {
                case "--site": site = value
                case "--output": output = value
                default: baseURL = value
                }
            case "--drafts", "--future", "--clean", "--quiet", "--verbose":
                guard attached == nil else { return nil }
                switch long {
                case "--drafts": drafts = true
                case "--future": future = true
                case "--clean": clean = true
                case "--quiet": quiet = true
                default: verbose = true
                }
            default:
                return nil
            }
        }
        if quiet && verbose { return nil }
        if let baseURL, SiteConfig.normalizedBaseURL(baseURL) == nil { return nil }
    }

    func run() throws {
        let current = Terminal.currentDirectory
        let outputURL = output.map { URL(fileURLWithPath: $0, relativeTo: current).standardizedFileURL }
        var options = BuildOptions(siteDirectory: siteURL, outputDirectory: outputURL, includeDrafts: drafts,
                                   includeFuture: future, baseURL: baseURL)
        options.notice = { Terminal.error($0) }
        options.clean = clean
        options.keepsMemoryUntilExit = true
        let progress = BuildProgress(enabled: Terminal.outputIsTerminal && !quiet)
        options.progress = { progress.finished($0) }
        do {
            let report = try Builder.build(options)
            progress.clear()
            for notice in report.notices {
                Terminal.error(notice)
            }
            Terminal.report(report.warnings)
            if quiet { return }
            print(report.summary)
            if !report.heldBackItems.isEmpty {
                let limit = verbose ? nil : BuildCommand.heldBackShown
                print("Held back:")
                print(HeldBack.describe(report.heldBackItems, relativeTo: current, limit: limit).joined(separator: "\n"))
            }
            if verbose {
                for detail in report.details { print(detail) }
            }
            if verbose || ProcessInfo.processInfo.environment["SAMIZDAT_TIMINGS"] != nil {
                for step in report.steps {
                    Terminal.error("  " + step.name.padding(toLength: 26, withPad: " ", startingAt: 0) + String(format: "%7.3f s  %6.0f MB peak", step.seconds, step.peakMB))
                }
                Terminal.error("  \(report.parsed) files parsed, \(report.textsRead) posts' texts read back, \(report.rendered) files made" + (report.tookEditPath ? " (edit path: only what shows the edited posts\(report.usedKeptShape ? "; the site from its kept shape" : "")\(report.readChangedSourcesOnly ? ", only changed sources read" : ""))" : "")
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
