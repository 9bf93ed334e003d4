import Foundation

/// What a build reads from a site, by file time and size: `site.yml`, `Content/`, `Templates/`
/// and `Public/`, seen the way the build sees them (the same hidden-file and link rules).
///
/// `samizdat serve` compares two snapshots to know when to build again: a scan of 10,000 posts
/// is one `readdir` per folder and one `stat` per file, a few milliseconds.
public struct SourceSnapshot: Equatable, Sendable {
    private var files: [String: FileStamp] = [:]

    public init(site: URL) {
        let site = site.standardizedFileURL
        // Hugo's `content/` and `static/` too: the build reads them when `Content/` or `Public/` is absent.
        for (folder, hidden) in [("Content", false), ("Templates", false), ("Public", true), ("content", false), ("static", true)] {
            for entry in FileTree.scan(site.appendingPathComponent(folder), includingHidden: hidden) {
                files[folder + "/" + entry.path] = entry.stamp
            }
        }
        files["site.yml"] = FileStamp.of(site.appendingPathComponent("site.yml").path)
    }

    /// The files added, removed or changed between `self` and `other`, sorted.
    public func changes(since other: SourceSnapshot) -> [String] {
        Set(files.keys).union(other.files.keys).filter { files[$0] != other.files[$0] }.sorted()
    }
}
