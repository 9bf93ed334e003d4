import Foundation

/// The compact binary form of what the build database keeps of a parsed file.
///
/// Decoding ten thousand posts with `JSONDecoder` took most of an incremental build; this
/// hand-written form reads them about an order of magnitude faster. Every stored property of
/// the types below is written, in declaration order; `RecordCodingTests` checks that a value
/// read back encodes to the same JSON as the original, so a property added later and forgotten
/// here fails the tests. The format changes with the tool: records are keyed by `ToolIdentity`.
enum RecordCoding {
    struct Malformed: Error {}

    /// A parsed file as it is kept: the post's text (`PostText`) apart from the rest, so a build
    /// can read every post without reading every text.
    struct Record: Sendable, Equatable {
        var head: Data
        /// The post's text; empty for a page.
        var text: Data

        /// The digest of the whole parsed value (the head holds the text's SHA-256).
        var digest: String { Digest.of(head) }
    }

    static func encode(_ cached: ContentLoader.Cached) -> Record {
        var text = Writer()
        if let post = cached.post { text.text(post.text.value) }
        let textBytes = Data(text.bytes)
        let textDigest = Digest.of(textBytes)
        var writer = Writer()
        writer.optional(cached.post) { $0.post($1, textDigest: textDigest) }
        writer.optional(cached.page) { $0.page($1) }
        writer.array(cached.warnings) { $0.diagnostic($1) }
        return Record(head: Data(writer.bytes), text: textBytes)
    }

    /// The whole value, its text read at once.
    /// (A post's text is never empty bytes; a page's always is.)
    static func decode(_ record: Record) throws(Malformed) -> ContentLoader.Cached {
        let value = record.text.isEmpty ? nil : try decodeText(record.text)
        var matches = false
        let cached = try decode(head: record.head) { _, linksToSources, digest in
            matches = digest == Digest.of(record.text) && value?.linksToSources == linksToSources
            return value.map(PostText.init)
        }
        if let post = cached.post {
            guard matches, let value, Post.excerpt(of: value.plainText) == post.excerpt else { throw Malformed() }
        } else if value != nil {
            throw Malformed()
        }
        return cached
    }

    /// The value without its post's text: `text` gives the post's text holder, from the file's
    /// path, whether the text links to other files and the SHA-256 of the text's bytes (nil: an
    /// empty placeholder, to be replaced).
    static func decode(head: Data, text: (_ path: String, _ linksToSources: Bool, _ digest: String) -> PostText?) throws(Malformed) -> ContentLoader.Cached {
        try read(head) { reader throws(Malformed) in
            let post = try reader.optional { r throws(Malformed) in try r.post(text: text) }
            let page = try reader.optional { r throws(Malformed) in try r.page() }
            let warnings = try reader.array { r throws(Malformed) in try r.diagnostic() }
            return ContentLoader.Cached(post: post, page: page, warnings: warnings)
        }
    }

    static func decodeText(_ data: Data) throws(Malformed) -> PostText.Value {
        try read(data) { reader throws(Malformed) in try reader.text() }
    }

    /// `body` run on a reader of `data`, in place (copying every record into an array first was
    /// a tenth of decoding); a record with bytes left over is malformed.
    static func read<T>(_ data: Data, _ body: (inout Reader) throws(Malformed) -> T) throws(Malformed) -> T {
        let result = data.withUnsafeBytes { bytes -> Result<T, Malformed> in
            var reader = Reader(bytes: bytes)
            return Result { () throws(Malformed) -> T in
                let value = try body(&reader)
                guard reader.position == bytes.count else { throw Malformed() }
                return value
            }
        }
        return try result.get()
    }

    static func encode(_ dependencies: [BuildDatabase.Dependency]) -> Data {
        var writer = Writer()
        writer.array(dependencies) { w, dependency in
            w.string(dependency.path)
            w.optionalString(dependency.fingerprint)
        }
        return Data(writer.bytes)
    }

    static func decodeDependencies(_ data: Data) throws(Malformed) -> [BuildDatabase.Dependency] {
        try read(data) { reader throws(Malformed) in
            try reader.array { r throws(Malformed) in
                BuildDatabase.Dependency(path: try r.string(), fingerprint: try r.optionalString())
            }
        }
    }

    // MARK: - Writing

    struct Writer {
        var bytes: [UInt8] = []

