import Foundation
import GRDB
import GRDBSQLite

/// The site's build database, `.samizdat/build.sqlite`: what the last builds read and wrote.
///
/// - `source`: every content file read, by path below `Content/`: size, modification time and
///   SHA-256 of its bytes, and what was parsed from it (the post or page with its rendered HTML,
///   its warnings, the files it depends on, such as photos), so an unchanged file is never read
///   or parsed again.
/// - `source_text`: the text of each post (its HTML and plain text), apart from the rest of its
///   record, so a build reads only the texts of the posts the pages it makes show (`PostText`).
/// - `output`: for each output folder, every file this tool wrote there: the digest of the inputs
///   it was made from (see `InputDigests`), the SHA-256, size and time of its bytes. A file is
///   rendered again only when its input digest changed, rewritten only when its bytes did, and
///   removed only when it is listed here.
/// - `import_record`: every post `samizdat import` wrote (see `BuildDatabase+Import.swift`).
/// - `published_file`: what `samizdat publish` put on each mirror (see `BuildDatabase+Publish.swift`).
/// - `build_state`: per output folder, the fingerprint of every input of the last complete build
///   (file stamps, options, tool version), so a build with nothing changed stops after a scan.
///
/// Deleting `.samizdat/` is always safe: the next build is a clean one and prunes nothing. A
/// file that is not this database (corrupt, foreign, or made by a newer Samizdat) is set aside
/// with a notice and the build starts from a new one.
public final class BuildDatabase: Sendable {
    /// `PRAGMA application_id`: 'SZDT'. A SQLite file with another id is not ours.
    static let applicationID: Int32 = 0x535A_4454

    /// A file another file depends on (a photo of a post, a page bundle's folder).
    public struct Dependency: Sendable, Equatable, Codable {
        public var path: String
        /// Size and time of a file; for a folder, the digest of its whole listing. Nil: missing.
        public var fingerprint: String?

        public init(_ url: URL) {
            path = url.path
            fingerprint = Self.fingerprint(of: url)
        }

        public var isCurrent: Bool { Self.fingerprint(of: URL(fileURLWithPath: path)) == fingerprint }

        /// Never current: a row whose list cannot be read is parsed again.
        static let unreadable = Dependency(path: "", fingerprint: "unreadable")

        init(path: String, fingerprint: String?) {
            self.path = path
            self.fingerprint = fingerprint
        }

        static func fingerprint(of url: URL) -> String? {
            if let stamp = FileStamp.of(url.path) { return "\(stamp.size):\(stamp.modified)" }
            guard FileStamp.ofFolder(url.path) != nil else { return nil }
            var digest = Digest.Builder("folder")
            for entry in FileTree.scan(url) {
                digest.add(entry.path)
                digest.add(entry.stamp.size)
                digest.add(Int(entry.stamp.modified))
            }
            return digest.finalize()
        }
    }

    /// One parsed content file.
    public struct SourceRow: Sendable {
        public var path: String
        public var stamp: FileStamp
        public var sha256: String
        /// Digest of what parsing depends on besides the bytes (tool version, `site.yml`, site folder).
        public var parseKey: String
        /// The encoded `ContentLoader.Cached`, without its post's text (`RecordCoding.Record.head`).
        public var record: Data
        /// The post's text (`RecordCoding.Record.text`), kept in a table of its own; nil when the
        /// stored one stays (a row read back from the database, whose file's bytes did not change).
        public var text: Data? = nil
        public var recordDigest: String
        public var dependencies: [Dependency]
        /// When the row was written (ns since 1970): a file changed within the same clock tick as
        /// it was read cannot be told apart by its time, so it is hashed again.
        public var checked: Int64
    }

    /// One file of an output folder.
    public struct OutputRow: Sendable, Equatable {
        public var path: String
        /// Nil for a file claimed by a build that did not finish.
        public var inputDigest: String?
        public var sha256: String
        public var stamp: FileStamp?
    }

