import Foundation
import Samizdat

/// The parsers that read files users write, run on arbitrary bytes.
///
/// Each target must return for every input without crashing, hanging or taking time out of
/// proportion to the input, and must keep the promises the rest of the build relies on (no
/// control character survives into text that reaches a page or a feed). A broken promise stops
/// with a `precondition`, which libFuzzer reports as a crash and saves the input.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A content file (front matter in YAML, TOML or none, then Markdown) as a post and as a page.
    case content
    /// The bytes as TOML front matter between `+++` fences, so that every mutation exercises the TOML parser.
    case toml
    /// The bytes as YAML front matter between `---` fences; and what `PlainYAML` reads of them
    /// must be what Yams reads.
    case yaml
    /// `site.yml`, and the date formatters the build makes from its language and time zone.
    case site
    /// The header reader that finds a photo's format, size and orientation.
    case image
    /// A Twitter archive's `tweets.js` (`window.YTD.tweets.part0 = […]`), each tweet turned into
    /// an imported post's Markdown file.
    case tweets
    /// A Mastodon export's `outbox.json`, each post turned into an imported post's Markdown file;
    /// and the same bytes as a post's HTML `content`, through the HTML-to-Markdown conversion.
    case mastodon
    /// An output folder's stamps file (`.samizdat/outputs-….stamps`), which builds read first.
    case stamps
    /// The site's shape and the Markdown files' stamps a build keeps for the next
    /// (`.samizdat/shape-….bin`, `.samizdat/sources-….stamps`).
    case state

    static let file = URL(fileURLWithPath: "/fuzz/site/Content/posts/2026/fuzz.md")
    static let siteFile = URL(fileURLWithPath: "/fuzz/site/site.yml")

    /// Parsers are values; one per process is enough.
    static let parser: ContentParser = {
        var config = SiteConfig()
        config.timeZone = TimeZone(identifier: "Europe/Paris")!
        return ContentParser(config: config)
    }()

    public func run(_ data: Data) {
        switch self {
        case .content:
            Self.parseContent(data)
        case .toml:
            Self.parseContent(Data("+++\n".utf8) + data + Data("\n+++\nBody\n".utf8))
        case .yaml:
            if let text = String(data: data, encoding: .utf8) {
                precondition(DataTable.plainReadingAgreesWithYams(text), "read without Yams otherwise than Yams reads it")
            }
            Self.parseContent(Data("---\n".utf8) + data + Data("\n---\nBody\n".utf8))
        case .site:
            Self.parseSite(data)
        case .image:
            if let info = ImageInfo.read(data) {
                precondition(info.width > 0 && info.height > 0, "an image of \(info.width)×\(info.height) pixels")
            }
        case .tweets:
            Self.importTweets(data)
        case .mastodon:
            Self.importMastodon(data)
        case .stamps:
            _ = OutputWriter.readStamps(data)
        case .state:
            _ = Builder.readKeptState(data)
        }
    }

    /// Every tweet read must become a file that parses back as a post with its date and id.
    static func importTweets(_ data: Data) {
        guard case .success(let tweets) = TwitterArchive.tweets(fromJS: data, member: "data/tweets.js") else { return }
        var archive = TwitterArchive()
        archive.tweets = tweets.map { ("data/tweets.js", $0) }
        for post in archive.posts() {
            let markdown = post.markdown(replyPath: post.replyTo?.ownID.map { "/2026/11/20/\($0)/" })
            let (parsed, diagnostics) = parser.parse(Data(markdown.utf8), file: file, sourcePath: post.path, kind: .post)
            guard case .post(let parsedPost)? = parsed else {
                preconditionFailure("imported tweet \(post.id) does not parse back: \(diagnostics.map(\.message))")
            }
            precondition(parsedPost.date == post.date, "imported tweet \(post.id) changed its date")
            precondition(parsedPost.frontMatter.id == "twitter-\(post.slug)", "imported tweet \(post.id) lost its id")
            checkClean(parsedPost.content.html, "imported html")
        }
    }

    /// Every post read must become a file that parses back as a post with its date and id; HTML
    /// content of any shape must become Markdown that does the same.
    static func importMastodon(_ data: Data) {
        if case .success(let archive) = MastodonArchive.outbox(data, member: "outbox.json"), let posts = try? archive.posts() {
            for post in posts { checkImported(post) }
        }
        let html = String(decoding: data, as: UTF8.self)
        let post = ImportedPost(platform: "mastodon", id: "1", url: "https://mastodon.example/@ada/1", date: Date(timeIntervalSince1970: 1_676_723_711),
                                timeZone: TimeZone(identifier: "UTC")!, text: MastodonArchive.markdown(fromHTML: html))
        checkImported(post)
    }

    static func checkImported(_ post: ImportedPost) {
        let markdown = post.markdown(replyPath: post.replyTo?.ownID.map { "/2026/11/20/\($0)/" })
        let (parsed, diagnostics) = parser.parse(Data(markdown.utf8), file: file, sourcePath: post.path, kind: .post)
        guard case .post(let parsedPost)? = parsed else {
            preconditionFailure("imported post \(post.id) does not parse back: \(diagnostics.map(\.message))")
        }
        precondition(parsedPost.date == post.date, "imported post \(post.id) changed its date")
        precondition(parsedPost.frontMatter.id == "\(post.platform)-\(post.slug)", "imported post \(post.id) lost its id")
        checkClean(parsedPost.content.html, "imported html")
    }

    static func parseContent(_ data: Data) {
        for kind in [ContentParser.Kind.post, .page] {
            let (parsed, diagnostics) = parser.parse(data, file: file, sourcePath: "posts/2026/fuzz.md", kind: kind)
            for diagnostic in diagnostics {
                precondition(!diagnostic.message.isEmpty, "a diagnostic without a message")
            }
            switch parsed {
            case .post(let post):
                precondition(!diagnostics.contains { $0.severity == .error }, "a post with errors")
                checkClean(post.title, "title")
                checkClean(post.content.html, "html")
                checkClean(post.listHTML, "list html")
                checkClean(post.content.plainText, "plain text")
                checkClean(post.frontMatter.summary, "summary")
                for tag in post.tags { checkClean(tag, "tag") }
            case .page(let page):
                checkClean(page.frontMatter.title, "title")
                checkClean(page.content.html, "html")
            case nil:
                precondition(diagnostics.contains { $0.severity == .error }, "no value and no error")
            }
        }
    }

    static func parseSite(_ data: Data) {
        guard let text = String(data: data, encoding: .utf8) else { return }
        let (config, diagnostics) = SiteConfig.parse(yaml: text, file: siteFile)
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return }
        checkClean(config.title, "site title")
        checkClean(config.description, "site description")
        checkClean(config.author.name, "author name")
        // What the theme and the RSS feed do with the configured zone and language: this is
        // where an unusable time zone used to stop the process.
        let date = Date(timeIntervalSince1970: 1_795_132_800)
        for locale in [Locale(identifier: config.language), Locale(identifier: "en_US_POSIX")] {
            let formatter = DateFormatter()
            formatter.locale = locale
            formatter.timeZone = config.timeZone
            formatter.calendar = Calendar(identifier: .gregorian)
            formatter.dateStyle = .long
            _ = formatter.string(from: date)
            formatter.setLocalizedDateFormatFromTemplate("MMMM yyyy")
            _ = formatter.string(from: date)
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
            _ = formatter.string(from: date)
        }
    }

    static func checkClean(_ text: String?, _ what: String) {
        guard let text else { return }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: continue
            case 0x00...0x1F, 0x7F...0x9F, 0xFDD0...0xFDEF:
                preconditionFailure("control character U+\(String(scalar.value, radix: 16)) in the \(what)")
            case let value where value & 0xFFFE == 0xFFFE:
                preconditionFailure("noncharacter U+\(String(scalar.value, radix: 16)) in the \(what)")
            default: continue
            }
        }
    }

    /// Runs every target once on ordinary input, so that one-time initialization (the date
    /// parser's regular expression, ICU's data, Foundation's caches) happens before libFuzzer
    /// starts counting allocations: it reported those as leaks of the first inputs.
    static func warmUp() {
        _ = selected
        content.run(Data("---\ndate: 2026-11-20 14:05\ntags: [a]\n---\n# Title\n\nText #tag https://example.org\n".utf8))
        toml.run(Data("date = 2026-11-20T14:05:00+01:00\ntitle = \"T\"".utf8))
        site.run(Data("title: T\nbase_url: https://example.org/\nlanguage: fr\ntimezone: Europe/Paris\n".utf8))
        mastodon.run(Data(#"{"orderedItems": [{"type": "Create", "object": {"type": "Note", "id": "https://m.example/users/a/statuses/1", "published": "2023-02-18T12:33:11Z", "to": ["https://www.w3.org/ns/activitystreams#Public"], "content": "<p>Hi <a href=\"https://m.example/tags/t\" class=\"mention hashtag\">#<span>t</span></a></p>"}}]}"#.utf8))
        tweets.run(Data(#"window.YTD.tweets.part0 = [{"tweet": {"id_str": "1", "created_at": "Sat Feb 18 12:33:11 +0000 2023", "full_text": "Hi &amp; #tag"}}]"#.utf8))
    }

    /// The target libFuzzer runs: `SAMIZDAT_FUZZ_TARGET` names it (default `content`).
    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["SAMIZDAT_FUZZ_TARGET"] ?? "content"
        guard let target = FuzzTarget(rawValue: name) else {
            fatalError("Unknown SAMIZDAT_FUZZ_TARGET '\(name)'; use one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return target
    }()
}

/// libFuzzer's entry point: one input, any bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    FuzzTarget.selected.run(data)
    return 0
}
