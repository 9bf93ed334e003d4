import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `samizdat publish`: for each mirror, build the site with the mirror's url as its base URL,
/// send what changed since the last publish there, delete what Samizdat put there and the site
/// no longer has, and read a sample back.
///
/// Each mirror's copy is built in `.samizdat/publish/<name>/site` (incrementally, like
/// `Output/`). What is on each mirror is recorded in the build database as each file arrives
/// (`BuildDatabase+Publish.swift`), so a publish that fails or is killed part way resumes where
/// it stopped. A failing mirror does not stop the others.
public enum Publisher {
    /// The mirrors `names` selects (all when empty), or an error naming the unknown ones.
    public static func select(_ names: [String], from config: SiteConfig, file: URL) throws(DiagnosticList) -> [Mirror] {
        guard !config.mirrors.isEmpty else {
            throw DiagnosticList([.error("site.yml lists no mirrors. Add where to publish, such as:\nmirrors:\n  - {name: backup, url: https://backup.example.net/, to: /media/usb/site}", at: SourceLocation(file: file))])
        }
        let unknown = names.filter { name in !config.mirrors.contains { $0.name == name } }
        guard unknown.isEmpty else {
            let known = config.mirrors.map { "'\($0.name)'" }.joined(separator: ", ")
            throw DiagnosticList(unknown.map { .error("No mirror named '\($0)' in site.yml; its mirrors are \(known)", at: SourceLocation(file: file)) })
        }
        return names.isEmpty ? config.mirrors : config.mirrors.filter { names.contains($0.name) }
    }

    /// Publishes every selected mirror, one after the other. Throws only when the site cannot
    /// be read or built (then nothing is sent anywhere); a mirror that fails has its `error`.
    public static func publish(_ options: PublishOptions, mirrorDone: @Sendable (MirrorReport) -> Void = { _ in }) throws(DiagnosticList) -> [MirrorReport] {
        let site = options.siteDirectory.standardizedFileURL
        let config = try SiteFolder.configuration(site)
        let mirrors = try select(options.mirrors, from: config, file: site.appendingPathComponent("site.yml"))
        var reports: [MirrorReport] = []
        for mirror in mirrors {
            let report = try publish(mirror, config: config, options: options, site: site)
            mirrorDone(report)
            reports.append(report)
        }
        return reports
    }

    /// The folder a mirror's copy of the site is built in.
    public static func buildFolder(_ mirror: Mirror, site: URL) -> URL {
        site.appendingPathComponent(OutputLocation.publishFolder).appendingPathComponent(mirror.name).appendingPathComponent("site")
    }

