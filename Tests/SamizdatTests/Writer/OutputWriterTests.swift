import Foundation
import Testing
@testable import Samizdat

/// The writer as the old tests knew it: files in, a manifest out.
extension OutputWriter {
    func write(_ files: [OutputFile], previous: [String: BuildDatabase.OutputRow]) throws(Failure) -> ([String: BuildDatabase.OutputRow], Report) {
        let (rows, report) = try write(files.map(OutputJob.init), previous: previous)
        return (Dictionary(uniqueKeysWithValues: rows.map { ($0.path, $0) }), report)
    }
}

@Suite("Output writer")
struct OutputWriterTests {
    /// The process's file mode mask, from /proc (setting it to read it would race other tests).
    static var umask: mode_t {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("Umask:") }
        return line.flatMap { mode_t($0.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8) } ?? 0o022
    }

    /// Both ways of writing a file whole: nameless, then named (Linux), and under a temporary name.
    @Test(arguments: [true, false])
    func writesSkipsUnchangedAndPrunesOnlyWhatItWrote(unnamedFiles: Bool) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let writer = OutputWriter(sink: DiskSink(directory: folder.url.appendingPathComponent("out"), writesUnnamedFiles: unnamedFiles))
        let (first, report1) = try writer.write(
            [OutputFile(path: "index.html", text: "home"), OutputFile(path: "a/b/index.html", text: "deep")], previous: [:])
        #expect(report1 == .init(written: 2, unchanged: 0, removed: 0))
        #expect(folder.read("out/a/b/index.html") == "deep")
        #expect(first["a/b/index.html"]?.stamp == FileStamp.of(folder.url.appendingPathComponent("out/a/b/index.html").path),
                "the recorded stamp is the file's")
        #expect(try FileManager.default.attributesOfItem(atPath: folder.url.appendingPathComponent("out/a/b/index.html").path)[.posixPermissions] as? Int == 0o644 & ~Int(Self.umask))

        try folder.write("out/user.txt", "mine")
        let (second, report2) = try writer.write([OutputFile(path: "index.html", text: "home v2")], previous: first)
        #expect(report2 == .init(written: 1, unchanged: 0, removed: 1))
        #expect(folder.read("out/index.html") == "home v2")
        #expect(second["index.html"]?.stamp == FileStamp.of(folder.url.appendingPathComponent("out/index.html").path),
                "the stamp of a file replaced")
        #expect(!folder.exists("out/a"), "emptied folders are removed")
        #expect(folder.read("out/user.txt") == "mine", "never remove a file no build wrote")

        let (_, report3) = try writer.write([OutputFile(path: "index.html", text: "home v2")], previous: second)
        #expect(report3 == .init(written: 0, unchanged: 1, removed: 0))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("out").path)
        #expect(names.sorted() == ["index.html", "user.txt"], "no temporary files left behind")
    }

    /// A file where the output needs a folder stops the build with a message naming that file,
    /// whichever way files are written.
    @Test(arguments: [true, false])
    func aFileWhereAFolderMustBeIsNamed(unnamedFiles: Bool) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("out/2025", "not a folder")
        let writer = OutputWriter(sink: DiskSink(directory: folder.url.appendingPathComponent("out"), writesUnnamedFiles: unnamedFiles))
        #expect(throws: OutputWriter.Failure.self) {
            _ = try writer.write([OutputFile(path: "2025/06/01/note/index.html", text: "note")], previous: [:])
        }
        do {
            _ = try writer.write([OutputFile(path: "2025/06/01/note/index.html", text: "note")], previous: [:])
        } catch {
            #expect(error.message.contains("/out/2025 is a file, not a folder"), "\(error.message)")
        }
        #expect(folder.read("out/2025") == "not a folder")
    }

    /// A first build's folder is not searched for files while they are written, and the sink
    /// knows them again once the write is done.
    @Test func aFolderMadeByTheWriteIsSearchedAgainAfterIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sink = DiskSink(directory: folder.url.appendingPathComponent("out"))
        let (rows, report) = try OutputWriter(sink: sink).write([OutputFile(path: "a/index.html", text: "a")], previous: [:])
        #expect(report.written == 1)
        let stamp = FileStamp.of(folder.url.appendingPathComponent("out/a/index.html").path)
        #expect(stamp != nil && sink.stamp(of: "a/index.html") == stamp)
        #expect(rows["a/index.html"]?.stamp == stamp)
    }

    @Test func onlyPlainPathsInsideTheFolderAreWritten() {
        let sink = DiskSink(directory: URL(fileURLWithPath: "/tmp/nowhere", isDirectory: true))
        for good in ["index.html", "a/b/index.html", ".htaccess", "a/.well-known/x", ".../x", "a..b/c", "x.", ".samizdat-tmpx/y"] {
            #expect((try? sink.check(good)) != nil, "\(good)")
        }
        for bad in ["", "/etc/passwd", "a//b", "a/", "../x", "a/../b", "./x", "a/.", "a/..", ".", "..", ".samizdat-tmp", ".samizdat-tmp/x"] {
            #expect((try? sink.check(bad)) == nil, "\(bad)")
        }
    }

    @Test func aFileWhoseInputsDidNotChangeIsNeitherMadeNorWritten() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let writer = OutputWriter(directory: folder.url.appendingPathComponent("out"))
        let counter = Counter()
        func job(_ digest: String, _ text: String) -> OutputJob {
            OutputJob(path: "a/index.html", digest: digest) { counter.increment(); return Data(text.utf8) }
        }
        let (rows, first) = try writer.write([job("d1", "one")], previous: [:])
        #expect(first.written == 1 && counter.value == 1)
        let previous = Dictionary(uniqueKeysWithValues: rows.map { ($0.path, $0) })
        let (_, second) = try writer.write([job("d1", "one")], previous: previous)
        #expect(second.unchanged == 1 && counter.value == 1, "same digest, file as written: not made again")

        // Someone edited the output file: it is made again and put back.
        try folder.write("out/a/index.html", "tampered")
        let (_, third) = try writer.write([job("d1", "one")], previous: previous)
        #expect(third.written == 1 && counter.value == 2)
        #expect(folder.read("out/a/index.html") == "one")

        // New inputs, same bytes: made, compared, not written (the file keeps its time).
        let before = FileStamp.of(folder.url.appendingPathComponent("out/a/index.html").path)
        let (_, fourth) = try writer.write([job("d2", "one")], previous: previous)
        #expect(fourth.written == 0 && fourth.unchanged == 1 && counter.value == 3)
        #expect(FileStamp.of(folder.url.appendingPathComponent("out/a/index.html").path) == before)
    }

    /// A build checks the recorded files' stamps early, on another thread; the writer then makes
    /// again exactly the files that check found changed or gone, and trusts it for the others.
    @Test func filesCheckedEarlierAreMadeAgainOnlyIfTheCheckFoundThemChanged() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.url.appendingPathComponent("out")
        let writer = OutputWriter(directory: out)
        let counter = Counter()
        let paths = ["a/index.html", "b/index.html", "c/index.html"]
        let jobs = paths.map { path in
            OutputJob(path: path, digest: "d1") { counter.increment(); return Data("made \(path)".utf8) }
        }
        let (rows, _) = try writer.write(jobs, previous: [:])
        let previous = Dictionary(uniqueKeysWithValues: rows.map { ($0.path, $0) })
        #expect(OutputWriter.changedOnDisk(previous, in: out).isEmpty)

        try folder.write("out/a/index.html", "edited by hand")
        try FileManager.default.removeItem(at: out.appendingPathComponent("b/index.html"))
        let changed = OutputWriter.changedOnDisk(previous, in: out)
        #expect(changed == ["a/index.html", "b/index.html"])

        let (again, report) = try writer.write(jobs, previous: previous, changedOnDisk: changed)
        #expect(report.written == 2 && report.unchanged == 1 && counter.value == 5, "a and b made again, c kept")
        #expect(report.changedRows == [0, 1] && report.stale.isEmpty, "only the rows of a and b are to be recorded again")
        #expect(folder.read("out/a/index.html") == "made a/index.html" && folder.read("out/b/index.html") == "made b/index.html")
        #expect(again.map(\.path) == paths, "rows in the jobs' order")
        #expect(again[2] == previous["c/index.html"])

        // The early check is trusted: a file changed after it is left for the next build.
        try folder.write("out/c/index.html", "changed after the check")
        let (_, late) = try writer.write(jobs, previous: Dictionary(uniqueKeysWithValues: again.map { ($0.path, $0) }), changedOnDisk: [])
        #expect(late.unchanged == 3 && counter.value == 5 && late.changedRows.isEmpty)
        let recorded = Dictionary(uniqueKeysWithValues: again.map { ($0.path, $0) })
        #expect(OutputWriter.changedOnDisk(recorded, in: out) == ["c/index.html"])

        // A page no longer made: its row is to be dropped, and its file removed.
        let (_, fewer) = try writer.write(Array(jobs.prefix(2)), previous: recorded, changedOnDisk: ["c/index.html"])
        #expect(fewer.stale == ["c/index.html"] && fewer.removed == 1 && fewer.changedRows.isEmpty)
        #expect(!folder.exists("out/c/index.html"))
    }

    @Test func writesIntoMemoryToo() throws {
        let sink = MemorySink()
        let writer = OutputWriter(sink: sink, window: 2)
        let files = (1...5).map { OutputFile(path: "p/\($0)/index.html", text: "page \($0)") }
        let (rows, report) = try writer.write(files.map(OutputJob.init), previous: [:])
        #expect(report.written == 5 && rows.map(\.path) == files.map(\.path), "rows keep the jobs' order across windows")
        #expect(sink.contents["p/3/index.html"] == Data("page 3".utf8))
        let previous = Dictionary(uniqueKeysWithValues: rows.map { ($0.path, $0) })
        let (_, again) = try writer.write([OutputJob(files[0])], previous: previous)
        #expect(again.removed == 4 && sink.contents.count == 1)
    }

    @Test func unchangedBytesAreNotRewrittenEvenWithoutAManifest() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("out/index.html", "same")
        let (_, report) = try OutputWriter(directory: folder.url.appendingPathComponent("out"))
            .write([OutputFile(path: "index.html", text: "same")], previous: [:])
        #expect(report == .init(written: 0, unchanged: 1, removed: 0))
    }

    @Test(arguments: ["../escape.html", "/etc/passwd", "a/../../x", "a//b", ""])
    func refusesPathsOutsideTheOutputFolder(_ path: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(throws: OutputWriter.Failure.self) {
            try OutputWriter(directory: folder.url.appendingPathComponent("out")).write([OutputFile(path: path, text: "x")], previous: [:])
        }
        #expect(!folder.exists("escape.html"))
        #expect(!folder.exists("out/index.html"))
    }

    @Test func aBadPathStopsTheWholeWriteBeforeAnyFileChanges() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(throws: OutputWriter.Failure.self) {
            try OutputWriter(directory: folder.url.appendingPathComponent("out")).write(
                [OutputFile(path: "index.html", text: "x"), OutputFile(path: "../bad", text: "x")], previous: [:])
        }
        #expect(!folder.exists("out/index.html"))
    }

    @Test func prunedPathsFromAManifestAreCheckedToo() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("victim.txt", "precious")
        let forged = ["../victim.txt": BuildDatabase.OutputRow(path: "../victim.txt", inputDigest: nil, sha256: "0", stamp: nil)]
        _ = try OutputWriter(directory: folder.url.appendingPathComponent("out")).write([OutputJob](), previous: forged)
        #expect(folder.read("victim.txt") == "precious")
    }

    @Test func copiesFilesAndNoticesWhenTheyChange() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("Public/photo.jpg", "jpeg-bytes")
        let source = folder.url.appendingPathComponent("Public/photo.jpg")
        let writer = OutputWriter(directory: folder.url.appendingPathComponent("out"))
        let (manifest, first) = try writer.write([OutputFile(path: "photo.jpg", copying: source)], previous: [:])
        #expect(first.written == 1)
        #expect(folder.read("out/photo.jpg") == "jpeg-bytes")
        let (_, second) = try writer.write([OutputFile(path: "photo.jpg", copying: source)], previous: manifest)
        #expect(second.unchanged == 1)
        try folder.write("Public/photo.jpg", "new-jpeg-bytes!")
        let (_, third) = try writer.write([OutputFile(path: "photo.jpg", copying: source)], previous: manifest)
        #expect(third.written == 1)
        #expect(folder.read("out/photo.jpg") == "new-jpeg-bytes!")
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}

