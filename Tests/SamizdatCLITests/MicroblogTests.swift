import Foundation
import Testing

/// Notes, hashtags, mentions, replies, threads, photos, pinned posts, IndieWeb markup and link
/// previews, on `Tests/Fixtures/microblog-site` (a French site).
@Suite("Microblog", .serialized)
struct MicroblogTests {
    static let built: (site: TestSite?, result: ProcessResult?) = {
        guard let site = try? TestSite(fixture: "microblog-site").removedAtExit() else { return (nil, nil) }
        return (site, try? site.run("build"))
    }()

    func site() throws -> TestSite {
        let result = try #require(Self.built.result)
        try #require(result.status == 0, "\(result.stderr)")
        return try #require(Self.built.site)
    }

    @Test func buildsWithoutWarnings() throws {
        let result = try #require(Self.built.result)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout.contains("Built 9 posts, 0 pages"))
    }

    @Test func pinnedPostLeadsAndThreadsShowOnceWithFoldedReplies() throws {
        let home = try #require(try site().read("Output/index.html"))
        let pinned = try #require(home.range(of: "Bienvenue sur ce carnet"))
        let article = try #require(home.range(of: "Pourquoi l&#39;IndieWeb"))
        #expect(pinned.lowerBound < article.lowerBound, "the pinned post comes first")
        #expect(home.contains(#"<p class="post-pinned">Épinglé</p>"#))
        // Seven timeline entries, three a page counted from the oldest: the front page holds
        // pinned, article, reply-ext and the thread; page 1 the three oldest notes.
        let page1 = try #require(try site().read("Output/page/1/index.html"))
        #expect(page1.contains("lyon-walk") && !page1.contains("Un fil sur le"))
        #expect(!(try site().exists("Output/page/2/index.html")))
        #expect(home.contains("<summary>2 réponses</summary>"))
        let first = try #require(home.range(of: "Un fil sur le"))
        let summary = try #require(home.range(of: "<summary>2 réponses</summary>"))
        let second = try #require(home.range(of: "Deuxième point"))
        let third = try #require(home.range(of: "Et pour finir"))
        #expect(first.lowerBound < summary.lowerBound && summary.lowerBound < second.lowerBound && second.lowerBound < third.lowerBound)
        let all = home + page1
        #expect(all.components(separatedBy: "<p>Deuxième point").count == 2, "a reply shows once, folded under its thread")
        #expect(!page1.contains("Bienvenue sur ce carnet"))
    }

