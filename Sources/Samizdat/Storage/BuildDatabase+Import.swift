import Foundation
import GRDB

/// The import record: what `samizdat import` wrote, so that importing again updates its own
/// files and never one the author edited since.
///
/// One row per imported post, by platform and the platform's id: the file written (below the
/// site's folder), the post's site path (for threads and the address map), and the SHA-256 of the
/// bytes written. A file whose bytes no longer have that hash was edited by its author.
extension BuildDatabase {
    public struct ImportRecord: Sendable, Equatable {
        public var platform: String
        public var originalID: String
        public var originalURL: String
        /// `Content/posts/imported/twitter/2023/02/18-123.md`.
        public var file: String
        /// `/2023/02/18/123/`.
        public var sitePath: String
        public var sha256: String

        public init(platform: String, originalID: String, originalURL: String, file: String, sitePath: String, sha256: String) {
            self.platform = platform
            self.originalID = originalID
            self.originalURL = originalURL
            self.file = file
            self.sitePath = sitePath
            self.sha256 = sha256
        }
    }

    /// Every record of one platform, by original id.
    public func importRecords(platform: String) throws -> [String: ImportRecord] {
        var result: [String: ImportRecord] = [:]
        for record in try importRecords() where record.platform == platform { result[record.originalID] = record }
        return result
    }

    /// Every record of every platform, in a stable order. Several records share a file when a
    /// post was cross-posted (see `CrossPosts`).
    public func importRecords() throws -> [ImportRecord] {
        try queue.read { db in
            var result: [ImportRecord] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM import_record ORDER BY platform, original_id")
            while let row = try rows.next() {
                result.append(ImportRecord(platform: row["platform"], originalID: row["original_id"], originalURL: row["original_url"],
                                           file: row["file"], sitePath: row["site_path"], sha256: row["sha256"]))
            }
            return result
        }
    }

    /// Adds or replaces records, in one transaction.
    public func storeImportRecords(_ records: [ImportRecord]) throws {
        try queue.write { db in
            let statement = try db.makeStatement(sql: """
                INSERT OR REPLACE INTO import_record (platform, original_id, original_url, file, site_path, sha256)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            for record in records {
                try statement.execute(arguments: [record.platform, record.originalID, record.originalURL, record.file, record.sitePath, record.sha256])
            }
        }
    }
}
