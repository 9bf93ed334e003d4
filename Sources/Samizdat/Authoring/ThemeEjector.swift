import Foundation

/// Copies files of the built-in theme into a site's `Templates/`, to be edited there.
///
/// A file already in `Templates/` is never replaced: it is the author's.
public enum ThemeEjector {
    /// What `eject` did, as paths below the site's folder.
    public struct Result: Sendable, Equatable {
        public var copied: [String] = []
        /// Already in `Templates/`, left as they were.
        public var skipped: [String] = []
    }

    /// The theme's files as `theme eject` names them: templates without `.mustache`
    /// (`post`, `partials/header`), assets with their extension (`style.css`).
    public static var names: [String] {
        BuiltinTheme.files.keys.map(name(ofPath:)).sorted()
    }

    static func name(ofPath path: String) -> String {
        path.hasSuffix(".mustache") ? String(path.dropLast(".mustache".count)) : path
    }

    /// The theme file a name given on the command line means (`post`, `post.mustache`,
    /// `Templates/post.mustache`, `style.css`), or an error that suggests the closest name.
    public static func path(named given: String) -> Swift.Result<String, Diagnostic> {
        var name = given.hasPrefix("Templates/") ? String(given.dropFirst("Templates/".count)) : given
        name = Self.name(ofPath: name)
        if let path = BuiltinTheme.files.keys.first(where: { Self.name(ofPath: $0) == name }) { return .success(path) }
        let closest = names.min { editDistance($0, name) < editDistance($1, name) }
        var message = "The theme has no file '\(given)'."
        if let closest, editDistance(closest, name) <= max(2, name.count / 3) {
            message += " Did you mean '\(closest)'?"
        }
        message += " Its files: " + names.joined(separator: ", ")
        return .failure(.error(message))
    }

    /// Copies the named theme files (all of them when `names` is empty) into
    /// `<site>/Templates/`. Unknown names stop it before anything is copied.
    public static func eject(_ names: [String], into siteDirectory: URL) throws(DiagnosticList) -> Result {
        var paths: [String] = []
        var problems: [Diagnostic] = []
        for name in names {
            switch path(named: name) {
            case .success(let path): if !paths.contains(path) { paths.append(path) }
            case .failure(let problem): problems.append(problem)
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        if names.isEmpty { paths = BuiltinTheme.files.keys.sorted() }
        var result = Result()
        let manager = FileManager.default
        for path in paths {
            let relative = "Templates/" + path
            let file = siteDirectory.appendingPathComponent(relative)
            if manager.fileExists(atPath: file.path) {
                result.skipped.append(relative)
                continue
            }
            do {
                try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try BuiltinTheme.files[path]!.write(to: file, options: .withoutOverwriting)
            } catch {
                throw DiagnosticList([.error("Cannot copy the theme's \(path): \(error.localizedDescription)", at: SourceLocation(file: file))])
            }
            result.copied.append(relative)
        }
        return result
    }
}
