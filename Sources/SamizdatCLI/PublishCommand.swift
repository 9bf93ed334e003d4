import ArgumentParser
import Foundation
import Samizdat

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Send the site to every mirror listed in site.yml (or to those named).",
        discussion: """
            For each mirror, builds the site with the mirror's url as its address (in \
            .samizdat/publish/<name>/), sends what changed since the last publish there, deletes \
            only files Samizdat put there before, and reads a sample back to check it arrived. A \
            mirror that fails does not stop the others; the exit status is 1 if any failed, and \
            publishing again resumes. SSH options for rsync mirrors come from RSYNC_RSH; S3 \
            credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE.
            """
    )

    @OptionGroup var siteOptions: SiteOptions

    @Argument(help: ArgumentHelp("The mirrors to publish to, by name (default: all).", valueName: "mirror"))
    var mirrors: [String] = []

    @Flag(name: .long, help: "Build and list what would be sent and deleted, without changing any mirror.")
    var dryRun = false

    @Option(name: .long, help: ArgumentHelp("How many files are sent at once.", valueName: "n"))
    var jobs = 8

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        guard jobs > 0 else { throw ValidationError("--jobs must be at least 1; found \(jobs)") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        var options = PublishOptions(siteDirectory: siteOptions.url, mirrors: mirrors, dryRun: dryRun, environment: environment)
        options.window = jobs
        options.killAfterFiles = environment["SAMIZDAT_TEST_KILL_AFTER_FILES"].flatMap(Int.init)
        options.notice = { Terminal.error($0) }
        let progress = BuildProgress(enabled: Terminal.outputIsTerminal && !outputOptions.quiet)
        options.progress = { progress.show($0) }
        // A mirror name on the command line that site.yml does not know is a usage error.
        if !mirrors.isEmpty, let config = try? SiteFolder.configuration(siteOptions.url) {
            do {
                _ = try Publisher.select(mirrors, from: config, file: siteOptions.url.appendingPathComponent("site.yml"))
            } catch {
                Terminal.report(error.diagnostics)
                throw ExitCode(64)
            }
        }
        let reports: [MirrorReport]
        do {
            reports = try Publisher.publish(options) { report in
                progress.clear()
                Self.print(report, dryRun: dryRun, quiet: outputOptions.quiet)
            }
        } catch {
            progress.clear()
            Terminal.report(error.diagnostics)
            let count = error.errors.count
            Terminal.error("Publish failed with \(count) error\(count == 1 ? "" : "s"); no mirror was changed.")
            throw ExitCode(1)
        }
        let failed = reports.filter { $0.error != nil }
        if !failed.isEmpty {
            Terminal.error("\(failed.count) of \(reports.count) mirror\(reports.count == 1 ? "" : "s") failed: \(failed.map(\.name).joined(separator: ", ")); publish again to resume.")
            throw ExitCode(1)
        }
    }

    static func print(_ report: MirrorReport, dryRun: Bool, quiet: Bool) {
        if let error = report.error {
            Terminal.report(.error(error, at: report.location))
            return
        }
        if quiet { return }
        if dryRun {
            Swift.print("\(report.name): would send \(report.wouldSend.count), delete \(report.wouldDelete.count), \(report.unchanged) unchanged")
            for path in report.wouldSend { Swift.print("  send \(path)") }
            for path in report.wouldDelete { Swift.print("  delete \(path)") }
            return
        }
        Swift.print(report.summary)
        for line in report.lines { Swift.print("  " + line) }
    }
}
