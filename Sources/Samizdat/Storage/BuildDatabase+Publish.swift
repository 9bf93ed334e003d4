import Foundation
import GRDB

/// What `samizdat publish` put on each mirror, so the next publish sends only what changed and
/// deletes only what Samizdat itself put there.
///
/// One row per file, by destination (the mirror's `to`, so a mirror moved elsewhere starts
/// afresh) and path: the SHA-256 of the bytes that are there. A row with an empty digest was
/// claimed before sending and may or may not have arrived (a publish killed part way): it is
/// sent again, and it is Samizdat's to delete.
extension BuildDatabase {
    public struct PublishedFile: Sendable, Equatable {
        public var path: String
        /// Empty: claimed, not known to be there.
        public var sha256: String
        public var size: Int

        public init(path: String, sha256: String, size: Int) {
            self.path = path
            self.sha256 = sha256
            self.size = size
        }
    }

    static func registerPublishMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-published-file") { db in
            try db.create(table: "published_file") { t in
                t.column("destination", .text).notNull()
                t.column("path", .text).notNull()
                t.column("sha256", .text).notNull()
                t.column("size", .integer).notNull()
                t.primaryKey(["destination", "path"])
            }
        }
    }

    /// Every file recorded for `destination`, by path.
    public func publishedFiles(destination: String) throws -> [String: PublishedFile] {
        try queue.read { db in
            var result: [String: PublishedFile] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT path, sha256, size FROM published_file WHERE destination = ?", arguments: [destination])
            while let row = try rows.next() {
                result[row["path"]] = PublishedFile(path: row["path"], sha256: row["sha256"], size: row["size"])
            }
            return result
        }
    }

    /// Before sending: the paths become Samizdat's on `destination`, unknown until sent.
    public func claimPublished(_ paths: [String], destination: String) throws {
        try executeForEach("INSERT OR IGNORE INTO published_file (destination, path, sha256, size) VALUES (?, ?, '', 0)",
                           paths.map { [destination, $0] })
    }

    /// Files now on `destination` as recorded.
    public func recordPublished(_ files: [PublishedFile], destination: String) throws {
        try executeForEach("INSERT OR REPLACE INTO published_file (destination, path, sha256, size) VALUES (?, ?, ?, ?)",
                           files.map { [destination, $0.path, $0.sha256, $0.size] })
    }

    /// Files deleted from `destination`, or no longer known to be as recorded.
    public func forgetPublished(_ paths: [String], destination: String) throws {
        try executeForEach("DELETE FROM published_file WHERE destination = ? AND path = ?", paths.map { [destination, $0] })
    }

    /// Marks files as sent again next time (the read-back found other bytes there).
    public func unsettlePublished(_ paths: [String], destination: String) throws {
        try executeForEach("UPDATE published_file SET sha256 = '' WHERE destination = ? AND path = ?", paths.map { [destination, $0] })
    }

    /// Runs one statement once per row of arguments, all in one transaction: what every change
    /// to the record of a mirror is.
    private func executeForEach(_ sql: String, _ rows: [StatementArguments]) throws {
        guard !rows.isEmpty else { return }
        try queue.write { db in
            let statement = try db.makeStatement(sql: sql)
            for arguments in rows { try statement.execute(arguments: arguments) }
        }
    }
}
