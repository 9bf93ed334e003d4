import Foundation

/// The files of the site being imported, read where they are: a folder, or a `.bar`/`.zip`
/// archive (through `ImportArchive`). Nothing here writes into the source.
final class SourceFiles {
    let url: URL
    /// Every regular file, by its path below the root (`content/post/x.md`), sorted.
    private(set) var members: [String] = []
    /// Symbolic links and folders left out, for the report.
    private(set) var skippedLinks: [String] = []
    /// Top folders not read: the old site's output, caches, version control.
    private(set) var skippedFolders: [String] = []
    private let archive: ImportArchive?

    /// Top folders that are a generator's output, caches or version control, never content.
    static let ignoredFolders: Set<String> = [".git", ".hg", ".svn", "node_modules", ".jekyll-cache", ".sass-cache", "_site"]
    /// Hugo's output and its resource cache (a Jekyll theme's `public/` is its static files).
    static let hugoOutputFolders: Set<String> = ["public", "resources"]

    private let ignored: Set<String>

    init(url: URL, ignoring: Set<String> = SourceFiles.ignoredFolders) throws(DiagnosticList) {
        self.url = url
        self.ignored = ignoring
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw DiagnosticList([.error("No such folder. Give the folder of the site to import", at: SourceLocation(file: url))])
        }
        if isDirectory.boolValue {
            archive = nil
            members = walk()
        } else {
            let opened = try ImportArchive(url: url)
            archive = opened
            // A `.bar` may hold everything inside one top folder.
            members = opened.members.filter { !$0.hasPrefix("__MACOSX/") && !$0.hasSuffix(".DS_Store") }
        }
    }

    private func walk() -> [String] {
        var files: [String] = []
        var pending = [""]
        let manager = FileManager.default
        while let folder = pending.popLast() {
            let names = (try? manager.contentsOfDirectory(atPath: url.appendingPathComponent(folder).path)) ?? []
            for name in names.sorted() {
                let path = folder.isEmpty ? name : folder + "/" + name
                let attributes = try? manager.attributesOfItem(atPath: url.appendingPathComponent(path).path)
                switch attributes?[.type] as? FileAttributeType {
                case .typeSymbolicLink?:
                    skippedLinks.append(path)
                case .typeDirectory?:
                    if folder.isEmpty && ignored.contains(name) {
                        if !name.hasPrefix(".") { skippedFolders.append(name + "/") }
                    } else if name != ".git" {
                        pending.append(path)
                    }
                case .typeRegular?:
                    if name != ".DS_Store" { files.append(path) }
                default:
                    continue
                }
            }
        }
        return files.sorted()
    }

    func contains(_ member: String) -> Bool { memberSet.contains(member) }

    private lazy var memberSet = Set(members)

    func data(_ member: String) throws(DiagnosticList) -> Data {
        if let archive { return try archive.data(member) }
        guard let data = FileManager.default.contents(atPath: url.appendingPathComponent(member).path) else {
            throw DiagnosticList([.error("Cannot read this file", at: SourceLocation(file: url.appendingPathComponent(member)))])
        }
        return data
    }

    func text(_ member: String) -> String? {
        (try? data(member)).flatMap { String(data: $0, encoding: .utf8) }
    }

    func copy(_ member: String, to destination: URL) throws(DiagnosticList) {
        if let archive { return try archive.copy(member, to: destination) }
        do {
            try FileManager.default.copyItem(at: url.appendingPathComponent(member), to: destination)
        } catch {
            throw DiagnosticList([.error("Cannot copy this file to \(destination.path): \(error.localizedDescription)",
                                         at: SourceLocation(file: url.appendingPathComponent(member)))])
        }
    }

    /// Where a diagnostic about a member points.
    func location(_ member: String, line: Int? = nil) -> SourceLocation {
        archive == nil ? SourceLocation(file: url.appendingPathComponent(member), line: line)
            : SourceLocation(file: URL(fileURLWithPath: url.path + "/" + member), line: line)
    }
}
