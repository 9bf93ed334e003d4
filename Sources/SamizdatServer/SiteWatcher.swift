import Foundation
import Samizdat
import ServiceLifecycle

/// Builds the site once the server listens, then again whenever its sources change.
///
/// What the build reads is kept as a `SourceSnapshot`. On Linux the system says which paths
/// something happened to (`SourceEvents`, inotify), and only those are looked at again: a save
/// is seen at once, and a large site is not scanned while nothing changes (a scan of 100,000
/// posts is half a second of `stat`s; five a second kept a core busy). A change is built once 50 ms
/// pass with no more events, so a file saved in several writes is built once.
///
/// Elsewhere (macOS), with `--poll`, or when the system cannot watch every folder (its limit on
/// watches), the whole site is scanned every `pollInterval`, and a change is built once two scans
/// in a row agree.
struct SiteWatcher: Service {
    let configuration: PreviewServer.Configuration
    let output: URL
    let state: ServeState
    let reload: LiveReload
    let ports: AsyncStream<Int>

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next() else { return }
                try await watch(baseURL: PreviewServer.baseURL(host: configuration.host, port: port))
            }
        } catch is CancellationError {
            // Stopped by Ctrl-C or SIGTERM.
        }
        reload.finish()
    }

    private func watch(baseURL: String) async throws {
        // Watching starts before the first scan: nothing saved from then on is missed.
        var events: SourceEvents?
        if !configuration.scansForChanges {
            do {
                events = try SourceEvents(site: configuration.site)
            } catch {
                #if os(Linux)
                warnScanningInstead(because: error, anyMore: false)
                #endif
            }
        }
        let seen = SourceSnapshot(site: configuration.site)
        // A future post appears when its date comes (and an expired one goes) without a save.
        let due = await build(baseURL: baseURL, changes: [], seen: seen)
        if configuration.scansForChanges {
            configuration.say("Looking for changes by scanning the site's files every \(configuration.pollInterval) (--poll)")
        }
        configuration.say("Serving \(configuration.site.lastPathComponent) at \(baseURL) (Ctrl-C to stop)")
        if let events {
            try await follow(events, seen: seen, due: due, baseURL: baseURL)
        } else {
            try await scan(seen: seen, due: due, baseURL: baseURL)
        }
    }

    /// Builds again when the system says a source changed (and `refresh` agrees), or when a
    /// post's time comes. Scans instead (`scan`) once the system cannot watch every folder.
    private func follow(_ events: SourceEvents, seen: SourceSnapshot, due: Date?, baseURL: String) async throws {
        var (seen, due) = (seen, due)
        while true {
            // At most half a second at a time (a second and a half while files keep changing),
            // so that the server stops soon after Ctrl-C.
            let timeout = Duration.milliseconds(Int(min(0.5, max(0, due?.timeIntervalSinceNow ?? 0.5)) * 1000))
            let waited = await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(returning: Result { () throws(SourceEvents.Unavailable) in try events.wait(timeout: timeout) })
                }
            }
            try Task.checkCancellation()
            let paths: Set<String>
            switch waited {
            case .success(let named):
                paths = named
            case .failure(let problem):
                // Its watches count against the limit that other programs need too.
                events.stop()
                warnScanningInstead(because: problem, anyMore: true)
                // What changed since the last look is found by the first scan.
                try await scan(seen: seen, due: due, baseURL: baseURL, atOnce: true)
                return
            }
            if paths.isEmpty {
                due = await buildIfDue(due, seen: seen, baseURL: baseURL)
                continue
            }
            let changes = seen.refresh(paths)
            guard !changes.isEmpty else { continue }
            due = await build(baseURL: baseURL, changes: changes, seen: seen)
        }
    }

    /// Scans the whole site every `pollInterval`, and builds again once two scans in a row agree
    /// on a change, or when a post's time comes. `atOnce`: the first scan without waiting (the
    /// snapshot may be behind).
    private func scan(seen: SourceSnapshot, due: Date?, baseURL: String, atOnce: Bool = false) async throws {
        var (seen, due) = (seen, due)
        var waits = !atOnce
        while true {
            if waits { try await Task.sleep(for: configuration.pollInterval) }
            waits = true
            var latest = SourceSnapshot(site: configuration.site)
            guard latest != seen else {
                due = await buildIfDue(due, seen: seen, baseURL: baseURL)
                continue
            }
            while true {
                try await Task.sleep(for: .milliseconds(50))
                let next = SourceSnapshot(site: configuration.site)
                if next == latest { break }
                latest = next
            }
            let changes = latest.changes(since: seen)
            seen = latest
            due = await build(baseURL: baseURL, changes: changes, seen: seen)
        }
    }

    /// Builds if a post's time (its date, or its expiryDate) has come without a save; returns when
    /// the site next changes by itself.
    private func buildIfDue(_ due: Date?, seen: SourceSnapshot, baseURL: String) async -> Date? {
        guard let time = due, Date() >= time else { return due }
        configuration.say("Building again: a post's scheduled time has come (its date, or its expiryDate)")
        return await build(baseURL: baseURL, changes: [], seen: seen)
    }

    private func warnScanningInstead(because problem: any Error, anyMore: Bool) {
        configuration.warn("Cannot be told of changes to the site's files\(anyMore ? " any more" : "") (\(problem)); scanning them every \(configuration.pollInterval) instead")
    }

    /// Builds, and returns when the site next changes by itself (nil: never, or the build failed
    /// and the next save builds).
    ///
    /// `seen`: the site's files as the watcher saw them last, which the build lists instead of
    /// scanning them again.
    private func build(baseURL: String, changes: [String], seen: SourceSnapshot) async -> Date? {
        var options = BuildOptions(siteDirectory: configuration.site, outputDirectory: output,
                                   includeDrafts: configuration.includeDrafts, includeFuture: configuration.includeFuture,
                                   baseURL: baseURL)
        let warn = configuration.warn
        options.notice = { warn($0) }
        options.sourcesSeen = seen
        if !changes.isEmpty {
            let shown = changes.prefix(3).joined(separator: ", ") + (changes.count > 3 ? " and \(changes.count - 3) more" : "")
            configuration.say("Changed: \(shown)")
        }
        let ready = options
        let result = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { () throws(DiagnosticList) in try Builder.build(ready) })
            }
        }
        let site = configuration.site
        switch result {
        case .success(let report):
            for notice in report.notices { warn(notice) }
            for warning in report.warnings { warn(warning.formatted(relativeTo: site)) }
            configuration.say(report.summary)
            state.status = .built
            reload.reload()
            return report.nextRelease
        case .failure(let list):
            for diagnostic in list.diagnostics { warn(diagnostic.formatted(relativeTo: site)) }
            let count = list.errors.count
            warn("The site does not build (\(count) error\(count == 1 ? "" : "s")); the browser shows \(count == 1 ? "it" : "them"). Waiting for the next save…")
            state.status = .failed(list.diagnostics)
            reload.reload()
            return nil
        }
    }
}
