import Foundation

/// The Twitter/X part of `samizdat import`: reads the archive's data files and turns tweets
/// into `ImportedPost`s for the shared `Importer`.
///
/// Which files hold the tweets comes from `data/manifest.js` when the archive has one, else
/// from their names (`tweets.js`, `tweets-part1.js`…; `tweet.js` in older archives). Every data
/// file is JavaScript: `window.YTD.<kind>.part<N> = ` and a JSON list whose entries are wrapped
/// as `{"tweet": {…}}` (or bare, in older archives). Ids stay text: they do not fit a double.
public struct TwitterArchive {
    public static let platform = "twitter"

    /// A tweet as the archive gives it, decoded.
    public struct Tweet: Sendable, Equatable {
        public var id: String
        public var createdAt: String
        public var fullText: String
        public var replyToID: String?
        public var replyToUserID: String?
        public var replyToScreenName: String?
        public var hashtags: [String]
        /// `t.co` address → the address it stands for.
        public var urls: [String: String]
        public var mentions: [String]
        public var media: [Media]

        public struct Media: Sendable, Equatable {
            /// The `t.co` link the text shows for the media, dropped from the text.
            public var link: String?
            /// `https://pbs.twimg.com/media/Fp3abc.jpg`, or the chosen video file's address.
            public var file: String
            public var alt: String?
            public var isVideo: Bool
        }
    }

    /// A long post's whole text (`note-tweet.js`), found by its date and the start of its text.
    public struct NoteTweet: Sendable, Equatable {
        public var createdAt: Date
        public var text: String
        public var urls: [String: String]
        public var mentions: [String]
        public var hashtags: [String]
    }

    /// What the archive says about its owner.
    public struct Account: Sendable, Equatable {
        public var id: String?
        public var userName: String?
    }

    public var account = Account()
    /// Tweets in the order of the files, with the member each came from.
    public var tweets: [(member: String, tweet: Tweet)] = []
    public var noteTweets: [NoteTweet] = []
    public var mediaFolders: [String] = ["data/tweets_media/"]

    public init() {}

    // MARK: - Reading the archive

    /// Reads the data files of the archive (media are only listed, copied later by the importer).
    public static func read(_ archive: ImportArchive) throws(DiagnosticList) -> TwitterArchive {
        let root = try dataRoot(of: archive)
        var result = TwitterArchive()
        var tweetFiles: [String] = []
        var noteFiles: [String] = []
        var accountFiles: [String] = []
        let manifestMember = root + "data/manifest.js"
        if archive.contains(manifestMember) {
            let manifest = try Manifest.read(try archive.data(manifestMember), member: manifestMember, archive: archive.url)
            tweetFiles = (manifest.files["tweets"] ?? manifest.files["tweet"] ?? []).map { root + $0 }
            noteFiles = (manifest.files["noteTweet"] ?? []).map { root + $0 }
            accountFiles = (manifest.files["account"] ?? []).map { root + $0 }
            result.account = manifest.account
        } else {
            tweetFiles = archive.members.filter { isDataFile($0, root: root, names: ["tweets", "tweet"]) }
            noteFiles = archive.members.filter { isDataFile($0, root: root, names: ["note-tweet"]) }
            accountFiles = archive.members.filter { isDataFile($0, root: root, names: ["account"]) }
        }
        tweetFiles = tweetFiles.sorted(by: partOrder)
        guard !tweetFiles.isEmpty else {
            throw ImportArchive.failure("No tweets in \(archive.url.lastPathComponent): it has no data/tweets.js. Is it a Twitter/X archive?", at: archive.url)
        }
        for member in tweetFiles {
            guard archive.contains(member) else {
                throw ImportArchive.failure("Member '\(member)', listed in data/manifest.js, is not in the archive. Download the archive again", at: archive.url)
            }
            for tweet in try tweets(member: member, source: { feed throws(DiagnosticList) in try archive.stream(member, feed) }) {
                result.tweets.append((member, tweet))
            }
        }
        for member in noteFiles where archive.contains(member) {
            result.noteTweets += try noteTweets(member: member, source: { feed throws(DiagnosticList) in try archive.stream(member, feed) })
        }
        if result.account.userName == nil, let member = accountFiles.first(where: archive.contains) {
            result.account = try account(fromJS: try archive.data(member), member: member).get()
        }
        // Newer archives keep media in `tweets_media/`, older ones in `tweet_media/`.
        let folders = ["data/tweets_media/", "data/tweet_media/"].map { root + $0 }
        result.mediaFolders = folders.filter { folder in archive.members.contains { $0.hasPrefix(folder) } } + folders
        try result.checkUniqueIDs(archive: archive.url)
        return result
    }

