import Foundation

/// A post of the timeline: a Markdown file under `Content/posts/`.
///
/// A value like any other, kept in one shared box that is copied only when a copy is changed:
/// a post has some thirty strings and arrays, and the build passes posts around by value
/// thousands of times (the site, the plan, digests, feeds). Copying them field by field was a
/// tenth of an incremental build of 10,000 posts.
public struct Post: Sendable, Codable {
    /// The post's values; `Post` reads and writes them through its box.
    struct Fields: Sendable {
        /// The Markdown file's path: its `URL` is made when asked for (`source`), as few builds
        /// ask: making one for each post read back from the database was a third of decoding it.
        var sourceFile: String
        var sourcePath: String
        var frontMatter: FrontMatter
        var date: Date
        var slug: String
        var path: String
        /// The rendered body's outline (headings, images, hashtags, mentions, problems); its HTML
        /// and plain text are in `text`.
        var outline: RenderedMarkdown
        var text: PostText
        /// The start of the plain text (`Excerpt`, 60 characters): a note's display title, known
        /// without reading its text.
        var excerpt: String
        var tags: [String] = []
        var photos: [Photo] = []
        var media: [MediaFile] = []
    }

    private final class Box: @unchecked Sendable {
        var fields: Fields
        /// For a post read back from the database whose head is decoded when first used (see
        /// `init(decodingWhenUsed:)`); nil for every other post.
        let pending: Pending?
        init(_ fields: Fields) {
            self.fields = fields
            pending = nil
        }
        init(placeholder: Fields, pending: Pending) {
            fields = placeholder
            self.pending = pending
        }
        /// `fields`, made first if they are still to be.
        var values: Fields {
            _read {
                pending?.resolve(self)
                yield fields
            }
        }
    }

    /// How to make a post's values, once, the first time any is asked for.
    private final class Pending: @unchecked Sendable {
        private let lock = NSLock()
        private var make: (@Sendable () -> Post)?
        init(_ make: @escaping @Sendable () -> Post) {
            self.make = make
        }

        /// Puts the values in `box` if they are not there yet. (Under the lock: whoever asks
        /// next takes the lock too, so sees them.)
        func resolve(_ box: Box) {
            lock.lock()
            defer { lock.unlock() }
            guard let make else { return }
            box.fields = make().box.values
            self.make = nil
        }
    }

    private var box: Box

    public init(source: URL, sourcePath: String, frontMatter: FrontMatter, date: Date, slug: String, path: String,
                content: RenderedMarkdown, listHTML: String, tags: [String] = [], photos: [Photo] = [], media: [MediaFile] = []) {
        var outline = content
        outline.html = ""
        outline.plainText = ""
        box = Box(Fields(sourceFile: source.path, sourcePath: sourcePath, frontMatter: frontMatter, date: date, slug: slug, path: path,
                         outline: outline, text: PostText(PostText.Value(html: content.html, plainText: content.plainText, listHTML: listHTML)),
                         excerpt: Self.excerpt(of: content.plainText), tags: tags, photos: photos, media: media))
    }

    /// A post whose text is read when it is first needed (see `PostText`).
    init(sourceFile: String, sourcePath: String, frontMatter: FrontMatter, date: Date, slug: String, path: String,
         outline: RenderedMarkdown, text: PostText, excerpt: String, tags: [String], photos: [Photo], media: [MediaFile]) {
        box = Box(Fields(sourceFile: sourceFile, sourcePath: sourcePath, frontMatter: frontMatter, date: date, slug: slug, path: path,
                         outline: outline, text: text, excerpt: excerpt, tags: tags, photos: photos, media: media))
    }

    /// A post read back from the database whose values are made by `make` (its record's head
    /// decoded) the first time any of them is asked for, once, under a lock: a build that makes
    /// a few pages of a large site (`SiteShape`) decodes only the posts those pages show.
    init(decodingWhenUsed make: @escaping @Sendable () -> Post) {
        box = Box(placeholder: Self.placeholder, pending: Pending(make))
    }

    /// What a post decoded when used holds until it is (never read: `values` makes them first).
    private static let placeholder = Fields(sourceFile: "", sourcePath: "", frontMatter: FrontMatter(), date: Date(timeIntervalSince1970: 0),
                                            slug: "", path: "", outline: RenderedMarkdown(), text: PostText(.empty), excerpt: "")

