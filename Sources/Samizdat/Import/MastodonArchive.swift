import Foundation

/// The Mastodon part of `samizdat import`: reads an account's export (`outbox.json`,
/// `actor.json`, `media_attachments/`) and turns its posts into `ImportedPost`s for the shared
/// `Importer`.
///
/// The export is ActivityStreams JSON. `outbox.json`'s `orderedItems` are activities: `Create`
/// with the post inline (a `Note`, or a `Question` for a poll) and `Announce` for boosts, whose
/// object is only the boosted post's address. Who could read a post comes from its `to` and
/// `cc`: the public collection in `to` is public, in `cc` unlisted, the author's followers
/// collection followers-only, anything else a direct message. Attachments' `url` is their path
/// in the export (`media_attachments/files/…`; older exports keep a leading `/system/`).
public struct MastodonArchive {
    public static let platform = "mastodon"
    static let publicCollections: Set<String> = ["https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"]

    /// What `actor.json` says about the account: offered as `site.yml` values, never written there.
    public struct Profile: Sendable, Equatable {
        public var name: String?
        public var userName: String?
        /// The account's page (`https://mastodon.social/@ada`).
        public var url: String?
        /// The avatar's path in the export.
        public var avatar: String?
        /// The profile's fields whose value is a link: (label, address).
        public var links: [Link] = []

        public struct Link: Sendable, Equatable {
            public var name: String
            public var url: String
        }
    }

    public var profile = Profile()
    /// The folder of the export holding `outbox.json`: its top, or one folder down.
    public var root = ""
    /// The activities of `orderedItems`, as parsed.
    var activities: [[String: Any]] = []
    var outboxMember = "outbox.json"

    public init() {}

    /// Reads `outbox.json` and `actor.json` (media are only listed, copied later by the importer).
    public static func read(_ archive: ImportArchive) throws(DiagnosticList) -> MastodonArchive {
        let outboxes = archive.members.filter { $0 == "outbox.json" || $0.hasSuffix("/outbox.json") }
        guard let member = outboxes.min(by: { $0.count < $1.count }) else {
            throw ImportArchive.failure("No posts in \(archive.url.lastPathComponent): it has no outbox.json. Is it a Mastodon export?", at: archive.url)
        }
        var result = try outbox(archive.data(member), member: member).get()
        result.root = String(member.dropLast("outbox.json".count))
        let actorMember = result.root + "actor.json"
        if archive.contains(actorMember) {
            result.profile = try profile(archive.data(actorMember), member: actorMember, root: result.root).get()
        }
        return result
    }

