import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The system telling which of a site's sources something happened to (Linux's inotify), so that
/// `samizdat serve` need not scan the whole site to notice a save: at 100,000 posts a scan is
/// half a second of `stat`s, and scanning five times a second kept a core busy while nothing changed.
///
/// Every folder the build reads is watched (`SourceSnapshot.folders`, with the same rules for hidden
/// files and links), and the site's own folder for `site.yml` and for those folders coming and
/// going. What it reports are only hints: `SourceSnapshot.refresh` looks at the paths again to
/// know what really changed.
///
/// Not available (`init` throws) where there is no inotify (macOS), or when the system's limit on
/// watches (`fs.inotify.max_user_watches`) is reached, then or later (`wait` throws); the preview
/// server then scans as before. Folders on network and shared file systems may change without the
/// system knowing: `serve --poll` scans.
public final class SourceEvents: @unchecked Sendable {
    #if os(Linux)
    private let descriptor: Int32
    private let site: String
    /// Each watched folder, by watch: its paths from the site's folder ("" for the site's own).
    /// One folder may have several: `Public` a link to `static`, or `Content` and `content` on
    /// a file system that ignores case.
    private var folders: [Int32: [String]] = [:]
    /// Why the watch ended (the system's limit reached by a new folder, or `stop`): `wait` then
    /// throws it, and the caller scans instead.
    private var failure: Unavailable?
    /// For tests: how many folders may be watched (as if the system's limit were that).
    private let limit: Int?
    private var closed = false
    private let lock = NSLock()