@Suite("Output location")
struct OutputLocationTests {
    let site = URL(fileURLWithPath: "/home/ada/site")

    @Test(arguments: [
        ("/home/ada/site", "is the site folder itself"),
        ("/home/ada", "contains the site folder"),
        ("/", "contains the site folder"),
        ("/home/ada/site/Content", "inside the site's Content/ folder"),
        ("/home/ada/site/Templates/out", "inside the site's Templates/ folder"),
        ("/home/ada/site/Public", "inside the site's Public/ folder"),
        ("/home/ada/site/.samizdat", "inside the site's .samizdat/ folder"),
        ("/home/ada/site/.samizdat/serve/x", "inside the site's .samizdat/ folder"),
        ("/home/ada/site/.samizdat/other", "inside the site's .samizdat/ folder"),
    ])
    func refusesFoldersOverlappingTheSources(output: String, reason: String) {
        let problems = OutputLocation.problems(output: URL(fileURLWithPath: output), site: site)
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains(reason) == true, "\(problems)")
    }

    @Test(arguments: ["/home/ada/site/Output", "/home/ada/site/dist/www", "/var/www/blog", "/home/ada/site-output",
                      "/home/ada/site/.samizdat/serve"])
    func acceptsSeparateFolders(output: String) {
        #expect(OutputLocation.problems(output: URL(fileURLWithPath: output), site: site).isEmpty)
    }
}
