import Foundation
import ZIPFoundation

/// The files of a downloaded archive, read where they are: a `.zip` (through ZIPFoundation, one
/// member at a time), a `.tar.gz` (through `TarGzArchive`) or the folder either unpacks to.
///
/// Opening checks every member before anything is read: a path that leaves the archive (`../`,
/// an absolute path) or a symbolic link stops the import with an error naming the member, so no
/// member can make the import read or write outside the archive and the site.
public final class ImportArchive {
    public let url: URL
    /// Every regular file, by its path inside the archive (`data/tweets.js`), sorted.
    public private(set) var members: [String] = []
    private let zip: Archive?
    private let tarGz: TarGzArchive?
    /// The zip's entries by member path: `Archive`'s own lookup reads the whole directory each time.
    private var entries: [String: Entry] = [:]

    public init(url: URL) throws(DiagnosticList) {
        self.url = url
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw Self.failure("No such archive. Give the archive file as downloaded (.zip or .tar.gz), or the folder it unpacks to", at: url)
        }
        if isDirectory.boolValue {
            zip = nil
            tarGz = nil
            members = try Self.folderMembers(url)
            return
        }
        let head = Self.head(url)
        if head.starts(with: [0x1F, 0x8B]) {
            zip = nil
            let archive = try TarGzArchive(url: url)
            tarGz = archive
            members = archive.members.keys.sorted()
            return
        }
        tarGz = nil
        let looksLikeZip = head.starts(with: [0x50, 0x4B])
        guard looksLikeZip, let archive = try? Archive(url: url, accessMode: .read, pathEncoding: nil) else {
            let name = url.lastPathComponent
            let lowercased = name.lowercased()
            throw Self.failure(looksLikeZip
                ? "\(name) is a damaged or incomplete ZIP archive. Download the archive again"
                : lowercased.hasSuffix(".tar.gz") || lowercased.hasSuffix(".tgz")
                ? "\(name) is not a .tar.gz archive. Give the .tar.gz file as downloaded, or the folder it unpacks to"
                : "\(name) is not a ZIP archive. Give the .zip file as downloaded, or the folder it unpacks to", at: url)
        }
        zip = archive
        var files: [String] = []
        for entry in archive {
            let path = entry.path
            if !Self.isContained(path) {
                throw Self.failure("Member '\(path)' points outside the archive. The archive is not safe to import; nothing was imported", at: url)
            }
            switch entry.type {
            case .symlink:
                throw Self.failure("Member '\(path)' is a symbolic link. The archive is not safe to import; nothing was imported", at: url)
            case .file:
                files.append(Self.normalized(path))
                entries[Self.normalized(path)] = entry
            case .directory:
                continue
            }
        }
        members = files.sorted()
    }

    public func contains(_ member: String) -> Bool {
        memberSet.contains(member)
    }

    private lazy var memberSet = Set(members)

    /// The whole member in memory: for the small data files (`tweets.js`), never for media.
    public func data(_ member: String) throws(DiagnosticList) -> Data {
        var data = Data()
        try stream(member) { data.append($0) }
        return data
    }

    /// Where the member's bytes are in the archive: copying members in this order reads a
    /// `.tar.gz` once rather than once per member.
    public func position(of member: String) -> Int {
        tarGz?.members[member]?.offset ?? 0
    }

    /// Copies a member to `destination` in chunks, so a large video never sits in memory whole.
    public func copy(_ member: String, to destination: URL) throws(DiagnosticList) {
        guard FileManager.default.createFile(atPath: destination.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: destination.path) else {
            throw Self.failure("Cannot write \(destination.path)", at: destination)
        }
        defer { try? handle.close() }
        try stream(member) { handle.write($0) }
    }

    /// Hands the member's bytes to `consume` in chunks. A `DiagnosticList` thrown by `consume`
    /// goes through as it is; any other error is reported as a damaged member.
    func stream(_ member: String, _ consume: (Data) throws -> Void) throws(DiagnosticList) {
        guard contains(member) else { throw Self.failure("Member '\(member)' is not in the archive", at: url) }
        do {
            if let tarGz {
                try tarGz.stream(member, consume)
            } else if let zip {
                guard let entry = entries[member] else {
                    throw Self.failure("Member '\(member)' is not in the archive", at: url)
                }
                _ = try zip.extract(entry, consumer: consume)
            } else {
                let handle = try FileHandle(forReadingFrom: url.appendingPathComponent(member))
                defer { try? handle.close() }
                while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty { try consume(chunk) }
            }
        } catch let error as DiagnosticList {
            throw error
        } catch {
            throw Self.failure("Member '\(member)' cannot be read: the archive is damaged or incomplete (\(error)). Download the archive again", at: url)
        }
    }

    // MARK: - Checks

    /// Relative, with no `..` part: a path that stays inside the folder it is unpacked into.
    static func isContained(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.hasPrefix("\\"), !path.contains("\0") else { return false }
        if path.count >= 2, path.dropFirst().first == ":" { return false }  // C:\…
        let parts = path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        return !parts.contains("..")
    }

    static func normalized(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }

    /// The first bytes, which tell a zip (`PK`) from a gzip file (`1F 8B`).
    private static func head(_ url: URL) -> Data {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return Data() }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)) ?? Data()
    }

    private static func folderMembers(_ root: URL) throws(DiagnosticList) -> [String] {
        var files: [String] = []
        var pending = [""]
        let manager = FileManager.default
        while let folder = pending.popLast() {
            let names: [String]
            do {
                names = try manager.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)
            } catch {
                throw failure("Cannot read the folder \(root.appendingPathComponent(folder).path): \(error.localizedDescription)", at: root)
            }
            for name in names {
                let path = folder.isEmpty ? name : folder + "/" + name
                let attributes = try? manager.attributesOfItem(atPath: root.appendingPathComponent(path).path)
                switch attributes?[.type] as? FileAttributeType {
                case .typeSymbolicLink?:
                    throw failure("Member '\(path)' is a symbolic link. The archive is not safe to import; nothing was imported", at: root)
                case .typeDirectory?:
                    pending.append(path)
                case .typeRegular?:
                    files.append(path)
                default:
                    continue
                }
            }
        }
        return files.sorted()
    }

    static func failure(_ message: String, at location: URL? = nil) -> DiagnosticList {
        DiagnosticList([.error(message, at: location.map { SourceLocation(file: $0) })])
    }
}