    @Test func everyPostOfAThreadShowsTheWholeThread() throws {
        for path in ["2026/11/12/thread-1", "2026/11/12/thread-2", "2026/11/12/thread-3"] {
            let full = try #require(try site().read("Output/\(path)/index.html"))
            let page = String(try #require(full.range(of: "<main").map { full[$0.lowerBound...] }))
            let positions = try ["Un fil sur le", "Deuxième point", "Et pour finir"].map { try #require(page.range(of: $0)).lowerBound }
            #expect(positions == positions.sorted(), "\(path): the thread in order")
            #expect(page.contains(#"<section class="thread" aria-label="Fil de 3 billets">"#))
            #expect(page.components(separatedBy: #"aria-current="page""#).count == 2, "\(path): one current post")
        }
        let reply = try #require(try site().read("Output/2026/11/12/thread-3/index.html"))
        #expect(reply.contains(#"En réponse à <a href="../../../../2026/11/12/thread-2/index.html">Deuxième point : les pistes cyclables (2/3).</a><data class="u-in-reply-to" value="https://micro.example/2026/11/12/thread-2/"></data>"#))
    }

    @Test func replyToAnotherSiteAndMentions() throws {
        let page = try #require(try site().read("Output/2026/11/14/reply-ext/index.html"))
        #expect(page.contains(#"En réponse à <a class="u-in-reply-to" href="https://social.example/@bob/42">social.example/@bob/42</a>"#))
        #expect(page.contains(#"<a class="mention u-category h-card" href="https://social.example/@bob">@bob@social.example</a>"#))
        #expect(page.contains(#"<a class="mention u-category h-card" href="https://camille.example/">@camille</a>"#))
        #expect(page.contains("Pas de #1 ici, ni de C#."), "#1 and C# are not hashtags")
    }

    @Test func hashtagsLinkToTagPagesAndCountAsTags() throws {
        let page = try #require(try site().read("Output/2026/11/10/lyon-walk/index.html"))
        #expect(page.contains(#"<a class="hashtag" href="../../../../tags/lyon/index.html" rel="tag">#Lyon</a>"#))
        let tags = try #require(try site().read("Output/tags/index.html"))
        for tag in ["lyon", "photo", "velo", "indieweb"] {
            #expect(tags.contains("href=\"../tags/\(tag)/index.html\""), "\(tag)")
        }
        #expect(try site().exists("Output/tags/velo/feed.json"))
    }

    @Test func photosAreCopiedSizedLazyAfterTheFirstAndAttachedToFeeds() throws {
        let site = try site()
        #expect(site.exists("Output/2026/11/10/lyon-walk/river.jpg"))
        #expect(site.exists("Output/2026/11/10/lyon-walk/hill.png"))
        let page = try #require(site.read("Output/2026/11/10/lyon-walk/index.html"))
        #expect(page.contains(#"<img class="u-photo" src="../../../../2026/11/10/lyon-walk/river.jpg" alt="La Saône au petit matin" width="64" height="48" decoding="async">"#), "the first photo on its own page loads at once")
        #expect(page.contains(#"<img class="u-photo" src="../../../../2026/11/10/lyon-walk/hill.png" alt="La colline de Fourvière" width="40" height="60" loading="lazy" decoding="async">"#))
        #expect(page.contains(#"<meta property="og:image" content="https://micro.example/2026/11/10/lyon-walk/river.jpg">"#))
        #expect(page.contains(#"<meta name="twitter:card" content="summary_large_image">"#))

        let json = try #require(site.read("Output/feed.json"))
        #expect(json.contains(#""mime_type" : "image/jpeg""#))
        #expect(json.contains(#""size_in_bytes" : 756"#))
        let rss = try #require(site.read("Output/feed.xml"))
        #expect(rss.contains(#"<enclosure url="https://micro.example/2026/11/10/lyon-walk/river.jpg" length="756" type="image/jpeg"/>"#))
        let atom = try #require(site.read("Output/atom.xml"))
        #expect(atom.contains(#"<link rel="enclosure" type="image/png" length="217" href="https://micro.example/2026/11/10/lyon-walk/hill.png"/>"#))
    }

    @Test func linkPreviewsAndIndieWebEndpoints() throws {
        let page = try #require(try site().read("Output/2026/11/15/article/index.html"))
        for tag in [
            #"<link rel="canonical" href="https://micro.example/2026/11/15/article/">"#,
            #"<meta property="og:title" content="Pourquoi l&#39;IndieWeb">"#,
            #"<meta property="og:description" content="Quelques raisons de publier chez soi.">"#,
            #"<meta property="og:url" content="https://micro.example/2026/11/15/article/">"#,
            #"<meta property="og:type" content="article">"#,
            #"<meta property="og:image" content="https://micro.example/avatar.png">"#,
            #"<meta property="article:published_time" content="2026-11-15T08:00:00+01:00">"#,
            #"<meta property="article:tag" content="IndieWeb">"#,
            #"<meta name="twitter:card" content="summary">"#,
            #"<link rel="webmention" href="https://webmention.example/micro.example/webmention">"#,
            #"<link rel="pingback" href="https://webmention.example/micro.example/xmlrpc">"#,
            #"<a href="https://social.example/@ada" rel="me">Mastodon</a>"#,
        ] {
            #expect(page.contains(tag), "missing \(tag)")
        }
        #expect(page.contains("15 novembre 2026"), "dates in French")
    }

    @Test func notesUseAnExcerptAsTitle() throws {
        let page = try #require(try site().read("Output/2026/10/05/note-a/index.html"))
        #expect(page.contains("<title>Première gelée de la saison. · Micro fixture</title>"))
        #expect(page.contains(#"<h1 class="visually-hidden">Première gelée de la saison.</h1>"#))
        #expect(!page.contains("p-name\">Première"), "a note has no p-name")
        let english = try #require(try site().read("Output/2026/10/20/note-b/index.html"))
        #expect(english.contains(#"lang="en""#))
        #expect(try #require(try site().read("Output/feed.json")).contains(#""language" : "en""#))
    }

    @Test(.enabled(if: Validators.available, "run through `make test`, which installs mf2py"))
    func mf2pyFindsTheEntryPropertiesAndAuthor() throws {
        let site = try site()
        func parse(_ path: String, _ url: String) throws -> [[String: Any]] {
            let python = Validators.venv!.appendingPathComponent("bin/python")
            let script = Paths.repository.appendingPathComponent("Tests/Validators/mf2.py")
            let result = try Validators.run(python, [script.path, site.root.appendingPathComponent("Output/\(path)").path, url])
            try #require(result.status == 0, "\(result.output)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
            return try #require(json["items"] as? [[String: Any]])
        }
        func entries(_ items: [[String: Any]]) -> [[String: Any]] {
            items.flatMap { item -> [[String: Any]] in
                let types = item["type"] as? [String] ?? []
                let children = item["children"] as? [[String: Any]] ?? []
                return (types.contains("h-entry") ? [item] : []) + entries(children)
            }
        }
        func property(_ entry: [String: Any], _ name: String) -> [Any] {
            (entry["properties"] as? [String: Any])?[name] as? [Any] ?? []
        }

        let photoPage = try parse("2026/11/10/lyon-walk/index.html", "https://micro.example/2026/11/10/lyon-walk/")
        let photoEntry = try #require(entries(photoPage).first { (property($0, "url").first as? String) == "https://micro.example/2026/11/10/lyon-walk/" })
        for name in ["content", "published", "url", "uid", "category", "photo", "syndication", "author"] {
            #expect(!property(photoEntry, name).isEmpty, "h-entry lacks \(name)")
        }
        #expect(property(photoEntry, "name").isEmpty, "a note has no p-name")
        #expect(property(photoEntry, "photo").count == 2)
        #expect((property(photoEntry, "category") as? [String])?.contains("Lyon") == true)
        let author = try #require(property(photoEntry, "author").first as? [String: Any])
        #expect((author["type"] as? [String]) == ["h-card"])
        let authorProperties = try #require(author["properties"] as? [String: [Any]])
        #expect(authorProperties["name"]?.first as? String == "Ada Lovelace")
        #expect(authorProperties["url"]?.first as? String == "https://micro.example/")
        #expect(authorProperties["photo"]?.first as? String == "https://micro.example/avatar.png")

        let reply = try parse("2026/11/12/thread-3/index.html", "https://micro.example/2026/11/12/thread-3/")
        let replyEntry = try #require(entries(reply).first { (property($0, "url").first as? String) == "https://micro.example/2026/11/12/thread-3/" })
        #expect(property(replyEntry, "in-reply-to").first as? String == "https://micro.example/2026/11/12/thread-2/")

        let article = try parse("2026/11/15/article/index.html", "https://micro.example/2026/11/15/article/")
        let articleEntry = try #require(entries(article).first)
        #expect(property(articleEntry, "name").first as? String == "Pourquoi l'IndieWeb")
        #expect(property(articleEntry, "summary").isEmpty, "the summary is not made up from the content")

        let timeline = try parse("index.html", "https://micro.example/")
        let feed = try #require(timeline.first { ($0["type"] as? [String])?.contains("h-feed") == true })
        #expect((feed["children"] as? [[String: Any]])?.count == 6, "four entries on the front page, and the thread's two folded replies")
    }

    @Test(.enabled(if: Validators.available, "run through `make test`, which installs the Nu HTML checker"))
    func nuHTMLCheckerReportsNoErrors() throws {
        let errors = try Validators.nuHTMLCheckerErrors(root: try site().root.appendingPathComponent("Output"), css: false)
        #expect(errors.isEmpty, "\(errors.joined(separator: "\n"))")
    }
}
