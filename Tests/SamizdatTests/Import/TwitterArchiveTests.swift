import Foundation
@testable import Samizdat
import Testing

@Suite("TwitterArchive")
struct TwitterArchiveTests {
    func tweets(_ js: String) throws -> [TwitterArchive.Tweet] {
        try TwitterArchive.tweets(fromJS: Data(js.utf8), member: "data/tweets.js").get()
    }

    func posts(_ js: String, notes: [TwitterArchive.NoteTweet] = [], account: TwitterArchive.Account = .init(id: "42", userName: "ada")) throws -> [ImportedPost] {
        var archive = TwitterArchive()
        archive.account = account
        archive.tweets = try tweets(js).map { ("data/tweets.js", $0) }
        archive.noteTweets = notes
        return archive.posts()
    }

    @Test(arguments: [
        ("Sat Feb 18 12:33:11 +0000 2023", 1_676_723_591.0, 0),
        ("Thu Jan 01 00:00:00 +0000 1970", 0.0, 0),
        ("Tue Feb 29 23:59:59 -0500 2028", 1_835_499_599.0, -18_000),
        ("Mon Dec 31 10:00:00 +0530 2012", 1_356_928_200.0, 19_800),
    ])
    func readsCreatedAt(_ text: String, _ seconds: Double, _ offset: Int) throws {
        let (date, zone) = try #require(TwitterArchive.date(text))
        #expect(date.timeIntervalSince1970 == seconds)
        #expect(zone.secondsFromGMT() == offset)
    }

    @Test(arguments: ["", "Sat Feb 18 12:33:11 2023", "Sat Foo 18 12:33:11 +0000 2023", "Sat Feb 18 25:33:11 +0000 2023",
                      "Sat Feb 18 12:33:11 0000 2023", "2023-02-18T12:33:11Z", "Sat Feb 18 12:33:11 -1800 2023"])
    func refusesOtherDates(_ text: String) {
        #expect(TwitterArchive.date(text) == nil)
    }

    @Test func readsWrappedAndBareEntriesWithExactIDs() throws {
        let list = try tweets("""
            window.YTD.tweets.part0 = [
              {"tweet": {"id_str": "9007199254740993", "id": "9007199254740993", "created_at": "Sat Feb 18 12:33:11 +0000 2023", "full_text": "wrapped"}},
              {"id": 9223372036854775807, "created_at": "Sat Feb 18 12:33:12 +0000 2023", "text": "bare, numeric id"}
            ]
            """)
        #expect(list.map(\.id) == ["9007199254740993", "9223372036854775807"])
        #expect(list.map(\.fullText) == ["wrapped", "bare, numeric id"])
    }

    @Test func refusesAnotherPrefix() {
        let result = TwitterArchive.tweets(fromJS: Data("[1, 2]".utf8), member: "data/tweets.js")
        #expect(throws: DiagnosticList.self) { try result.get() }
        if case .failure(let error) = result {
            #expect(error.diagnostics.map(\.message) == ["Member 'data/tweets.js' is not a Twitter data file: it should start with 'window.YTD.' and a JSON list; found '[1, 2]'"])
        }
    }

