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
}
