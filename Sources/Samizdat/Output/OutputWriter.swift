import Foundation

/// Writes a built site into its output folder without ever losing data.
///
/// - A file is written to a temporary name in its folder and renamed over the old one, so no file
///   is ever half-written.
/// - A file whose content did not change is not touched (its modification time stays).
/// - A file is removed only if the previous build wrote it (`manifest`) and this build does not.
/// - Nothing outside the output folder is written or removed: every path is checked first.
public struct OutputWriter: Sendable {
    public struct Report: Sendable, Equatable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
    }

    public struct Failure: Error, Sendable {
        public var path: String
        public var message: String
    }

    public let directory: URL

    public init(directory: URL) {
        self.directory = directory.standardizedFileURL
    }

    /// Writes `files`, prunes what the previous build wrote and this one did not, and returns the
    /// new manifest with the report.
    public func write(_ files: [OutputFile], previous: [String: BuildDatabase.Stamp]) throws(Failure) -> ([String: BuildDatabase.Stamp], Report) {
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: directory.path, message: "Cannot create the output folder: \(error.localizedDescription)")
        }
        let root = directory.resolvingSymlinksInPath().path
        var report = Report()
        var manifest: [String: BuildDatabase.Stamp] = [:]

        // Check every path before writing anything, so a bad one cannot leave a half-updated site.
        let targets = try files.map { file throws(Failure) in try checkedURL(for: file.path, root: root) }
        for (file, target) in zip(files, targets) {
            try createFolder(target.deletingLastPathComponent())
            let stamp: BuildDatabase.Stamp
            let data: Data?
            switch file.content {
            case .data(let bytes):
                stamp = .init(hash: ContentHash.of(bytes), size: bytes.count)
                data = bytes
            case .copy(let source):
                guard let (hash, size) = ContentHash.of(fileAt: source) else {
                    throw Failure(path: source.path, message: "Cannot read this file to copy it")
                }
                stamp = .init(hash: hash, size: size)
                data = nil
            }
            manifest[file.path] = stamp
            if previous[file.path] == stamp, let size = (try? fileManager.attributesOfItem(atPath: target.path))?[.size] as? NSNumber,
               size.intValue == stamp.size {
                report.unchanged += 1
                continue
            }
            let bytes: Data
            if let data {
                bytes = data
            } else if case .copy(let source) = file.content {
                guard let read = fileManager.contents(atPath: source.path) else {
                    throw Failure(path: source.path, message: "Cannot read this file to copy it")
                }
                bytes = read
            } else {
                preconditionFailure("an output file is either data or a copy")
            }
            // Same bytes already there (e.g. the build database was deleted): leave the file alone.
            if let existing = fileManager.contents(atPath: target.path), existing == bytes {
                report.unchanged += 1
                continue
            }
            try replace(target, with: bytes)
            report.written += 1
        }

        for path in previous.keys.sorted() where manifest[path] == nil {
            guard let target = try? checkedURL(for: path, root: root) else { continue }
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: target.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            do {
                try fileManager.removeItem(at: target)
                report.removed += 1
            } catch {
                throw Failure(path: target.path, message: "Cannot remove this file left by an earlier build: \(error.localizedDescription)")
            }
            removeEmptyFolders(from: target.deletingLastPathComponent(), root: root)
        }
        return (manifest, report)
    }

    /// The URL of `path` inside the output folder, refusing anything that would land outside it
    /// (`..`, absolute paths, or a folder on the way that is a link to elsewhere).
    func checkedURL(for path: String, root: String) throws(Failure) -> URL {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !components.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else {
            throw Failure(path: path, message: "Refusing to write outside the output folder")
        }
        let url = directory.appendingPathComponent(path)
        let resolvedParent = OutputLocation.resolved(url.deletingLastPathComponent())
        guard resolvedParent == root || resolvedParent.hasPrefix(root + "/") else {
            throw Failure(path: url.path, message: "Refusing to write through a link that leads outside the output folder")
        }
        return url
    }

    private func createFolder(_ folder: URL) throws(Failure) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: folder.path, message: "Cannot create this folder: \(error.localizedDescription)")
        }
    }

    private func replace(_ target: URL, with data: Data) throws(Failure) {
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).samizdat-\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, target.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw Failure(path: target.path, message: "Cannot replace this file: \(reason)")
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw Failure(path: target.path, message: "Cannot write this file: \(error.localizedDescription)")
        }
    }

    private func removeEmptyFolders(from folder: URL, root: String) {
        var current = folder.standardizedFileURL
        while current.resolvingSymlinksInPath().path.hasPrefix(root + "/") {
            guard let contents = try? FileManager.default.contentsOfDirectory(atPath: current.path), contents.isEmpty else { return }
            try? FileManager.default.removeItem(at: current)
            current = current.deletingLastPathComponent()
        }
    }
}