        mutating func int(_ value: Int) {
            // Zig-zag, then 7 bits per byte.
            var v = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
            while v >= 0x80 {
                bytes.append(UInt8(v & 0x7f) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }

        mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

        mutating func string(_ value: String) {
            var value = value
            value.withUTF8 { buffer in
                int(buffer.count)
                bytes.append(contentsOf: buffer)
            }
        }

        mutating func double(_ value: Double) {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func date(_ value: Date) { double(value.timeIntervalSinceReferenceDate) }

        mutating func url(_ value: URL) { string(value.path) }

        mutating func optional<T>(_ value: T?, _ write: (inout Writer, T) -> Void) {
            if let value {
                bytes.append(1)
                write(&self, value)
            } else {
                bytes.append(0)
            }
        }

        mutating func array<T>(_ values: [T], _ write: (inout Writer, T) -> Void) {
            int(values.count)
            for value in values { write(&self, value) }
        }

        mutating func strings(_ values: [String]) { array(values) { $0.string($1) } }
        mutating func optionalString(_ value: String?) { optional(value) { $0.string($1) } }
        mutating func optionalInt(_ value: Int?) { optional(value) { $0.int($1) } }

        mutating func post(_ post: Post, textDigest: String) {
            string(post.sourceFile)
            string(post.sourcePath)
            frontMatter(post.frontMatter)
            date(post.date)
            string(post.slug)
            string(post.path)
            rendered(post.outline)
            strings(post.tags)
            array(post.photos) { w, photo in
                w.string(photo.url)
                w.optionalString(photo.alt)
                w.optional(photo.info) { w, info in
                    w.string(info.format.rawValue)
                    w.int(info.width)
                    w.int(info.height)
                }
                w.optionalInt(photo.byteSize)
            }
            array(post.media) { $0.media($1) }
            string(post.excerpt)
            bool(post.linksToSources)
            string(textDigest)
        }

        mutating func text(_ text: PostText.Value) {
            string(text.html)
            string(text.plainText)
            // Most posts are shown whole in lists: their list HTML is then not kept twice.
            if text.listHTML == text.html {
                bool(true)
            } else {
                bool(false)
                string(text.listHTML)
            }
            optionalString(text.summaryHTML)
            optionalString(text.summaryText)
        }

        mutating func page(_ page: Page) {
            url(page.source)
            string(page.sourcePath)
            frontMatter(page.frontMatter)
            string(page.slug)
            string(page.path)
            rendered(page.content)
            array(page.media) { $0.media($1) }
        }

        mutating func media(_ media: MediaFile) {
            url(media.source)
            string(media.outputPath)
        }

        mutating func frontMatter(_ m: FrontMatter) {
            optionalString(m.title)
            optional(m.date) { $0.date($1) }
            optional(m.updated) { $0.date($1) }
            strings(m.tags)
            bool(m.draft)
            optionalString(m.slug)
            strings(m.aliases)
            optionalString(m.summary)
            optionalString(m.lang)
            array(m.photos) { w, photo in
                w.string(photo.src)
                w.optionalString(photo.alt)
                w.optionalString(photo.focus)
            }
            optionalString(m.replyTo)
            bool(m.pinned)
            strings(m.syndication)
            optionalString(m.id)
            optionalString(m.layout)
            optional(m.menu) { $0.bool($1) }
            optionalInt(m.weight)
            optional(m.expiryDate) { $0.date($1) }
            optional(m.publishDate) { $0.date($1) }
            bool(m.hashtags)
            table(m.params)
            optionalInt(m.dateLine)
            optionalInt(m.slugLine)
            optionalInt(m.layoutLine)
            optionalInt(m.photosLine)
            optionalInt(m.idLine)
            array(m.aliasLines) { $0.optionalInt($1) }
        }

        mutating func table(_ table: DataTable) {
            array(table.entries) { w, entry in
                w.string(entry.key)
                w.value(entry.value)
                w.optionalInt(entry.line)
                w.optionalInt(entry.column)
            }
        }

        mutating func value(_ value: DataValue) {
            switch value {
            case .string(let s): bytes.append(0); string(s)
            case .integer(let i): bytes.append(1); int(i)
            case .double(let d): bytes.append(2); double(d)
            case .bool(let b): bytes.append(3); bool(b)
            case .null: bytes.append(4)
            case .array(let items): bytes.append(5); array(items) { $0.value($1) }
            case .table(let t): bytes.append(6); table(t)
            }
        }

        mutating func rendered(_ r: RenderedMarkdown) {
            string(r.html)
            string(r.plainText)
            array(r.headings) { w, heading in
                w.int(heading.level)
                w.string(heading.id)
                w.string(heading.text)
            }
            strings(r.images)
            strings(r.hashtags)
            strings(r.mentions)
            strings(r.problems)
            array(r.problemLines) { $0.int($1) }
        }

        mutating func diagnostic(_ d: Diagnostic) {
            string(d.severity.rawValue)
            optional(d.location) { w, location in
                w.url(location.file)
                w.optionalInt(location.line)
                w.optionalInt(location.column)
            }
            string(d.message)
        }
    }

    // MARK: - Reading

    struct Reader {
        /// The record's bytes, valid while it is read (`withUnsafeBytes`).
        let bytes: UnsafeRawBufferPointer
        var position = 0

        mutating func byte() throws(Malformed) -> UInt8 {
            guard position < bytes.count else { throw Malformed() }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func int() throws(Malformed) -> Int {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let b = try byte()
                guard shift < 64 else { throw Malformed() }
                result |= UInt64(b & 0x7f) << shift
                if b < 0x80 { break }
                shift += 7
            }
            return Int(Int64(bitPattern: (result >> 1) ^ (0 &- (result & 1))))
        }

        mutating func bool() throws(Malformed) -> Bool {
            switch try byte() {
            case 0: return false
            case 1: return true
            default: throw Malformed()
            }
        }

        mutating func string() throws(Malformed) -> String {
            let count = try int()
            guard count >= 0, count <= bytes.count - position else { throw Malformed() }
            defer { position += count }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<position + count]), as: UTF8.self)
        }

