import Foundation

/// One post read from a platform's archive, before it becomes a file: what every importer
/// produces and the shared core (`Importer`) writes.
public struct ImportedPost: Sendable, Equatable {
    /// The post this one answers.
    public struct Reply: Sendable, Equatable {
        /// The platform id of the author's own post answered (a thread), nil for someone else's.
        public var ownID: String?
        /// Its address on the platform: `reply_to` when it is not imported.
        public var url: String

        public init(ownID: String?, url: String) {
            self.ownID = ownID
            self.url = url
        }
    }

    /// A file of the archive shown with the post.
    public struct Media: Sendable, Equatable {
        public enum Kind: String, Sendable {
            case photo, video
        }

        /// Its path inside the archive.
        public var member: String
        /// Its file name next to the post: letters, digits, `.`, `-` and `_` only.
        public var name: String
        public var alt: String?
        public var kind: Kind

        public init(member: String, name: String, alt: String?, kind: Kind) {
            self.member = member
            self.name = ImportedPost.safeFileName(name)
            self.alt = alt.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
            self.kind = kind
        }
    }

    /// Who could read the post on the platform.
    public enum Audience: String, Sendable {
        /// Everyone, and listed in public timelines.
        case `public`
        /// Everyone with the address (Mastodon's "unlisted", "quiet public").
        case unlisted
        /// The author's followers only.
        case followers
        /// The people it mentions only (a direct message).
        case direct
    }

    /// `twitter`, `mastodon`: the folder below `Content/posts/imported/` and the record's key.
    public var platform: String
    /// The platform's id, kept as text (Twitter's ids do not fit a double).
    public var id: String
    /// The post's address on the platform.
    public var url: String
    public var date: Date
    /// The zone the platform gave the date in, kept in the front matter.
    public var timeZone: TimeZone
    /// The text, as Markdown.
    public var text: String
    public var tags: [String]
    public var replyTo: Reply?
    public var media: [Media]
    /// A repost of someone else's post (a retweet, a boost).
    public var isRepost = false
    public var audience = Audience.public

    public init(platform: String, id: String, url: String, date: Date, timeZone: TimeZone, text: String, tags: [String] = [],
                replyTo: Reply? = nil, media: [Media] = [], isRepost: Bool = false, audience: Audience = .public) {
        self.platform = platform
        self.id = id
        self.url = url
        self.date = date
        self.timeZone = timeZone
        self.text = text
        self.tags = tags
        self.replyTo = replyTo
        self.media = media
        self.isRepost = isRepost
        self.audience = audience
    }

    /// The post's URL slug: its platform id, unique and stable.
    public var slug: String { ImportedPost.safeFileName(id) }

    /// The file's path below `Content/`: `posts/imported/twitter/2023/02/18-<id>.md`, or a page
    /// bundle `…/18-<id>/index.md` when it has media (the files go beside it). Year, month and
    /// day are those of the original zone.
    public var path: String {
        // `2023-02-18T12:33:11Z`: the year, month and day where the timestamp has them.
        let time = Array(dateText)
        let folder = "posts/imported/\(platform)/" + String(time[0..<4]) + "/" + String(time[5..<7]) + "/"
        let name = String(time[8..<10]) + "-" + slug
        return folder + (media.isEmpty ? name + ".md" : name + "/index.md")
    }

    /// The date in the platform's zone, as RFC 3339 (`Z` for UTC).
    var dateText: String { RFC3339.string(date, timeZone: timeZone) }

    /// The whole file: front matter, every value quoted (any text is valid YAML), then the text.
    ///
    /// - Parameter replyPath: the site path of the post this one answers when it is imported
    ///   too (a thread); otherwise `reply_to` is its address on the platform.
    /// - Parameter alsoAt: the addresses of its cross-posts on other platforms, listed in
    ///   `syndication` after its own (see `CrossPosts`).
    public func markdown(replyPath: String?, alsoAt: [String] = []) -> String {
        // Control characters would only be removed again by the build, with a warning each.
        func clean(_ text: String) -> String { ControlCharacters.removing(from: text) }
        var lines = ["---"]
        lines.append("date: " + dateText)
        lines.append("slug: " + YAMLText.quoted(slug))
        lines.append("id: " + YAMLText.quoted("\(platform)-\(slug)"))
        if !tags.isEmpty { lines.append("tags: " + YAMLText.list(tags.map(clean))) }
        if let replyTo { lines.append("reply_to: " + YAMLText.quoted(clean(replyPath ?? replyTo.url))) }
        lines.append("syndication: " + YAMLText.list(([url] + alsoAt.sorted()).map(clean)))
        let photos = media.filter { $0.kind == .photo }
        if !photos.isEmpty {
            lines.append("photos:")
            for photo in photos {
                lines.append("  - src: " + YAMLText.quoted(photo.name))
                if let alt = photo.alt { lines.append("    alt: " + YAMLText.quoted(clean(alt))) }
            }
        }
        lines.append("---")
        var body = clean(text).trimmingCharacters(in: .whitespacesAndNewlines)
        for video in media where video.kind == .video {
            let label = video.alt.map { "Video: " + MarkdownText.escaped(clean($0)) } ?? "Video"
            body += (body.isEmpty ? "" : "\n\n") + "[\(label)](\(video.name))"
        }
        return lines.joined(separator: "\n") + "\n" + (body.isEmpty ? "" : body + "\n")
    }

    /// A name that is one plain path component: anything else becomes `_`.
    static func safeFileName(_ name: String) -> String {
        let cleaned = String(name.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar)) ? Character(scalar) : "_"
        })
        let trimmed = String(cleaned.drop { $0 == "." })
        return trimmed.isEmpty ? "_" : trimmed
    }
}
