import Foundation

/// A post of the timeline: a Markdown file under `Content/posts/`.
public struct Post: Sendable, Codable {
    /// The Markdown file.
    public var source: URL
    /// The file's path below `Content/`, e.g. `posts/2026/11/hello.md`; it orders posts of the same date.
    public var sourcePath: String
    public var frontMatter: FrontMatter
    public var date: Date
    public var slug: String
    /// Site-root-relative URL path, from the `permalink` pattern: `/2026/11/20/hello/`.
    public var path: String
    /// The body rendered for the post's own page (heading ids as written).
    public var content: RenderedMarkdown
    /// The body rendered for lists (timeline, tags, archive): ids prefixed so posts never clash.
    public var listHTML: String

    /// Front matter `tags` followed by the hashtags of the text, without case-insensitive repeats.
    public var tags: [String] = []
    /// Photos from front matter, resolved (`ContentLoader` reads their size from the files).
    public var photos: [Photo] = []
    /// Files next to the Markdown file that are copied next to the post's page.
    public var media: [MediaFile] = []
    /// What lists show of a titled post that is cut: the Markdown before `<!--more-->` (or
    /// `excerpt_separator`), or front matter `summary`, rendered as `listHTML` is; nil for a post
    /// shown whole.
    public var summaryHTML: String? = nil
    /// The same as plain text, for feeds' summaries.
    public var summaryText: String? = nil

    public var title: String? { frontMatter.title }
    public var isDraft: Bool { frontMatter.draft }
    /// When the post appears: its `date`, or a later `publishDate` (Hugo's meaning: the post is
    /// held back until then, and keeps its `date`).
    public var appearsAt: Date { max(date, frontMatter.publishDate ?? date) }
    /// A short anchor-safe name unique to this post, used to prefix ids in lists.
    var anchor: String { "p-" + path.split(separator: "/").joined(separator: "-") }
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
