import Foundation
import Hummingbird
import Logging
import NIOCore
import Samizdat
import ServiceLifecycle

/// `samizdat serve`: builds the site, serves it over HTTP, builds again when a source changes and
/// reloads the open tabs.
///
/// The site is built into `.samizdat/serve/` with the server's own address as `base_url`, never
/// into `Output/`: the published files stay as `samizdat build` made them. Builds there are
/// incremental like any other (the build database keeps one record per output folder), so a
/// saved edit rebuilds only what shows it, and restarting the server finds its files still there.
public enum PreviewServer {
    public struct Configuration: Sendable {
        public var site: URL
        public var host: String
        public var port: Int
        public var includeDrafts = false
        public var includeFuture = false
        /// Find changes by scanning every `pollInterval` even where the system can tell of them
        /// (`serve --poll`: network and shared folders, whose changes it may not see).
        public var scansForChanges = false
        /// How often the sources are scanned for changes, where they are scanned.
        public var pollInterval: Duration = .milliseconds(200)
        /// Lines for the author (standard output) and problems (standard error).
        public var say: @Sendable (String) -> Void
        public var warn: @Sendable (String) -> Void

        public init(site: URL, host: String, port: Int, say: @escaping @Sendable (String) -> Void, warn: @escaping @Sendable (String) -> Void) {
            self.site = site.standardizedFileURL
            self.host = host
            self.port = port
            self.say = say
            self.warn = warn
        }
    }

    /// Why the server could not run, said for the author.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs until SIGINT or SIGTERM; throws if the server cannot listen.
    public static func run(_ configuration: Configuration) async throws {
        let output = configuration.site.appendingPathComponent(OutputLocation.previewFolder)
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "Cannot create \(output.path) for the served site: \(error.localizedDescription)")
        }
        let root = output.resolvingSymlinksInPath().path
        let state = ServeState()
        let reload = LiveReload()
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()

        var logger = Logger(label: "samizdat.serve")
        logger.logLevel = .critical
        let responder = Responder(root: root, site: configuration.site, state: state, reload: reload)
        let application = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in await responder.respond(to: request) },
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? configuration.port)
                portContinuation.finish()
            },
            logger: logger
        )
        let watcher = SiteWatcher(configuration: configuration, output: output, state: state, reload: reload, ports: ports)
        // Services stop in reverse order: the watcher first, which ends the event streams of open
        // tabs, so the server has no endless response left to wait for.
        let group = ServiceGroup(configuration: .init(services: [application, watcher], gracefulShutdownSignals: [.sigint, .sigterm], logger: logger))
        do {
            try await group.run()
        } catch {
            let text = String(describing: error)
            if text.contains("Address already in use") || text.contains("EADDRINUSE") {
                throw Failure(description: "Port \(configuration.port) is already in use on \(configuration.host). Stop the program using it, or pick another port with --port")
            }
            if text.contains("Cannot assign requested address") || text.contains("EADDRNOTAVAIL") {
                throw Failure(description: "Cannot listen on '\(configuration.host)': it is not an address of this machine. Use --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every network)")
            }
            throw Failure(description: "Cannot serve on \(configuration.host):\(configuration.port): \(text)")
        }
    }

    /// The address the site is built for and served at: `http://127.0.0.1:8000/`.
    static func baseURL(host: String, port: Int) -> String {
        let shown = host == "0.0.0.0" ? "127.0.0.1" : host == "::" ? "::1" : host
        return "http://\(shown.contains(":") ? "[\(shown)]" : shown):\(port)/"
    }
}

/// What the last build left: nothing yet, the site, or the errors that stopped it.
final class ServeState: @unchecked Sendable {
    enum Status {
        case building
        case built
        case failed([Diagnostic])
    }

    private let lock = NSLock()
    private var current = Status.building

    var status: Status {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }
}
