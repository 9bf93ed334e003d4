import Foundation

/// What `samizdat publish` was asked to do.
public struct PublishOptions: Sendable {
    public var siteDirectory: URL
    /// The mirrors to publish to, by name; empty: all of them.
    public var mirrors: [String] = []
    /// Build and compare, but send and delete nothing.
    public var dryRun = false
    public var now: Date
    /// The environment commands and credentials come from (`PATH`, `RSYNC_RSH`, `AWS_*`, `HOME`).
    public var environment: [String: String]
    /// How many files (or rsync batches) are sent at once.
    public var window = 8
    /// Told what is happening, for a progress line on a terminal: `mirror: 12/40 files`.
    public var progress: @Sendable (String) -> Void = { _ in }
    /// Told what the user should know besides the summary (a build database set aside).
    public var notice: @Sendable (String) -> Void = { _ in }
    /// Fault injection for the resume tests: the process kills itself (SIGKILL) once this many
    /// files have been sent and recorded (`SAMIZDAT_TEST_KILL_AFTER_FILES`).
    public var killAfterFiles: Int?

    public init(siteDirectory: URL, mirrors: [String] = [], dryRun: Bool = false, now: Date = Date(),
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.siteDirectory = siteDirectory
        self.mirrors = mirrors
        self.dryRun = dryRun
        self.now = now
        self.environment = environment
    }
}

/// What publishing to one mirror did.
public struct MirrorReport: Sendable {
    public var name: String
    public var sent = 0
    public var bytes = 0
    public var deleted = 0
    public var unchanged = 0
    public var seconds = 0.0
    /// Why the mirror failed; nil when it is published.
    public var error: String?
    /// The mirror's entry in `site.yml`, for the error's location.
    public var location: SourceLocation?
    /// What the transport has to say (a commit, an IPFS CID, the DNSLink record).
    public var lines: [String] = []
    /// With `--dry-run`: the paths that would be sent and deleted.
    public var wouldSend: [String] = []
    public var wouldDelete: [String] = []

    public init(name: String) {
        self.name = name
    }

    public var summary: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let bytesText = bytes < 1000 ? "\(bytes) B"
            : bytes < 1_000_000 ? String(format: "%.1f KB", Double(bytes) / 1000) : String(format: "%.1f MB", Double(bytes) / 1_000_000)
        return "\(name): \(plural(sent, "file")) sent (\(bytesText)), \(deleted) deleted, \(unchanged) unchanged" + String(format: " in %.2f s", seconds)
    }
}
