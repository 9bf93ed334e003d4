import Foundation
import Testing

/// What readers see on the built-in theme's pages: the byline, headings, post navigation, photo
/// rows, the language of a post in another language, feed links, the favicon.
@Suite("Theme", .serialized)
struct ThemeTests {
    static func svg(_ width: Int, _ height: Int) -> String {
        #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(width)" height="\#(height)"><rect width="\#(width)" height="\#(height)" fill="red"/></svg>"#
    }

    /// Newest first: e (one photo), d (four photos), c (an article), b2 (a French reply to b), b
    /// (French), a. The timeline, two posts a page: [e, d], [c, b (with b2 folded)], [a].
    static let built: (site: TestSite?, result: ProcessResult?) = {
        guard let site = try? TestSite([
            "Public/me.svg": svg(48, 48),
            "Content/posts/a.md": "---\ndate: 2026-11-01 09:00\n---\nFirst note of the month, in English.\n",
            "Content/posts/b.md": "---\ndate: 2026-11-02 20:05\nlang: fr\n---\nUn fil commence ici, ce soir.\n",
            "Content/posts/b2.md": "---\ndate: 2026-11-02 20:14\nlang: fr\nreply_to: /2026/11/02/b/\n---\nDeuxième message du fil.\n",
            "Content/posts/c.md": "---\ntitle: An article\ndate: 2026-11-03 10:00\ntags: [swift]\n---\nSome text with a #hashtag.\n",
            "Content/posts/d/index.md": """
                ---
                date: 2026-11-04 08:00
                photos:
                  - {src: wide.svg, alt: A wide drawing}
                  - {src: tall.svg, alt: A very tall drawing, focus: "50% 20%"}
                  - {src: wide.svg, alt: The wide drawing again}
                  - {src: wide.svg, alt: And once more}
                ---
                Four photos.
                """,
            "Content/posts/d/wide.svg": svg(120, 80),
            "Content/posts/d/tall.svg": svg(10, 40),
            "Content/posts/e/index.md": "---\ndate: 2026-11-05 18:30\nphotos:\n  - {src: photo.svg, alt: One photo}\n---\nOne photo.\n",
            "Content/posts/e/photo.svg": svg(480, 320),
        ], config: TestSite.minimalConfig.replacingOccurrences(of: "author: {name: Ada, url: https://example.org/}",
                                                              with: "author: {name: Ada, url: https://example.org/, avatar: /me.svg}")).removedAtExit() else { return (nil, nil) }
        return (site, try? site.run("build"))
    }()

    func page(_ path: String) throws -> String {
        let result = try #require(Self.built.result)
        try #require(result.status == 0, "\(result.stderr)")
        return try #require(Self.built.site?.read("Output/\(path)"), "no \(path)")
    }

    /// The `<main>` of a page: what the theme puts around posts, without header and footer.
    func main(_ path: String) throws -> String {
        let html = try page(path)
        let start = try #require(html.range(of: "<main"))
        let end = try #require(html.range(of: "</main>"))
        return String(html[start.lowerBound..<end.upperBound])
    }

