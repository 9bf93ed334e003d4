import Foundation

/// The folder a command acts on, checked before anything is read or written in it.
public enum SiteFolder {
    /// Why `directory` is not a site's folder (it does not exist, is a file, or has no
    /// `site.yml`), or nil when it is one.
    public static func problem(_ directory: URL) -> Diagnostic? {
        let path = directory.standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .error("The folder \(path) does not exist. Pass --site with the site's folder, or run 'samizdat init \(path)' to start a site there")
        }
        guard isDirectory.boolValue else {
            return .error("\(path) is a file, not a folder. Pass --site with the folder that holds site.yml")
        }
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("site.yml").path) else {
            return .error("No site.yml in \(path). Run 'samizdat init' to start a site, or pass --site with the site's folder")
        }
        return nil
    }

    /// The site's configuration, or every problem that stops a command from using it.
    public static func configuration(_ directory: URL) throws(DiagnosticList) -> SiteConfig {
        if let problem = problem(directory) { throw DiagnosticList([problem]) }
        let file = directory.appendingPathComponent("site.yml")
        guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticList([.error("site.yml is not valid UTF-8 text. Save it as UTF-8", at: SourceLocation(file: file, line: 1, column: 1))])
        }
        let (config, diagnostics) = SiteConfig.parse(yaml: text, file: file)
        if diagnostics.hasErrors { throw DiagnosticList(diagnostics) }
        return config
    }
}