    /// The same post, its values made now, in a box of its own that asks no lock: for a build
    /// that reads every post after all.
    var resolved: Post {
        guard box.pending != nil else { return self }
        var post = self
        post.box = Box(box.values)
        return post
    }

    static func excerpt(of plainText: String) -> String {
        Excerpt.make(from: plainText, maxLength: 60)
    }

    /// Every value, the text included, in the shape posts had before their text was kept apart.
    private struct Coded: Codable {
        var source: URL
        var sourcePath: String
        var frontMatter: FrontMatter
        var date: Date
        var slug: String
        var path: String
        var content: RenderedMarkdown
        var listHTML: String
        var tags: [String]
        var photos: [Photo]
        var media: [MediaFile]
        var summaryHTML: String?
        var summaryText: String?
    }

    public init(from decoder: any Decoder) throws {
        let coded = try Coded(from: decoder)
        self.init(source: coded.source, sourcePath: coded.sourcePath, frontMatter: coded.frontMatter, date: coded.date, slug: coded.slug,
                  path: coded.path, content: coded.content, listHTML: coded.listHTML, tags: coded.tags, photos: coded.photos, media: coded.media)
        summaryHTML = coded.summaryHTML
        summaryText = coded.summaryText
    }

    public func encode(to encoder: any Encoder) throws {
        try Coded(source: source, sourcePath: sourcePath, frontMatter: frontMatter, date: date, slug: slug, path: path, content: content,
                  listHTML: listHTML, tags: tags, photos: photos, media: media, summaryHTML: summaryHTML, summaryText: summaryText)
            .encode(to: encoder)
    }

    /// The box, copied first if another post shares it (or if its values are still to be made).
    private var fields: Fields {
        get { box.values }
        _modify {
            if !isKnownUniquelyReferenced(&box) || box.pending != nil { box = Box(box.values) }
            yield &box.fields
        }
    }

    /// The Markdown file.
    public var source: URL {
        get { URL(fileURLWithPath: box.values.sourceFile, isDirectory: false) }
        set { fields.sourceFile = newValue.path }
    }
    /// The Markdown file's path (`source.path`), without making a `URL`.
    var sourceFile: String { box.values.sourceFile }
    /// The file's path below `Content/`, e.g. `posts/2026/11/hello.md`; it orders posts of the same date.
    public var sourcePath: String {
        get { box.values.sourcePath }
        _modify { yield &fields.sourcePath }
    }
    public var frontMatter: FrontMatter {
        get { box.values.frontMatter }
        _modify { yield &fields.frontMatter }
    }
    public var date: Date {
        get { box.values.date }
        _modify { yield &fields.date }
    }
    public var slug: String {
        get { box.values.slug }
        _modify { yield &fields.slug }
    }
    /// Site-root-relative URL path, from the `permalink` pattern: `/2026/11/20/hello/`.
    public var path: String {
        get { box.values.path }
        _modify { yield &fields.path }
    }
    /// The body rendered for the post's own page (heading ids as written). Its HTML and plain
    /// text come from `text`, read from the build database the first time they are needed.
    public var content: RenderedMarkdown {
        get {
            var content = box.values.outline
            let text = box.values.text.value
            content.html = text.html
            content.plainText = text.plainText
            return content
        }
        set {
            var outline = newValue
            outline.html = ""
            outline.plainText = ""
            fields.outline = outline
            fields.excerpt = Self.excerpt(of: newValue.plainText)
            changeText { $0.html = newValue.html; $0.plainText = newValue.plainText }
        }
    }
    /// The body's outline alone: what the site and the plan need, without its text.
    var outline: RenderedMarkdown { box.values.outline }
    /// The body rendered for lists (timeline, tags, archive): ids prefixed so posts never clash.
    public var listHTML: String {
        get { box.values.text.value.listHTML }
        set { changeText { $0.listHTML = newValue } }
    }
    /// What lists show of a titled post that is cut: the Markdown before `<!--more-->` (or
    /// `excerpt_separator`), or front matter `summary`, rendered as `listHTML` is; nil for a post
    /// shown whole.
    public var summaryHTML: String? {
        get { box.values.text.value.summaryHTML }
        set { changeText { $0.summaryHTML = newValue } }
    }
    /// The same as plain text, for feeds' summaries.
    public var summaryText: String? {
        get { box.values.text.value.summaryText }
        set { changeText { $0.summaryText = newValue } }
    }
    /// The start of the plain text, 60 characters at most (see `displayTitle`).
    var excerpt: String { box.values.excerpt }
    /// The text's holder: shared by copies of the post, never changed in place.
    var text: PostText { box.values.text }
    /// Whether the text holds links to other content files (`SourceLinks`), known without reading it.
    var linksToSources: Bool { box.values.text.linksToSources }

