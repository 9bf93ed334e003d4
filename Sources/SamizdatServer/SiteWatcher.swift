import Foundation
import Samizdat
import ServiceLifecycle

/// Builds the site once the server listens, then again whenever its sources change.
///
/// Changes are found by scanning (`SourceSnapshot`) rather than with inotify: a scan sees the
/// sources exactly as the build does (hidden files, links, new sub-folders, editors that save
/// by renaming a temporary file), needs no watch per folder (inotify's per-user limit is soon
/// reached by a large `Content/`), and costs a few milliseconds for 10,000 posts. A change is
/// built once two scans in a row agree, so a file saved in several writes is built once.
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
        var seen = SourceSnapshot(site: configuration.site)
        // A future post appears when its date comes (and an expired one goes) without a save.
        var due = await build(baseURL: baseURL, changes: [])
        configuration.say("Serving \(configuration.site.lastPathComponent) at \(baseURL) (Ctrl-C to stop)")
        while true {
            try await Task.sleep(for: configuration.pollInterval)
            var latest = SourceSnapshot(site: configuration.site)
            guard latest != seen else {
                if let time = due, Date() >= time {
                    configuration.say("Building again: a post's scheduled time has come (its date, or its expiryDate)")
                    due = await build(baseURL: baseURL, changes: [])
                }
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
            due = await build(baseURL: baseURL, changes: changes)
        }
    }

    /// Builds, and returns when the site next changes by itself (nil: never, or the build failed
    /// and the next save builds).
    private func build(baseURL: String, changes: [String]) async -> Date? {
        var options = BuildOptions(siteDirectory: configuration.site, outputDirectory: output,
                                   includeDrafts: configuration.includeDrafts, includeFuture: configuration.includeFuture,
                                   baseURL: baseURL)
        let warn = configuration.warn
        options.notice = { warn($0) }
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