    private static func publish(_ mirror: Mirror, config: SiteConfig, options: PublishOptions, site: URL) throws(DiagnosticList) -> MirrorReport {
        let started = Date()
        var report = MirrorReport(name: mirror.name)
        report.location = SourceLocation(file: site.appendingPathComponent("site.yml"), line: mirror.line)
        options.progress("\(mirror.name): building")
        var build = BuildOptions(siteDirectory: site, outputDirectory: buildFolder(mirror, site: site), baseURL: mirror.url.absoluteString, now: options.now)
        build.notice = options.notice
        let folder = try Builder.build(build).outputDirectory

        do throws(PublishError) {
            let transport = try transport(for: mirror, config: config, site: site, environment: options.environment)
            // A dry run changes nothing, not even a folder the check would create.
            if !options.dryRun { try transport.check() }
            let database: BuildDatabase
            do {
                database = try BuildDatabase(url: site.appendingPathComponent(".samizdat/build.sqlite"))
            } catch {
                throw PublishError("Cannot open .samizdat/build.sqlite to record what is on mirror '\(mirror.name)': \(error)")
            }
            let files = try localFiles(in: folder, database: database)
            let destination = mirror.to
            let previous = try recorded { try database.publishedFiles(destination: destination) }
            let changed = files.filter { previous[$0.path]?.sha256 != $0.sha256 }
            let current = Set(files.map(\.path))
            let gone = previous.keys.filter { !current.contains($0) }.sorted()
            report.unchanged = files.count - changed.count
            if options.dryRun {
                report.wouldSend = changed.map(\.path)
                report.wouldDelete = gone
                report.seconds = Date().timeIntervalSince(started)
                return report
            }

            try recorded { try database.claimPublished(changed.map(\.path).filter { previous[$0] == nil }, destination: destination) }
            let counter = Counter(total: changed.count, mirror: mirror.name, progress: options.progress, killAfter: options.killAfterFiles)
            if transport.isAllOrNothing {
                // Every file goes into the commit (or the IPFS root), which then holds the whole site.
                try transport.send(files, from: folder, window: options.window) { _ in }
                try transport.delete(gone) { _ in }
                report.lines = try transport.finish(from: folder, sent: changed.count, deleted: gone.count)
                try recorded { try database.recordPublished(changed.map { .init(path: $0.path, sha256: $0.sha256, size: $0.size) }, destination: destination) }
                try recorded { try database.forgetPublished(gone, destination: destination) }
                report.sent = changed.count
                report.bytes = changed.reduce(0) { $0 + $1.size }
            } else {
                var failure: PublishError?
                do throws(PublishError) {
                    try transport.send(changed, from: folder, window: options.window) { file in
                        try? database.recordPublished([.init(path: file.path, sha256: file.sha256, size: file.size)], destination: destination)
                        counter.add(file.size)
                    }
                } catch {
                    failure = error
                }
                (report.sent, report.bytes) = counter.totals
                if let failure { throw failure }
                try transport.delete(gone) { path in
                    try? database.forgetPublished([path], destination: destination)
                }
                report.deleted = gone.count
            }
            report.deleted = gone.count
            options.progress("\(mirror.name): reading back")
            try verify(files, transport: transport, mirror: mirror, database: database)
        } catch {
            report.error = error.message
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Reads back the home page, every feed of the timeline, `mirrors.json` and a few of the
    /// files sent, and compares their digests with what was built.
    private static func verify(_ files: [PublishFile], transport: any MirrorTransport, mirror: Mirror, database: BuildDatabase) throws(PublishError) {
        let byPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var sample = ["index.html", "feed.xml", "atom.xml", "feed.json", "mirrors.json"].filter { byPath[$0] != nil }
        sample += files.filter { $0.path.hasSuffix(".xml") || $0.path.hasSuffix(".json") }.map(\.path).filter { !sample.contains($0) }.prefix(20)
        let found = try transport.read(sample)
        var wrong: [String] = []
        for path in sample {
            guard let expected = byPath[path] else { continue }
            guard let data = found[path] ?? nil, Digest.of(data) == expected.sha256 else {
                wrong.append(path)
                continue
            }
        }
        guard wrong.isEmpty else {
            try? database.unsettlePublished(wrong, destination: mirror.to)
            throw PublishError("Mirror '\(mirror.name)': after sending, \(wrong.map { "'\($0)'" }.joined(separator: ", ")) on the mirror \(wrong.count == 1 ? "is" : "are") not what was sent; publish again to send \(wrong.count == 1 ? "it" : "them") again")
        }
    }

    /// The built files with their SHA-256, from the build database where the file is as the
    /// build recorded it, else read again.
    private static func localFiles(in folder: URL, database: BuildDatabase) throws(PublishError) -> [PublishFile] {
        let rows = (try? database.outputs(for: folder)) ?? [:]
        let entries = FileTree.scan(folder, includingHidden: true)
        return entries.concurrentMap { entry -> PublishFile in
            if let row = rows[entry.path], !row.sha256.isEmpty, row.stamp == entry.stamp {
                return PublishFile(path: entry.path, sha256: row.sha256, size: entry.stamp.size)
            }
            let data = FileManager.default.contents(atPath: folder.appendingPathComponent(entry.path).path) ?? Data()
            return PublishFile(path: entry.path, sha256: Digest.of(data), size: data.count)
        }.sorted { $0.path < $1.path }
    }

    private static func recorded<T>(_ body: () throws -> T) throws(PublishError) -> T {
        do {
            return try body()
        } catch {
            throw PublishError("Cannot record what was published in .samizdat/build.sqlite: \(error)")
        }
    }

    static func transport(for mirror: Mirror, config: SiteConfig, site: URL, environment: [String: String]) throws(PublishError) -> any MirrorTransport {
        let runner = Subprocess(environment: environment)
        switch mirror.destination {
        case .folder(let path):
            let expanded = path.hasPrefix("~/") ? (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst() : path
            let folder = URL(fileURLWithPath: expanded, relativeTo: site).standardizedFileURL
            if let problem = OutputLocation.problems(output: folder, site: site).first {
                throw PublishError("Mirror '\(mirror.name)': \(problem.message)")
            }
            return FolderTransport(mirror: mirror.name, folder: folder)
        case .rsync(let target):
            return RsyncTransport(mirror: mirror.name, target: target, runner: runner)
        case .git(let remote, let branch):
            return GitTransport(mirror: mirror.name, remote: remote, branch: branch,
                                clone: site.appendingPathComponent(OutputLocation.publishFolder).appendingPathComponent(mirror.name).appendingPathComponent("git"),
                                environment: environment, siteTitle: config.title)
        case .s3(let bucket, let prefix, let endpoint, let region):
            return try S3Transport(mirror: mirror.name, bucket: bucket, prefix: prefix, endpoint: endpoint, region: region, environment: environment)
        case .ipfs:
            return IPFSTransport(mirror: mirror.name, url: mirror.url, runner: runner)
        }
    }

    /// Files sent so far, for the progress line, and the fault-injection kill.
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var files = 0
        private var bytes = 0
        let total: Int
        let mirror: String
        let progress: @Sendable (String) -> Void
        let killAfter: Int?

        init(total: Int, mirror: String, progress: @escaping @Sendable (String) -> Void, killAfter: Int?) {
            self.total = total
            self.mirror = mirror
            self.progress = progress
            self.killAfter = killAfter
        }

        func add(_ size: Int) {
            let count = lock.withLock {
                files += 1
                bytes += size
                return files
            }
            progress("\(mirror): \(count)/\(total) files sent")
            if let killAfter, count >= killAfter { kill(getpid(), SIGKILL) }
        }

        var totals: (Int, Int) { lock.withLock { (files, bytes) } }
    }
}
