import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file found below a folder, with what `stat` says about it.
public struct FileStamp: Sendable, Hashable, Codable {
    public var size: Int
    /// Modification time in nanoseconds since 1970.
    public var modified: Int64

    public init(size: Int, modified: Int64) {
        self.size = size
        self.modified = modified
    }

    /// Whether a file with this stamp, seen at `checked` (ns since 1970), can be trusted to be
    /// unchanged while its stamp stays the same.
    ///
    /// A change within the same tick of the file system's clock keeps the time (the "racy git"
    /// problem), so the file must have been last changed more than a tick before it was seen.
    /// A tick is at most 10 ms where times have nanoseconds (ext4, APFS, btrfs); where they are
    /// whole seconds (FAT and exFAT on USB sticks count in 2 s, HFS+ and ext3 in 1 s) it is 2 s.
    public func isSettled(at checked: Int64) -> Bool {
        let tick: Int64 = modified % 1_000_000_000 == 0 ? 2_000_000_000 : 50_000_000
        return modified < checked - tick
    }

    /// `stat` of one file (following links); nil if it does not exist or is not a regular file.
    public static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileStamp(info)
    }

    /// `stat` of a folder: its modification time changes when a file is added or removed.
    static func ofFolder(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return FileStamp(info)
    }

    init(_ info: stat) {
        size = Int(info.st_size)
        #if canImport(Darwin)
        modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
    }
}

/// An open folder, to `stat` the files below it by relative path: the kernel then walks only
/// the path below the folder, not the whole path from the root, for each of thousands of files.
final class FolderHandle: Sendable {
    private let descriptor: Int32
    /// The folder's path with a final `/`, for when it could not be opened.
    private let prefix: String

    init(_ folder: String) {
        prefix = folder.hasSuffix("/") ? folder : folder + "/"
        descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// `FileStamp.of` the file at `path` below the folder.
    func stamp(of path: String) -> FileStamp? {
        path.withCString(stamp(ofCString:))
    }

    /// The same, for a path that already is a C string (`OutputStamps` reads them from its file).
    func stamp(ofCString path: UnsafePointer<CChar>) -> FileStamp? {
        guard descriptor >= 0 else { return FileStamp.of(prefix + String(cString: path)) }
        var info = stat()
        guard fstatat(descriptor, path, &info, 0) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileStamp(info)
    }
}

/// Lists files below a folder, as sorted relative paths with `/`, with their size and time.
///
/// Hidden files and folders are skipped unless asked for; `.git` and the like always are. A link
/// is followed only to a file inside the folder; linked folders are not entered. One `readdir`
/// and one `stat` per entry: listing 100,000 posts takes a fraction of a second.
enum FileTree {
    /// Never part of a site, even where hidden files are (`Public/.well-known/` is).
    static let ignoredNames: Set<String> = [".git", ".DS_Store", "Thumbs.db", ".svn", ".hg"]

    static func files(in directory: URL, includingHidden: Bool = false) -> [String] {
        scan(directory, includingHidden: includingHidden).map(\.path)
    }

    struct Entry: Sendable {
        var path: String
        var stamp: FileStamp
        /// A link to a file of the folder: its stamp is its target's.
        var isLink = false
        /// False for a link that leads nowhere, out of the folder or to a folder: listed only when
        /// asked for (`SourceSnapshot` looks at such links again, as their targets may come).
        var counts = true
    }

    /// `linksWithin`: the real path of the folder that links must lead into, when `directory`
    /// is a folder below it (`SourceSnapshot.refresh` lists one folder of `Content/` again as
    /// the scan of all `Content/` lists it).
    static func scan(_ directory: URL, includingHidden: Bool = false, linksWithin outer: String? = nil,
                     keepingUncountedLinks: Bool = false) -> [Entry] {
        guard let resolved = realpath(directory.standardizedFileURL.path, nil) else { return [] }
        let listed = String(cString: resolved)
        free(resolved)
        let base = outer ?? listed
        // The first two levels are listed here; the folders below them (a posts folder's years,
        // or months) are walked on all cores.
        var result: [Entry] = []
        var second: [Folder]? = []
        walk(listed, relative: "", base: base, includingHidden: includingHidden, into: &result, deferring: &second)
        var deeper: [Folder]? = []
        for folder in second ?? [] {
            walk(folder.path, relative: folder.relative, base: base, includingHidden: includingHidden, into: &result, deferring: &deeper)
        }
        for part in (deeper ?? []).concurrentMap({ folder -> [Entry] in
            var entries: [Entry] = []
            var none: [Folder]?
            walk(folder.path, relative: folder.relative, base: base, includingHidden: includingHidden, into: &entries, deferring: &none)
            return entries
        }) {
            result += part
        }
        if !keepingUncountedLinks { result.removeAll { !$0.counts } }
        result.sort { $0.path < $1.path }
        return result
    }

    private typealias Folder = (path: String, relative: String)

    /// Lists `folder`: files go to `result`; subfolders are walked too, or, when `deferred` is
    /// not nil, added to it to be walked later.
    private static func walk(_ folder: String, relative: String, base: String, includingHidden: Bool, into result: inout [Entry],
                             deferring deferred: inout [Folder]?) {
        guard let stream = opendir(folder) else { return }
        defer { closedir(stream) }
        let descriptor = dirfd(stream)
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) { String(cString: $0) }
            }
            if name == "." || name == ".." || ignoredNames.contains(name) { continue }
            if !includingHidden && name.hasPrefix(".") { continue }
            names.append(name)
        }
        for name in names {
            let path = folder + "/" + name
            let relativePath = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            // Relative to the open folder: the kernel does not walk the whole path again.
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if deferred != nil {
                    deferred!.append((path, relativePath))
                } else {
                    var none: [Folder]?
                    walk(path, relative: relativePath, base: base, includingHidden: includingHidden, into: &result, deferring: &none)
                }
            case S_IFREG, S_IFLNK:
                result.append(entry(path, relative: relativePath, info: info, linksWithin: base))
            default:
                continue
            }
        }
    }

    /// What a scan lists for the file or link at `path` (`info` its `lstat`, not followed): a link
    /// counts only if it leads to a file inside `base` (a real path), and takes that file's stamp;
    /// any other link is listed as not counting (`Entry.counts`).
    static func entry(_ path: String, relative: String, info: stat, linksWithin base: String) -> Entry {
        guard (info.st_mode & S_IFMT) == S_IFLNK else { return Entry(path: relative, stamp: FileStamp(info)) }
        let uncounted = Entry(path: relative, stamp: FileStamp(size: -1, modified: 0), isLink: true, counts: false)
        guard let target = realpath(path, nil) else { return uncounted }
        let resolved = String(cString: target)
        free(target)
        guard resolved.hasPrefix(base + "/"), let stamp = FileStamp.of(resolved) else { return uncounted }
        return Entry(path: relative, stamp: stamp, isLink: true)
    }
}