    /// The folder that holds `data/`: the archive's top, or one folder down when the archive was
    /// made by zipping the unpacked folder again.
    static func dataRoot(of archive: ImportArchive) throws(DiagnosticList) -> String {
        let markers = ["data/manifest.js", "data/tweets.js", "data/tweet.js"]
        let roots = archive.members.compactMap { member in
            markers.first { member == $0 || member.hasSuffix("/" + $0) }.map { String(member.dropLast($0.count)) }
        }
        return roots.min { $0.count < $1.count } ?? ""
    }

    /// `data/tweets.js`, `data/tweets-part2.js`…
    static func isDataFile(_ member: String, root: String, names: [String]) -> Bool {
        guard member.hasPrefix(root + "data/"), member.hasSuffix(".js") else { return false }
        let name = String(member.dropFirst(root.count + 5).dropLast(3))
        return names.contains { base in
            name == base || (name.hasPrefix(base + "-part") && name.dropFirst(base.count + 5).allSatisfy(\.isNumber) && name.count > base.count + 5)
        }
    }

    /// `tweets.js` before `tweets-part1.js` before `tweets-part2.js`… before `tweets-part10.js`.
    static func partOrder(_ a: String, _ b: String) -> Bool {
        func part(_ member: String) -> Int {
            guard let range = member.range(of: "-part", options: .backwards) else { return 0 }
            return Int(member[range.upperBound...].dropLast(3)) ?? 0
        }
        return part(a) != part(b) ? part(a) < part(b) : a < b
    }