    private static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB | IN_MOVED_FROM | IN_MOVED_TO)
    #endif

    /// Why the folders cannot be watched, said for the author.
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String

        static let limitReached = Unavailable(description: "the system's limit on watched folders is reached (fs.inotify.max_user_watches)")
    }

    public convenience init(site: URL) throws(Unavailable) {
        try self.init(site: site, limit: nil)
    }

    init(site: URL, limit: Int?) throws(Unavailable) {
        #if os(Linux)
        self.site = site.standardizedFileURL.path
        self.limit = limit
        descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard descriptor >= 0 else {
            throw Unavailable(description: "inotify cannot start: \(String(cString: strerror(errno)))")
        }
        guard watchAll() else {
            close(descriptor)
            throw .limitReached
        }
        #else
        throw Unavailable(description: "this system has no inotify")
        #endif
    }

    deinit {
        #if os(Linux)
        if !closed { close(descriptor) }
        #endif
    }

    /// Ends the watch: its watches go back to the system (whose limit they count against).
    /// `wait` throws from then on.
    public func stop() {
        #if os(Linux)
        lock.lock()
        defer { lock.unlock() }
        if !closed {
            close(descriptor)
            closed = true
            failure = failure ?? Unavailable(description: "the watch was stopped")
            folders = [:]
        }
        #endif
    }

    /// Waits until something happens to a source, then until `quiet` passes without anything
    /// more (a file saved in several writes, a folder copied in; at most a second after the
    /// first event), or until `timeout` passes with nothing at all. Returns the paths, from the
    /// site's folder, that something happened to: empty after a timeout. Events that no build
    /// would see (hidden files of `Content/`, the output and `.samizdat/` folders) neither wake
    /// it nor count. Throws once a new folder cannot be watched (the system's limit): changes
    /// may then be missed, and the caller must scan.
    public func wait(timeout: Duration, quiet: Duration = .milliseconds(50)) throws(Unavailable) -> Set<String> {
        #if os(Linux)
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        var paths: Set<String> = []
        let deadline = ContinuousClock.now + timeout
        // After the first event: when to stop waiting for more, once it has been quiet or at the
        // latest (however busy the folders are, a build comes within a second of it).
        var settle: (quiet: ContinuousClock.Instant, latest: ContinuousClock.Instant)?
        while true {
            let now = ContinuousClock.now
            let until = settle.map { min($0.quiet, $0.latest) } ?? deadline
            if now >= until { break }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let left = until - now
            let milliseconds = Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
            let ready = poll(&poller, 1, milliseconds)
            if ready < 0 && errno != EINTR { break }
            if ready <= 0 { continue }
            if readEvents(into: &paths) {
                let now = ContinuousClock.now
                settle = (now + quiet, settle?.latest ?? now + .seconds(1))
            }
        }
        if let failure { throw failure }
        return paths
        #else
        return []
        #endif
    }

    #if os(Linux)
    /// Reads the events waiting, adding the paths they name, and watches new folders. Returns
    /// whether any event named a path.
    private func readEvents(into paths: inout Set<String>) -> Bool {
        var named = false
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        var rewatch = false
        while true {
            let count = read(descriptor, buffer, size)
            guard count > 0 else { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = buffer + offset + MemoryLayout<inotify_event>.size
                let name = event.len > 0 ? String(cString: nameStart.assumingMemoryBound(to: CChar.self)) : ""
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
                if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    // Events were lost: every folder is looked at again.
                    paths.formUnion(["site.yml"] + SourceSnapshot.folders.map(\.name))
                    (named, rewatch) = (true, true)
                    continue
                }
                if event.mask & UInt32(IN_IGNORED) != 0 {
                    folders[event.wd] = nil
                    continue
                }
                guard let names = folders[event.wd], !name.isEmpty else { continue }
                let isFolder = event.mask & UInt32(IN_ISDIR) != 0
                for folder in names {
                    if folder.isEmpty {
                        // The site's own folder: site.yml, and the folders the build reads.
                        guard name == "site.yml" || SourceSnapshot.folders.contains(where: { $0.name == name }) else { continue }
                        paths.insert(name)
                        named = true
                        if name != "site.yml" { rewatch = true }
                        continue
                    }
                    guard Self.counts(name, in: folder) else { continue }
                    let path = folder + "/" + name
                    paths.insert(path)
                    named = true
                    if isFolder && event.mask & UInt32(IN_MOVED_FROM | IN_MOVED_TO) != 0 {
                        // The watches below a moved folder hold its old path.
                        rewatch = true
                    } else if isFolder && event.mask & UInt32(IN_CREATE) != 0 {
                        // A new folder, maybe with files already in it (`cp -r`, `mkdir -p`).
                        if !watchTree(path) { failure = .limitReached }
                    }
                }
            }
        }
        if rewatch && failure == nil && !watchAll() { failure = .limitReached }
        return named
    }

    /// Whether a scan would see the file or folder `name` in `folder` (a path from the site's folder).
    private static func counts(_ name: String, in folder: String) -> Bool {
        if name == "." || name == ".." || FileTree.ignoredNames.contains(name) { return false }
        if name.hasPrefix(".") {
            let top = folder.prefix { $0 != "/" }
            return SourceSnapshot.folders.first { $0.name == top }?.includingHidden ?? false
        }
        return true
    }

    /// Watches the site's folder and every folder the build reads, from scratch; false if the
    /// system's limit is reached.
    @discardableResult
    private func watchAll() -> Bool {
        let before = folders
        folders = [:]
        if watch(site, as: "") != nil { return false }
        for folder in SourceSnapshot.folders where !watchTree(folder.name) {
            return false
        }
        for (old, _) in before where folders[old] == nil {
            inotify_rm_watch(descriptor, old)
        }
        return true
    }

    /// Watches the folder at `path` (from the site's folder) and the folders below it that a scan
    /// enters (not hidden where hidden files do not count, not links).
    private func watchTree(_ path: String) -> Bool {
        let full = site + "/" + path
        if let failure = watch(full, as: path) {
            // Gone already, or not a folder: nothing to watch. Only the limit is a failure.
            return failure != ENOSPC && failure != ENOMEM
        }
        guard let stream = opendir(full) else { return true }
        defer { closedir(stream) }
        var below: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) { String(cString: $0) }
            }
            guard Self.counts(name, in: path) else { continue }
            var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                var info = stat()
                isFolder = lstat(full + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            if isFolder { below.append(path + "/" + name) }
        }
        for folder in below where !watchTree(folder) {
            return false
        }
        return true
    }

    /// Watches one folder; the error number if it cannot be.
    private func watch(_ full: String, as path: String) -> Int32? {
        if let limit, folders.count >= limit { return ENOSPC }
        // The folders the build reads may be links (followed, as the scan follows them); nothing below them is.
        let onlyFolders = UInt32(IN_ONLYDIR) | (path.contains("/") ? UInt32(IN_DONT_FOLLOW) : 0)
        let watch = inotify_add_watch(descriptor, full, Self.mask | onlyFolders)
        guard watch >= 0 else { return errno }
        if !folders[watch, default: []].contains(path) { folders[watch, default: []].append(path) }
        return nil
    }
    #endif
}
