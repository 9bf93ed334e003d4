import Foundation

/// A mirror in a folder of this machine (a mounted disk, a USB stick, a folder a web server
/// serves). Each file is written beside its place and renamed over it, so a publish killed part
/// way leaves every file either as it was or as it is now, never half-written.
struct FolderTransport: MirrorTransport {
    let mirror: String
    let folder: URL

    /// Where files are written before they are renamed into place; what a killed publish left
    /// there is removed by the next one.
    var incoming: URL { folder.appendingPathComponent(".samizdat-incoming") }

    func check() throws(PublishError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw PublishError("Mirror '\(mirror)': \(folder.path) is a file, not a folder") }
            try? FileManager.default.removeItem(at: incoming)
            return
        }
        // The folder itself is made, but not its parent: a disk that is not mounted is an error,
        // not a reason to fill the mount point.
        let parent = folder.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: parent.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PublishError("Mirror '\(mirror)': cannot reach \(folder.path): the folder \(parent.path) does not exist (is the disk mounted?)")
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        } catch {
            throw PublishError("Mirror '\(mirror)': cannot create \(folder.path): \(error.localizedDescription)")
        }
    }

    func send(_ files: [PublishFile], from source: URL, window: Int, sent: @escaping @Sendable (PublishFile) -> Void) throws(PublishError) {
        let mirror = mirror, folder = folder, incoming = incoming
        guard !files.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(at: incoming, withIntermediateDirectories: true)
        } catch {
            throw PublishError("Mirror '\(mirror)': cannot write in \(folder.path): \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: incoming) }
        try forEachBounded(files, window: window) { file throws(PublishError) in
            let target = folder.appendingPathComponent(file.path)
            let temporary = incoming.appendingPathComponent(UUID().uuidString)
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: source.appendingPathComponent(file.path), to: temporary)
                guard rename(temporary.path, target.path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    try? FileManager.default.removeItem(at: temporary)
                    throw PublishError("Mirror '\(mirror)': cannot write \(target.path): \(reason)")
                }
            } catch let error as PublishError {
                throw error
            } catch {
                try? FileManager.default.removeItem(at: temporary)
                throw PublishError("Mirror '\(mirror)': cannot write \(target.path): \(error.localizedDescription)")
            }
            sent(file)
        }
    }

    func delete(_ paths: [String], deleted: @escaping @Sendable (String) -> Void) throws(PublishError) {
        for path in paths {
            let target = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: target.path) {
                do {
                    try FileManager.default.removeItem(at: target)
                } catch {
                    throw PublishError("Mirror '\(mirror)': cannot delete \(target.path): \(error.localizedDescription)")
                }
            }
            // Folders left empty go too, up to the mirror's own folder.
            var parent = target.deletingLastPathComponent()
            while parent.path.count > folder.path.count,
                  (try? FileManager.default.contentsOfDirectory(atPath: parent.path))?.isEmpty == true {
                try? FileManager.default.removeItem(at: parent)
                parent = parent.deletingLastPathComponent()
            }
            deleted(path)
        }
    }

    func read(_ paths: [String]) throws(PublishError) -> [String: Data?] {
        var result: [String: Data?] = [:]
        for path in paths { result[path] = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) }
        return result
    }
}
