import ArgumentParser
import Foundation
import Samizdat
import SamizdatServer

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site in a browser while you write.",
        discussion: """
            Builds the site, serves it at http://127.0.0.1:8000/ and builds it again whenever a file \
            in Content/, Templates/ or Public/ or site.yml changes; open pages reload by themselves. \
            A build error shows in the browser until the next good save. The preview is built into \
            .samizdat/serve/ with the local address as base_url; Output/ is not touched. Ctrl-C stops it.
            """
    )

    @OptionGroup var siteOptions: SiteOptions

    @Option(name: .long, help: ArgumentHelp("The address to listen on: 127.0.0.1 is this computer only; 0.0.0.0 lets other devices on your network see the preview.", valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("The port to listen on (0: any free port, shown when the server starts).", valueName: "number"))
    var port: Int = 8000

    @OptionGroup var inclusion: InclusionOptions

    @Flag(name: .long, help: "Look for changes by scanning the site's files five times a second, instead of being told by the system: for a site on a network or shared folder, whose changes the system may not report.")
    var poll = false

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be a number from 0 to 65535; found '\(port)'")
        }
    }

    func run() throws {
        let siteURL = siteOptions.url
        if let problem = SiteFolder.problem(siteURL) {
            Terminal.report(problem)
            throw ExitCode(1)
        }
        var configuration = PreviewServer.Configuration(
            site: siteURL, host: host, port: port,
            say: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) },
            warn: { Terminal.error($0) })
        configuration.includeDrafts = inclusion.drafts
        configuration.includeFuture = inclusion.future
        configuration.scansForChanges = poll

        // The server is asynchronous; the command waits for it on this thread.
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await PreviewServer.run(configuration)
            } catch {
                outcome.failure = "\(error)"
            }
            done.signal()
        }
        done.wait()
        if let failure = outcome.failure {
            Terminal.error("samizdat: error: \(failure)")
            throw ExitCode(1)
        }
        FileHandle.standardOutput.write(Data("Stopped.\n".utf8))
    }

    private final class Outcome: @unchecked Sendable {
        var failure: String?
    }
}
