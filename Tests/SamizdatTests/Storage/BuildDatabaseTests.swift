import Foundation
import GRDB
import Testing
@testable import Samizdat

@Suite("Build database")
struct BuildDatabaseTests {
    func row(_ path: String, _ digest: String, _ size: Int) -> BuildDatabase.OutputRow {
        .init(path: path, inputDigest: digest, sha256: "sha-" + digest, stamp: FileStamp(size: size, modified: 1))
    }

    /// What is on each mirror: claimed before sending (unknown, empty digest), recorded as each
    /// file arrives, unsettled when the read-back disagrees, forgotten when deleted; one record
    /// per destination.
    @Test func recordsWhatIsOnEachMirror() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let database = try BuildDatabase(url: folder.url.appendingPathComponent("build.sqlite"))
        typealias File = BuildDatabase.PublishedFile
        try database.claimPublished(["a.html", "b.html"], destination: "/mnt/usb")
        try database.claimPublished(["a.html"], destination: "s3://bucket")
        #expect(try database.publishedFiles(destination: "/mnt/usb") == ["a.html": File(path: "a.html", sha256: "", size: 0),
                                                                          "b.html": File(path: "b.html", sha256: "", size: 0)])
        try database.recordPublished([File(path: "a.html", sha256: "aa", size: 2)], destination: "/mnt/usb")
        // Claiming again leaves what is known as it is.
        try database.claimPublished(["a.html"], destination: "/mnt/usb")
        #expect(try database.publishedFiles(destination: "/mnt/usb")["a.html"] == File(path: "a.html", sha256: "aa", size: 2))
        try database.unsettlePublished(["a.html"], destination: "/mnt/usb")
        #expect(try database.publishedFiles(destination: "/mnt/usb")["a.html"]?.sha256 == "")
        try database.forgetPublished(["b.html", "never.html"], destination: "/mnt/usb")
        try database.forgetPublished([], destination: "/mnt/usb")
        #expect(try database.publishedFiles(destination: "/mnt/usb").keys.sorted() == ["a.html"])
        #expect(try database.publishedFiles(destination: "s3://bucket") == ["a.html": File(path: "a.html", sha256: "", size: 0)])
        #expect(try database.publishedFiles(destination: "elsewhere").isEmpty)
    }

    @Test func keepsOutputsPerFolderAndSourcesInARealSQLiteFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent(".samizdat/build.sqlite")
        let a = URL(fileURLWithPath: "/sites/a/Output"), b = URL(fileURLWithPath: "/elsewhere")
        let source = BuildDatabase.SourceRow(path: "posts/x.md", stamp: FileStamp(size: 3, modified: 7), sha256: "abc", parseKey: "k",
                                             record: Data("{}".utf8), recordDigest: "r", dependencies: [], checked: 9)
        do {
            let database = try BuildDatabase(url: url)
            try database.commit(sources: [source], removedSources: [], outputs: [row("index.html", "1", 10), row("x/index.html", "2", 20)],
                                removedOutputs: [], for: a, state: nil)
            try database.commit(sources: [], removedSources: [], outputs: [row("index.html", "3", 30)], removedOutputs: [], for: b, state: nil)
            try database.commit(sources: [], removedSources: [], outputs: [row("index.html", "4", 40)], removedOutputs: ["x/index.html"],
                                for: a, state: .init(fingerprint: "f", nextRelease: nil, warnings: [], posts: 1, pages: 0, heldBack: 0))
        }
        #expect(FileManager.default.fileExists(atPath: url.path))
        let reopened = try BuildDatabase(url: url)
        #expect(try reopened.outputs(for: a) == ["index.html": row("index.html", "4", 40)])
        #expect(try reopened.outputs(for: b) == ["index.html": row("index.html", "3", 30)])
        #expect(try reopened.outputs(for: URL(fileURLWithPath: "/never")).isEmpty)
        #expect(try reopened.state(for: a)?.fingerprint == "f")
        #expect(try reopened.state(for: b) == nil)
        #expect(try reopened.sources()["posts/x.md"]?.stamp == FileStamp(size: 3, modified: 7))

        // Claiming paths makes them ours (pruned later even if the build dies) and unbuilt.
        try reopened.claim(["new.html"], in: a)
        #expect(try reopened.outputs(for: a)["new.html"]?.stamp == nil)
        #expect(try reopened.state(for: a) == nil)

        // The file is plain SQLite that any tool can read.
        let header = try Data(contentsOf: url).prefix(16)
        #expect(String(decoding: header, as: UTF8.self) == "SQLite format 3\0")
    }

    /// Rows are bound straight to SQLite's statements: every kind of value comes back as stored.
    @Test func rowsComeBackFieldForField() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let database = try BuildDatabase(url: folder.url.appendingPathComponent("build.sqlite"))
        let output = URL(fileURLWithPath: "/sites/é/Output")
        let sources = [
            BuildDatabase.SourceRow(path: "posts/été 🌞.md", stamp: FileStamp(size: 0, modified: -5), sha256: "", parseKey: "",
                                    record: Data(), recordDigest: "", dependencies: [], checked: Int64.max),
            BuildDatabase.SourceRow(path: "posts/b.md", stamp: FileStamp(size: 1 << 40, modified: 1_800_000_000_123_456_789), sha256: "s",
                                    parseKey: "p", record: Data([0, 1, 0, 255]), recordDigest: "d", dependencies: [], checked: 1),
        ]
        let outputs = [
            BuildDatabase.OutputRow(path: "a b/ü.html", inputDigest: nil, sha256: "", stamp: nil),
            BuildDatabase.OutputRow(path: "x.xml", inputDigest: "", sha256: "h", stamp: FileStamp(size: 0, modified: 0)),
        ]
        try database.commit(sources: sources, removedSources: [], outputs: outputs, removedOutputs: [], for: output, state: nil)
        let read = try database.sources()
        for source in sources {
            let back = try #require(read[source.path])
            #expect(back.stamp == source.stamp && back.record == source.record && back.checked == source.checked)
            #expect([back.path, back.sha256, back.parseKey, back.recordDigest] == [source.path, source.sha256, source.parseKey, source.recordDigest])
            #expect(back.dependencies.isEmpty)
        }
        #expect(try database.outputs(for: output) == Dictionary(uniqueKeysWithValues: outputs.map { ($0.path, $0) }))
        // A claimed path that is already recorded keeps its row.
        try database.claim(["x.xml", "new/ñ.html"], in: output)
        let claimed = try database.outputs(for: output)
        #expect(claimed["x.xml"] == outputs[1])
        #expect(claimed["new/ñ.html"] == BuildDatabase.OutputRow(path: "new/ñ.html", inputDigest: nil, sha256: "", stamp: nil))
    }

    /// A large table is read in two halves at once; together they are the whole table, after
    /// rows were removed from either end and from the middle, and the generation is the table's.
    @Test(arguments: [1, 2, 3, 50, 1_000])
    func rowsReadInHalvesAreTheWholeTable(splitAt: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let database = try BuildDatabase(url: folder.url.appendingPathComponent("build.sqlite"))
        let output = URL(fileURLWithPath: "/site/Output")
        func source(_ number: Int) -> BuildDatabase.SourceRow {
            BuildDatabase.SourceRow(path: "posts/\(number).md", stamp: FileStamp(size: number, modified: Int64(number) * 7), sha256: "s\(number)",
                                    parseKey: "k", record: Data([UInt8(number % 256), 1]), recordDigest: "d\(number)",
                                    dependencies: [], checked: Int64(number))
        }
        try database.commit(sources: (0..<300).map(source), removedSources: [], outputs: [], removedOutputs: [], for: output, state: nil)
        try database.commit(sources: [], removedSources: ["posts/0.md", "posts/299.md", "posts/150.md", "posts/151.md"], outputs: [],
                            removedOutputs: [], for: output, state: nil)
        try database.commit(sources: [source(0), source(1_000)], removedSources: [], outputs: [], removedOutputs: [], for: output, state: nil)
        let whole = try database.sources()
        let (halves, generation) = try database.sourcesWithGeneration(splitAt: splitAt)
        #expect(whole.count == 298)
        #expect(halves.keys.sorted() == whole.keys.sorted())
        for (path, row) in whole {
            let other = try #require(halves[path])
            #expect([other.path, other.sha256, other.recordDigest] == [row.path, row.sha256, row.recordDigest])
            #expect(other.stamp == row.stamp && other.record == row.record && other.checked == row.checked)
        }
        #expect(generation == (try database.sourcesWithGeneration(splitAt: .max)).generation)
        #expect(generation > 0)
    }

    /// Rows stored by another connection between the two halves' reads: the second half saw
    /// another generation, so the build's connection reads it again from its own snapshot, and
    /// the rows are those of one moment, the stored row not among them.
    @Test func halvesOfTwoMomentsAreNotMixed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("build.sqlite")
        let database = try BuildDatabase(url: url)
        let output = URL(fileURLWithPath: "/site/Output")
        func source(_ number: Int) -> BuildDatabase.SourceRow {
            BuildDatabase.SourceRow(path: "posts/\(number).md", stamp: FileStamp(size: number, modified: 1), sha256: "s\(number)", parseKey: "k",
                                    record: Data([1]), recordDigest: "d\(number)", dependencies: [], checked: 1)
        }
        try database.commit(sources: (0..<100).map(source), removedSources: [], outputs: [], removedOutputs: [], for: output, state: nil)
        let before = try database.sourcesWithGeneration(splitAt: .max)
        let other = try BuildDatabase(url: url)
        var stored = false
        let read = try database.sourcesWithGeneration(splitAt: 1) {
            stored = (try? other.commit(sources: [source(500), { var row = source(99); row.sha256 = "changed"; return row }()],
                                        removedSources: ["posts/98.md"], outputs: [], removedOutputs: [], for: output, state: nil)) != nil
        }
        #expect(stored)
        #expect(read.generation == before.generation)
        #expect(read.rows.keys.sorted() == before.rows.keys.sorted())
        #expect(read.rows["posts/99.md"]?.sha256 == "s99")
        let after = try database.sourcesWithGeneration(splitAt: 1)
        #expect(after.generation > before.generation && after.rows["posts/500.md"] != nil && after.rows["posts/98.md"] == nil)
        #expect(after.rows["posts/99.md"]?.sha256 == "changed")
    }

    @Test func refusesFilesThatAreNotItsOwn() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Garbage
        try folder.write("garbage.sqlite", String(repeating: "not a database ", count: 100))
        #expect(throws: (any Error).self) { try BuildDatabase(url: folder.url.appendingPathComponent("garbage.sqlite")) }
        // Another program's SQLite file
        let foreign = folder.url.appendingPathComponent("foreign.sqlite")
        try DatabaseQueue(path: foreign.path).write { try $0.execute(sql: "CREATE TABLE notes (text TEXT)") }
        #expect(throws: BuildDatabase.Unusable.self) { try BuildDatabase(url: foreign) }
        // One from a newer Samizdat, with a migration this version does not know
        let newer = folder.url.appendingPathComponent("newer.sqlite")
        _ = try BuildDatabase(url: newer)
        try DatabaseQueue(path: newer.path).write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-future')") }
        #expect(throws: BuildDatabase.Unusable.self) { try BuildDatabase(url: newer) }
    }

    @Test func upgradesTheFirstVersionKeepingWhatItOwned() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("v1.sqlite")
        let queue = try DatabaseQueue(path: url.path)
        var v1 = DatabaseMigrator()
        v1.registerMigration("v1-output-manifest") { db in
            try db.execute(sql: "CREATE TABLE output_file (output_dir TEXT NOT NULL, path TEXT NOT NULL, hash TEXT NOT NULL, size INTEGER NOT NULL, PRIMARY KEY (output_dir, path))")
            try db.execute(sql: "INSERT INTO output_file VALUES ('/out', 'old.html', 'f00', 3)")
        }
        try v1.migrate(queue)
        try queue.close()
        let database = try BuildDatabase(url: url)
        let outputs = try database.outputs(for: URL(fileURLWithPath: "/out"))
        #expect(outputs["old.html"] == .init(path: "old.html", inputDigest: nil, sha256: "", stamp: nil))
    }

    @Test func keepsTheImportRecordPerPlatform() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent(".samizdat/build.sqlite")
        func record(_ platform: String, _ id: String, _ sha: String) -> BuildDatabase.ImportRecord {
            .init(platform: platform, originalID: id, originalURL: "https://\(platform).example/\(id)",
                  file: "Content/posts/imported/\(platform)/\(id).md", sitePath: "/\(id)/", sha256: sha)
        }
        do {
            let database = try BuildDatabase(url: url)
            try database.storeImportRecords([record("twitter", "9007199254740993", "a"), record("twitter", "2", "b"), record("mastodon", "2", "c")])
            try database.storeImportRecords([record("twitter", "2", "d")])
        }
        let reopened = try BuildDatabase(url: url)
        #expect(try reopened.importRecords(platform: "twitter") == ["9007199254740993": record("twitter", "9007199254740993", "a"), "2": record("twitter", "2", "d")])
        #expect(try reopened.importRecords(platform: "mastodon") == ["2": record("mastodon", "2", "c")])
        #expect(try reopened.importRecords(platform: "bluesky").isEmpty)
    }
}
