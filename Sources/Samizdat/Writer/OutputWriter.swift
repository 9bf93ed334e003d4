import Foundation
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// One file a build produces: its path below the output folder, the digest of what it is made
/// from (nil: always made, then compared), and how to make its bytes.
public struct OutputJob: Sendable {
    public var path: String
    public var digest: String?
    public var make: @Sendable () throws(OutputWriter.Failure) -> Data

    public init(path: String, digest: String?, make: @escaping @Sendable () throws(OutputWriter.Failure) -> Data) {
        self.path = path
        self.digest = digest
        self.make = make
    }

    /// A file with known bytes.
    public init(_ file: OutputFile) {
        path = file.path
        switch file.content {
        case .data(let data):
            digest = nil
            make = { data }
        case .copy(let source):
            // A copied file is made from its source's size and time: an unchanged photo is never read.
            digest = FileStamp.of(source.path).map { "copy \(source.path) \($0.size) \($0.modified)" }
            make = { () throws(OutputWriter.Failure) -> Data in
                guard let data = FileManager.default.contents(atPath: source.path) else {
                    throw OutputWriter.Failure(path: source.path, message: "Cannot read this file to copy it")
                }
                return data
            }
        }
    }
}

/// Writes a built site into an `OutputSink` without ever losing data.
///
/// - A file whose input digest and on-disk stamp are those recorded is not made again.
/// - A file whose new bytes equal the old ones is not touched (its modification time stays, so
///   rsync and CDNs see no change).
/// - Files are made and written by a bounded pool of workers, a window at a time, so the whole
///   site is never held in memory.
/// - A file is removed only if the database says a build of this tool wrote it and this build
///   does not; nothing outside the output folder is written or removed: every path is checked first.
public struct OutputWriter: Sendable {
    public struct Report: Sendable, Equatable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
        /// Files whose bytes were made (rendered or read) this time.
        public var made = 0
        /// The rows (by position) of the files made this time: the only ones that can differ from
        /// the previous build's (a file kept as recorded keeps its row).
        public var changedRows: [Int] = []
        /// The paths `previous` lists and the jobs do not (removed if they were still there),
        /// sorted: their rows are to be dropped.
        public var stale: [String] = []

        public init(written: Int = 0, unchanged: Int = 0, removed: Int = 0, made: Int = 0) {
            self.written = written
            self.unchanged = unchanged
            self.removed = removed
            self.made = made
        }