    private mutating func changeText(_ change: (inout PostText.Value) -> Void) {
        var value = box.values.text.value
        change(&value)
        fields.text = PostText(value)
    }

    /// Front matter `tags` followed by the hashtags of the text, without case-insensitive repeats.
    public var tags: [String] {
        get { box.values.tags }
        _modify { yield &fields.tags }
    }
    /// Photos from front matter, resolved (`ContentLoader` reads their size from the files).
    public var photos: [Photo] {
        get { box.values.photos }
        _modify { yield &fields.photos }
    }
    /// Files next to the Markdown file that are copied next to the post's page.
    public var media: [MediaFile] {
        get { box.values.media }
        _modify { yield &fields.media }
    }

    public var title: String? { box.values.frontMatter.title }
    public var isDraft: Bool { box.values.frontMatter.draft }
    /// When the post appears: its `date`, or a later `publishDate` (Hugo's meaning: the post is
    /// held back until then, and keeps its `date`).
    public var appearsAt: Date { max(box.values.date, box.values.frontMatter.publishDate ?? box.values.date) }
    /// When the post stops being published (Hugo's `expiryDate`), read without copying the front matter.
    var expiryDate: Date? { box.values.frontMatter.expiryDate }
    /// The template the front matter asks for, read without copying the front matter.
    var layout: String? { box.values.frontMatter.layout }
    /// The front matter's `aliases`, read without copying the front matter (as are the next).
    var aliases: [String] { box.values.frontMatter.aliases }
    var replyTo: String? { box.values.frontMatter.replyTo }
    var isPinned: Bool { box.values.frontMatter.pinned }
    var updated: Date? { box.values.frontMatter.updated }
    var language: String? { box.values.frontMatter.lang }
    /// Whether the post has files next to it, without copying the list.
    var hasMedia: Bool { !box.values.media.isEmpty }
    /// The front matter's `id`.
    var feedID: String? { box.values.frontMatter.id }
    /// A short anchor-safe name unique to this post, used to prefix ids in lists: its path's
    /// segments joined by `-`.
    var anchor: String {
        // Byte by byte (no UTF-8 sequence holds a `/` byte): splitting and joining was a few
        // percent of an incremental build, which asks once per post.
        var bytes: [UInt8] = [UInt8(ascii: "p"), UInt8(ascii: "-")]
        bytes.reserveCapacity(path.utf8.count + 2)
        var wroteSegment = false, inSegment = false
        for unit in path.utf8 {
            if unit == UInt8(ascii: "/") {
                inSegment = false
                continue
            }
            if !inSegment {
                if wroteSegment { bytes.append(UInt8(ascii: "-")) }
                inSegment = true
                wroteSegment = true
            }
            bytes.append(unit)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A photo of a post.
public struct Photo: Sendable, Codable, Equatable {
    /// A site path (`/2026/11/20/cat/cat.jpg`, `/images/x.png`) or an absolute URL.
    public var url: String
    public var alt: String?
    /// Read from the file; nil for external URLs.
    public var info: ImageInfo?
    public var byteSize: Int?

    var isLocal: Bool { url.hasPrefix("/") }

    /// `url` as it is written in HTML and feeds: percent-encoded (see `MediaURL`).
    public var href: String { MediaURL.encode(url) }

    /// The MIME type: read from the file, or told by an external URL's extension.
    public var mimeType: String? { info?.mimeType ?? MediaURL.imageType(ofURL: url) }
}

/// A file copied from `Content/` into the output, next to the page that uses it.
public struct MediaFile: Sendable, Hashable, Codable {
    public var source: URL
    /// Below the output folder, e.g. `2026/11/20/cat/cat.jpg`.
    public var outputPath: String
}

/// A standalone page: any Markdown file under `Content/` outside `posts/`, e.g. `about.md` → `/about/`.
public struct Page: Sendable, Codable {
    public var source: URL
    public var sourcePath: String
    public var frontMatter: FrontMatter
    public var slug: String
    public var path: String
    public var content: RenderedMarkdown
    public var media: [MediaFile] = []

    public var title: String? { frontMatter.title }
}
