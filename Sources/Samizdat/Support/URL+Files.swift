import Foundation

extension URL {
    /// The file at `path` (relative, `/`-separated) below this folder.
    ///
    /// Not `appendingPathComponent(_:)`: without a hint it asks the file system whether the new
    /// path is a folder (an `fstatat` and Foundation's URL parsing for each of the thousands of
    /// files a build reads).
    func appendingFile(_ path: String) -> URL {
        let folder = self.path
        return URL(fileURLWithPath: folder.hasSuffix("/") ? folder + path : folder + "/" + path, isDirectory: false)
    }

    /// Writes `data` to this file whole or not at all: to a temporary file beside it, then
    /// renamed over it. (For the state files kept beside the build database, which are trusted
    /// only by their digest: a failed write leaves the last one or none.)
    func replaceContents(with data: Data) {
        let temporary = deletingLastPathComponent().appendingPathComponent(".\(lastPathComponent).tmp")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, path) != 0 { try? FileManager.default.removeItem(at: temporary) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}