        /// Equal when the output folder changed alike; how many files were made along the way
        /// is work done, not a change, and is left out.
        public static func == (a: Report, b: Report) -> Bool {
            a.written == b.written && a.unchanged == b.unchanged && a.removed == b.removed
        }
    }

    public struct Failure: Error, Sendable {
        public var path: String
        public var message: String
    }

    public let sink: any OutputSink
    /// How many files are in flight at once.
    public var window: Int

    public init(sink: any OutputSink, window: Int = 256) {
        self.sink = sink
        self.window = max(1, window)
    }

    /// A writer into a folder on disk.
    public init(directory: URL) {
        self.init(sink: DiskSink(directory: directory))
    }

    /// Writes `jobs`, removes what `previous` lists and `jobs` do not, and returns the rows to
    /// record (one per job, in their order) with the report.
    ///
    /// `changedOnDisk`, when given, says which of `previous` were found changed or gone when their
    /// stamps were checked earlier in the build (`changedOnDisk(_:in:)`); the others are taken as
    /// they were recorded and not checked again. Without it, each file is checked as its turn comes.
    ///
    /// `beforeMaking`, when given, is told how many jobs have inputs other than recorded (their
    /// digest differs, or no file was recorded at their path), and which jobs go to the workers
    /// (indices into `jobs`: those to make, and those to check first when no earlier check was
    /// made), before any file is made: the build reads every post's text in one pass when many
    /// pages are to be made again, and keeps feed items only for the feed files to be made.
    ///
    /// `onlyThese`: `jobs` are some of the site's files (the edit path): the other files of
    /// `previous` stay, instead of being removed as no longer part of the site.
    public func write(_ jobs: [OutputJob], previous: [String: BuildDatabase.OutputRow],
                      changedOnDisk: Set<String>? = nil,
                      claiming claim: (([String]) throws(Failure) -> Void)? = nil,
                      beforeMaking: ((_ changedInputs: Int, _ toMake: [Int]) -> Void)? = nil,
                      onlyThese: Bool = false) throws(Failure) -> ([BuildDatabase.OutputRow], Report) {
        // Check every path before writing anything, so a bad one cannot leave a half-updated site.
        for job in jobs { try sink.check(job.path) }
        try sink.prepare()
        // One row per job, by position (every position is filled below, by the quick pass or by
        // a worker).
        var rows = Array(repeating: BuildDatabase.OutputRow(path: "", inputDigest: nil, sha256: "", stamp: nil), count: jobs.count)
        var report = Report()
        // Files whose inputs and bytes on disk are as recorded are settled in one quick pass; only
        // the rest go to the workers (an edit's build keeps all but a few of thousands of files).
        var toMake: [Int] = []
        // The same pass finds the paths no earlier build wrote (`claim`ed before any is written),
        // and counts the known ones: when every known path is planned again, none is stale.
        var newPaths: [String] = []
        var known = 0
        var changedInputs = 0
        for (index, job) in jobs.enumerated() {
            let recorded = previous[job.path]
            if recorded == nil { newPaths.append(job.path) } else { known += 1 }
            if job.digest != nil && recorded?.inputDigest != job.digest { changedInputs += 1 }
            if let changedOnDisk, let recorded, job.digest != nil, recorded.inputDigest == job.digest,
               recorded.stamp != nil, !changedOnDisk.contains(job.path) {
                rows[index] = recorded
                report.unchanged += 1
            } else {
                toMake.append(index)
            }
        }
        try claim?(newPaths)
        beforeMaking?(changedInputs, toMake)
        var start = 0
        while start < toMake.count {
            let chunk = Array(toMake[start..<min(start + window, toMake.count)])
            start += chunk.count
            let results = chunk.concurrentMap { index in
                Result { () throws(Failure) -> (BuildDatabase.OutputRow, Outcome) in try self.produce(jobs[index], previous: previous[jobs[index].path]) }
            }
            for (index, result) in zip(chunk, results) {
                let (row, outcome) = try result.get()
                rows[index] = row
                switch outcome {
                case .kept: report.unchanged += 1
                case .same: report.unchanged += 1; report.made += 1
                case .written: report.written += 1; report.made += 1
                }
                if outcome != .kept { report.changedRows.append(index) }
            }
        }
        report.changedRows.sort()
        // (Jobs have distinct paths: the plan's clash check sees to it.)
        // (`onlyThese`: the jobs are a few of the site's files, the others kept as they are.)
        if known < previous.count && !onlyThese {
            let planned = Set(jobs.map(\.path))
            // Only the paths to remove are sorted (sorting every path was a tenth of an edit's build).
            report.stale = previous.keys.filter { !planned.contains($0) }.sorted()
        }
        for path in report.stale {
            if try sink.remove(path) { report.removed += 1 }
        }
        sink.finish()
        return (rows, report)
    }

    /// Which of the files a build recorded are no longer on disk as it wrote them (edited by
    /// hand, replaced or removed): checked all at once, early in a build, on another thread.
    public static func changedOnDisk(_ previous: [String: BuildDatabase.OutputRow], in folder: URL) -> Set<String> {
        let rows = Array(previous.values)
        // Paths below the open folder: a `URL` per file was most of a no-op build's time.
        let handle = FolderHandle(folder.path)
        let intact = rows.concurrentMap { row in row.stamp != nil && handle.stamp(of: row.path) == row.stamp }
        return Set(zip(rows, intact).lazy.filter { !$0.1 }.map(\.0.path))
    }

    enum Outcome { case kept, same, written }

    private func produce(_ job: OutputJob, previous: BuildDatabase.OutputRow?) throws(Failure) -> (BuildDatabase.OutputRow, Outcome) {
        let current = sink.stamp(of: job.path)
        if let digest = job.digest, let previous, previous.inputDigest == digest, let current, current == previous.stamp {
            return (previous, .kept)
        }
        let data = try job.make()
        let sha = Digest.of(data)
        if let current, current.size == data.count {
            // Same bytes there already (an edit that changed nothing visible, a deleted database).
            let known = previous.map { $0.stamp == current && $0.sha256 == sha } ?? false
            if known || sink.read(job.path) == data {
                return (.init(path: job.path, inputDigest: job.digest, sha256: sha, stamp: current), .same)
            }
        }
        let stamp = try sink.write(data, to: job.path)
        return (.init(path: job.path, inputDigest: job.digest, sha256: sha, stamp: stamp), .written)
    }
}

/// Where a build's files go: a folder on disk, or memory (for the preview server and tests).
public protocol OutputSink: Sendable {
    /// Throws if `path` would land outside the output.
    func check(_ path: String) throws(OutputWriter.Failure)
    func prepare() throws(OutputWriter.Failure)
    func stamp(of path: String) -> FileStamp?
    func read(_ path: String) -> Data?
    /// Replaces the file whole; returns its new stamp.
    func write(_ data: Data, to path: String) throws(OutputWriter.Failure) -> FileStamp?
    /// Removes a file; false if there was none.
    func remove(_ path: String) throws(OutputWriter.Failure) -> Bool
    func finish()
}