    @Test(arguments: [
        ("window.YTD.tweets.part0 = [{\"tweet\": ", "Member 'data/tweets.js' is cut short: its list does not end. Download the archive again"),
        ("window.YTD.tweets.part0 = {}", "Member 'data/tweets.js' is not a Twitter data file: it should start with 'window.YTD.' and a JSON list; found 'window.YTD.tweets.part0 = {'"),
        ("window.YTD.tweets.part0 = [{}, 3]", "Entry 1 of 'data/tweets.js' is not a tweet: it needs 'id_str' (or 'id'), 'created_at' and 'full_text'"),
        ("window.YTD.tweets.part0 = [\"x\"]", "Entry 1 of 'data/tweets.js' is not a JSON object. Download the archive again"),
        ("window.YTD.tweets.part0 = [{\"id_str\": \"12 34\", \"created_at\": \"Sat Feb 18 12:33:11 +0000 2023\", \"full_text\": \"x\"}]",
         "Entry 1 of 'data/tweets.js' is not a tweet"),
        ("window.YTD.tweets.part0 = [{\"a\": nope}]", "Member 'data/tweets.js' is not valid JSON after its 'window.YTD…' prefix"),
        ("\u{FEFF}window.YTD.tweets.part0 = []", nil),
        ("window.YTD.tweets.part0 = [] ;\n", nil),
    ])
    func readsOnlyWellFormedLists(_ js: String, _ message: String?) {
        switch TwitterArchive.tweets(fromJS: Data(js.utf8), member: "data/tweets.js") {
        case .success(let tweets):
            #expect(message == nil)
            #expect(tweets.isEmpty)
        case .failure(let error):
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics.first?.message.hasPrefix(message ?? "(no error)") == true, "\(error.diagnostics)")
        }
    }

    /// The list is cut into entries however the bytes arrive: one at a time here.
    @Test func readsAListFedByteByByte() throws {
        let js = #"window.YTD.tweets.part0 = [{"tweet": {"id_str": "1", "created_at": "Sat Feb 18 12:33:11 +0000 2023", "full_text": "a \"}] [{"}}, {"id_str": "2", "created_at": "Sat Feb 18 12:33:11 +0000 2023", "full_text": "b"}]"#
        let tweets = try TwitterArchive.tweets(member: "data/tweets.js") { feed throws(DiagnosticList) in
            for byte in Data(js.utf8) { try feed(Data([byte])) }
        }
        #expect(tweets.map(\.fullText) == [#"a "}] [{"#, "b"])
    }

    @Test func textBecomesMarkdown() throws {
        let post = try #require(try posts("""
            window.YTD.tweets.part0 = [{"tweet": {"id_str": "1", "created_at": "Sat Feb 18 12:33:11 +0000 2023",
              "full_text": "&lt;b&gt; &amp;amp; *not bold* @Bob_1, see https://t.co/abc and https://t.co/unknown #tag\\n# not a heading\\n1. not a list https://t.co/pic",
              "entities": {"urls": [{"url": "https://t.co/abc", "expanded_url": "https://example.org/a_b"}], "user_mentions": [{"screen_name": "bob_1"}], "hashtags": [{"text": "tag"}, {"text": "Tag"}]},
              "extended_entities": {"media": [{"url": "https://t.co/pic", "media_url_https": "https://pbs.twimg.com/media/X.jpg", "type": "photo"}]}}}]
            """).first)
        #expect(post.text == """
            \\<b\\> \\&amp; \\*not bold\\* [@Bob\\_1](<https://twitter.com/Bob_1>), see <https://example.org/a_b> and <https://t.co/unknown> #tag\\
            \\# not a heading\\
            1\\. not a list
            """)
        #expect(post.tags == ["tag"])
        #expect(post.media == [ImportedPost.Media(member: "data/tweets_media/1-X.jpg", name: "1-X.jpg", alt: nil, kind: .photo)])
        #expect(post.url == "https://twitter.com/ada/status/1")
    }

    @Test func emojiAndRightToLeftTextSurvive() throws {
        let post = try #require(try posts(#"window.YTD.tweets.part0 = [{"tweet": {"id_str": "1", "created_at": "Sat Feb 18 12:33:11 +0000 2023", "full_text": "שלום 👋🏽 مرحبا"}}]"#).first)
        #expect(post.text == "שלום 👋🏽 مرحبا")
    }

    @Test func longPostsTakeTheNoteTweet() throws {
        let date = Date(timeIntervalSince1970: 1_676_723_591)
        let notes = [
            TwitterArchive.NoteTweet(createdAt: date, text: "Other long post", urls: [:], mentions: [], hashtags: []),
            TwitterArchive.NoteTweet(createdAt: date, text: "Start of it all, and https://t.co/x then the rest.", urls: ["https://t.co/x": "https://example.org/"],
                                     mentions: [], hashtags: ["long"]),
        ]
        let post = try #require(try posts(#"window.YTD.tweets.part0 = [{"tweet": {"id_str": "1", "created_at": "Sat Feb 18 12:33:11 +0000 2023", "full_text": "Start of it all, and… https://t.co/y"}}]"#, notes: notes).first)
        #expect(post.text == "Start of it all, and <https://example.org/> then the rest.")
        #expect(post.tags == ["long"])
    }

    @Test func videosTakeTheHighestBitrateMP4AndAltText() throws {
        let post = try #require(try posts("""
            window.YTD.tweets.part0 = [{"tweet": {"id_str": "5", "created_at": "Sat Feb 18 12:33:11 +0000 2023", "full_text": "GIF https://t.co/g",
              "extended_entities": {"media": [{"url": "https://t.co/g", "type": "animated_gif", "ext_alt_text": "A cat jumps",
                "video_info": {"variants": [{"bitrate": "0", "content_type": "video/mp4", "url": "https://video.twimg.com/tweet_video/Cat.mp4"}]}},
                {"url": "https://t.co/g", "type": "video", "video_info": {"variants": [
                  {"bitrate": 832000, "content_type": "video/mp4", "url": "https://video.twimg.com/v/mid.mp4?tag=1"},
                  {"content_type": "application/x-mpegURL", "url": "https://video.twimg.com/v/pl.m3u8"},
                  {"bitrate": 2176000, "content_type": "video/mp4", "url": "https://video.twimg.com/v/top.mp4?tag=1"}]}}]}}}]
            """).first)
        #expect(post.media == [
            ImportedPost.Media(member: "data/tweets_media/5-Cat.mp4", name: "5-Cat.mp4", alt: "A cat jumps", kind: .video),
            ImportedPost.Media(member: "data/tweets_media/5-top.mp4", name: "5-top.mp4", alt: nil, kind: .video),
        ])
        #expect(post.text == "GIF")
        #expect(post.markdown(replyPath: nil).hasSuffix("---\nGIF\n\n[Video: A cat jumps](5-Cat.mp4)\n\n[Video](5-top.mp4)\n"))
    }

    @Test func repliesToSelfAndToOthers() throws {
        let list = try posts("""
            window.YTD.tweets.part0 = [
              {"tweet": {"id_str": "3", "created_at": "Sat Feb 18 12:35:00 +0000 2023", "full_text": "to someone", "in_reply_to_status_id_str": "77", "in_reply_to_user_id_str": "8", "in_reply_to_screen_name": "eve"}},
              {"tweet": {"id_str": "2", "created_at": "Sat Feb 18 12:34:00 +0000 2023", "full_text": "second", "in_reply_to_status_id_str": "1", "in_reply_to_user_id_str": "42", "in_reply_to_screen_name": "ada"}},
              {"tweet": {"id_str": "4", "created_at": "Sat Feb 18 12:36:00 +0000 2023", "full_text": "to my own, not in this archive", "in_reply_to_status_id_str": "0", "in_reply_to_user_id_str": "42"}},
              {"tweet": {"id_str": "1", "created_at": "Sat Feb 18 12:33:00 +0000 2023", "full_text": "first"}},
              {"tweet": {"id_str": "6", "created_at": "Sat Feb 18 12:37:00 +0000 2023", "full_text": "RT @eve: hello"}}
            ]
            """)
        #expect(list.map(\.id) == ["1", "2", "3", "4", "6"])
        #expect(list[1].replyTo == ImportedPost.Reply(ownID: "1", url: "https://twitter.com/ada/status/1"))
        #expect(list[2].replyTo == ImportedPost.Reply(ownID: nil, url: "https://twitter.com/eve/status/77"))
        #expect(list[3].replyTo == ImportedPost.Reply(ownID: "0", url: "https://twitter.com/ada/status/0"))
        #expect(list.map(\.isRepost) == [false, false, false, false, true])
    }

    @Test func withoutAccountTheAddressesStillWork() throws {
        let post = try #require(try posts(#"window.YTD.tweet.part0 = [{"id_str": "1", "created_at": "Sat Feb 18 12:33:11 +0000 2023", "full_text": "x"}]"#,
                                          account: .init()).first)
        #expect(post.url == "https://twitter.com/i/web/status/1")
    }

    @Test func dataFilesAreFoundByName() {
        let names = ["tweets", "tweet"]
        #expect(TwitterArchive.isDataFile("data/tweets.js", root: "", names: names))
        #expect(TwitterArchive.isDataFile("data/tweets-part12.js", root: "", names: names))
        #expect(TwitterArchive.isDataFile("x/data/tweet.js", root: "x/", names: names))
        #expect(!TwitterArchive.isDataFile("data/tweets-part.js", root: "", names: names))
        #expect(!TwitterArchive.isDataFile("data/tweetdeck.js", root: "", names: names))
        #expect(["data/tweets-part10.js", "data/tweets-part2.js", "data/tweets.js"].sorted(by: TwitterArchive.partOrder)
            == ["data/tweets.js", "data/tweets-part2.js", "data/tweets-part10.js"])
    }
}
