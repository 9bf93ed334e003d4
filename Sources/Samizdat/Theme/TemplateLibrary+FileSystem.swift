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
