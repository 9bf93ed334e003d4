import Foundation
import Yams

/// Finds, among the posts earlier imports wrote, the one a new post is a cross-post of, so that
/// importing several platforms' archives gives one timeline without doubles.
///
/// The rule (also in the README): a post is a cross-post of an imported post from another
/// account (another platform, or another Mastodon account) when
/// - their texts are the same once normalised: links and their addresses left out (each
///   platform shortens or rewrites them), `#` of hashtags dropped, `@name@server` read as
///   `@name`, Markdown escapes undone, case and runs of white space ignored; an empty text
///   matches nothing; and
/// - they were published at most `window` (10 minutes) apart.
///
/// The post already in the site stays the one post: the new one's address is added to its
/// `syndication` (and recorded, so the new platform's address map points at it), unless the
/// author edited that file since it was imported, in which case it is left alone and reported.
/// Nothing is stored for this beyond the import record: the posts in the site are read back
/// (only those written within a day of the new post's date, found by their path).
struct CrossPosts {
    static let window: TimeInterval = 10 * 60

    /// A post in the site that new posts may be cross-posts of.
    struct Candidate {
        /// Below the site's folder.
        var file: String
        var sitePath: String
        /// The file as it is now.
        var content: String
        /// Changed since the import that wrote it.
        var edited: Bool
        var date: Date
        var fingerprint: String
        /// The accounts whose posts it already stands for.
        var accounts: Set<String>
    }

    private let site: URL
    /// Candidate files by the day in their path (days since 1970), read when first needed.
    private var filesByDay: [Int: Set<String>] = [:]
    private var recordsByFile: [String: [BuildDatabase.ImportRecord]] = [:]
    private var read: [String: Candidate?] = [:]

    init(site: URL, records: [BuildDatabase.ImportRecord]) {
        self.site = site
        for record in records {
            recordsByFile[record.file, default: []].append(record)
            if let day = Self.day(ofPath: record.file) { filesByDay[day, default: []].insert(record.file) }
        }
    }

    /// The imported post of another account that `post` is a cross-post of, if any.
    mutating func match(_ post: ImportedPost) -> Candidate? {
        let fingerprint = Self.fingerprint(post.text)
        guard !fingerprint.isEmpty else { return nil }
        let account = Self.account(post.url)
        let day = Int((post.date.timeIntervalSince1970 / 86_400).rounded(.down))
        let files = (day - 1...day + 1).flatMap { filesByDay[$0] ?? [] }.sorted()
        for file in files {
            guard let candidate = candidate(file), !candidate.accounts.contains(account),
                  candidate.fingerprint == fingerprint, abs(candidate.date.timeIntervalSince(post.date)) <= Self.window else { continue }
            return candidate
        }
        return nil
    }

    /// Remembers that `file` now has `content`, standing for one more account too.
    mutating func merged(_ post: ImportedPost, into file: String, content: String) {
        guard var candidate = candidate(file) else { return }
        candidate.content = content
        candidate.accounts.insert(Self.account(post.url))
        read[file] = candidate
    }

    private mutating func candidate(_ file: String) -> Candidate? {
        if let known = read[file] { return known }
        var result: Candidate?
        if let records = recordsByFile[file], let data = FileManager.default.contents(atPath: site.appendingPathComponent(file).path),
           let content = String(data: data, encoding: .utf8), let (date, body) = Self.dateAndBody(content) {
            result = Candidate(file: file, sitePath: records[0].sitePath, content: content, edited: Digest.of(data) != records[0].sha256,
                               date: date, fingerprint: Self.fingerprint(body), accounts: Set(records.map { Self.account($0.originalURL) }))
        }
        read[file] = result
        return result
    }

    // MARK: - Reading back

    /// `Content/posts/imported/twitter/2023/02/18-1.md` → the day of 2023-02-18.
    static func day(ofPath path: String) -> Int? {
        let parts = path.split(separator: "/")
        guard let index = parts.firstIndex(of: "imported"), parts.count > index + 4,
              let year = Int(parts[index + 2]), let month = Int(parts[index + 3]), let day = Int(parts[index + 4].prefix(2)) else { return nil }
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, day)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: components) else { return nil }
        return Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// The `date` of the front matter an import wrote, and the text after it.
    static func dateAndBody(_ content: String) -> (Date, String)? {
        guard content.hasPrefix("---\n"), let end = content.range(of: "\n---\n", range: content.index(content.startIndex, offsetBy: 4)..<content.endIndex) else {
            return nil
        }
        let frontMatter = content[content.index(content.startIndex, offsetBy: 4)..<end.lowerBound]
        guard let line = frontMatter.split(separator: "\n").first(where: { $0.hasPrefix("date: ") }),
              let (date, _) = MastodonArchive.date(String(line.dropFirst(6)).trimmingCharacters(in: CharacterSet(charactersIn: "\" "))) else {
            return nil
        }
        return (date, String(content[end.upperBound...]))
    }

    /// The account a post's address belongs to: its host and first path segment
    /// (`twitter.com/ada`, `mastodon.social/@ada`); `x.com` is `twitter.com`.
    static func account(_ url: String) -> String {
        guard let components = URLComponents(string: url), var host = components.host?.lowercased() else { return url }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        if host == "x.com" || host == "mobile.twitter.com" { host = "twitter.com" }
        let first = components.path.split(separator: "/").first.map { $0.lowercased() } ?? ""
        return host + "/" + first
    }

    // MARK: - Normalising

    /// The text with what differs between platforms taken out (see the type's rule).
    static func fingerprint(_ markdown: String) -> String {
        var text = markdown
        // `[label](<address>)` → label; `<address>` and bare addresses → nothing.
        text = text.replacing(/\[((?:\\.|[^\]\\])*)\]\(<[^>]*>\)/) { String($0.1) }
        text = text.replacing(/\[((?:\\.|[^\]\\])*)\]\([^)]*\)/) { String($0.1) }
        text = text.replacing(/<(?:https?|mailto):[^>]*>/, with: " ")
        text = text.replacing(/(?:https?:\/\/|www\.)\S+/, with: " ")
        text = text.replacing("&#32;", with: " ").replacing("&#9;", with: " ")
        text = text.replacing(/\\(.)/) { String($0.1) }
        text = text.replacing(/(@\w+)@[\w.-]+/) { String($0.1) }
        text = text.replacing("#", with: "")
        return text.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "\\" }).joined(separator: " ")
    }

    // MARK: - Merging

    /// `content` with `url` added to its `syndication` list: the post's own address first, then
    /// the others sorted, as the importer writes them. Nil when the list cannot be found.
    static func adding(_ url: String, toSyndicationOf content: String) -> String? {
        var lines = content.components(separatedBy: "\n")
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---"),
              let index = lines[1..<end].firstIndex(where: { $0.hasPrefix("syndication: ") }),
              let parsed = (try? Yams.load(yaml: lines[index])) as? [String: Any], let list = parsed["syndication"] as? [String], let first = list.first else {
            return nil
        }
        if list.contains(url) { return content }
        lines[index] = "syndication: " + YAMLText.list([first] + (Array(list.dropFirst()) + [url]).sorted())
        return lines.joined(separator: "\n")
    }
}