    @Test func buildsWithoutWarnings() throws {
        let result = try #require(Self.built.result)
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test func bylineShowsAvatarNameAndDateWithTimeAsTheVisibleHCard() throws {
        let html = try main("2026/11/03/c/index.html")
        #expect(html.contains(#"<img class="byline-avatar" src="../../../../me.svg" alt="" width="40" height="40">"#))
        #expect(html.contains(#"<span class="p-author h-card"><span class="p-name byline-name">Ada</span><data class="u-url" value="https://example.org/"></data><data class="u-photo" value="https://example.org/blog/me.svg"></data></span>"#))
        #expect(html.contains(#"<a class="post-date" href="../../../../2026/11/03/c/index.html"><time class="dt-published" datetime="2026-11-03T10:00:00+01:00">November 3, 2026 at 10:00"#))
        let byline = try #require(html.range(of: "post-byline"))
        let content = try #require(html.range(of: "e-content"))
        #expect(byline.lowerBound < content.lowerBound, "the byline comes before the text")
        #expect(!html.contains("visually-hidden\"><a"), "no invisible focusable author link")
        #expect(html.components(separatedBy: "h-card").count == 2, "one author h-card per post")
    }

    @Test func postsOfAThreadShowDistinctTimes() throws {
        let html = try main("2026/11/02/b2/index.html")
        #expect(html.contains(#"<time class="dt-published" datetime="2026-11-02T20:05:00+01:00">2 novembre 2026 à 20:05</time>"#))
        #expect(html.contains(#"<time class="dt-published" datetime="2026-11-02T20:14:00+01:00">2 novembre 2026 à 20:14</time>"#))
    }

    @Test func aPostInAnotherLanguageSetsThePageLanguageAndItsWords() throws {
        let french = try page("2026/11/02/b2/index.html")
        #expect(french.contains(#"<html lang="fr">"#))
        #expect(french.contains(#"<meta property="og:locale" content="fr">"#))
        #expect(french.contains("En réponse à <a href=\"../../../../2026/11/02/b/index.html\">"))
        #expect(french.contains(##"<a class="skip-link" href="#main">Aller au contenu</a>"##))
        #expect(french.contains(">Accueil</a>") && !french.contains(">Home</a>"))
        #expect(french.contains(#"<div lang="en">"#), "the site's name keeps the site's language")
        #expect(!french.contains("In reply to"))

        // On the English timeline the French post keeps its language and its words.
        let timeline = try page("page/1/index.html")
        #expect(timeline.contains(#"<html lang="en">"#))
        #expect(timeline.contains(#"<article class="post h-entry note in-list" id="p-2026-11-02-b" lang="fr">"#))
        #expect(timeline.contains("En réponse à"), "the folded French reply says it in French")
        #expect(timeline.contains("<summary>1 reply</summary>"), "the page's own words stay English")
        #expect(timeline.contains("2 novembre 2026 à 20:05"))
        #expect(try page("index.html").contains(#"<meta property="og:locale" content="en">"#))
    }

    @Test func everyPostInAListHasAHeading() throws {
        let first = try main("index.html")
        #expect(first.contains(#"<h2 class="visually-hidden">One photo.</h2>"#))
        #expect(first.contains(#"<h2 class="visually-hidden">Four photos.</h2>"#))
        #expect(first.contains(#"<h2 class="post-title p-name"><a href="2026/11/03/c/index.html">An article</a></h2>"#))
        let second = try main("page/1/index.html")
        #expect(second.contains(#"<h2 class="visually-hidden">Un fil commence ici, ce soir.</h2>"#))
        for html in [first, second] {
            #expect(html.components(separatedBy: "<article").count == html.components(separatedBy: "<h2").count)
        }
    }

    @Test func postPagesLinkToNewerOlderAndBackToTheirPlaceInTheTimeline() throws {
        let article = try main("2026/11/03/c/index.html")
        #expect(article.contains(#"<nav class="post-nav" aria-label="More posts">"#))
        #expect(article.contains(#"<a href="../../../../2026/11/04/d/index.html" rel="prev"><span class="post-nav-label">← Newer post</span> <span class="post-nav-title">Four photos.</span></a>"#))
        #expect(article.contains(#"<a href="../../../../2026/11/02/b2/index.html" rel="next"><span class="post-nav-label">Older post →</span> <span class="post-nav-title" lang="fr">Deuxième message du fil.</span></a>"#))
        // Five timeline entries, two a page counted from the oldest: the front page holds e, d and c.
        #expect(article.contains(#"<a href="../../../../index.html#p-2026-11-03-c">Back to the timeline</a>"#))

        let newest = try main("2026/11/05/e/index.html")
        #expect(!newest.contains("rel=\"prev\"") && newest.contains("rel=\"next\""))
        #expect(newest.contains(#"<a href="../../../../index.html#p-2026-11-05-e">Back to the timeline</a>"#))
        let oldest = try main("2026/11/01/a/index.html")
        #expect(oldest.contains("rel=\"prev\"") && !oldest.contains("rel=\"next\""))
        #expect(oldest.contains(#"<a href="../../../../page/1/index.html#p-2026-11-01-a">Back to the timeline</a>"#))
        // A reply is folded under its thread on the timeline: back leads to the thread, in French.
        let reply = try main("2026/11/02/b2/index.html")
        #expect(reply.contains(#"<a href="../../../../page/1/index.html#p-2026-11-02-b">Retour à la chronologie</a>"#))
        // The thread is on the page already: older and newer step over its other posts.
        #expect(reply.contains(#"<a href="../../../../2026/11/01/a/index.html" rel="next"><span class="post-nav-label">Billet plus ancien →</span> <span class="post-nav-title" lang="en">First note of the month, in English.</span></a>"#))
        #expect(reply.contains(#"<a href="../../../../2026/11/03/c/index.html" rel="prev">"#))
    }

    @Test func photosKeepTheirShapeAndAreNeverUpscaled() throws {
        let single = try main("2026/11/05/e/index.html")
        #expect(single.contains(#"<div class="photo-row" style="--ratios: 1.5000; --max-width: 480px;">"#), "one photo at most at its own width")
        #expect(single.contains(#"<img class="u-photo" src="../../../../2026/11/05/e/photo.svg" alt="One photo" width="480" height="320" decoding="async">"#),
                "the first photo on its own page is not lazy")

        let gallery = try main("2026/11/04/d/index.html")
        #expect(gallery.components(separatedBy: "class=\"photo-row\"").count == 3, "four photos make two rows")
        // 120×80 beside 10×40, whose 1:4 is limited to 1:2 and cropped around its focus; the row
        // is at most as wide as both at a height where neither is upscaled (20 px) plus the gap.
        #expect(gallery.contains(#"<div class="photo-row" style="--ratios: 2.0000; --max-width: 46px;">"#))
        #expect(gallery.contains(#"style="--ratio: 1.5000;"><img class="u-photo" src="../../../../2026/11/04/d/wide.svg" alt="A wide drawing" width="120" height="80" decoding="async">"#))
        #expect(gallery.contains(#"style="--ratio: 0.5000; --focus: 50% 20%;"><img class="u-photo" src="../../../../2026/11/04/d/tall.svg" alt="A very tall drawing" width="10" height="40" loading="lazy" decoding="async">"#))

        let timeline = try main("index.html")
        #expect(timeline.contains(#"alt="One photo" width="480" height="320" loading="lazy""#), "lists load every photo lazily")

        let css = try page("style.css")
        #expect(css.contains("aspect-ratio: var(--ratio)") && css.contains("object-position: var(--focus, 50% 50%)"))
        #expect(!css.contains("grid-auto-rows"), "no fixed row heights that crop photos")
    }

