import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a request's path names in the served folder, decided before any file is opened.
///
/// The raw path is never normalized: a `.` or `..` segment, written plainly or percent-encoded,
/// an encoded `/` or `\`, a NUL or a path longer than any the site has is refused outright, and a
/// file that resolves (through links) outside the folder is not found. Hidden files are not
/// served (the build's `.samizdat-tmp/`, `.htaccess`), except below `.well-known/`.
enum RequestPath: Equatable {
    /// A file below the served folder, by its resolved absolute path and its path in the site.
    case file(absolute: String, relative: String)
    /// A folder asked for without its final slash: `/about` → `/about/`.
    case redirect(String)
    case notFound
    case badRequest

    static let maximumLength = 1024

    static func resolve(_ raw: String, in root: String) -> RequestPath {
        guard raw.utf8.count <= maximumLength, raw.hasPrefix("/") else { return .badRequest }
        var segments: [String] = []
        for encoded in raw.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let segment = String(encoded).removingPercentEncoding,
                  !segment.contains("/"), !segment.contains("\\"), !segment.contains("\0"),
                  segment != ".", segment != ".." else { return .badRequest }
            segments.append(segment)
        }
        let isFolder = segments.last == ""
        if isFolder { segments.removeLast() }
        if segments.contains("") { return .badRequest }  // `//`
        if segments.contains(where: { $0.hasPrefix(".") && $0 != ".well-known" }) { return .notFound }

        let relative = segments.joined(separator: "/")
        var candidate = root + (relative.isEmpty ? "" : "/" + relative)
        guard let found = kind(of: candidate, root: root) else { return .notFound }
        switch found {
        case .folder where !isFolder:
            return .redirect(raw + "/")
        case .folder:
            candidate += "/index.html"
            guard kind(of: candidate, root: root) == .file else { return .notFound }
            return .file(absolute: candidate, relative: relative.isEmpty ? "index.html" : relative + "/index.html")
        case .file where isFolder:
            return .notFound
        case .file:
            return .file(absolute: candidate, relative: relative)
        }
    }

    private enum Kind { case file, folder }

    /// A regular file or folder whose real path (links followed) is inside `root`.
    private static func kind(of path: String, root: String) -> Kind? {
        guard let resolved = realpath(path, nil) else { return nil }
        let real = String(cString: resolved)
        free(resolved)
        guard real == root || real.hasPrefix(root + "/") else { return nil }
        var info = stat()
        guard stat(real, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        default: return nil
        }
    }
}
