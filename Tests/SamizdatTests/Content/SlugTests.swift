import Foundation
import Testing
@testable import Samizdat

@Suite("Slug")
struct SlugTests {
    @Test("make", arguments: [
        ("Été à Paris", "ete-a-paris"),
        ("Hello, World!", "hello-world"),
        ("--Hello--", "hello"),
        ("  spaced   out  ", "spaced-out"),
        ("C++ & Swift", "c-swift"),
        ("100% sûr", "100-sur"),
        ("snake_case and kebab-case", "snake-case-and-kebab-case"),
        ("Swift 6.0: what's new?", "swift-6-0-what-s-new"),
        ("L'été d'Anne", "l-ete-d-anne"),
        ("Œuvre", "oeuvre"),
        ("Straße", "strasse"),
        ("Søren Kierkegaard", "soren-kierkegaard"),
        ("Привет мир", "privet-mir"),
        ("Ελληνικά", "ellenika"),
        ("ALREADY-slug", "already-slug"),
        ("2026", "2026"),
    ])
    func make(text: String, expected: String) {
        #expect(Slug.make(text) == expected)
    }

    @Test func typographicAndStraightApostrophesGiveTheSameSlug() {
        #expect(Slug.make("L’été") == "l-ete")
        #expect(Slug.make("L’été") == Slug.make("L'été"))
    }

    @Test("Nothing usable left gives an empty slug", arguments: ["🎉🎉", "🎉 ✨", "", "   ", "!?…", "---"])
    func emptyResult(text: String) {
        #expect(Slug.make(text) == "")
    }

    @Test func slugIsStable() {
        for text in ["Été à Paris", "Привет мир", "C++ & Swift"] {
            let once = Slug.make(text)
            #expect(Slug.make(once) == once)
        }
    }

    @Test("fromFileName", arguments: [
        ("/site/Content/posts/hello-world.md", "hello-world"),
        ("/site/Content/posts/2026-11-20-hello-world.md", "hello-world"),
        ("/site/Content/posts/2026-11-20_hello.md", "hello"),
        ("/site/Content/posts/2026-11-20 hello.md", "hello"),
        ("/site/Content/posts/2026/11/Été à Paris.md", "ete-a-paris"),
        ("/site/Content/posts/2026-11-20-Été à Paris.markdown", "ete-a-paris"),
        ("/site/Content/posts/2026-11-20.md", "2026-11-20"),
        ("/site/Content/posts/mon-voyage/index.md", "mon-voyage"),
        ("/site/Content/posts/2026-11-20-mon-voyage/index.md", "mon-voyage"),
        ("/site/Content/posts/Vélo Électrique/index.md", "velo-electrique"),
        ("/site/Content/projets/_index.md", "projets"),
        ("/site/Content/About Me.md", "about-me"),
    ])
    func fromFileName(path: String, expected: String) {
        #expect(Slug.fromFileName(URL(fileURLWithPath: path)) == expected)
    }

    @Test("problem(with:) refuses unsafe slugs", arguments: [
        ("", "must not be empty"),
        ("a/b", "must not contain '/'"),
        ("../x", "must not contain '/'"),
        ("a\\b", "must not contain '/'"),
        ("..", "must not contain '..'"),
        (".", "must not contain '..'"),
        ("a..b", "must not contain '..'"),
        ("my post", "must not contain spaces or control characters"),
        ("tab\there", "must not contain spaces or control characters"),
        ("what?", "must not contain '?', '#', '%', '\"', '<' or '>'"),
        ("a#b", "must not contain '?', '#', '%', '\"', '<' or '>'"),
        ("100%", "must not contain '?', '#', '%', '\"', '<' or '>'"),
        ("<b>", "must not contain '?', '#', '%', '\"', '<' or '>'"),
    ])
    func problem(slug: String, expected: String) {
        #expect(Slug.problem(with: slug) == expected)
    }

    @Test("problem(with:) accepts ordinary slugs", arguments: ["my-post", "2026", "été", "v1.2", "a_b", "x"])
    func noProblem(slug: String) {
        #expect(Slug.problem(with: slug) == nil)
    }
}