/// An output folder on disk.
///
/// A file is written without a name in its folder and named when whole (Linux), or written under
/// a temporary name in `.samizdat-tmp/` inside the folder and renamed over the old one: no file
/// is ever half-written, and a build killed part way leaves temporary files only in that folder,
/// which the next build removes.
public struct DiskSink: OutputSink {
    public let directory: URL
    static let temporaryFolder = ".samizdat-tmp"
    /// Folders already checked (and created): thousands of files share a few hundred folders.
    private let folders = FolderCache()

    /// `directory.path` with a final `/`: joined with output paths as strings (URL is slow).
    private let prefix: String

    /// Whether files may be written without a name first (Linux's `O_TMPFILE`); tests turn it
    /// off to try the other way.
    let writesUnnamedFiles: Bool

    public init(directory: URL) {
        self.init(directory: directory, writesUnnamedFiles: true)
    }

    init(directory: URL, writesUnnamedFiles: Bool) {
        self.writesUnnamedFiles = writesUnnamedFiles
        self.directory = directory.standardizedFileURL
        prefix = self.directory.path.hasSuffix("/") ? self.directory.path : self.directory.path + "/"
    }

    private final class FolderCache: @unchecked Sendable {
        let lock = NSLock()
        var root: String?
        var ready: Set<String> = []
        var checked: Set<String> = []
        /// Whether `prepare` made the output folder: until `finish`, every file is new, and none is
        /// looked for.
        var madeByThisBuild = false
        private var opened: FolderHandle??

        /// The output folder, opened the first time it is there.
        func handle(_ directory: String) -> FolderHandle? {
            lock.withLock {
                if let opened { return opened }
                guard FileStamp.ofFolder(directory) != nil else { return nil }
                let handle = FolderHandle(directory)
                opened = .some(handle)
                return handle
            }
        }
    }

    private var temporary: URL { directory.appendingPathComponent(Self.temporaryFolder) }
    private var temporaryPath: String { prefix + Self.temporaryFolder }

    public func check(_ path: String) throws(OutputWriter.Failure) {
        guard Self.isPlainRelativePath(path), !(path == Self.temporaryFolder || path.hasPrefix(Self.temporaryFolder + "/")) else {
            throw OutputWriter.Failure(path: path, message: "Refusing to write outside the output folder")
        }
    }