    /// Per output folder: the last complete build.
    public struct BuildState: Sendable, Codable {
        public var fingerprint: String
        /// The earliest date of a future post held back: from then on, a build is not a no-op.
        public var nextRelease: Date?
        public var warnings: [Diagnostic]
        public var posts: Int
        public var pages: Int
        public var heldBack: Int
        /// Which posts were held back and why (missing in states recorded before it was kept).
        public var heldBackItems: [HeldBack]? = nil
        /// What the edit path compares (`EditPath`): everything read but the Markdown files'
        /// stamps, and the settings every page's digest holds. Nil when not known.
        public var frame: String? = nil
        public var settings: String? = nil
        /// The sources table's generation when this build ended (`sourcesWithGeneration`): another
        /// one at the next build means a build of another output folder (a mirror's) stored rows
        /// since, seeing changes this folder has not. (A count, not a time: clocks step back.)
        public var generation: Int? = nil
        /// The SHA-256 of the flat file of the folder's output stamps this build left
        /// (`OutputStamps`): a file with another digest is not trusted. Nil: none.
        public var outputStamps: String? = nil
        /// The SHA-256 of the file of the site's shape this build kept for the next (`SiteShape`);
        /// nil: none.
        public var shape: String? = nil
        /// The SHA-256 of the file of the Markdown files' stamps this build left (`SourceStamps`).
        public var sourceStamps: String? = nil
    }

    let queue: DatabaseQueue
    public let url: URL?

    /// Opens (creating when needed) the database file and brings its schema up to date; throws
    /// `Unusable` when the file is not a Samizdat build database this version can read.
    public init(url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.label = "samizdat.build"
        configuration.busyMode = .timeout(30)
        self.url = url
        queue = try DatabaseQueue(path: url.path, configuration: configuration)
        try Self.prepare(queue)
    }

    /// An in-memory database, for tests.
    public init() throws {
        queue = try DatabaseQueue()
        url = nil
        try Self.prepare(queue)
    }

    /// Why an existing file cannot be used.
    public struct Unusable: Error, CustomStringConvertible {
        public var description: String
    }