    /// The activities of an `outbox.json`.
    public static func outbox(_ data: Data, member: String) -> Result<MastodonArchive, DiagnosticList> {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            return .failure(ImportArchive.failure("Member '\(member)' is not valid JSON (\(TwitterArchive.describe(error))). Download the export again"))
        }
        guard let object = json as? [String: Any], let items = object["orderedItems"] as? [Any] else {
            return .failure(ImportArchive.failure("Member '\(member)' is not a Mastodon outbox: it has no 'orderedItems' list. Is it a Mastodon export?"))
        }
        var result = MastodonArchive()
        result.outboxMember = member
        for (index, item) in items.enumerated() {
            guard let activity = item as? [String: Any] else {
                return .failure(ImportArchive.failure("Item \(index + 1) of '\(member)' is not a JSON object. Download the export again"))
            }
            result.activities.append(activity)
        }
        return .success(result)
    }

    static func profile(_ data: Data, member: String, root: String) -> Result<Profile, DiagnosticList> {
        guard let actor = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            return .failure(ImportArchive.failure("Member '\(member)' is not a JSON object. Download the export again"))
        }
        var profile = Profile()
        profile.name = (actor["name"] as? String).flatMap { $0.isEmpty ? nil : ControlCharacters.removing(from: $0) }
        profile.userName = actor["preferredUsername"] as? String
        profile.url = webAddress(actor["url"])
        if let icon = actor["icon"] as? [String: Any], let url = icon["url"] as? String {
            profile.avatar = root + mediaPath(url)
        }
        for field in actor["attachment"] as? [Any] ?? [] {
            guard let field = field as? [String: Any], field["type"] as? String == "PropertyValue",
                  let name = field["name"] as? String, let value = field["value"] as? String,
                  let url = MastodonHTML.firstLink(value) else { continue }
            profile.links.append(Profile.Link(name: ControlCharacters.removing(from: name), url: url))
        }
        if let url = profile.url { profile.links.append(Profile.Link(name: "Mastodon", url: url)) }
        return .success(profile)
    }

    /// A post's HTML `content` as Markdown (see `MastodonHTML`).
    public static func markdown(fromHTML html: String) -> String {
        MastodonHTML.markdown(html)
    }

    // MARK: - Activities to posts

    /// Every post, in the outbox's order. Boosts are marked as reposts (the importer skips them
    /// unless asked); replies to the author's own posts point at them by id.
    public func posts() throws(DiagnosticList) -> [ImportedPost] {
        // The author's own posts, by their ActivityPub id: a reply to one of them is a thread.
        var ownIDs: [String: String] = [:]
        for activity in activities where activity["type"] as? String == "Create" {
            if let object = activity["object"] as? [String: Any], let id = object["id"] as? String {
                ownIDs[id] = Self.statusID(id)
            }
        }
        var posts: [ImportedPost] = []
        var seen: [String: Int] = [:]
        for (index, activity) in activities.enumerated() {
            let number = index + 1
            let post: ImportedPost?
            switch activity["type"] as? String {
            case "Create": post = try note(activity, number: number, ownIDs: ownIDs)
            case "Announce": post = try boost(activity, number: number)
            default: post = nil
            }
            guard let post else { continue }
            if let first = seen[post.id] {
                throw ImportArchive.failure("Post \(post.id) appears twice in '\(outboxMember)', as items \(first) and \(number). The export is damaged: download it again")
            }
            seen[post.id] = number
            posts.append(post)
        }
        return posts
    }

    private func note(_ activity: [String: Any], number: Int, ownIDs: [String: String]) throws(DiagnosticList) -> ImportedPost? {
        guard let object = activity["object"] as? [String: Any], ["Note", "Question", "Article", "Page"].contains(object["type"] as? String ?? "") else {
            return nil
        }
        guard let objectID = object["id"] as? String, !Self.statusID(objectID).isEmpty else {
            throw ImportArchive.failure("Item \(number) of '\(outboxMember)' is a post without an 'id'. Download the export again")
        }
        let published = (object["published"] as? String) ?? (activity["published"] as? String) ?? ""
        guard let (date, zone) = Self.date(published) else {
            throw ImportArchive.failure("Item \(number) of '\(outboxMember)' has a 'published' date that cannot be read: '\(published)'. It should look like '2023-02-18T12:33:11Z'")
        }
        var body = MastodonHTML.markdown(object["content"] as? String ?? "")
        if object["type"] as? String == "Question" {
            let poll = Self.poll(object)
            if !poll.isEmpty { body += (body.isEmpty ? "" : "\n\n") + poll }
        }
        if let warning = (object["summary"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines), !warning.isEmpty {
            // Raw HTML in the Markdown: the build keeps it (`markdown.unsafe_html`, on by default).
            let label = HTML.escape(warning.replacingOccurrences(of: "\n", with: " "))
            body = "<details><summary>\(label)</summary>\n\n" + body + "\n\n</details>"
        }
        var tags: [String] = []
        for tag in object["tag"] as? [Any] ?? [] {
            guard let tag = tag as? [String: Any], tag["type"] as? String == "Hashtag", let name = tag["name"] as? String else { continue }
            let cleaned = String(name.drop { $0 == "#" }).trimmingCharacters(in: .whitespacesAndNewlines)
            if !cleaned.isEmpty && !tags.contains(where: { $0.lowercased() == cleaned.lowercased() }) { tags.append(cleaned) }
        }
        var reply: ImportedPost.Reply?
        if let inReplyTo = Self.webAddress(object["inReplyTo"]) {
            reply = ImportedPost.Reply(ownID: ownIDs[inReplyTo], url: inReplyTo)
        }
        var media: [ImportedPost.Media] = []
        var names: Set<String> = []
        for attachment in object["attachment"] as? [Any] ?? [] {
            guard let attachment = attachment as? [String: Any], let url = attachment["url"] as? String else { continue }
            let path = Self.mediaPath(url)
            guard !path.isEmpty else { continue }
            var name = ImportedPost.safeFileName(String(path.split(separator: "/").last ?? ""))
            // Two attachments with one file name (from different folders) stay two files.
            while names.contains(name) { name = "\(media.count + 1)-" + name }
            names.insert(name)
            let type = (attachment["mediaType"] as? String ?? "").lowercased()
            let kind: ImportedPost.Media.Kind = type.hasPrefix("image/") || (type.isEmpty && Self.isImageName(name)) ? .photo : .video
            media.append(ImportedPost.Media(member: root + path, name: name, alt: attachment["name"] as? String, kind: kind))
        }
        return ImportedPost(platform: Self.platform, id: Self.statusID(objectID), url: Self.webAddress(object["url"]) ?? objectID,
                            date: date, timeZone: zone, text: body, tags: tags, replyTo: reply, media: media,
                            audience: Self.audience(object) ?? Self.audience(activity) ?? .direct)
    }

    private func boost(_ activity: [String: Any], number: Int) throws(DiagnosticList) -> ImportedPost? {
        guard let activityID = activity["id"] as? String else {
            throw ImportArchive.failure("Item \(number) of '\(outboxMember)' is a boost without an 'id'. Download the export again")
        }
        let boosted = Self.webAddress(activity["object"]) ?? Self.webAddress((activity["object"] as? [String: Any])?["id"])
        guard let boosted else { return nil }
        let published = activity["published"] as? String ?? ""
        guard let (date, zone) = Self.date(published) else {
            throw ImportArchive.failure("Item \(number) of '\(outboxMember)' has a 'published' date that cannot be read: '\(published)'. It should look like '2023-02-18T12:33:11Z'")
        }
        let address = activityID.hasSuffix("/activity") ? String(activityID.dropLast("/activity".count)) : activityID
        return ImportedPost(platform: Self.platform, id: Self.statusID(address), url: address, date: date, timeZone: zone,
                            text: "Boosted: " + MarkdownText.autolink(boosted), isRepost: true,
                            audience: Self.audience(activity) ?? .direct)
    }

    /// A poll's options with their votes, as a Markdown list.
    static func poll(_ object: [String: Any]) -> String {
        let options = (object["oneOf"] as? [Any]) ?? (object["anyOf"] as? [Any]) ?? []
        var lines: [String] = []
        for option in options {
            guard let option = option as? [String: Any], let name = option["name"] as? String else { continue }
            let votes = ((option["replies"] as? [String: Any])?["totalItems"] as? NSNumber)?.intValue ?? 0
            let label = MarkdownText.escaped(name.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " "))
            lines.append("- " + label + " — \(votes) " + (votes == 1 ? "vote" : "votes"))
        }
        return lines.joined(separator: "\n")
    }

    /// Who could read it, from `to` and `cc`; nil when neither is given.
    static func audience(_ object: [String: Any]) -> ImportedPost.Audience? {
        func list(_ value: Any?) -> [String]? {
            if let text = value as? String { return [text] }
            return (value as? [Any])?.compactMap { $0 as? String }
        }
        let to = list(object["to"])
        let cc = list(object["cc"])
        guard to != nil || cc != nil else { return nil }
        if (to ?? []).contains(where: publicCollections.contains) { return .public }
        if (cc ?? []).contains(where: publicCollections.contains) { return .unlisted }
        if (to ?? []).contains(where: { $0.hasSuffix("/followers") }) { return .followers }
        return .direct
    }

    /// `109876543210` from `https://mastodon.social/users/ada/statuses/109876543210`.
    static func statusID(_ id: String) -> String {
        let last = id.split(separator: "/").last.map(String.init) ?? ""
        return ImportedPost.safeFileName(last) == "_" ? "" : ImportedPost.safeFileName(last)
    }

    /// An attachment's path in the export, from its `url`.
    static func mediaPath(_ url: String) -> String {
        var path = url
        if let components = URLComponents(string: url), components.scheme != nil { path = components.path }
        while path.hasPrefix("/") { path.removeFirst() }
        if path.hasPrefix("system/") { path.removeFirst("system/".count) }
        return path
    }

    static func isImageName(_ name: String) -> Bool {
        ["jpg", "jpeg", "png", "gif", "webp", "avif"].contains((name as NSString).pathExtension.lowercased())
    }

    /// An `http(s)` address given as text, or nil.
    static func webAddress(_ value: Any?) -> String? {
        guard let text = value as? String, text.hasPrefix("https://") || text.hasPrefix("http://") else { return nil }
        return text
    }

    /// `2023-02-18T12:33:11Z`, `…T12:33:11.123+01:00`: the instant and the zone it is written in.
    static func date(_ text: String) -> (Date, TimeZone)? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var date = formatter.date(from: text)
        if date == nil {
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            date = formatter.date(from: text)
        }
        guard let date else { return nil }
        var zone = TimeZone(identifier: "UTC")!
        if !(text.hasSuffix("Z") || text.hasSuffix("z")), text.count >= 6 {
            let suffix = text.suffix(6)
            let sign = suffix.first == "-" ? -1 : 1
            let parts = suffix.dropFirst().split(separator: ":")
            if parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]), let offset = TimeZone(secondsFromGMT: sign * (hours * 3600 + minutes * 60)) {
                zone = offset
            }
        }
        return (date, zone)
    }
}
