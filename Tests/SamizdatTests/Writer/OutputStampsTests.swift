import Foundation
import Testing
@testable import Samizdat

/// The flat file of an output folder's stamps (`OutputStamps`): what it says must be what the
/// rows it copies say, and no bytes in it may crash a build.
@Suite("Output stamps file")
struct OutputStampsTests {
    typealias Row = BuildDatabase.OutputRow

    /// A folder with files, and their rows as a build records them.
    static func folder(_ files: [String: String]) throws -> (URL, [Row]) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-stamps-\(UUID().uuidString)")
        var rows: [Row] = []
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            rows.append(Row(path: path, inputDigest: "d", sha256: Digest.of(text), stamp: FileStamp.of(url.path)))
        }
        return (root, rows)
    }

    static let files = ["index.html": "home", "2026/11/28/note/index.html": "a note", "tags/café/index.html": "a tag",
                        "feed.xml": "<rss/>", "a b/c d.html": "spaces"]

    @Test func readsBackWhatItWrote() throws {
        let (root, rows) = try Self.folder(Self.files)
        defer { try? FileManager.default.removeItem(at: root) }
        let stamps = OutputStamps(rows: rows)
        let url = root.appendingPathComponent("outputs.stamps")
        stamps.write(to: url)
        let read = try #require(OutputStamps.read(url))
        #expect(read.count == rows.count && read.digest == stamps.digest && read.bytes == stamps.bytes)
        #expect(read.changed(in: root).isEmpty, "every file is as recorded")
        #expect(OutputStamps(rows: rows.reversed()).bytes == stamps.bytes, "the same rows in any order make the same file")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(".outputs.stamps.tmp").path) == false)
    }

    @Test func findsEveryKindOfChange() throws {
        let (root, rows) = try Self.folder(Self.files)
        defer { try? FileManager.default.removeItem(at: root) }
        var withUnknown = rows
        withUnknown.append(Row(path: "claimed.html", inputDigest: nil, sha256: "", stamp: nil))
        let stamps = OutputStamps(rows: withUnknown)
        // Edited (same size, another time), removed, replaced by a folder; and a file claimed
        // by a build that did not finish, whose stamp was never known, though it is there.
        let edited = root.appendingPathComponent("index.html")
        try Data("HOME".utf8).write(to: edited)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: edited.path)
        try FileManager.default.removeItem(at: root.appendingPathComponent("feed.xml"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("tags/café/index.html"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("tags/café/index.html"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: root.appendingPathComponent("claimed.html"))
        let expected: Set = ["index.html", "feed.xml", "tags/café/index.html", "claimed.html"]
        #expect(stamps.changed(in: root) == expected)
        // The same answer as the rows give.
        #expect(OutputWriter.changedOnDisk(Dictionary(uniqueKeysWithValues: withUnknown.map { ($0.path, $0) }), in: root) == expected)
        // A folder that is gone: every file is.
        #expect(stamps.changed(in: root.appendingPathComponent("gone")) == Set(withUnknown.map(\.path)))
    }

    @Test func updatingReplacesAndAdds() throws {
        let rows = (0..<500).map { Row(path: "p/\($0)/index.html", inputDigest: "d", sha256: "s", stamp: FileStamp(size: $0, modified: Int64($0) * 7)) }
        let stamps = OutputStamps(rows: rows)
        let changed = [Row(path: "p/7/index.html", inputDigest: "e", sha256: "t", stamp: FileStamp(size: 70, modified: 71)),
                       Row(path: "p/70/index.html", inputDigest: "e", sha256: "t", stamp: nil),
                       Row(path: "new/index.html", inputDigest: "e", sha256: "t", stamp: FileStamp(size: 1, modified: 2))]
        let updated = stamps.updating(changed)
        // The same as stamps made from the rows as they now are (in another order: compared by path).
        var now = Dictionary(uniqueKeysWithValues: rows.map { ($0.path, $0) })
        for row in changed { now[row.path] = row }
        let made = OutputStamps(rows: now.values)
        #expect(updated.count == 501 && made.count == 501)
        #expect(Self.entries(updated) == Self.entries(made))
        #expect(updated.bytes == made.bytes, "the same file, entries in the same order")
        // Changed paths only: updated in place, the same file too.
        let inPlace = stamps.updating(Array(changed.prefix(2)))
        var replaced = Dictionary(uniqueKeysWithValues: rows.map { ($0.path, $0) })
        for row in changed.prefix(2) { replaced[row.path] = row }
        #expect(inPlace.bytes == OutputStamps(rows: replaced.values).bytes)
        #expect(OutputStamps.parse(updated.bytes)?.digest == updated.digest)
        #expect(stamps.updating([]).digest == stamps.digest)
    }

    /// Path → (size, time), read back through the file's own parser.
    static func entries(_ stamps: OutputStamps) -> [String: [Int64]] {
        var result: [String: [Int64]] = [:]
        stamps.bytes.withUnsafeBytes { raw in
            for at in stamps.offsets {
                let length = Int(raw.loadUnaligned(fromByteOffset: at + 16, as: UInt32.self))
                let path = String(decoding: raw[(at + 20)..<(at + 20 + length)], as: UTF8.self)
                result[path] = [raw.loadUnaligned(fromByteOffset: at, as: Int64.self), raw.loadUnaligned(fromByteOffset: at + 8, as: Int64.self)]
            }
        }
        return result
    }

    /// Cut short anywhere, or with any byte changed, the file is refused or read as some file;
    /// nothing crashes, and a file read is one this type could have written.
    @Test func damagedFilesAreRefusedWithoutCrashing() throws {
        let rows = Self.files.keys.sorted().enumerated().map { Row(path: $0.element, inputDigest: "d", sha256: "s", stamp: FileStamp(size: $0.offset, modified: 5)) }
        let bytes = OutputStamps(rows: rows).bytes
        for length in 0..<bytes.count {
            #expect(OutputStamps.parse(bytes.prefix(length)) == nil, "cut at \(length)")
        }
        #expect(OutputStamps.parse(bytes + Data([0])) == nil, "a byte too many")
        var random = SplitMix64(seed: 5)
        for _ in 0..<2000 {
            var damaged = bytes
            let at = random.below(damaged.count)
            damaged[at] ^= UInt8(1 + random.below(255))
            if let read = OutputStamps.parse(damaged) {
                #expect(read.count == rows.count && read.digest != OutputStamps(rows: rows).digest)
                #expect(read.changed(in: URL(fileURLWithPath: "/nonexistent-samizdat")).count <= read.count)
                #expect(read.updating([Row(path: "new", inputDigest: nil, sha256: "", stamp: nil)]).count == read.count + 1)
            }
        }
        #expect(OutputStamps.parse(Data("SZSTAMP1".utf8) + Data(repeating: 0xFF, count: 8)) == nil, "a count larger than the file")
    }
}