    private func checkUniqueIDs(archive: URL) throws(DiagnosticList) {
        var seen: [String: String] = [:]
        var problems: [Diagnostic] = []
        for (member, tweet) in tweets {
            if let first = seen[tweet.id] {
                problems.append(.error("Tweet \(tweet.id) appears twice, in '\(first)' and in '\(member)'. The archive is damaged: download it again", at: SourceLocation(file: archive)))
            } else {
                seen[tweet.id] = member
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
    }

    // MARK: - Data files

    /// The JSON after `window.YTD.<kind>.part<N> = `.
    static func json(fromJS data: Data, member: String) -> Result<Any, DiagnosticList> {
        let prefix = Data("window.".utf8)
        var start = data.startIndex
        // A UTF-8 byte order mark, then the assignment.
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        let head = data[start...].prefix(256)
        guard head.starts(with: prefix), let equals = head.firstIndex(of: UInt8(ascii: "=")) else {
            let found = String(decoding: head.prefix(40), as: UTF8.self).components(separatedBy: .newlines).first ?? ""
            return .failure(ImportArchive.failure("Member '\(member)' is not a Twitter data file: it should start with 'window.YTD.' and a JSON list; found '\(found)'"))
        }
        do {
            return .success(try JSONSerialization.jsonObject(with: data[(equals + 1)...], options: [.fragmentsAllowed]))
        } catch {
            return .failure(ImportArchive.failure("Member '\(member)' is not valid JSON after its 'window.YTD…' prefix (\(Self.describe(error))). Download the archive again"))
        }
    }

    /// Every tweet of one data file (`tweets.js`, `tweet.js`, `tweets-part1.js`).
    public static func tweets(fromJS data: Data, member: String) -> Result<[Tweet], DiagnosticList> {
        Result { () throws(DiagnosticList) in try tweets(member: member) { feed throws(DiagnosticList) in try feed(data) } }
    }

    /// The tweets of a data file whose bytes `source` hands over in chunks: one entry at a time
    /// is in memory, not the whole file.
    static func tweets(member: String, source: ((Data) throws(DiagnosticList) -> Void) throws(DiagnosticList) -> Void) throws(DiagnosticList) -> [Tweet] {
        var tweets: [Tweet] = []
        try entries(member: member, source: source) { (object: [String: Any], number: Int) throws(DiagnosticList) in
            guard let tweet = Tweet((object["tweet"] as? [String: Any]) ?? object) else {
                throw ImportArchive.failure("Entry \(number) of '\(member)' is not a tweet: it needs 'id_str' (or 'id'), 'created_at' and 'full_text'")
            }
            guard date(tweet.createdAt) != nil else {
                throw ImportArchive.failure("Tweet \(tweet.id) in '\(member)' has a 'created_at' that cannot be read: '\(tweet.createdAt)'. It should look like 'Sat Feb 18 12:33:11 +0000 2023'")
            }
            tweets.append(tweet)
        }
        return tweets
    }

    public static func noteTweets(fromJS data: Data, member: String) -> Result<[NoteTweet], DiagnosticList> {
        Result { () throws(DiagnosticList) in try noteTweets(member: member) { feed throws(DiagnosticList) in try feed(data) } }
    }

    static func noteTweets(member: String, source: ((Data) throws(DiagnosticList) -> Void) throws(DiagnosticList) -> Void) throws(DiagnosticList) -> [NoteTweet] {
        var notes: [NoteTweet] = []
        try entries(member: member, source: source) { (object: [String: Any], number: Int) throws(DiagnosticList) in
            guard let note = NoteTweet((object["noteTweet"] as? [String: Any]) ?? object) else {
                throw ImportArchive.failure("Entry \(number) of '\(member)' is not a note tweet: it needs 'createdAt' and 'core' with 'text'")
            }
            notes.append(note)
        }
        return notes
    }

    /// Each object of a data file's list, parsed on its own, with its number (from 1).
    static func entries(member: String, source: ((Data) throws(DiagnosticList) -> Void) throws(DiagnosticList) -> Void,
                        each: @escaping ([String: Any], Int) throws(DiagnosticList) -> Void) throws(DiagnosticList) {
        var splitter = JSONListSplitter()
        func failure(_ error: Error) -> DiagnosticList {
            switch error {
            case let list as DiagnosticList: return list
            case JSONListSplitter.Failure.prefix(let found):
                return ImportArchive.failure("Member '\(member)' is not a Twitter data file: it should start with 'window.YTD.' and a JSON list; found '\(found)'")
            case JSONListSplitter.Failure.notAnObject(let number):
                return ImportArchive.failure("Entry \(number) of '\(member)' is not a JSON object. Download the archive again")
            case JSONListSplitter.Failure.truncated:
                return ImportArchive.failure("Member '\(member)' is cut short: its list does not end. Download the archive again")
            default:
                return ImportArchive.failure("Member '\(member)' is not valid JSON after its 'window.YTD…' prefix (\(describe(error))). Download the archive again")
            }
        }
        // Errors become messages here: the archive reports any other error as a damaged member.
        try source { chunk throws(DiagnosticList) in
            do {
                try splitter.feed(chunk) { bytes, number in
                    guard let object = try JSONSerialization.jsonObject(with: bytes) as? [String: Any] else {
                        throw JSONListSplitter.Failure.notAnObject(entry: number)
                    }
                    try each(object, number)
                }
            } catch {
                throw failure(error)
            }
        }
        do {
            try splitter.finish()
        } catch {
            throw failure(error)
        }
    }

    static func account(fromJS data: Data, member: String) -> Result<Account, DiagnosticList> {
        json(fromJS: data, member: member).map { json in
            let first = (json as? [Any])?.first as? [String: Any]
            let fields = (first?["account"] as? [String: Any]) ?? first ?? [:]
            return Account(id: text(fields["accountId"]), userName: handle(fields["username"]))
        }
    }

    /// A JSON value as text: strings as they are, whole numbers without going through a double.
    static func text(_ value: Any?) -> String? {
        switch value {
        case let string as String: return string
        case let number as NSNumber:
            let description = number.stringValue
            return description.allSatisfy(\.isNumber) ? description : nil
        default: return nil
        }
    }

    /// Tweet ids are digits; anything else would not make an address.
    static func isID(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// A user name as it appears in addresses (letters, digits, `_`), or nil.
    static func handle(_ value: Any?) -> String? {
        guard let text = value as? String, !text.isEmpty, text.unicodeScalars.allSatisfy(isHandleScalar) else { return nil }
        return text
    }

    static func describe(_ error: Error) -> String {
        let nsError = error as NSError
        return (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
    }

    // MARK: - Tweets to posts

    /// Every tweet as a post, oldest first. Retweets are marked as reposts (the importer skips
    /// them unless asked); replies to the author's own tweets point at them by id.
    public func posts() -> [ImportedPost] {
        let ids = Set(tweets.map(\.tweet.id))
        var notesBySecond: [Int: [NoteTweet]] = [:]
        for note in noteTweets { notesBySecond[Int(note.createdAt.timeIntervalSince1970), default: []].append(note) }
        var posts: [ImportedPost] = []
        for (_, tweet) in tweets {
            guard let (date, zone) = Self.date(tweet.createdAt) else { continue }
            let note = Self.note(for: tweet, date: date, in: notesBySecond)
            var media: [ImportedPost.Media] = []
            for item in tweet.media {
                let base = Self.fileName(of: item.file)
                let name = "\(tweet.id)-\(base)"
                let folder = mediaFolders.first ?? "data/tweets_media/"
                media.append(ImportedPost.Media(member: folder + name, name: name, alt: item.alt, kind: item.isVideo ? .video : .photo))
            }
            var reply: ImportedPost.Reply?
            if let parent = tweet.replyToID {
                let own = ids.contains(parent) || (account.id != nil && tweet.replyToUserID == account.id)
                let user = tweet.replyToScreenName ?? (own ? account.userName : nil)
                reply = ImportedPost.Reply(ownID: own ? parent : nil, url: Self.statusURL(id: parent, user: user))
            }
            let hashtags = note?.hashtags ?? tweet.hashtags
            posts.append(ImportedPost(
                platform: Self.platform, id: tweet.id, url: Self.statusURL(id: tweet.id, user: account.userName), date: date, timeZone: zone,
                text: Self.markdown(note: note, tweet: tweet), tags: Self.unique(hashtags), replyTo: reply, media: media,
                isRepost: tweet.fullText.hasPrefix("RT @")))
        }
        return posts.sorted { $0.date != $1.date ? $0.date < $1.date : $0.id.count != $1.id.count ? $0.id.count < $1.id.count : $0.id < $1.id }
    }

    static func statusURL(id: String, user: String?) -> String {
        "https://twitter.com/\(user ?? "i/web")/status/\(id)"
    }

    /// `Sat Feb 18 12:33:11 +0000 2023` (always in English), and the zone it is written in.
    ///
    /// Read by hand rather than with a `DateFormatter`: a large archive has tens of thousands.
    public static func date(_ text: String) -> (Date, TimeZone)? {
        let parts = text.split(separator: " ")
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard parts.count == 6, let monthIndex = months.firstIndex(of: String(parts[1])),
              let day = Int(parts[2]), (1...31).contains(day), let year = Int(parts[5]), (1970...9999).contains(year) else { return nil }
        let time = parts[3].split(separator: ":").compactMap { Int($0) }
        let offset = parts[4]
        guard time.count == 3, (0...23).contains(time[0]), (0...59).contains(time[1]), (0...60).contains(time[2]),
              offset.count == 5, offset.first == "+" || offset.first == "-", let hhmm = Int(offset.dropFirst()) else { return nil }
        let offsetSeconds = (hhmm / 100 * 3600 + hhmm % 100 * 60) * (offset.first == "-" ? -1 : 1)
        // No place on Earth is further than 14 hours from UTC; front matter dates stop there too.
        guard abs(offsetSeconds) <= 14 * 3600, let zone = TimeZone(secondsFromGMT: offsetSeconds) else { return nil }
        // Days from 1970-01-01 to the civil date (Howard Hinnant's algorithm).
        let month = monthIndex + 1
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86_400 + time[0] * 3600 + time[1] * 60 + time[2] - offsetSeconds
        return (Date(timeIntervalSince1970: TimeInterval(seconds)), zone)
    }

    /// The file name of a media address, without its query (`…/Fp3abc.jpg?tag=12` → `Fp3abc.jpg`).
    static func fileName(of address: String) -> String {
        let path = address.split(separator: "?").first.map(String.init) ?? address
        return path.split(separator: "/").last.map(String.init) ?? path
    }

    static func note(for tweet: Tweet, date: Date, in notes: [Int: [NoteTweet]]) -> NoteTweet? {
        let candidates = notes[Int(date.timeIntervalSince1970)] ?? []
        guard candidates.count > 1 else { return candidates.first }
        // Several long posts in one second: the one whose text the tweet begins with.
        let start = String(HTMLEntities.decode(tweet.fullText).prefix(20))
        return candidates.first { $0.text.hasPrefix(start) } ?? candidates.first
    }

    /// The tweet's text as Markdown: entities decoded, `t.co` links expanded, the link to its
    /// own media dropped, mentions linked to their profiles.
    static func markdown(note: NoteTweet?, tweet: Tweet) -> String {
        let text = HTMLEntities.decode(note?.text ?? tweet.fullText)
        let urls = (note?.urls ?? [:]).merging(tweet.urls) { first, _ in first }
        let mediaLinks = Set(tweet.media.compactMap(\.link))
        let mentioned = Set((note?.mentions ?? tweet.mentions).map { $0.lowercased() })
        var parts: [MarkdownText.Part] = []
        var plain = ""
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func flush() {
            if !plain.isEmpty { parts.append(.text(plain)) }
            plain = ""
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "h", let (link, end) = Self.link(in: scalars, at: index) {
                if mediaLinks.contains(link) {
                    // Trailing: dropped with the space before it; the media are shown anyway.
                } else if let expanded = urls[link] {
                    flush()
                    parts.append(.markdown(MarkdownText.autolink(expanded)))
                } else {
                    flush()
                    parts.append(.markdown(MarkdownText.autolink(link)))
                }
                index = end
                continue
            }
            if scalar == "@", index == 0 || !Self.isHandleScalar(scalars[index - 1]) {
                var end = index + 1
                while end < scalars.count, Self.isHandleScalar(scalars[end]) { end += 1 }
                let handle = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                if !handle.isEmpty, mentioned.contains(handle.lowercased()) {
                    flush()
                    parts.append(.markdown("[@" + MarkdownText.escaped(handle) + "](" + MarkdownText.autolink("https://twitter.com/" + handle) + ")"))
                    index = end
                    continue
                }
            }
            plain.unicodeScalars.append(scalar)
            index += 1
        }
        flush()
        // What is left at the end once a media link is dropped: the space before it.
        if case .text(let last)? = parts.last {
            let trimmed = String(last.reversed().drop { $0 == " " || $0 == "\n" }.reversed())
            parts[parts.count - 1] = .text(trimmed)
        }
        return MarkdownText.join(parts).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// An `http(s)://` address starting at `index`, up to the next space.
    static func link(in scalars: [Unicode.Scalar], at index: Int) -> (String, Int)? {
        let starts = ["https://", "http://"]
        for start in starts {
            let head = start.unicodeScalars
            guard index + head.count <= scalars.count, zip(scalars[index...], head).allSatisfy({ $0 == $1 }) else { continue }
            var end = index + head.count
            while end < scalars.count, !CharacterSet.whitespacesAndNewlines.contains(scalars[end]) { end += 1 }
            guard end > index + head.count else { return nil }
            return (String(String.UnicodeScalarView(scalars[index..<end])), end)
        }
        return nil
    }

    /// Letters, digits and `_`: what a Twitter handle is made of.
    static func isHandleScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "_")
    }

    /// First spelling of each tag, in order.
    static func unique(_ tags: [String]) -> [String] {
        var seen: Set<String> = []
        return tags.filter { seen.insert($0.lowercased()).inserted }
    }
}

extension TwitterArchive.Tweet {
    init?(_ fields: [String: Any]) {
        guard let id = TwitterArchive.text(fields["id_str"]) ?? TwitterArchive.text(fields["id"]), TwitterArchive.isID(id),
              let createdAt = fields["created_at"] as? String,
              let text = (fields["full_text"] as? String) ?? (fields["text"] as? String) else { return nil }
        self.id = id
        self.createdAt = createdAt
        fullText = text
        replyToID = (TwitterArchive.text(fields["in_reply_to_status_id_str"]) ?? TwitterArchive.text(fields["in_reply_to_status_id"]))
            .flatMap { TwitterArchive.isID($0) ? $0 : nil }
        replyToUserID = TwitterArchive.text(fields["in_reply_to_user_id_str"]) ?? TwitterArchive.text(fields["in_reply_to_user_id"])
        replyToScreenName = TwitterArchive.handle(fields["in_reply_to_screen_name"])
        let entities = fields["entities"] as? [String: Any] ?? [:]
        hashtags = (entities["hashtags"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        mentions = (entities["user_mentions"] as? [[String: Any]] ?? []).compactMap { $0["screen_name"] as? String }
        var urls: [String: String] = [:]
        for url in entities["urls"] as? [[String: Any]] ?? [] {
            if let short = url["url"] as? String, let expanded = url["expanded_url"] as? String { urls[short] = expanded }
        }
        self.urls = urls
        let extended = (fields["extended_entities"] as? [String: Any])?["media"] as? [[String: Any]]
        media = (extended ?? (entities["media"] as? [[String: Any]]) ?? []).compactMap(Media.init)
    }
}

extension TwitterArchive.Tweet.Media {
    init?(_ fields: [String: Any]) {
        let type = fields["type"] as? String ?? "photo"
        link = fields["url"] as? String
        alt = fields["ext_alt_text"] as? String
        if type == "video" || type == "animated_gif" {
            let variants = ((fields["video_info"] as? [String: Any])?["variants"] as? [[String: Any]]) ?? []
            let mp4 = variants.filter { ($0["content_type"] as? String) == "video/mp4" && $0["url"] is String }
            // The highest bitrate (a GIF's single variant has `bitrate` 0 or none).
            func bitrate(_ variant: [String: Any]) -> Int { Int(TwitterArchive.text(variant["bitrate"]) ?? "") ?? 0 }
            guard let best = mp4.max(by: { bitrate($0) < bitrate($1) }), let url = best["url"] as? String else { return nil }
            file = url
            isVideo = true
        } else {
            guard let url = (fields["media_url_https"] as? String) ?? (fields["media_url"] as? String) else { return nil }
            file = url
            isVideo = false
        }
    }
}

extension TwitterArchive.NoteTweet {
    init?(_ fields: [String: Any]) {
        guard let created = fields["createdAt"] as? String, let core = fields["core"] as? [String: Any],
              let text = core["text"] as? String else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        guard let date = formatter.date(from: created) ?? plain.date(from: created) else { return nil }
        createdAt = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        self.text = text
        var urls: [String: String] = [:]
        for url in core["urls"] as? [[String: Any]] ?? [] {
            if let short = url["shortUrl"] as? String, let expanded = url["expandedUrl"] as? String { urls[short] = expanded }
        }
        self.urls = urls
        mentions = (core["mentions"] as? [[String: Any]] ?? []).compactMap { $0["screenName"] as? String }
        hashtags = (core["hashtags"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
    }
}

extension TwitterArchive {
    /// `data/manifest.js`: `window.__THAR_CONFIG = {…}`, naming the data files of each kind.
    struct Manifest {
        var files: [String: [String]] = [:]
        var account = Account()

        static func read(_ data: Data, member: String, archive: URL) throws(DiagnosticList) -> Manifest {
            let json: Any
            switch TwitterArchive.json(fromJS: data, member: member) {
            case .success(let value): json = value
            case .failure(let error): throw error
            }
            guard let object = json as? [String: Any] else {
                throw ImportArchive.failure("Member '\(member)' is not a manifest: it holds no JSON object")
            }
            var manifest = Manifest()
            for (kind, value) in object["dataTypes"] as? [String: Any] ?? [:] {
                let files = ((value as? [String: Any])?["files"] as? [[String: Any]]) ?? []
                manifest.files[kind] = files.compactMap { $0["fileName"] as? String }.map { $0.hasPrefix("./") ? String($0.dropFirst(2)) : $0 }
            }
            let user = object["userInfo"] as? [String: Any] ?? [:]
            manifest.account = Account(id: TwitterArchive.text(user["accountId"]), userName: TwitterArchive.handle(user["userName"]))
            return manifest
        }
    }
}

/// The character references Twitter writes in `full_text` (`&amp;`, `&lt;`, `&gt;`) and the
/// other common ones, decoded.
enum HTMLEntities {
    static let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}"]

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = text[...]
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let after = rest[rest.index(after: ampersand)...]
            if let semicolon = after.prefix(10).firstIndex(of: ";") {
                let name = after[..<semicolon]
                if let value = reference(name) {
                    result += value
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            result += "&"
            rest = after
        }
        return result + rest
    }

    private static func reference(_ name: Substring) -> String? {
        if let value = named[String(name)] { return value }
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let number = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        guard let number, number != 0, let scalar = Unicode.Scalar(number) else { return nil }
        return String(Character(scalar))
    }
}