    /// Not empty, not absolute, and no empty, `.` or `..` component; read as bytes, since every
    /// file of every build is checked.
    static func isPlainRelativePath(_ path: String) -> Bool {
        var componentLength = 0
        var dots = 0
        var isEmpty = true
        for byte in path.utf8 {
            isEmpty = false
            if byte == UInt8(ascii: "/") {
                if componentLength == 0 || dots == componentLength && dots <= 2 { return false }
                componentLength = 0
                dots = 0
            } else {
                componentLength += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return !isEmpty && componentLength > 0 && !(dots == componentLength && dots <= 2)
    }

    public func prepare() throws(OutputWriter.Failure) {
        let existed = FileStamp.ofFolder(directory.path) != nil
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            folders.lock.withLock { folders.madeByThisBuild = !existed }
            if FileManager.default.fileExists(atPath: temporary.path) { try FileManager.default.removeItem(at: temporary) }
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        } catch {
            throw OutputWriter.Failure(path: directory.path, message: "Cannot create the output folder: \(error.localizedDescription)")
        }
    }

    /// The URL of `path`, refusing a folder on the way that is a link leading outside the output.
    func checkedURL(for path: String) throws(OutputWriter.Failure) -> URL {
        URL(fileURLWithPath: try checkedPath(for: path))
    }

    /// The full path of `path`, refusing a folder on the way that is a link leading outside the
    /// output. (Strings, not URLs: Foundation's URL operations were a twentieth of a first build.)
    ///
    /// Each folder on the way is looked at once per build (`lstat`); only a link is resolved.
    func checkedPath(for path: String) throws(OutputWriter.Failure) -> String {
        try check(path)
        let full = prefix + path
        let folders = path.split(separator: "/").dropLast()
        var folderPrefix = ""
        for folder in folders {
            folderPrefix += (folderPrefix.isEmpty ? "" : "/") + folder
            if self.folders.lock.withLock({ self.folders.checked.contains(folderPrefix) }) { continue }
            let folderPath = prefix + folderPrefix
            var info = stat()
            if lstat(folderPath, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
                let root = self.folders.lock.withLock {
                    if let root = self.folders.root { return root }
                    self.folders.root = OutputLocation.resolved(directory)
                    return self.folders.root!
                }
                let resolved = OutputLocation.resolved(URL(fileURLWithPath: folderPath))
                guard resolved == root || resolved.hasPrefix(root + "/") else {
                    throw OutputWriter.Failure(path: full, message: "Refusing to write through a link that leads outside the output folder")
                }
            }
            _ = self.folders.lock.withLock { self.folders.checked.insert(folderPrefix) }
        }
        return full
    }

    /// The folder part of a full path (no final `/`).
    private static func parent(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == path.utf8.startIndex ? "/" : String(path[..<slash])
    }

    /// Creates the folder of the file at `path` once.
    private func createFolder(ofFile path: String) throws(OutputWriter.Failure) {
        let parent = Self.parent(of: path)
        if folders.lock.withLock({ folders.ready.contains(parent) }) { return }
        try Self.makeFolder(parent)
        _ = folders.lock.withLock { folders.ready.insert(parent) }
    }

    /// `mkdir -p`: `mkdir` straight away, and only when a parent is missing too, the parents
    /// first. (Foundation's `createDirectory(withIntermediateDirectories:)` looks at every
    /// folder of the path first: a third of a second of a first build of 10,000 posts.)
    private static func makeFolder(_ path: String) throws(OutputWriter.Failure) {
        if mkdir(path, 0o755) == 0 { return }
        var failure = errno
        if failure == ENOENT && path != "/" && path != "." {
            try makeFolder(parent(of: path))
            if mkdir(path, 0o755) == 0 { return }
            failure = errno
        }
        var info = stat()
        if failure == EEXIST && stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { return }
        if failure == EEXIST || failure == ENOTDIR {
            // A file is where a folder must be: the message names it.
            var culprit = path
            while culprit != "/" && !(lstat(culprit, &info) == 0 && (info.st_mode & S_IFMT) != S_IFDIR) { culprit = parent(of: culprit) }
            if culprit != "/" {
                throw OutputWriter.Failure(path: path, message: "Cannot create this folder: \(culprit) is a file, not a folder. Move it away and build again")
            }
        }
        throw OutputWriter.Failure(path: path, message: "Cannot create this folder: \(String(cString: strerror(failure)))")
    }

    public func stamp(of path: String) -> FileStamp? {
        // A first build's output folder holds only what this build wrote, one file per path: no
        // file it is about to write is there yet (14,000 `stat`s fewer for 10,000 posts).
        if folders.lock.withLock({ folders.madeByThisBuild }) { return nil }
        if let handle = folders.handle(directory.path) { return handle.stamp(of: path) }
        return FileStamp.of(prefix + path)
    }

    public func read(_ path: String) -> Data? {
        FileManager.default.contents(atPath: prefix + path)
    }

    public func write(_ data: Data, to path: String) throws(OutputWriter.Failure) -> FileStamp? {
        let target = try checkedPath(for: path)
        try createFolder(ofFile: target)
        #if os(Linux)
        if let stamp = try writeUnnamed(data, to: target) { return stamp }
        #endif
        let scratch = temporaryPath + "/" + UUID().uuidString
        // Plain POSIX calls: Foundation's `Data.write` also syncs every file to the disk, which
        // a site of thousands of files, rebuilt from its sources at will, does not need.
        let descriptor = open(scratch, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw OutputWriter.Failure(path: target, message: "Cannot write this file: \(String(cString: strerror(errno)))")
        }
        if let failure = Self.writeAll(data, to: descriptor) {
            close(descriptor)
            unlink(scratch)
            throw OutputWriter.Failure(path: target, message: "Cannot write this file: \(String(cString: strerror(failure)))")
        }
        if close(descriptor) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(scratch)
            throw OutputWriter.Failure(path: target, message: "Cannot write this file: \(reason)")
        }
        if rename(scratch, target) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(scratch)
            throw OutputWriter.Failure(path: target, message: "Cannot replace this file: \(reason)")
        }
        return FileStamp.of(target)
    }

    /// Writes `data` whole to `descriptor`; the `errno` of a failure, or nil.
    private static func writeAll(_ data: Data, to descriptor: Int32) -> Int32? {
        data.withUnsafeBytes { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
    }

    #if os(Linux)
    /// `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`), which Swift does not import from the C macro.
    private static let temporaryFileFlag: Int32 = 0o20000000 | O_DIRECTORY
    /// Set once the file system or the system refuses nameless files; the named way is used then.
    private static let unnamedUnsupported = AtomicFlag()

    /// Writes `data` as a nameless file in the target's own folder (`O_TMPFILE`), then gives it
    /// its name (`linkat`), or, when a file of that name is there, links it into `.samizdat-tmp/`
    /// and renames it over the old one. Nil when nameless files cannot be used here.
    ///
    /// A file appears whole or not at all, and a build killed part way leaves no temporary file
    /// behind. A new file's inode is made in its own folder instead of all of them in
    /// `.samizdat-tmp/`: on ext4 that one busy folder made a first build of 10,000 posts spend
    /// more time in the kernel than in Samizdat.
    private func writeUnnamed(_ data: Data, to target: String) throws(OutputWriter.Failure) -> FileStamp? {
        guard writesUnnamedFiles, !Self.unnamedUnsupported.isSet else { return nil }
        let descriptor = open(Self.parent(of: target), Self.temporaryFileFlag | O_WRONLY | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            // EISDIR or ENOENT from a kernel without O_TMPFILE, EOPNOTSUPP from a file system.
            Self.unnamedUnsupported.set()
            return nil
        }
        defer { close(descriptor) }
        if let failure = Self.writeAll(data, to: descriptor) {
            throw OutputWriter.Failure(path: target, message: "Cannot write this file: \(String(cString: strerror(failure)))")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let stamp = FileStamp(info)
        let handle = "/proc/self/fd/\(descriptor)"
        if linkat(AT_FDCWD, handle, AT_FDCWD, target, AT_SYMLINK_FOLLOW) == 0 { return stamp }
        guard errno == EEXIST else {
            // No /proc (some containers): nameless files cannot be named.
            Self.unnamedUnsupported.set()
            return nil
        }
        let scratch = temporaryPath + "/" + UUID().uuidString
        guard linkat(AT_FDCWD, handle, AT_FDCWD, scratch, AT_SYMLINK_FOLLOW) == 0 else { return nil }
        if rename(scratch, target) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(scratch)
            throw OutputWriter.Failure(path: target, message: "Cannot replace this file: \(reason)")
        }
        return stamp
    }

    /// A flag set once, read by every writing thread.
    private final class AtomicFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }
    #endif

    public func remove(_ path: String) throws(OutputWriter.Failure) -> Bool {
        guard let target = try? checkedURL(for: path) else { return false }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return false }
        do {
            try FileManager.default.removeItem(at: target)
        } catch {
            throw OutputWriter.Failure(path: target.path, message: "Cannot remove this file left by an earlier build: \(error.localizedDescription)")
        }
        folders.lock.withLock { folders.ready.removeAll(); folders.checked.removeAll() }
        removeEmptyFolders(from: target.deletingLastPathComponent())
        return true
    }

    public func finish() {
        try? FileManager.default.removeItem(at: temporary)
        // The files are there now: whoever asks next is told their stamps.
        folders.lock.withLock { folders.madeByThisBuild = false }
    }

    private func removeEmptyFolders(from folder: URL) {
        let root = OutputLocation.resolved(directory)
        var current = folder.standardizedFileURL
        while OutputLocation.resolved(current).hasPrefix(root + "/") {
            guard let contents = try? FileManager.default.contentsOfDirectory(atPath: current.path), contents.isEmpty else { return }
            try? FileManager.default.removeItem(at: current)
            current = current.deletingLastPathComponent()
        }
    }
}

/// Output kept in memory, by path.
public final class MemorySink: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: (data: Data, stamp: FileStamp)] = [:]
    private var clock: Int64 = 0

    public init() {}

    /// Every file, by path.
    public var contents: [String: Data] { lock.withLock { files.mapValues(\.data) } }

    public func check(_ path: String) throws(OutputWriter.Failure) {
        try DiskSink(directory: URL(fileURLWithPath: "/")).check(path)
    }

    public func prepare() throws(OutputWriter.Failure) {}

    public func stamp(of path: String) -> FileStamp? { lock.withLock { files[path]?.stamp } }

    public func read(_ path: String) -> Data? { lock.withLock { files[path]?.data } }

    public func write(_ data: Data, to path: String) throws(OutputWriter.Failure) -> FileStamp? {
        lock.withLock {
            clock += 1
            let stamp = FileStamp(size: data.count, modified: clock)
            files[path] = (data, stamp)
            return stamp
        }
    }

    public func remove(_ path: String) throws(OutputWriter.Failure) -> Bool {
        lock.withLock { files.removeValue(forKey: path) != nil }
    }

    public func finish() {}
}
