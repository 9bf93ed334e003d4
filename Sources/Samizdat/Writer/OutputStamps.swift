import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The stamps (size and time) of every file a complete build left in an output folder, in one
/// flat file beside the build database: `.samizdat/outputs-<digest of the folder's path>.stamps`.
///
/// A build with nothing to do, and a build that takes the edit path, only need to know whether a
/// file of the output was changed or removed since the last build (by hand, or by another
/// program). From the database that is one row of three strings per file, 142,452 rows at
/// 100,000 posts and about a quarter of an edit's CPU; here each path is handed to `fstatat` as
/// the C string it already is in the file, with no row, no `String` and no dictionary, on all
/// cores. (See docs/edit-path.md, "stage 0".)
///
/// The database stays the record: this file is a copy of the folder's `output` rows' paths and
/// stamps, made before the build's state is committed and written after. It is trusted only when
/// its SHA-256 is the one the committed state names (`BuildDatabase.BuildState.outputStamps`);
/// any other file (missing, damaged, left by a build that did not finish or by another version)
/// is not used, and the rows are read as before. A wrong answer cannot come from it.
///
/// Layout: the magic `SZSTAMP1`, the number of entries (64 bits), then, in the order of their
/// paths' bytes, per entry its size and time (64 bits each; a size of -1 for a file whose stamp
/// was not known, which always counts as changed), the length of its path (32 bits), the path's
/// UTF-8 bytes and a NUL. All little-endian.
struct OutputStamps: Sendable {
    /// The file's bytes.
    let bytes: Data
    /// Where each entry starts in `bytes`.
    let offsets: [Int]
    /// SHA-256 of `bytes`.
    let digest: String

    var count: Int { offsets.count }

    private static let magic = Array("SZSTAMP1".utf8)
    private static let headerSize = 16
    /// Size, time and path length.
    private static let fixedSize = 20

    /// The file for `output` in the state folder `.samizdat/`.
    static func url(for output: URL, in stateFolder: URL) -> URL {
        stateFolder.appendingPathComponent("outputs-\(Digest.of(output.standardizedFileURL.path).prefix(16)).stamps")
    }

    /// The stamps of `rows` (one per path).
    ///
    /// Entries are sorted by their paths' bytes, so that the same rows always make the same file,
    /// whatever their order: a file lost or damaged after its build is made again from the
    /// database's rows with the digest the build recorded (`Builder`'s no-op check does).
    init(rows: some Sequence<BuildDatabase.OutputRow>) {
        var bytes: [UInt8] = Self.magic
        Self.append(UInt64(0), to: &bytes)
        var offsets: [Int] = []
        for row in rows {
            offsets.append(bytes.count)
            Self.append(row: row, to: &bytes)
        }
        self = Self.sorted(bytes, offsets: offsets)
    }

    private init(bytes: Data, offsets: [Int], digest: String) {
        self.bytes = bytes
        self.offsets = offsets
        self.digest = digest
    }

