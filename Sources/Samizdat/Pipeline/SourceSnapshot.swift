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
    /// Every link, counted or not: looked at again on every `refresh`, since what they lead to
    /// changes without anything happening to them (a counted link's stamp is its target's; a
    /// link to a file not there yet counts once the file comes). Not compared either.
    private var links: Set<String> = []
    /// False once two paths were taken for one (Swift compares strings by their Unicode
    /// meaning: `café.md` written in two normal forms is two files on Linux, one key here);
    /// builds then scan for themselves (`entries(below:)` is nil).
    private var isExact = true
    let site: URL

    public init(site: URL) {
        self.site = site.standardizedFileURL
        for folder in Self.folders {
            for entry in FileTree.scan(self.site.appendingPathComponent(folder.name), includingHidden: folder.includingHidden,
                                       keepingUncountedLinks: true) {
                add(folder.name + "/" + entry.path, entry)
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
    /// below those paths (and every link) go.
    ///
    /// `SiteWatcher` passes the paths that the system said something happened to, so that a save
    /// costs a `stat` or two rather than a scan of every file.
    public mutating func refresh(_ paths: some Sequence<String>) -> [String] {
        var changed: Set<String> = []
        var looked: [(path: String, found: [String: FileTree.Entry])] = []
        // Each folder's real path, found once per refresh (every link is looked at each time).
        var roots: [String: String] = [:]
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
            looked.append((path, look(at: path, in: folder, parts: parts, roots: &roots)))
        }
        // What the snapshot held at each path or below it: the files below the folders among
        // them are found in one pass over every file, by their folders.
        let folders = Set(looked.map(\.path).filter(folderPaths.contains))
        var below: [String: [String: FileStamp]] = [:]
        if !folders.isEmpty {
            for (key, stamp) in files {
                var folder = Substring(key)
                while let slash = folder.lastIndex(of: "/") {
                    folder = folder[..<slash]
                    if folders.contains(String(folder)) { below[String(folder), default: [:]][key] = stamp }
                }
            }
            folderPaths = folderPaths.filter { path in
                var folder = Substring(path)
                while true {
                    if folders.contains(String(folder)) { return false }
                    guard let slash = folder.lastIndex(of: "/") else { return true }
                    folder = folder[..<slash]
                }
            }
        }
        // All that was held is taken out first, then all that was found put in: a path named
        // twice (a folder, a file in it) comes out as a scan would have it.
        var held: [String: FileStamp] = [:]
        for (path, _) in looked {
            if let index = files.index(forKey: path) {
                held[path] = files[index].value
                // The same name to Swift, another to the file system (see `isExact`).
                if !files[index].key.utf8.elementsEqual(path.utf8) { isExact = false }
            }
            for (key, stamp) in below[path] ?? [:] { held[key] = stamp }
            links.remove(path)
        }
        for (key, _) in held {
            files[key] = nil
            links.remove(key)
        }
        var found: [String: FileTree.Entry] = [:]
        for (_, entries) in looked {
            found.merge(entries) { first, _ in first }
        }
        for (key, entry) in found {
            add(key, entry)
        }
        for key in Set(held.keys).union(found.keys) where held[key] != files[key] {
            changed.insert(key)
        }
        return changed.sorted()
    }

    /// The files below `folder` (one of `folders`), as `FileTree.scan` of it lists them: their
    /// paths below it, sorted. Nil if the snapshot cannot stand for a scan (see `isExact`).
    func entries(below folder: String) -> [FileTree.Entry]? {
        guard isExact else { return nil }
        let prefix = folder + "/"
        var list: [FileTree.Entry] = []
        for (path, stamp) in files where path.hasPrefix(prefix) {
            list.append(FileTree.Entry(path: String(path.dropFirst(prefix.count)), stamp: stamp, isLink: links.contains(path)))
        }
        list.sort { $0.path < $1.path }
        return list
    }

    private mutating func add(_ path: String, _ entry: FileTree.Entry) {
        if entry.isLink { links.insert(path) } else { links.remove(path) }
        guard entry.counts else { return }
        if files.updateValue(entry.stamp, forKey: path) != nil {
            // (Only `init` and `refresh`, which takes the paths out first, add: a key already
            // there is another spelling of the same name.)
            isExact = false
        }
        var folder = Substring(path)
        while let slash = folder.lastIndex(of: "/") {
            folder = folder[..<slash]
            if folderPaths.insert(String(folder)).inserted == false { break }
        }
    }

    /// What a scan of `folder` finds at `path` now: the file, the files below the folder, or
    /// none; links that do not count are listed too, not counting.
    private mutating func look(at path: String, in folder: (name: String, includingHidden: Bool), parts: [Substring],
                               roots: inout [String: String]) -> [String: FileTree.Entry] {
        let root = site.appendingPathComponent(folder.name)
        var collided = false
        defer { if collided { isExact = false } }
        func entries(_ list: [FileTree.Entry], below prefix: String) -> [String: FileTree.Entry] {
            let found = Dictionary(list.map { (prefix + "/" + $0.path, $0) }, uniquingKeysWith: { first, _ in first })
            if found.count != list.count { collided = true }
            return found
        }
        if path == folder.name {
            return entries(FileTree.scan(root, includingHidden: folder.includingHidden, keepingUncountedLinks: true), below: path)
        }
        // A scan enters no linked folder: below a link (or a file) on the way, nothing counts.
        var way = root.path
        for part in parts.dropFirst().dropLast() {
            way += "/" + part
            var info = stat()
            guard lstat(way, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return [:] }
        }
        func realRoot() -> String? {
            if let known = roots[folder.name] { return known }
            guard let resolved = realpath(root.path, nil) else { return nil }
            defer { free(resolved) }
            roots[folder.name] = String(cString: resolved)
            return roots[folder.name]
        }
        let full = site.path + "/" + path
        var info = stat()
        guard lstat(full, &info) == 0 else { return [:] }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            guard let base = realRoot() else { return [:] }
            return entries(FileTree.scan(URL(fileURLWithPath: full), includingHidden: folder.includingHidden, linksWithin: base,
                                         keepingUncountedLinks: true), below: path)
        case S_IFREG, S_IFLNK:
            return [path: FileTree.entry(full, relative: path, info: info, linksWithin: realRoot() ?? root.path)]
        default:
            return [:]
        }
    }
}
