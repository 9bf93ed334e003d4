import Foundation
import Testing
@testable import Samizdat

/// The Markdown files' stamps kept between builds (`SourceStamps`).
@Suite("Sources' stamps")
struct SourceStampsTests {
    private let kept = SourceStamps(stamps: [FileStamp(size: 10, modified: 1_000), FileStamp(size: 20, modified: 2_000),
                                            FileStamp(size: 30, modified: 3_000), FileStamp(size: -1, modified: -1)],
                                    trusted: [true, true, false, true], posts: [true, false, true, true])

    private func files(_ stamps: [FileStamp]) -> [FileTree.Entry] {
        stamps.enumerated().map { FileTree.Entry(path: "posts/\($0.offset).md", stamp: $0.element) }
    }

    @Test func theFilesWhoseStampMovedOrIsNotTrustedAreChanged() {
        var now = kept.stamps
        #expect(kept.changed(in: files(now)) == [2], "a stamp not trusted is read again")
        now[1].modified += 1
        now[3] = FileStamp(size: 4, modified: 4_000)
        #expect(kept.changed(in: files(now)) == [1, 2, 3])
        #expect(kept.changed(in: files(Array(now.dropLast()))) == nil, "other files: the stamps say nothing")
        let updated = kept.updating([1, 2], stamps: [now[1], now[2]], trusted: [true, true], posts: [true, false])
        #expect(updated.changed(in: files(now)) == [3])
        #expect(updated.posts == [true, true, false, true])
    }

    @Test func theFileReadsBackAndOnlyWithItsDigest() throws {
        let bytes = kept.bytes
        #expect(SourceStamps.parse(bytes) == kept)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-source-stamps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = SourceStamps.url(for: URL(fileURLWithPath: "/site/Output"), in: folder)
        url.replaceContents(with: bytes)
        #expect(SourceStamps.read(url, digest: Digest.of(bytes)) == kept)
        #expect(SourceStamps.read(url, digest: Digest.of(Data("other".utf8))) == nil)
    }

    /// Cut anywhere, lengthened, or with a flags byte above 3: refused.
    @Test func damagedFilesAreRefused() {
        let bytes = kept.bytes
        for length in 0..<bytes.count {
            #expect(SourceStamps.parse(bytes.prefix(length)) == nil, "cut at \(length)")
        }
        #expect(SourceStamps.parse(bytes + Data([0])) == nil)
        var badTrust = bytes
        badTrust[16 + 16] = 4
        #expect(SourceStamps.parse(badTrust) == nil)
        var badCount = bytes
        badCount[8] = 5
        #expect(SourceStamps.parse(badCount) == nil)
    }
}
