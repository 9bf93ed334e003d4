import Foundation
import Testing
@testable import Samizdat

@Suite("ThemeEjector")
struct ThemeEjectorTests {
    @Test(arguments: [
        ("post", "post.mustache"), ("post.mustache", "post.mustache"), ("Templates/post.mustache", "post.mustache"),
        ("partials/header", "partials/header.mustache"), ("style.css", "style.css"), ("favicon.ico", "favicon.ico"),
    ])
    func namesMeanTheirFile(name: String, path: String) throws {
        #expect(try ThemeEjector.path(named: name).get() == path)
    }

    @Test(arguments: [("psot", "post"), ("partials/headr", "partials/header"), ("styles.css", "style.css"), ("Tag", "tag")])
    func anUnknownNameSuggestsTheClosest(name: String, suggestion: String) {
        guard case .failure(let problem) = ThemeEjector.path(named: name) else { Issue.record("\(name) was found"); return }
        #expect(problem.message.hasPrefix("The theme has no file '\(name)'. Did you mean '\(suggestion)'? Its files: "), "\(problem.message)")
    }

    @Test func nothingCloseGetsNoSuggestion() {
        guard case .failure(let problem) = ThemeEjector.path(named: "sidebar-widget") else { Issue.record("found"); return }
        #expect(!problem.message.contains("Did you mean"))
        #expect(problem.message.contains("Its files: 404, alias, archive, base, favicon.ico,"))
    }
}