    /// The file of the entries at `offsets` in `bytes` (whatever its header says), in the order
    /// of their paths' bytes.
    private static func sorted(_ bytes: [UInt8], offsets: [Int]) -> OutputStamps {
        var result: [UInt8] = magic
        result.reserveCapacity(bytes.count)
        append(UInt64(offsets.count), to: &result)
        var sortedOffsets: [Int] = []
        sortedOffsets.reserveCapacity(offsets.count)
        bytes.withUnsafeBytes { raw in
            func path(_ at: Int) -> UnsafeRawBufferPointer {
                let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at + 16, as: UInt32.self)))
                return UnsafeRawBufferPointer(rebasing: raw[(at + fixedSize)..<(at + fixedSize + length)])
            }
            let order = offsets.sorted { left, right in
                let (a, b) = (path(left), path(right))
                let common = memcmp(a.baseAddress!, b.baseAddress!, min(a.count, b.count))
                return common != 0 ? common < 0 : a.count < b.count
            }
            for at in order {
                sortedOffsets.append(result.count)
                let length = path(at).count
                result += raw[at..<(at + fixedSize + length + 1)]
            }
        }
        let data = Data(result)
        return OutputStamps(bytes: data, offsets: sortedOffsets, digest: Digest.of(data))
    }

    private static func append(row: BuildDatabase.OutputRow, to bytes: inout [UInt8]) {
        append(UInt64(bitPattern: Int64(row.stamp?.size ?? -1)), to: &bytes)
        append(UInt64(bitPattern: row.stamp?.modified ?? 0), to: &bytes)
        let path = Array(row.path.utf8)
        append(UInt32(path.count), to: &bytes)
        bytes += path
        bytes.append(0)
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    /// The file at `url`, if it is whole and well formed (whether it is the one to trust is for
    /// its digest to say). Nothing in it can make this crash: every length is checked.
    static func read(_ url: URL) -> OutputStamps? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return parse(data)
    }

    static func parse(_ data: Data) -> OutputStamps? {
        let offsets: [Int]? = data.withUnsafeBytes { raw in
            guard raw.count >= headerSize, raw.prefix(8).elementsEqual(magic) else { return nil }
            let count = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            // Every entry takes at least its fixed fields, one byte of path and the NUL.
            guard count <= UInt64((raw.count - headerSize) / (fixedSize + 2)) else { return nil }
            var offsets: [Int] = []
            offsets.reserveCapacity(Int(count))
            var at = headerSize
            for _ in 0..<count {
                guard raw.count - at >= fixedSize else { return nil }
                let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at + 16, as: UInt32.self)))
                guard length > 0, length < raw.count - at - fixedSize else { return nil }
                let end = at + fixedSize + length
                guard raw[end] == 0,
                      memchr(raw.baseAddress! + at + fixedSize, 0, length) == nil else { return nil }
                offsets.append(at)
                at = end + 1
            }
            return at == raw.count ? offsets : nil
        }
        return offsets.map { OutputStamps(bytes: data, offsets: $0, digest: Digest.of(data)) }
    }

    /// The paths whose file in `folder` is not the one recorded: changed, replaced, removed, or
    /// not a regular file (as `OutputWriter.changedOnDisk` finds them from the rows).
    func changed(in folder: URL) -> Set<String> {
        let handle = FolderHandle(folder.standardizedFileURL.path)
        let parts = max(1, min(offsets.count / 2048, ProcessInfo.processInfo.activeProcessorCount * 4))
        let ranges = (0..<parts).map { part in (offsets.count * part / parts)..<(offsets.count * (part + 1) / parts) }
        let found: [[String]] = ranges.concurrentMap { range in
            bytes.withUnsafeBytes { raw in
                var changed: [String] = []
                for index in range {
                    let at = offsets[index]
                    let size = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int64.self))
                    let modified = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: at + 8, as: Int64.self))
                    let path = raw.baseAddress!.advanced(by: at + Self.fixedSize).assumingMemoryBound(to: CChar.self)
                    if size < 0 || handle.stamp(ofCString: path) != FileStamp(size: Int(size), modified: modified) {
                        changed.append(String(cString: path))
                    }
                }
                return changed
            }
        }
        return Set(found.joined())
    }

    /// These stamps with the rows of `changed` laid over them (a changed path's entry is
    /// replaced, a new path's added): the folder's stamps after a build that made only those
    /// and removed none.
    func updating(_ changed: [BuildDatabase.OutputRow]) -> OutputStamps {
        guard !changed.isEmpty else { return self }
        var pending = Dictionary(changed.map { (Array($0.path.utf8), $0) }, uniquingKeysWith: { _, last in last })
        let lengths = Set(pending.keys.map(\.count))
        var result = [UInt8](bytes)
        var offsets = offsets
        result.withUnsafeMutableBytes { raw in
            for at in offsets {
                let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at + 16, as: UInt32.self)))
                guard lengths.contains(length) else { continue }
                let path = Array(UnsafeRawBufferPointer(rebasing: raw[(at + Self.fixedSize)..<(at + Self.fixedSize + length)]))
                guard let row = pending.removeValue(forKey: path) else { continue }
                raw.storeBytes(of: Int64(row.stamp?.size ?? -1).littleEndian, toByteOffset: at, as: Int64.self)
                raw.storeBytes(of: (row.stamp?.modified ?? 0).littleEndian, toByteOffset: at + 8, as: Int64.self)
            }
        }
        // New paths (rare: the edit path makes the files it made before) are added, and the
        // entries sorted again.
        guard pending.isEmpty else {
            for row in changed {
                guard let latest = pending.removeValue(forKey: Array(row.path.utf8)) else { continue }
                offsets.append(result.count)
                Self.append(row: latest, to: &result)
            }
            return Self.sorted(result, offsets: offsets)
        }
        let data = Data(result)
        return OutputStamps(bytes: data, offsets: offsets, digest: Digest.of(data))
    }

    /// Writes the file whole (under another name first, then renamed over the old one). A failure
    /// leaves no file the next build would trust: it then reads the rows. (One name for the
    /// temporary file: builds of a site take turns, and one killed while writing leaves a file
    /// the next overwrites.)
    func write(to url: URL) {
        url.replaceContents(with: bytes)
    }
}

extension OutputWriter {
    /// `data` read as an output folder's stamps file (`OutputStamps`), as a build would read it:
    /// the number of entries, or nil if it is refused. What is read must check against a folder,
    /// take a changed entry and a new one, and read back the same. (The fuzzer's entry point,
    /// `FuzzTarget.stamps`.)
    public static func readStamps(_ data: Data) -> Int? {
        guard let stamps = OutputStamps.parse(data) else { return nil }
        let changed = stamps.changed(in: URL(fileURLWithPath: "/nonexistent/samizdat-fuzz"))
        precondition(changed.count <= stamps.count, "more paths changed than entries")
        let row = BuildDatabase.OutputRow(path: "samizdat-fuzz/new.html", inputDigest: nil, sha256: "", stamp: FileStamp(size: 1, modified: 2))
        let updated = stamps.updating([row])
        precondition(updated.count == stamps.count + 1 || updated.count == stamps.count, "an entry lost or added twice")
        let again = OutputStamps.parse(updated.bytes)
        precondition(again?.digest == updated.digest && again?.count == updated.count, "an updated file does not read back")
        return stamps.count
    }
}
