import Foundation
import Testing
@testable import Samizdat

@Suite("Build database")
struct BuildDatabaseTests {
    @Test func keepsOneManifestPerOutputFolderInARealSQLiteFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent(".samizdat/build.sqlite")
        let a = URL(fileURLWithPath: "/sites/a/Output"), b = URL(fileURLWithPath: "/elsewhere")
        do {
            let database = try BuildDatabase(url: url)
            try database.replaceManifest(for: a, with: ["index.html": .init(hash: "1", size: 10), "x/index.html": .init(hash: "2", size: 20)])
            try database.replaceManifest(for: b, with: ["index.html": .init(hash: "3", size: 30)])
            try database.replaceManifest(for: a, with: ["index.html": .init(hash: "4", size: 40)])
        }
        #expect(FileManager.default.fileExists(atPath: url.path))
        let reopened = try BuildDatabase(url: url)
        #expect(try reopened.manifest(for: a) == ["index.html": .init(hash: "4", size: 40)])
        #expect(try reopened.manifest(for: b) == ["index.html": .init(hash: "3", size: 30)])
        #expect(try reopened.manifest(for: URL(fileURLWithPath: "/never")).isEmpty)

        // The file is plain SQLite that any tool can read.
        let header = try Data(contentsOf: url).prefix(16)
        #expect(String(decoding: header, as: UTF8.self) == "SQLite format 3\0")
    }
}