    @Test func tagPagesListTheirOwnFeedsFirst() throws {
        let html = try page("tags/swift/index.html")
        let alternates = html.components(separatedBy: "\n").filter { $0.hasPrefix(#"<link rel="alternate""#) }
        #expect(alternates.count == 6)
        #expect(alternates.first == #"<link rel="alternate" type="application/rss+xml" title="Test site — #swift (RSS)" href="../../tags/swift/feed.xml">"#)
        #expect(alternates.last == #"<link rel="alternate" type="application/feed+json" title="Test site (JSON Feed)" href="../../feed.json">"#)
    }

    @Test func theSiteDescriptionIsMarkedForTheHomePage() throws {
        #expect(try page("index.html").contains(#"<header class="site-header is-home">"#))
        #expect(try page("page/1/index.html").contains(#"<header class="site-header">"#))
        let css = try page("style.css")
        #expect(css.contains(".site-header:not(.is-home) .site-description { display: none; }"))
        #expect(css.contains(#""Noto Color Emoji""#), "an emoji font in the stack")
    }

    @Test func aDefaultFaviconIsLinkedFromEveryPageAndAPublicOneWins() throws {
        #expect(try page("index.html").contains(#"<link rel="icon" href="favicon.ico">"#))
        #expect(try page("2026/11/03/c/index.html").contains(#"<link rel="icon" href="../../../../favicon.ico">"#))
        let site = try #require(Self.built.site)
        let icon = try #require(FileManager.default.contents(atPath: site.root.appendingPathComponent("Output/favicon.ico").path))
        #expect(icon.prefix(4) == Data([0, 0, 1, 0]), "an ICO file")

        let own = try TestSite(["Public/favicon.ico": "mine", "Content/posts/a.md": "---\ndate: 2026-11-01\n---\nHi.\n"])
        defer { own.remove() }
        #expect(try own.run("build").status == 0)
        #expect(own.read("Output/favicon.ico") == "mine")
    }
}
