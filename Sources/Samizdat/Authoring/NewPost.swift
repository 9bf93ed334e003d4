import Foundation

/// A post as `samizdat new` writes it: front matter and text, at a path made from its date.
///
/// The path is `posts/YYYY/MM/DD-HHMMSS.md` (in the site's time zone), `posts/YYYY/MM/DD-<slug>.md`
/// when the post has a title, and a page-bundle folder (`…/DD-HHMMSS/index.md` with the photo
/// beside it) when it has a photo. The front matter names the `slug` (`093000`, or the title's),
/// so the URL does not repeat the day. Nothing is ever overwritten: when the path is taken, the
/// name and slug get `-2`, `-3`…
public struct NewPost: Sendable {
    public struct Photo: Sendable {
        public var file: URL
        public var alt: String

        public init(file: URL, alt: String) {
            self.file = file
            self.alt = alt
        }
    }

    public var text: String
    public var title: String?
    public var tags: [String] = []
    public var replyTo: String?
    public var photo: Photo?
    /// Kept to the second: the file name and the front matter say the same time.
    public var date: Date

    public init(text: String, title: String? = nil, tags: [String] = [], replyTo: String? = nil, photo: Photo? = nil, date: Date) {
        self.text = text
        self.title = title.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        self.tags = tags.map { String($0.trimmingCharacters(in: .whitespaces).drop { $0 == "#" }).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        self.replyTo = replyTo
        self.photo = photo
        self.date = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    /// Longest slug made from a title; longer ones are cut at a word boundary.
    static let maximumSlugLength = 60

    /// The last part of the post's URL: the title's slug, or the time (`093000`) for a note.
    public func slug(timeZone: TimeZone) -> String {
        if let title {
            var slug = Slug.make(title)
            if slug.count > Self.maximumSlugLength {
                slug = String(slug.prefix(Self.maximumSlugLength))
                if let dash = slug.lastIndex(of: "-") { slug = String(slug[..<dash]) }
            }
            if !slug.isEmpty { return slug }
        }
        return formatted("HHmmss", timeZone: timeZone)
    }

    /// The file's path below `Content/`; `attempt` 2, 3… is for when the first one is taken.
    public func path(timeZone: TimeZone, attempt: Int = 1) -> String {
        let name = formatted("dd", timeZone: timeZone) + "-" + slug(timeZone: timeZone) + (attempt > 1 ? "-\(attempt)" : "")
        let folder = "posts/" + formatted("yyyy/MM", timeZone: timeZone) + "/"
        return folder + (photo == nil ? name + ".md" : name + "/index.md")
    }

    /// The whole file: front matter (every value quoted, so any text is valid YAML) and the text.
    public func markdown(timeZone: TimeZone, slug: String) -> String {
        var lines = ["---"]
        if let title { lines.append("title: " + YAMLText.quoted(title)) }
        lines.append("date: " + formatted("yyyy-MM-dd'T'HH:mm:ssxxxxx", timeZone: timeZone))
        lines.append("slug: " + YAMLText.quoted(slug))
        if !tags.isEmpty { lines.append("tags: " + YAMLText.list(tags)) }
        if let replyTo { lines.append("reply_to: " + YAMLText.quoted(replyTo)) }
        if let photo {
            lines.append("photos:")
            lines.append("  - src: " + YAMLText.quoted(photo.file.lastPathComponent))
            lines.append("    alt: " + YAMLText.quoted(photo.alt))
        }
        lines.append("---")
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return lines.joined(separator: "\n") + "\n" + (body.isEmpty ? "" : body + "\n")
    }

    /// What is wrong with the post's values, before anything is written.
    public func problems() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        if let replyTo, !FrontMatter.isReplyTarget(replyTo) {
            problems.append(.error(FrontMatter.replyTargetMessage(replyTo, name: "--reply-to")))
        }
        if let photo {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: photo.file.path, isDirectory: &isDirectory) || isDirectory.boolValue {
                problems.append(.error("Photo '\(photo.file.path)' does not exist"))
            } else if ImageInfo.read(contentsOf: photo.file) == nil {
                problems.append(.error("Photo '\(photo.file.path)' is not an image Samizdat can read (PNG, JPEG, GIF, WebP, AVIF or SVG)"))
            }
            if photo.alt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(.error("--alt is empty. Describe the photo for people who cannot see it"))
            }
        }
        return problems
    }

    /// Writes the post (and copies its photo) into the site's `Content/`, never over an existing
    /// file. Returns the Markdown file written.
    public func write(into siteDirectory: URL, timeZone: TimeZone) throws(DiagnosticList) -> URL {
        let problems = problems()
        if !problems.isEmpty { throw DiagnosticList(problems) }
        let content = siteDirectory.appendingPathComponent("Content")
        let manager = FileManager.default
        for attempt in 1...1000 {
            let file = content.appendingPathComponent(path(timeZone: timeZone, attempt: attempt))
            // A note and a bundle of the same name would have the same URL: either one takes it.
            let name = photo == nil ? file.deletingPathExtension() : file.deletingLastPathComponent()
            let taken = [name.path, name.path + ".md", name.path + ".markdown"].contains { manager.fileExists(atPath: $0) }
            if taken { continue }
            let slug = slug(timeZone: timeZone) + (attempt > 1 ? "-\(attempt)" : "")
            do {
                try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(markdown(timeZone: timeZone, slug: slug).utf8).write(to: file, options: .withoutOverwriting)
                if let photo {
                    try manager.copyItem(at: photo.file, to: file.deletingLastPathComponent().appendingPathComponent(photo.file.lastPathComponent))
                }
            } catch {
                throw DiagnosticList([.error("Cannot write the new post: \(error.localizedDescription)", at: SourceLocation(file: file))])
            }
            return file
        }
        throw DiagnosticList([.error("Cannot find a free name for the new post in \(content.path)")])
    }

    private func formatted(_ format: String, timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = timeZone
        formatter.dateFormat = format
        return formatter.string(from: date)
    }
}
