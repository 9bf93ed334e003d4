import Foundation

/// A mirror reached with the system `rsync`: `user@host:path` over SSH (`RSYNC_RSH` chooses
/// the ssh command and its options, as for rsync itself), or `rsync://` to an rsync daemon.
///
/// Files go in batches, each one an `rsync --files-from` run (rsync writes each file beside its
/// place and renames it), up to `window` batches at once; deletions name the files Samizdat put
/// there before, with `--delete-missing-args`, and nothing else.
struct RsyncTransport: MirrorTransport {
    let mirror: String
    /// `user@host:path` or `rsync://…`, with a trailing `/`.
    let target: String
    let runner: Subprocess

    init(mirror: String, target: String, runner: Subprocess) {
        self.mirror = mirror
        self.target = target.hasSuffix("/") ? target : target + "/"
        self.runner = runner
    }

    private var rsync: String? { runner.find("rsync") }

    func check() throws(PublishError) {
        guard rsync != nil else {
            throw PublishError("Mirror '\(mirror)' needs the 'rsync' command, which is not installed: install it with 'apt-get install rsync' (Debian, Ubuntu) or 'brew install rsync' (macOS)")
        }
    }

    /// Runs rsync with a list of paths (NUL-separated, from a temporary file).
    private func run(_ options: [String], paths: [String], from source: String, to destination: String) throws(PublishError) -> Subprocess.Result {
        let list = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-rsync-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: list) }
        do {
            try Data(paths.joined(separator: "\0").utf8).write(to: list)
            return try runner.run(rsync ?? "rsync", options + ["--from0", "--files-from=\(list.path)", source, destination])
        } catch {
            throw PublishError("Mirror '\(mirror)': cannot run rsync: \(error.localizedDescription)")
        }
    }

    private func failure(_ result: Subprocess.Result, doing what: String) -> PublishError {
        // rsync's exit statuses 5, 10, 12, 35 and 255 (ssh) mean the host was not reached.
        let unreachable: Set<Int32> = [5, 10, 12, 35, 255]
        if unreachable.contains(result.status) {
            return PublishError("Mirror '\(mirror)': cannot reach \(target): \(result.reason)")
        }
        return PublishError("Mirror '\(mirror)': rsync failed while \(what) (\(target)): \(result.reason)")
    }

    func send(_ files: [PublishFile], from folder: URL, window: Int, sent: @escaping @Sendable (PublishFile) -> Void) throws(PublishError) {
        let batchSize = max(20, min(500, (files.count + window - 1) / max(1, window)))
        let batches = stride(from: 0, to: files.count, by: batchSize).map { Array(files[$0..<min($0 + batchSize, files.count)]) }
        try forEachBounded(batches, window: min(window, 4)) { batch throws(PublishError) in
            let result = try run(["--times", "--mkpath", "--chmod=D755,F644"], paths: batch.map(\.path), from: folder.path + "/", to: target)
            guard result.status == 0 else { throw failure(result, doing: "sending files") }
            batch.forEach(sent)
        }
    }

    func delete(_ paths: [String], deleted: @escaping @Sendable (String) -> Void) throws(PublishError) {
        guard !paths.isEmpty else { return }
        // The paths are missing from an empty folder: rsync deletes each one on the mirror.
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-empty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: empty) }
        try? FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let result = try run(["--delete-missing-args"], paths: paths, from: empty.path + "/", to: target)
        // rsync 3.2+ reports the missing arguments it was told to delete as "vanished" (24) too.
        guard result.status == 0 || result.status == 24 else { throw failure(result, doing: "deleting files") }
        paths.forEach(deleted)
    }

    func read(_ paths: [String]) throws(PublishError) -> [String: Data?] {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-readback-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try? FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        let result = try run(["--ignore-missing-args"], paths: paths, from: target, to: copy.path + "/")
        guard result.status == 0 else { throw failure(result, doing: "reading files back") }
        var found: [String: Data?] = [:]
        for path in paths { found[path] = FileManager.default.contents(atPath: copy.appendingPathComponent(path).path) }
        return found
    }
}
