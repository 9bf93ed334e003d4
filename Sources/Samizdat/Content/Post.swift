import Foundation

/// A post of the timeline: a Markdown file under `Content/posts/`.
///
/// A value like any other, kept in one shared box that is copied only when a copy is changed:
/// a post has some thirty strings and arrays, and the build passes posts around by value
/// thousands of times (the site, the plan, digests, feeds). Copying them field by field was a
/// tenth of an incremental build of 10,000 posts.
public struct Post: Sendable, Codable {
    /// The post's values; `Post` reads and writes them through its box.
    public struct Fields: Sendable, Codable {
        public var source: URL
        public var sourcePath: String
        public var frontMatter: FrontMatter
        public var date: Date
        public var slug: String
        public var path: String
        public var content: RenderedMarkdown
        public var listHTML: String
        public var tags: [String] = []
        public var photos: [Photo] = []
        public var media: [MediaFile] = []
        public var summaryHTML: String? = nil
        public var summaryText: String? = nil
    }

    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    public init(source: URL, sourcePath: String, frontMatter: FrontMatter, date: Date, slug: String, path: String,
                content: RenderedMarkdown, listHTML: String, tags: [String] = [], photos: [Photo] = [], media: [MediaFile] = []) {
        box = Box(Fields(source: source, sourcePath: sourcePath, frontMatter: frontMatter, date: date, slug: slug, path: path,
                         content: content, listHTML: listHTML, tags: tags, photos: photos, media: media))
    }

    public init(from decoder: any Decoder) throws {
        box = Box(try Fields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try box.fields.encode(to: encoder)
    }

    /// The box, copied first if another post shares it.
    private var fields: Fields {
        get { box.fields }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
        }
    }

    /// The Markdown file.
    public var source: URL {
        get { box.fields.source }
        _modify { yield &fields.source }
    }
    /// The file's path below `Content/`, e.g. `posts/2026/11/hello.md`; it orders posts of the same date.
    public var sourcePath: String {
        get { box.fields.sourcePath }
        _modify { yield &fields.sourcePath }
    }
    public var frontMatter: FrontMatter {
        get { box.fields.frontMatter }
        _modify { yield &fields.frontMatter }
    }
    public var date: Date {
        get { box.fields.date }
        _modify { yield &fields.date }
    }
    public var slug: String {
        get { box.fields.slug }
        _modify { yield &fields.slug }
    }
    /// Site-root-relative URL path, from the `permalink` pattern: `/2026/11/20/hello/`.
    public var path: String {
        get { box.fields.path }
        _modify { yield &fields.path }
    }
    /// The body rendered for the post's own page (heading ids as written).
    public var content: RenderedMarkdown {
        get { box.fields.content }
        _modify { yield &fields.content }
    }
    /// The body rendered for lists (timeline, tags, archive): ids prefixed so posts never clash.
    public var listHTML: String {
        get { box.fields.listHTML }
        _modify { yield &fields.listHTML }
    }
    /// Front matter `tags` followed by the hashtags of the text, without case-insensitive repeats.
    public var tags: [String] {
        get { box.fields.tags }
        _modify { yield &fields.tags }
    }
    /// Photos from front matter, resolved (`ContentLoader` reads their size from the files).
    public var photos: [Photo] {
        get { box.fields.photos }
        _modify { yield &fields.photos }
    }
    /// Files next to the Markdown file that are copied next to the post's page.
    public var media: [MediaFile] {
        get { box.fields.media }
        _modify { yield &fields.media }
    }
    /// What lists show of a titled post that is cut: the Markdown before `<!--more-->` (or
    /// `excerpt_separator`), or front matter `summary`, rendered as `listHTML` is; nil for a post
    /// shown whole.
    public var summaryHTML: String? {
        get { box.fields.summaryHTML }
        _modify { yield &fields.summaryHTML }
    }
    /// The same as plain text, for feeds' summaries.
    public var summaryText: String? {
        get { box.fields.summaryText }
        _modify { yield &fields.summaryText }
    }

    public var title: String? { box.fields.frontMatter.title }
    public var isDraft: Bool { box.fields.frontMatter.draft }
    /// When the post appears: its `date`, or a later `publishDate` (Hugo's meaning: the post is
    /// held back until then, and keeps its `date`).
    public var appearsAt: Date { max(box.fields.date, box.fields.frontMatter.publishDate ?? box.fields.date) }
    /// When the post stops being published (Hugo's `expiryDate`), read without copying the front matter.
    var expiryDate: Date? { box.fields.frontMatter.expiryDate }
    /// The template the front matter asks for, read without copying the front matter.
    var layout: String? { box.fields.frontMatter.layout }
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
public struct Photo: Sendable, Codable {
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
