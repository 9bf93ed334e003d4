import Foundation

/// Checks that an output folder can be written and pruned without touching the site's sources.
public enum OutputLocation {
    static let sourceFolders = ["Content", "Templates", "Public", ".samizdat"]
    /// Where `samizdat serve` builds the site it serves: inside `.samizdat/` (a cache, safe to
    /// delete) rather than `Output/`, so previewing with a local `base_url` never changes the
    /// published files. The one output folder allowed inside a source folder.
    public static let previewFolder = ".samizdat/serve"
    /// Where `samizdat publish` builds each mirror's copy of the site (`.samizdat/publish/<name>/site`).
    public static let publishFolder = ".samizdat/publish"

    /// Problems with building into `output` for the site in `site`: it may not be the site folder,
    /// hold it, or be (or sit inside) one of its source folders.
    public static func problems(output: URL, site: URL) -> [Diagnostic] {
        let outputPath = resolved(output)
        let sitePath = resolved(site)
        func isInside(_ path: String, _ folder: String) -> Bool { folder == "/" || path == folder || path.hasPrefix(folder + "/") }

        if isInside(sitePath, outputPath) {
            let what = outputPath == sitePath ? "is the site folder itself" : "contains the site folder"
            return [.error("The output folder '\(output.path)' \(what); building there could overwrite or delete your sources. Choose an empty folder such as '\(site.appendingPathComponent("Output").path)'")]
        }
        if outputPath == resolved(site.appendingPathComponent(previewFolder)) { return [] }
        if isInside(outputPath, resolved(site.appendingPathComponent(publishFolder))) && outputPath != resolved(site.appendingPathComponent(publishFolder)) { return [] }
        for name in sourceFolders {
            let folder = resolved(site.appendingPathComponent(name))
            if isInside(outputPath, folder) {
                return [.error("The output folder '\(output.path)' is inside the site's \(name)/ folder; building there would mix generated files with your sources. Choose a folder outside it, such as '\(site.appendingPathComponent("Output").path)'")]
            }
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            return [.error("The output path '\(output.path)' is a file, not a folder")]
        }
        return []
    }

    /// The absolute path with `..` and symbolic links resolved, also for folders that do not exist
    /// yet (their nearest existing parent is resolved).
    static func resolved(_ url: URL) -> String {
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path) && existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        var path = existing.resolvingSymlinksInPath().path
        for component in rest { path += (path.hasSuffix("/") ? "" : "/") + component }
        return path
    }
}
