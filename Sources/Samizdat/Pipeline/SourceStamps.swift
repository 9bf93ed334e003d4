import Foundation

/// The stamps (size and time) of the Markdown files of `Content/` as the last complete build of
/// an output folder read them, in the order the scan lists them, each with whether the build
/// database holds a row for that stamp that can be trusted without reading the file
/// (`FileStamp.isSettled`): `.samizdat/sources-<digest of the folder's path>.stamps`.
///
/// A build whose frame is the last one's (`EditPath.frame`: the same Markdown files, listed in
/// the same order, and everything else as it was) needs to know only which files' stamps moved.
/// From the database that is a row per file, 100,000 rows and a dictionary look-up per file at
/// 100,000 posts (0.6 s of a 1.4 s edit); here it is two integers per file, compared in place.
/// The files whose stamp moved, and the pages, are then read as before; every other post is
/// decoded from its row when a page shows it. (See docs/edit-path.md, "stage 0".)
///
/// Like `OutputStamps`, the database stays the record: this file is trusted only when its
/// SHA-256 is the one the folder's committed state names (`BuildState.sourceStamps`), and only
/// together with that frame; anything else is not used, and the rows are read.
///
/// Layout: the magic `SZSRC002`, the number of entries (64 bits), then per entry its size and
/// time (64 bits each) and a byte: 1 when the stamp is trusted, plus 2 when the file gave a post
/// (a file of a post folder without a date is a page). All little-endian.
struct SourceStamps: Sendable, Equatable {
    var stamps: [FileStamp]
    var trusted: [Bool]
    var posts: [Bool]

    private static let magic = Array("SZSRC002".utf8)
    private static let entrySize = 17

    /// The file for `output` in the state folder `.samizdat/`.
    static func url(for output: URL, in stateFolder: URL) -> URL {
        stateFolder.appendingPathComponent("sources-\(Digest.of(output.standardizedFileURL.path).prefix(16)).stamps")
    }

    /// The indices of the files of `files` whose stamp is not the trusted one kept for them;
    /// nil when the files are not as many as the entries.
    func changed(in files: [FileTree.Entry]) -> [Int]? {
        guard files.count == stamps.count else { return nil }
        return files.indices.filter { !trusted[$0] || files[$0].stamp != stamps[$0] }
    }

    /// These stamps with the files at `indices` given new ones.
    func updating(_ indices: [Int], stamps new: [FileStamp], trusted newTrust: [Bool], posts newPosts: [Bool]) -> SourceStamps {
        var result = self
        for (number, index) in indices.enumerated() where index < result.stamps.count && number < new.count {
            result.stamps[index] = new[number]
            result.trusted[index] = newTrust[number]
            result.posts[index] = newPosts[number]
        }
        return result
    }

    var bytes: Data {
        var bytes = Self.magic
        bytes.reserveCapacity(16 + stamps.count * Self.entrySize)
        withUnsafeBytes(of: UInt64(stamps.count).littleEndian) { bytes.append(contentsOf: $0) }
        for (stamp, (trust, post)) in zip(stamps, zip(trusted, posts)) {
            withUnsafeBytes(of: Int64(stamp.size).littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: stamp.modified.littleEndian) { bytes.append(contentsOf: $0) }
            bytes.append((trust ? 1 : 0) | (post ? 2 : 0))
        }
        return Data(bytes)
    }

    static func parse(_ data: Data) -> SourceStamps? {
        data.withUnsafeBytes { raw -> SourceStamps? in
            guard raw.count >= 16, raw.prefix(8).elementsEqual(magic) else { return nil }
            let count = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            guard count == UInt64((raw.count - 16) / entrySize), (raw.count - 16) % entrySize == 0 else { return nil }
            var stamps: [FileStamp] = [], trusted: [Bool] = [], posts: [Bool] = []
            stamps.reserveCapacity(Int(count))
            trusted.reserveCapacity(Int(count))
            posts.reserveCapacity(Int(count))
            var at = 16
            for _ in 0..<count {
                let size = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int64.self))
                let modified = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: at + 8, as: Int64.self))
                let flags = raw[at + 16]
                guard flags <= 3 else { return nil }
                stamps.append(FileStamp(size: Int(truncatingIfNeeded: size), modified: modified))
                trusted.append(flags & 1 != 0)
                posts.append(flags & 2 != 0)
                at += entrySize
            }
            return SourceStamps(stamps: stamps, trusted: trusted, posts: posts)
        }
    }

    /// The stamps in the file at `url`, if its SHA-256 is `digest`.
    static func read(_ url: URL, digest: String) -> SourceStamps? {
        guard let data = try? Data(contentsOf: url), Digest.of(data) == digest else { return nil }
        return parse(data)
    }
}