        mutating func double() throws(Malformed) -> Double {
            guard bytes.count - position >= 8 else { throw Malformed() }
            var bits: UInt64 = 0
            for offset in 0..<8 { bits |= UInt64(bytes[position + offset]) << (8 * UInt64(offset)) }
            position += 8
            return Double(bitPattern: bits)
        }

        mutating func date() throws(Malformed) -> Date { Date(timeIntervalSinceReferenceDate: try double()) }

        // `isDirectory` given: without it Foundation asks the file system, once per record.
        mutating func url() throws(Malformed) -> URL { URL(fileURLWithPath: try string(), isDirectory: false) }

        mutating func optional<T>(_ read: (inout Reader) throws(Malformed) -> T) throws(Malformed) -> T? {
            switch try byte() {
            case 0: return nil
            case 1: return try read(&self)
            default: throw Malformed()
            }
        }

        mutating func array<T>(_ read: (inout Reader) throws(Malformed) -> T) throws(Malformed) -> [T] {
            let count = try int()
            guard count >= 0, count <= bytes.count - position else { throw Malformed() }
            var result: [T] = []
            // (At most a few thousand at first: damaged counts of nested arrays would otherwise each
            // reserve room for as many elements as bytes are left, memory growing as their square.)
            result.reserveCapacity(min(count, 4096))
            for _ in 0..<count { result.append(try read(&self)) }
            return result
        }

        mutating func strings() throws(Malformed) -> [String] { try array { r throws(Malformed) in try r.string() } }
        mutating func optionalString() throws(Malformed) -> String? { try optional { r throws(Malformed) in try r.string() } }
        mutating func optionalInt() throws(Malformed) -> Int? { try optional { r throws(Malformed) in try r.int() } }

        mutating func post(text: (_ path: String, _ linksToSources: Bool, _ digest: String) -> PostText?) throws(Malformed) -> Post {
            let source = try string(), sourcePath = try string(), matter = try frontMatter(), date = try date()
            let slug = try string(), path = try string(), outline = try rendered()
            let tags = try strings()
            let photos = try array { r throws(Malformed) in
                let url = try r.string(), alt = try r.optionalString()
                let info = try r.optional { r throws(Malformed) -> ImageInfo in
                    guard let format = ImageInfo.Format(rawValue: try r.string()) else { throw Malformed() }
                    return ImageInfo(format: format, width: try r.int(), height: try r.int())
                }
                return Photo(url: url, alt: alt, info: info, byteSize: try r.optionalInt())
            }
            let media = try array { r throws(Malformed) in try r.media() }
            let excerpt = try string()
            let linksToSources = try bool()
            let textDigest = try string()
            guard outline.html.isEmpty, outline.plainText.isEmpty else { throw Malformed() }
            return Post(sourceFile: source, sourcePath: sourcePath, frontMatter: matter, date: date, slug: slug, path: path, outline: outline,
                        text: text(sourcePath, linksToSources, textDigest) ?? PostText(.empty), excerpt: excerpt, tags: tags, photos: photos, media: media)
        }

