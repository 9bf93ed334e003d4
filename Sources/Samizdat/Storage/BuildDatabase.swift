import Foundation
import GRDB

/// The site's build database, `.samizdat/build.sqlite`.
///
/// It remembers which files each build wrote into which output folder, so a later build removes
/// only files that Samizdat itself wrote, and skips files whose content did not change. Deleting
/// `.samizdat/` is always safe: the next build simply rewrites everything and prunes nothing.
public final class BuildDatabase: Sendable {
    /// What a build knows about a file it wrote.
    public struct Stamp: Sendable, Equatable {
        public var hash: String
        public var size: Int
    }

    private let queue: DatabaseQueue

    /// Opens (creating when needed) the database file and brings its schema up to date.
    public init(url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.label = "samizdat.build"
        queue = try DatabaseQueue(path: url.path, configuration: configuration)
        try Self.migrator.migrate(queue)
    }

    /// An in-memory database, for tests.
    public init() throws {
        queue = try DatabaseQueue()
        try Self.migrator.migrate(queue)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-output-manifest") { db in
            try db.create(table: "output_file") { t in
                t.column("output_dir", .text).notNull()
                t.column("path", .text).notNull()
                t.column("hash", .text).notNull()
                t.column("size", .integer).notNull()
                t.primaryKey(["output_dir", "path"])
            }
        }
        return migrator
    }

    /// The files the last successful build wrote into `outputDirectory`, by relative path.
    public func manifest(for outputDirectory: URL) throws -> [String: Stamp] {
        try queue.read { db in
            var result: [String: Stamp] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT path, hash, size FROM output_file WHERE output_dir = ?",
                                           arguments: [outputDirectory.path])
            while let row = try rows.next() {
                result[row["path"]] = Stamp(hash: row["hash"], size: row["size"])
            }
            return result
        }
    }

    /// Replaces the manifest of `outputDirectory` in one transaction.
    public func replaceManifest(for outputDirectory: URL, with files: [String: Stamp]) throws {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM output_file WHERE output_dir = ?", arguments: [outputDirectory.path])
            let statement = try db.makeStatement(sql: "INSERT INTO output_file (output_dir, path, hash, size) VALUES (?, ?, ?, ?)")
            for (path, stamp) in files.sorted(by: { $0.key < $1.key }) {
                try statement.execute(arguments: [outputDirectory.path, path, stamp.hash, stamp.size])
            }
        }
    }
}
