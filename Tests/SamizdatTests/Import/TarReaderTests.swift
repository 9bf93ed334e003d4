import Foundation
@testable import Samizdat
import Testing

/// The tar reader on archives written by GNU tar (ustar, pax and GNU long names) and on
/// damaged ones, through `ImportArchive` as the importers use it.
@Suite("TarReader")
struct TarReaderTests {
    /// `tar czf` of `files` in the given format, written into `folder`.
    func tarGz(_ files: [String: String], format: String, in folder: TemporaryFolder) throws -> URL {
        for (path, text) in files { try folder.write("source/" + path, text) }
        let archive = folder.url.appendingPathComponent("archive.tar.gz")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
        process.arguments = ["--format=\(format)", "-czf", archive.path, "-C", folder.url.appendingPathComponent("source").path] + files.keys.sorted()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return archive
    }

    static let longName = String(repeating: "long-folder-name/", count: 8) + "a-file-with-a-name-well-past-one-hundred-bytes.json"

    @Test(arguments: ["ustar", "pax", "gnu"])
    func readsWhatGNUTarWrites(_ format: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var files = ["outbox.json": "{}", "media_attachments/files/1/a.png": String(repeating: "x", count: 70_000)]
        if format != "ustar" { files[Self.longName] = "[1]" }
        let archive = try ImportArchive(url: try tarGz(files, format: format, in: folder))
        #expect(archive.members == files.keys.sorted())
        #expect(try archive.data("outbox.json") == Data("{}".utf8))
        #expect(try archive.data("media_attachments/files/1/a.png").count == 70_000)
        if format != "ustar" { #expect(try archive.data(Self.longName) == Data("[1]".utf8)) }
        // Read again after a later member: the stream starts over.
        #expect(try archive.data("media_attachments/files/1/a.png") == Data(String(repeating: "x", count: 70_000).utf8))
        #expect(archive.position(of: "media_attachments/files/1/a.png") > 0)
    }

    /// A hard link to an earlier member reads as that member; one to a path outside is refused.
    @Test func hardLinksReadAsTheirTarget() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("source/outbox.json", "{\"a\": 1}")
        let source = folder.url.appendingPathComponent("source")
        try FileManager.default.linkItem(at: source.appendingPathComponent("outbox.json"), to: source.appendingPathComponent("copy.json"))
        let url = folder.url.appendingPathComponent("archive.tar.gz")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
        process.arguments = ["-czf", url.path, "-C", source.path, "outbox.json", "copy.json"]
        try process.run()
        process.waitUntilExit()
        let archive = try ImportArchive(url: url)
        #expect(archive.members == ["copy.json", "outbox.json"])
        #expect(try archive.data("copy.json") == Data("{\"a\": 1}".utf8))
    }

    @Test func aWrongChecksumIsDamage() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = try tarGz(["a.json": "1", "b.json": "2"], format: "ustar", in: folder)
        // Unpack, flip a byte of the second header's name, pack again.
        var tar = try gunzip(url)
        tar[1024] ^= 0x01
        try gzip(tar, to: url)
        #expect(throws: DiagnosticList.self) { try ImportArchive(url: url) }
        do {
            _ = try ImportArchive(url: url)
        } catch {
            #expect(error.diagnostics.first?.message == "archive.tar.gz is a damaged tar archive: a member header's checksum is wrong. Download the archive again")
        }
    }

    @Test func anArchiveWithoutItsEndIsTruncated() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = try tarGz(["a.json": "1"], format: "ustar", in: folder)
        let tar = try gunzip(url)
        // The header and data of a.json, and no end-of-archive blocks.
        try gzip(tar.prefix(1024), to: url)
        do {
            _ = try ImportArchive(url: url)
            Issue.record("no error")
        } catch {
            #expect(error.diagnostics.first?.message == "archive.tar.gz is incomplete: it ends before the end of the archive. Download the archive again")
        }
    }

    func gunzip(_ url: URL) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = ["-dc", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }

    func gzip(_ data: Data, to url: URL) throws {
        let plain = url.deletingLastPathComponent().appendingPathComponent("plain.tar")
        try data.write(to: plain)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = ["-c", "-n", plain.path]
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let output = try FileHandle(forWritingTo: url)
        defer { try? output.close() }
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
    }
}