    private static func prepare(_ queue: DatabaseQueue) throws {
        try queue.writeWithoutTransaction { db in
            let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
            if id != applicationID {
                // Version 1 of this database had no application id but its own table.
                let isVersion1 = try db.tableExists("output_file") && db.tableExists("grdb_migrations")
                    && Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") == 2
                guard id == 0 && (tables == 0 || isVersion1) else {
                    throw Unusable(description: "it is not a Samizdat build database")
                }
                try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            }
            if try migrator.hasBeenSuperseded(db) {
                throw Unusable(description: "it was made by a newer version of Samizdat")
            }
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        try migrator.migrate(queue)
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
        migrator.registerMigration("v2-incremental") { db in
            try db.create(table: "source") { t in
                t.column("path", .text).primaryKey()
                t.column("size", .integer).notNull()
                t.column("modified", .integer).notNull()
                t.column("sha256", .text).notNull()
                t.column("parse_key", .text).notNull()
                t.column("record", .blob).notNull()
                t.column("record_digest", .text).notNull()
                t.column("dependencies", .blob).notNull()
                t.column("checked", .integer).notNull()
            }
            try db.create(table: "output") { t in
                t.column("output_dir", .text).notNull()
                t.column("path", .text).notNull()
                t.column("input_digest", .text)
                t.column("sha256", .text).notNull()
                t.column("size", .integer)
                t.column("modified", .integer)
                t.primaryKey(["output_dir", "path"])
            }
            // Files version 1 wrote stay owned (so they can be pruned), but are checked again.
            try db.execute(sql: "INSERT INTO output (output_dir, path, sha256) SELECT output_dir, path, '' FROM output_file")
            try db.drop(table: "output_file")
            try db.create(table: "build_state") { t in
                t.column("output_dir", .text).primaryKey()
                t.column("state", .blob).notNull()
            }
        }
        migrator.registerMigration("v3-import-record") { db in
            try db.create(table: "import_record") { t in
                t.column("platform", .text).notNull()
                t.column("original_id", .text).notNull()
                t.column("original_url", .text).notNull()
                t.column("file", .text).notNull()
                t.column("site_path", .text).notNull()
                t.column("sha256", .text).notNull()
                t.primaryKey(["platform", "original_id"])
            }
        }
        // Posts' texts, apart from the rest of their records: a build reads every record, and
        // only the texts of the posts it shows again (`PostText`).
        migrator.registerMigration("v4-source-text") { db in
            try db.create(table: "source_text") { t in
                t.column("path", .text).primaryKey()
                t.column("text", .blob).notNull()
            }
        }
        registerPublishMigrations(&migrator)
        return migrator
    }

    // MARK: - Sources

    public func sources() throws -> [String: SourceRow] {
        try queue.read(Self.sources(in:))
    }

    /// The rows, with the sources table's generation: a count that every commit storing or
    /// removing rows raises (SQLite's `user_version`, which nothing else here uses).
    ///
    /// A table of `splitAt` rows or more is read in two halves at once, the second on a read-only
    /// connection of its own: reading 100,000 rows took a quarter of a second on the build's
    /// thread while the other core waited. The halves are used together only if both saw the
    /// same generation (nothing stored rows between the two reads), and only in WAL mode.
    ///
    /// `beforeUpperHalf` runs once this connection's snapshot is taken and before the other half
    /// is read (tests commit rows there, to see the halves refused).
    public func sourcesWithGeneration(splitAt: Int = 20_000, beforeUpperHalf: (() -> Void)? = nil) throws -> (rows: [String: SourceRow], generation: Int) {
        try queue.read { db in
            let generation = try Self.generation(in: db)
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM source") ?? 0
            // (Only in WAL mode, where readers never wait for each other or for a writer.)
            guard count >= splitAt, let url, try String.fetchOne(db, sql: "PRAGMA journal_mode")?.lowercased() == "wal",
                  let bounds = try Row.fetchOne(db, sql: "SELECT min(rowid), max(rowid) FROM source"),
                  let low = bounds[0] as Int64?, let high = bounds[1] as Int64?
            else { return (try Self.sources(in: db, count: count), generation) }
            let middle = low + (high - low) / 2
            beforeUpperHalf?()
            let upper = Background { () -> (rows: [String: SourceRow], generation: Int)? in
                var configuration = Configuration()
                configuration.label = "samizdat.build.sources"
                configuration.readonly = true
                configuration.busyMode = .timeout(30)
                return try? DatabaseQueue(path: url.path, configuration: configuration).read { db in
                    (try Self.sources(in: db, count: count / 2, where: "rowid > \(middle)"), try Self.generation(in: db))
                }
            }
            var rows = try Self.sources(in: db, count: count, where: "rowid <= \(middle)")
            guard let other = upper.value, other.generation == generation else {
                rows.merge(try Self.sources(in: db, count: count / 2, where: "rowid > \(middle)")) { first, _ in first }
                return (rows, generation)
            }
            rows.merge(other.rows) { first, _ in first }
            return (rows, generation)
        }
    }

    /// The sources table's generation alone (see `sourcesWithGeneration`).
    func generation() throws -> Int {
        try queue.read(Self.generation(in:))
    }

    /// The rows of the files at `paths` (those the table has).
    func sources(paths: [String]) throws -> [String: SourceRow] {
        try queue.read { db in
            var rows: [String: SourceRow] = [:]
            // (A few hundred at a time: SQLite limits a statement's parameters.)
            for start in stride(from: 0, to: paths.count, by: 500) {
                let chunk = Array(paths[start..<min(start + 500, paths.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                rows.merge(try Self.sources(in: db, count: chunk.count, where: "path IN (\(marks))", arguments: StatementArguments(chunk))) { first, _ in first }
            }
            return rows
        }
    }

    private static func generation(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
    }

    private static func sources(in db: Database) throws -> [String: SourceRow] {
        try sources(in: db, count: try Int.fetchOne(db, sql: "SELECT count(*) FROM source") ?? 0)
    }

    /// The rows `condition` picks, in a table made for `count` of them.
    private static func sources(in db: Database, count: Int, where condition: String = "1", arguments: StatementArguments = []) throws -> [String: SourceRow] {
        var result: [String: SourceRow] = [:]
        // Grown once, not step by step (a tenth of reading ten thousand rows).
        result.reserveCapacity(count)
        try RawRow.forEach(in: db, sql: "SELECT path, size, modified, sha256, parse_key, record, record_digest, dependencies, checked FROM source WHERE \(condition)", arguments: arguments) { row in
            let source = SourceRow(
                path: row.text(0), stamp: FileStamp(size: Int(row.integer(1) ?? -1), modified: row.integer(2) ?? -1), sha256: row.text(3),
                parseKey: row.text(4), record: row.blob(5), recordDigest: row.text(6),
                dependencies: (try? RecordCoding.decodeDependencies(row.blob(7))) ?? [Dependency.unreadable],
                checked: row.integer(8) ?? 0)
            result[source.path] = source
        }
        return result
    }

    /// The post's text stored for the file at `path`, if any.
    func text(of path: String) throws -> Data? {
        try queue.read { db in
            let statement = try db.cachedStatement(sql: "SELECT text FROM source_text WHERE path = ?")
            var found: Data?
            try RawRow.forEach(statement, arguments: [path]) { row in found = row.blob(0) }
            return found
        }
    }

    /// Every post's text stored, in no particular order.
    func forEachText(_ body: (String, Data) -> Void) throws {
        try queue.read { db in
            try RawRow.forEach(in: db, sql: "SELECT path, text FROM source_text") { row in body(row.text(0), row.blob(1)) }
        }
    }

    /// Reads posts' texts while the site is written (`PostText.Loader`), on a read-only connection
    /// of its own, opened when first used: on the build's connection each read waited for the
    /// parsed files being stored on another thread, and for the disk to sync them (a few to a
    /// hundred milliseconds); WAL lets this reader run beside the writer. It holds the file's
    /// address, not the build's connection, so that one is closed as usual when the build ends.
    /// (An in-memory database, in tests, is read through the build's connection.)
    final class TextReader: @unchecked Sendable {
        private let url: URL?
        private let inMemory: BuildDatabase?
        private let lock = NSLock()
        private var connection: OpaquePointer?
        /// The one-row queries, kept prepared.
        private var statements: [String: OpaquePointer] = [:]
        private var closed = false

        init(_ database: BuildDatabase) {
            url = database.url
            inMemory = database.url == nil ? database : nil
        }

        deinit { close() }

        /// Closes the connection; nothing is read after this.
        func close() {
            lock.withLock {
                closed = true
                for statement in statements.values { sqlite3_finalize(statement) }
                statements = [:]
                sqlite3_close_v2(connection)
                connection = nil
            }
        }

        func text(of path: String) throws -> Data? {
            if let inMemory { return try inMemory.text(of: path) }
            return try lock.withLock { () throws -> Data? in
                let sql = "SELECT text FROM source_text WHERE path = ?"
                let statement = try prepared(sql, keeping: true)
                defer { sqlite3_clear_bindings(statement) }
                let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
                guard sqlite3_bind_text(statement, 1, path, -1, transient) == SQLITE_OK else { throw failure() }
                var found: Data?
                try RawRow.step(statement, sql: sql) { row in found = row.blob(0) }
                return found
            }
        }

        /// The record's head and digest stored for the file at `path`, if any (a post decoded when used).
        func head(of path: String) throws -> (record: Data, digest: String)? {
            if let inMemory { return try inMemory.sources(paths: [path])[path].map { ($0.record, $0.recordDigest) } }
            return try lock.withLock { () throws -> (record: Data, digest: String)? in
                let sql = "SELECT record, record_digest FROM source WHERE path = ?"
                let statement = try prepared(sql, keeping: true)
                defer { sqlite3_clear_bindings(statement) }
                let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
                guard sqlite3_bind_text(statement, 1, path, -1, transient) == SQLITE_OK else { throw failure() }
                var found: (record: Data, digest: String)?
                try RawRow.step(statement, sql: sql) { row in found = (row.blob(0), row.text(1)) }
                return found
            }
        }

        /// Every stored text, in no particular order.
        func forEachText(_ body: (String, Data) -> Void) throws {
            if let inMemory { return try inMemory.forEachText(body) }
            try lock.withLock { () throws in
                let sql = "SELECT path, text FROM source_text"
                let statement = try prepared(sql, keeping: false)
                defer { sqlite3_finalize(statement) }
                try RawRow.step(statement, sql: sql) { row in body(row.text(0), row.blob(1)) }
            }
        }

        /// A statement on the connection (opened first if needed); the one-row query is kept.
        private func prepared(_ sql: String, keeping: Bool) throws -> OpaquePointer {
            if keeping, let statement = statements[sql] { return statement }
            guard !closed, let url else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the texts' reader is closed") }
            if connection == nil {
                let code = sqlite3_open_v2(url.path, &connection, SQLITE_OPEN_READONLY, nil)
                guard code == SQLITE_OK else {
                    let error = failure()
                    sqlite3_close_v2(connection)
                    connection = nil
                    throw error
                }
                sqlite3_busy_timeout(connection, 5_000)
            }
            var made: OpaquePointer?
            guard sqlite3_prepare_v2(connection, sql, -1, &made, nil) == SQLITE_OK, let made else { throw failure() }
            if keeping { statements[sql] = made }
            return made
        }

        private func failure() -> DatabaseError {
            DatabaseError(resultCode: ResultCode(rawValue: connection.map(sqlite3_errcode) ?? SQLITE_CANTOPEN),
                          message: connection.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open the database")
        }
    }

    /// A row read straight from SQLite's statement: GRDB's `Row` and its conversions took more
    /// time than SQLite itself to read the thousands of rows of a build.
    struct RawRow {
        let statement: SQLiteStatement

        /// Runs `body` on each row of `sql` (a query that does not change the database).
        static func forEach(in db: Database, sql: String, arguments: StatementArguments = [], _ body: (RawRow) throws -> Void) throws {
            try forEach(try db.makeStatement(sql: sql), arguments: arguments, body)
        }

        static func forEach(_ statement: Statement, arguments: StatementArguments, _ body: (RawRow) throws -> Void) throws {
            try statement.setArguments(arguments)
            try step(statement.sqliteStatement, sql: statement.sql, body)
        }

        /// Runs `body` on each row of a statement already bound, then resets it.
        static func step(_ handle: OpaquePointer, sql: String, _ body: (RawRow) throws -> Void) throws {
            defer { sqlite3_reset(handle) }
            while true {
                let code = sqlite3_step(handle)
                if code == SQLITE_DONE { return }
                guard code == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), sql: sql)
                }
                try body(RawRow(statement: handle))
            }
        }

        /// The column's text ("" when it is NULL).
        func text(_ column: Int32) -> String {
            guard let text = sqlite3_column_text(statement, column) else { return "" }
            return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column))), as: UTF8.self)
        }

        func optionalText(_ column: Int32) -> String? {
            sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : text(column)
        }

        func integer(_ column: Int32) -> Int64? {
            sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, column)
        }

        func blob(_ column: Int32) -> Data {
            guard let bytes = sqlite3_column_blob(statement, column) else { return Data() }
            return Data(bytes: bytes, count: Int(sqlite3_column_bytes(statement, column)))
        }
    }

    /// A statement that changes the database, run once per row with its values bound straight to
    /// SQLite's statement: GRDB's arguments and hooks cost more than SQLite's own work for each of
    /// the tens of thousands of rows a first build stores (a tenth of a second at 10,000 posts).
    struct RawInsert {
        let statement: Statement
        let db: Database

        init(_ db: Database, sql: String) throws {
            self.db = db
            statement = try db.makeStatement(sql: sql)
        }

        enum Value {
            case text(String)
            case optionalText(String?)
            case integer(Int64?)
            case blob(Data)
        }

        func run(_ values: Value...) throws {
            let handle = statement.sqliteStatement
            defer {
                sqlite3_reset(handle)
                sqlite3_clear_bindings(handle)
            }
            // SQLite copies each value (SQLITE_TRANSIENT) before `run` returns.
            let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
            var code = SQLITE_OK
            for (offset, value) in values.enumerated() where code == SQLITE_OK {
                let column = Int32(offset + 1)
                switch value {
                case .text(let text), .optionalText(.some(let text)):
                    var text = text
                    code = text.withUTF8 { bytes in
                        bytes.withMemoryRebound(to: CChar.self) { chars in
                            // (A null pointer would bind NULL, not an empty text.)
                            chars.baseAddress.map { sqlite3_bind_text(handle, column, $0, Int32(chars.count), transient) }
                                ?? sqlite3_bind_text(handle, column, "", 0, transient)
                        }
                    }
                case .optionalText(nil), .integer(nil):
                    code = sqlite3_bind_null(handle, column)
                case .integer(.some(let number)):
                    code = sqlite3_bind_int64(handle, column, number)
                case .blob(let data):
                    code = data.withUnsafeBytes { bytes in
                        bytes.baseAddress.map { sqlite3_bind_blob(handle, column, $0, Int32(bytes.count), transient) }
                            ?? sqlite3_bind_zeroblob(handle, column, 0)
                    }
                }
            }
            if code == SQLITE_OK { code = sqlite3_step(handle) }
            guard code == SQLITE_DONE else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
            }
        }
    }

    // MARK: - Outputs

    public func outputs(for outputDirectory: URL) throws -> [String: OutputRow] {
        try queue.read { db in try Self.outputs(for: outputDirectory, in: db) }
    }

    /// `outputs(for:)` on a connection of its own, opened read-only: a build reads them while it
    /// scans the sources (WAL lets this reader run beside the build's own connection).
    static func outputs(for outputDirectory: URL, readingOnly url: URL) throws -> [String: OutputRow] {
        var configuration = Configuration()
        configuration.label = "samizdat.build.outputs"
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        return try DatabaseQueue(path: url.path, configuration: configuration).read { db in
            try outputs(for: outputDirectory, in: db)
        }
    }

    private static func outputs(for outputDirectory: URL, in db: Database) throws -> [String: OutputRow] {
        var result: [String: OutputRow] = [:]
        result.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM output WHERE output_dir = ?", arguments: [outputDirectory.path]) ?? 0)
        try RawRow.forEach(in: db, sql: "SELECT path, input_digest, sha256, size, modified FROM output WHERE output_dir = ?",
                           arguments: [outputDirectory.path]) { row in
            let row = outputRow(row)
            result[row.path] = row
        }
        return result
    }

    /// A row of `SELECT path, input_digest, sha256, size, modified FROM output`.
    private static func outputRow(_ row: RawRow) -> OutputRow {
        let stamp = row.integer(3).flatMap { size in row.integer(4).map { FileStamp(size: Int(size), modified: $0) } }
        return OutputRow(path: row.text(0), inputDigest: row.optionalText(1), sha256: row.text(2), stamp: stamp)
    }

    /// The rows of `paths` alone (those recorded), for a build that makes only a few files.
    func outputs(for outputDirectory: URL, paths: some Sequence<String>) throws -> [String: OutputRow] {
        try queue.read { db in
            var result: [String: OutputRow] = [:]
            let statement = try db.makeStatement(sql: "SELECT path, input_digest, sha256, size, modified FROM output WHERE output_dir = ? AND path = ?")
            for path in paths {
                try RawRow.forEach(statement, arguments: [outputDirectory.path, path]) { row in result[path] = Self.outputRow(row) }
            }
            return result
        }
    }

    public func state(for outputDirectory: URL) throws -> BuildState? {
        try queue.read { db in
            guard let data = try Data.fetchOne(db, sql: "SELECT state FROM build_state WHERE output_dir = ?", arguments: [outputDirectory.path])
            else { return nil }
            return try? JSONDecoder().decode(BuildState.self, from: data)
        }
    }

    /// Before writing: the paths about to be written become this tool's (so a build killed half
    /// way still prunes them later), and the folder no longer counts as built.
    public func claim(_ paths: [String], in outputDirectory: URL) throws {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM build_state WHERE output_dir = ?", arguments: [outputDirectory.path])
            let insert = try RawInsert(db, sql: "INSERT OR IGNORE INTO output (output_dir, path, sha256) VALUES (?, ?, '')")
            for path in paths {
                try insert.run(.text(outputDirectory.path), .text(path))
            }
        }
    }

    /// After a complete build, in one transaction: the sources that changed or went away, the
    /// files written, kept or removed, and the build's state.
    /// Records parsed files alone, as soon as they are parsed.
    public func commit(sources changed: some Sequence<SourceRow>, removedSources: [String]) throws {
        try queue.write { db in try Self.store(sources: changed, removed: removedSources, in: db) }
    }

    private static func store(sources changed: some Sequence<SourceRow>, removed: [String], in db: Database) throws {
        let deleteSource = try db.makeStatement(sql: "DELETE FROM source WHERE path = ?")
        let deleteText = try db.makeStatement(sql: "DELETE FROM source_text WHERE path = ?")
        var stored = !removed.isEmpty
        for path in removed {
            try deleteSource.execute(arguments: [path])
            try deleteText.execute(arguments: [path])
        }
        let upsertText = try RawInsert(db, sql: "INSERT OR REPLACE INTO source_text (path, text) VALUES (?, ?)")
        let upsertSource = try RawInsert(db, sql: """
            INSERT OR REPLACE INTO source (path, size, modified, sha256, parse_key, record, record_digest, dependencies, checked)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for row in changed {
            stored = true
            try upsertSource.run(.text(row.path), .integer(Int64(row.stamp.size)), .integer(row.stamp.modified), .text(row.sha256),
                                 .text(row.parseKey), .blob(row.record), .text(row.recordDigest),
                                 .blob(RecordCoding.encode(row.dependencies)), .integer(row.checked))
            // (A page has no text of its own: no row, and none left from when it was a post.)
            if let text = row.text {
                if text.isEmpty { try deleteText.execute(arguments: [row.path]) } else { try upsertText.run(.text(row.path), .blob(text)) }
            }
        }
        if stored {
            try db.execute(sql: "PRAGMA user_version = \(try generation(in: db) &+ 1)")
        }
    }

    /// `changed` may be lazy: each row is made as it is stored, and let go of.
    public func commit(sources changed: some Sequence<SourceRow>, removedSources: [String], outputs: [OutputRow], removedOutputs: [String],
                       for outputDirectory: URL, state: BuildState?) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try queue.write { db in
            try Self.store(sources: changed, removed: removedSources, in: db)
            let deleteOutput = try db.makeStatement(sql: "DELETE FROM output WHERE output_dir = ? AND path = ?")
            for path in removedOutputs { try deleteOutput.execute(arguments: [outputDirectory.path, path]) }
            let upsertOutput = try RawInsert(db, sql: """
                INSERT OR REPLACE INTO output (output_dir, path, input_digest, sha256, size, modified) VALUES (?, ?, ?, ?, ?, ?)
                """)
            for row in outputs {
                try upsertOutput.run(.text(outputDirectory.path), .text(row.path), .optionalText(row.inputDigest), .text(row.sha256),
                                     .integer(row.stamp.map { Int64($0.size) }), .integer(row.stamp?.modified))
            }
            try db.execute(sql: "DELETE FROM build_state WHERE output_dir = ?", arguments: [outputDirectory.path])
            if var state {
                state.generation = try Self.generation(in: db)
                try db.execute(sql: "INSERT INTO build_state (output_dir, state) VALUES (?, ?)",
                               arguments: [outputDirectory.path, try encoder.encode(state)])
            }
        }
    }
}
