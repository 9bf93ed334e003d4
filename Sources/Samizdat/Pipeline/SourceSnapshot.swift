import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a build reads from a site, by file time and size: `site.yml`, `Content/`, `Templates/`
/// and `Public/`, seen the way the build sees them (the same hidden-file and link rules).
///
/// `samizdat serve` compares snapshots to know when to build again. Where the system tells it
/// which paths changed (`SourceEvents`), it looks at those again (`refresh`); elsewhere it scans
/// the whole site: one `readdir` per folder and one `stat` per file, a few milliseconds for
/// 10,000 posts, half a second for 100,000.
public struct SourceSnapshot: Equatable, Sendable {
    /// The folders a build reads below the site, and whether their hidden files count. Hugo's
    /// `content/` and `static/` too: the build reads them when `Content/` or `Public/` is absent.
    public static let folders: [(name: String, includingHidden: Bool)] =
        [("Content", false), ("Templates", false), ("Public", true), ("content", false), ("static", true)]

    /// Every file, by its path from the site's folder.
    private var files: [String: FileStamp] = [:]
    /// The folders that held files when they were last looked at (so that a path that is gone
    /// is searched for files below it only if it was a folder). Not compared: it only speeds up.
    private var folderPaths: Set<String> = []
    /// The files that are links: looked at again on every `refresh`, since their stamps are their
    /// targets', which change without anything happening to the links. Not compared either.
    private var links: Set<String> = []
    let site: URL

    public init(site: URL) {
        self.site = site.standardizedFileURL
        for folder in Self.folders {
            for entry in FileTree.scan(self.site.appendingPathComponent(folder.name), includingHidden: folder.includingHidden) {
                add(folder.name + "/" + entry.path, entry.stamp, isLink: entry.isLink)
            }
        }
        if let stamp = FileStamp.of(self.site.appendingPathComponent("site.yml").path) { files["site.yml"] = stamp }
    }

    public static func == (lhs: SourceSnapshot, rhs: SourceSnapshot) -> Bool {
        lhs.files == rhs.files
    }

    /// The files added, removed or changed between `self` and `other`, sorted.
    public func changes(since other: SourceSnapshot) -> [String] {
        Set(files.keys).union(other.files.keys).filter { files[$0] != other.files[$0] }.sorted()
    }

    /// Looks again at `paths` (from the site's folder: files or folders, there or gone) as a scan
    /// of the whole site would see them, and returns the files that were added, removed or
    /// changed, sorted. After it the snapshot is what a new scan would make, as far as the files
    /// below those paths go.
    ///
    /// `SiteWatcher` passes the paths that the system said something happened to, so that a save
    /// costs a `stat` or two rather than a scan of every file.
    public mutating func refresh(_ paths: some Sequence<String>) -> [String] {
        var changed: Set<String> = []
        for path in Set(paths).union(links) {
            if path == "site.yml" {
                let stamp = FileStamp.of(site.appendingPathComponent("site.yml").path)
                if files["site.yml"] != stamp {
                    files["site.yml"] = stamp
                    changed.insert(path)
                }
                continue
            }
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            guard let folder = Self.folders.first(where: { $0.name == parts[0] }) else { continue }
            // Nothing below a name that a scan skips is ever in the snapshot.
            if parts.dropFirst().contains(where: { $0.isEmpty || FileTree.ignoredNames.contains(String($0)) || (!folder.includingHidden && $0.hasPrefix(".")) }) {
                continue
            }
            let found = look(at: path, in: folder)
            // What the snapshot held at the path or below it.
            var held: [String: FileStamp] = [:]
            if let stamp = files[path] { held[path] = stamp }
            if folderPaths.contains(path) {
                let prefix = path + "/"
                for (key, stamp) in files where key.hasPrefix(prefix) { held[key] = stamp }
                folderPaths = folderPaths.filter { $0 != path && !$0.hasPrefix(prefix) }
            }
            for (key, stamp) in held where found[key]?.stamp != stamp {
                files[key] = nil
                links.remove(key)
                changed.insert(key)
            }
            for (key, entry) in found {
                if held[key] != entry.stamp { changed.insert(key) }
                add(key, entry.stamp, isLink: entry.isLink)
            }
        }
        return changed.sorted()
    }

    /// The files below `folder` (one of `folders`), as `FileTree.scan` of it lists them: their
    /// paths below it, sorted.
    func entries(below folder: String) -> [FileTree.Entry] {
        let prefix = folder + "/"
        var list: [FileTree.Entry] = []
        for (path, stamp) in files where path.hasPrefix(prefix) {
            list.append(FileTree.Entry(path: String(path.dropFirst(prefix.count)), stamp: stamp, isLink: links.contains(path)))
        }
        list.sort { $0.path < $1.path }
        return list
    }

    private mutating func add(_ path: String, _ stamp: FileStamp, isLink: Bool) {
        files[path] = stamp
        if isLink { links.insert(path) } else { links.remove(path) }
        var folder = Substring(path)
        while let slash = folder.lastIndex(of: "/") {
            folder = folder[..<slash]
            if folderPaths.insert(String(folder)).inserted == false { break }
        }
    }

    /// What a scan of `folder` finds at `path` now: the file, the files below the folder, or none.
    private func look(at path: String, in folder: (name: String, includingHidden: Bool)) -> [String: FileTree.Entry] {
        let root = site.appendingPathComponent(folder.name)
        func entries(_ list: [FileTree.Entry], below prefix: String) -> [String: FileTree.Entry] {
            Dictionary(list.map { (prefix + "/" + $0.path, $0) }, uniquingKeysWith: { first, _ in first })
        }
        if path == folder.name {
            return entries(FileTree.scan(root, includingHidden: folder.includingHidden), below: path)
        }
        let full = site.appendingPathComponent(path).path
        var info = stat()
        guard lstat(full, &info) == 0 else { return [:] }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return [path: FileTree.Entry(path: path, stamp: FileStamp(info))]
        case S_IFDIR:
            guard let base = realpath(root.path, nil) else { return [:] }
            defer { free(base) }
            return entries(FileTree.scan(URL(fileURLWithPath: full), includingHidden: folder.includingHidden, linksWithin: String(cString: base)), below: path)
        case S_IFLNK:
            // As the scan: a link counts only if it leads to a file inside the folder.
            guard let base = realpath(root.path, nil) else { return [:] }
            defer { free(base) }
            guard let target = realpath(full, nil) else { return [:] }
            defer { free(target) }
            let resolved = String(cString: target)
            guard resolved.hasPrefix(String(cString: base) + "/"), let stamp = FileStamp.of(resolved) else { return [:] }
            return [path: FileTree.Entry(path: path, stamp: stamp, isLink: true)]
        default:
            return [:]
        }
    }
}