        mutating func text() throws(Malformed) -> PostText.Value {
            let html = try string(), plainText = try string()
            let listHTML = try bool() ? html : string()
            return PostText.Value(html: html, plainText: plainText, listHTML: listHTML, summaryHTML: try optionalString(),
                                  summaryText: try optionalString())
        }

        mutating func page() throws(Malformed) -> Page {
            let source = try url(), sourcePath = try string(), matter = try frontMatter()
            let slug = try string(), path = try string(), content = try rendered()
            var page = Page(source: source, sourcePath: sourcePath, frontMatter: matter, slug: slug, path: path, content: content)
            page.media = try array { r throws(Malformed) in try r.media() }
            return page
        }

        mutating func media() throws(Malformed) -> MediaFile {
            MediaFile(source: try url(), outputPath: try string())
        }

        mutating func frontMatter() throws(Malformed) -> FrontMatter {
            var m = FrontMatter()
            m.title = try optionalString()
            m.date = try optional { r throws(Malformed) in try r.date() }
            m.updated = try optional { r throws(Malformed) in try r.date() }
            m.tags = try strings()
            m.draft = try bool()
            m.slug = try optionalString()
            m.aliases = try strings()
            m.summary = try optionalString()
            m.lang = try optionalString()
            m.photos = try array { r throws(Malformed) in
                FrontMatter.Photo(src: try r.string(), alt: try r.optionalString(), focus: try r.optionalString())
            }
            m.replyTo = try optionalString()
            m.pinned = try bool()
            m.syndication = try strings()
            m.id = try optionalString()
            m.layout = try optionalString()
            m.menu = try optional { r throws(Malformed) in try r.bool() }
            m.weight = try optionalInt()
            m.expiryDate = try optional { r throws(Malformed) in try r.date() }
            m.publishDate = try optional { r throws(Malformed) in try r.date() }
            m.hashtags = try bool()
            m.params = try table()
            m.dateLine = try optionalInt()
            m.slugLine = try optionalInt()
            m.layoutLine = try optionalInt()
            m.photosLine = try optionalInt()
            m.idLine = try optionalInt()
            m.aliasLines = try array { r throws(Malformed) in try r.optionalInt() }
            return m
        }

        mutating func table() throws(Malformed) -> DataTable {
            DataTable(entries: try array { r throws(Malformed) in
                DataTable.Entry(key: try r.string(), value: try r.value(), line: try r.optionalInt(), column: try r.optionalInt())
            })
        }

        mutating func value() throws(Malformed) -> DataValue {
            switch try byte() {
            case 0: return .string(try string())
            case 1: return .integer(try int())
            case 2: return .double(try double())
            case 3: return .bool(try bool())
            case 4: return .null
            case 5: return .array(try array { r throws(Malformed) in try r.value() })
            case 6: return .table(try table())
            default: throw Malformed()
            }
        }

        mutating func rendered() throws(Malformed) -> RenderedMarkdown {
            var r = RenderedMarkdown()
            r.html = try string()
            r.plainText = try string()
            r.headings = try array { r throws(Malformed) in
                RenderedMarkdown.Heading(level: try r.int(), id: try r.string(), text: try r.string())
            }
            r.images = try strings()
            r.hashtags = try strings()
            r.mentions = try strings()
            r.problems = try strings()
            r.problemLines = try array { r throws(Malformed) in try r.int() }
            return r
        }

        mutating func diagnostic() throws(Malformed) -> Diagnostic {
            guard let severity = Diagnostic.Severity(rawValue: try string()) else { throw Malformed() }
            let location = try optional { r throws(Malformed) in
                SourceLocation(file: try r.url(), line: try r.optionalInt(), column: try r.optionalInt())
            }
            return Diagnostic(severity, try string(), at: location)
        }
    }
}
