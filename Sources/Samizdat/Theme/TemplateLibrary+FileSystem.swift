import Foundation

extension TemplateLibrary {
    /// The built-in theme with the files of `directory` (a site's `Templates/`) laid over it.
    ///
    /// `*.mustache` files are templates named by their path without the extension; every other
    /// file is an asset copied to the output at the same relative path. Hidden files are skipped.
    public static func load(overridesIn directory: URL?) -> Result<TemplateLibrary, DiagnosticList> {
        var templates: [String: TemplateSource] = [:]
        var assets: [String: Asset] = [:]
        let builtinRoot = URL(fileURLWithPath: "/(built-in theme)")
        for (path, data) in BuiltinTheme.files {
            if path.hasSuffix(".mustache") {
                let name = String(path.dropLast(".mustache".count))
                templates[name] = TemplateSource(name: name, file: builtinRoot.appendingPathComponent(path), text: String(decoding: data, as: UTF8.self))
            } else {
                assets[path] = Asset(path: path, data: data)
            }
        }
        var diagnostics: [Diagnostic] = []
        if let directory, FileManager.default.fileExists(atPath: directory.path) {
            for file in FileTree.files(in: directory) {
                let url = directory.appendingPathComponent(file)
                guard let data = FileManager.default.contents(atPath: url.path) else {
                    diagnostics.append(.error("Cannot read this file", at: SourceLocation(file: url)))
                    continue
                }
                if file.hasSuffix(".mustache") {
                    guard let text = String(data: data, encoding: .utf8) else {
                        diagnostics.append(.error("Template is not valid UTF-8 text. Save it as UTF-8", at: SourceLocation(file: url, line: 1, column: 1)))
                        continue
                    }
                    let name = String(file.dropLast(".mustache".count))
                    templates[name] = TemplateSource(name: name, file: url, text: text)
                } else {
                    assets[file] = Asset(path: file, data: data)
                }
            }
        }
        let result = compile(templates: templates.values.sorted { $0.name < $1.name }, assets: assets.values.sorted { $0.path < $1.path })
        switch result {
        case .success(let library) where diagnostics.isEmpty: return .success(library)
        case .success: return .failure(DiagnosticList(diagnostics))
        case .failure(let list): return .failure(DiagnosticList(diagnostics + list.diagnostics))
        }
    }
}

/// Lists files below a folder, as sorted relative paths with `/`, skipping hidden files and folders.
enum FileTree {
    /// Never part of a site, even where hidden files are (`Public/.well-known/` is).
    static let ignoredNames: Set<String> = [".git", ".DS_Store", "Thumbs.db", ".svn", ".hg"]

    static func files(in directory: URL, includingHidden: Bool = false) -> [String] {
        let base = directory.standardizedFileURL.resolvingSymlinksInPath()
        guard let enumerator = FileManager.default.enumerator(
            at: base, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey], options: includingHidden ? [] : [.skipsHiddenFiles]
        ) else { return [] }
        var result: [String] = []
        let prefix = base.path.hasSuffix("/") ? base.path : base.path + "/"
        for case let url as URL in enumerator {
            if ignoredNames.contains(url.lastPathComponent) {
                enumerator.skipDescendants()
                continue
            }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard path.hasPrefix(prefix) else { continue }
            result.append(String(path.dropFirst(prefix.count)))
        }
        return result.sorted()
    }
}
