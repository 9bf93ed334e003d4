import Foundation
import ZIPFoundation

/// A Twitter/X archive written by a test, following the real formats: `data/manifest.js`,
/// `data/tweets.js` (and parts), `data/note-tweet.js`, `data/account.js`, `data/tweets_media/`.
struct TwitterFixture {
    /// Archive members: path → bytes.
    var files: [String: Data] = [:]

    /// A 3×2 PNG, the smallest photo the build reads.
    static let png = try! Data(contentsOf: Paths.fixtures.appendingPathComponent("images/rgb-3x2.png"))

    static let account = #"window.YTD.account.part0 = [{"account": {"accountId": "42", "username": "ada", "accountDisplayName": "Ada"}}]"#

    /// `window.YTD.<kind>.part0 = ` followed by the JSON.
    mutating func data(_ member: String, kind: String, _ json: String) {
        files[member] = Data("window.YTD.\(kind).part0 = \(json)".utf8)
    }

    mutating func manifest(tweetFiles: [String], noteTweets: Bool) {
        let tweets = tweetFiles.map { #"{"fileName": "\#($0)", "globalName": "YTD.tweets.part0", "count": "1"}"# }.joined(separator: ", ")
        var types = #""tweets": {"files": [\#(tweets)]}, "account": {"files": [{"fileName": "data/account.js", "globalName": "YTD.account.part0", "count": "1"}]}"#
        if noteTweets {
            types += #", "noteTweet": {"files": [{"fileName": "data/note-tweet.js", "globalName": "YTD.note_tweet.part0", "count": "1"}]}"#
        }
        files["data/manifest.js"] = Data(#"window.__THAR_CONFIG = {"userInfo": {"accountId": "42", "userName": "ada", "displayName": "Ada"}, "archiveInfo": {"sizeBytes": "1000"}, "dataTypes": {\#(types)}}"#.utf8)
    }

    /// One tweet's JSON (wrapped as `{"tweet": …}` unless `bare`).
    static func tweet(id: String, date: String, text: String, bare: Bool = false, extra: String = "") -> String {
        let fields = #""id_str": "\#(id)", "id": "\#(id)", "created_at": "\#(date)", "full_text": "\#(text)", "favorite_count": "0", "retweeted": false\#(extra.isEmpty ? "" : ", " + extra)"#
        return bare ? "{\(fields)}" : #"{"tweet": {\#(fields)}}"#
    }

    /// The archive every end-to-end test starts from: a thread, a reply to someone else, a
    /// retweet, a long post, a photo with alt text, one without, a video, links and mentions,
    /// spread over `tweets.js` and `tweets-part1.js`.
    static func standard() -> TwitterFixture {
        var fixture = TwitterFixture()
        let first = [
            tweet(id: "1627000000000000001", date: "Sat Feb 18 12:33:11 +0000 2023",
                  text: "A thread about bread &amp; butter #baking https://t.co/link1 with @bob 1/2",
                  extra: #""entities": {"hashtags": [{"text": "baking", "indices": ["37", "44"]}], "urls": [{"url": "https://t.co/link1", "expanded_url": "https://example.com/bread?a=1&b=2", "display_url": "example.com/bread"}], "user_mentions": [{"screen_name": "bob", "name": "Bob", "id_str": "7"}]}"#),
            tweet(id: "1627000000000000002", date: "Sat Feb 18 12:40:00 +0000 2023",
                  text: "The second part, with a photo https://t.co/media2",
                  extra: #""in_reply_to_status_id_str": "1627000000000000001", "in_reply_to_user_id_str": "42", "in_reply_to_screen_name": "ada", "extended_entities": {"media": [{"url": "https://t.co/media2", "media_url_https": "https://pbs.twimg.com/media/Fp2aaa.png", "type": "photo", "ext_alt_text": "A loaf of bread on a board"}]}"#),
            tweet(id: "1627000000000000003", date: "Sun Feb 19 08:00:00 +0000 2023",
                  text: "@carol I agree *completely*",
                  extra: #""in_reply_to_status_id_str": "555", "in_reply_to_user_id_str": "99", "in_reply_to_screen_name": "carol", "entities": {"user_mentions": [{"screen_name": "carol"}]}"#),
            tweet(id: "1627000000000000004", date: "Sun Feb 19 09:00:00 +0000 2023", text: "RT @dave: Someone else's words"),
        ]
        let second = [
            tweet(id: "1627000000000000005", date: "Mon Feb 20 10:00:00 +0000 2023",
                  text: "Two photos, one without a description https://t.co/media5",
                  extra: #""extended_entities": {"media": [{"url": "https://t.co/media5", "media_url_https": "https://pbs.twimg.com/media/Fp5aaa.png", "type": "photo", "ext_alt_text": "A red kettle"}, {"url": "https://t.co/media5", "media_url_https": "https://pbs.twimg.com/media/Fp5bbb.png", "type": "photo"}]}"#),
            tweet(id: "1627000000000000006", date: "Tue Feb 21 11:00:00 +0000 2023",
                  text: "A video https://t.co/media6",
                  extra: #""extended_entities": {"media": [{"url": "https://t.co/media6", "media_url_https": "https://pbs.twimg.com/ext_tw_video_thumb/6/pu/img/thumb.jpg", "type": "video", "video_info": {"variants": [{"bitrate": "256000", "content_type": "video/mp4", "url": "https://video.twimg.com/ext_tw_video/6/pu/vid/480x270/low.mp4?tag=12"}, {"content_type": "application/x-mpegURL", "url": "https://video.twimg.com/ext_tw_video/6/pu/pl/list.m3u8"}, {"bitrate": "2176000", "content_type": "video/mp4", "url": "https://video.twimg.com/ext_tw_video/6/pu/vid/1280x720/high.mp4?tag=12"}]}}]}"#),
            tweet(id: "1627000000000000007", date: "Wed Feb 22 12:00:00 +0000 2023",
                  text: "This long post starts here and goes on and on… https://t.co/note7"),
        ]
        fixture.data("data/tweets.js", kind: "tweets", "[" + first.joined(separator: ",\n") + "]")
        fixture.files["data/tweets-part1.js"] = Data(("window.YTD.tweets.part1 = [" + second.joined(separator: ",\n") + "]").utf8)
        fixture.data("data/note-tweet.js", kind: "note_tweet", #"[{"noteTweet": {"noteTweetId": "9", "createdAt": "2023-02-22T12:00:00.000Z", "updatedAt": "2023-02-22T12:00:00.000Z", "core": {"text": "This long post starts here and goes on and on, well past the old limit, to its very end. #longform", "urls": [], "mentions": [], "hashtags": [{"text": "longform"}]}}}]"#)
        fixture.files["data/account.js"] = Data(account.utf8)
        fixture.manifest(tweetFiles: ["data/tweets.js", "data/tweets-part1.js"], noteTweets: true)
        fixture.files["data/tweets_media/1627000000000000002-Fp2aaa.png"] = png
        fixture.files["data/tweets_media/1627000000000000005-Fp5aaa.png"] = png
        fixture.files["data/tweets_media/1627000000000000005-Fp5bbb.png"] = png
        fixture.files["data/tweets_media/1627000000000000006-high.mp4"] = Data("not really a video".utf8)
        fixture.files["data/tweets_media/1627000000000000006-low.mp4"] = Data("low".utf8)
        fixture.files["data/direct-messages.js"] = Data(#"window.YTD.direct_messages.part0 = [{"dmConversation": {"messages": [{"messageCreate": {"text": "A private message"}}]}}]"#.utf8)
        return fixture
    }

    /// Writes the archive as a `.zip`; `extra` adds entries of other kinds (symbolic links).
    @discardableResult
    func zip(to url: URL, extra: (Archive) throws -> Void = { _ in }) throws -> URL {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try extra(archive)
        return url
    }

    /// Writes the archive as the folder it unpacks to.
    @discardableResult
    func unpack(to folder: URL) throws -> URL {
        for (path, data) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return folder
    }
}
