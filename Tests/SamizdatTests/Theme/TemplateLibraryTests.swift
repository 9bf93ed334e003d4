import Foundation
import Testing
@testable import Samizdat

@Suite("Template library")
struct TemplateLibraryTests {
    let file = URL(fileURLWithPath: "/site/Templates/post.mustache")

    @Test func rendersPlainValuesWithPartialsAndInheritance() throws {
        let base = TemplateLibrary.TemplateSource(name: "base", file: file, text: "<main>{{$main}}default{{/main}}</main>")
        let item = TemplateLibrary.TemplateSource(name: "partials/item", file: file, text: "<li>{{name}}</li>")
        let page = TemplateLibrary.TemplateSource(name: "page", file: file,
                                                  text: "{{<base}}{{$main}}<ul>{{#items}}{{> partials/item}}{{/items}}</ul>{{/main}}{{/base}}")
        let library = try TemplateLibrary.compile(templates: [base, item, page], assets: []).get()
        let html = try library.render("page", context: ["items": [["name": "a & b"], ["name": "c"]]])
        #expect(html == "<main><ul><li>a &amp; b</li><li>c</li></ul></main>")
    }

    @Test func reportsASyntaxErrorWithItsPosition() {
        let broken = TemplateLibrary.TemplateSource(name: "post", file: file, text: "<h1>\n  {{#post}}\n  <p>{{title}</p>\n")
        guard case .failure(let list) = TemplateLibrary.compile(templates: [broken], assets: []) else {
            Issue.record("expected a failure")
            return
        }
        #expect(list.diagnostics.count == 1)
        let diagnostic = list.diagnostics[0]
        #expect(diagnostic.location?.file == file)
        #expect(diagnostic.location?.line == 3)
        #expect(diagnostic.message.hasPrefix("Template syntax error:"))
    }

    /// (Lines end in LF or CRLF; columns count characters, `é` written as one or two scalars.)
    @Test(arguments: ["a\n  {{> partials/headr}}\n{{>nothing}}", "a\r\n  {{> partials/headr}}\r\n{{>nothing}}",
                      "é\n  {{> partials/headr}}\n{{>nothing}}", "e\u{301}\r\n  {{> partials/headr}}\n{{>nothing}}"])
    func reportsEveryMissingPartialWithItsPositionAndASuggestion(text: String) {
        let header = TemplateLibrary.TemplateSource(name: "partials/header", file: file, text: "")
        let page = TemplateLibrary.TemplateSource(name: "page", file: file, text: text)
        guard case .failure(let list) = TemplateLibrary.compile(templates: [header, page], assets: []) else {
            Issue.record("expected a failure")
            return
        }
        let messages = list.diagnostics.map { $0.formatted() }
        #expect(messages == [
            "/site/Templates/post.mustache:2:3: error: Template 'page' uses 'partials/headr', but there is no template with that name. Did you mean 'partials/header'?",
            "/site/Templates/post.mustache:3:1: error: Template 'page' uses 'nothing', but there is no template with that name",
        ])
    }

    @Test func siteTemplatesOverrideBuiltInFilesOneByOne() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("page.mustache", "custom {{page.title}}")
        try folder.write("extra.css", "body{}")
        let library = try TemplateLibrary.load(overridesIn: folder.url).get()
        #expect(try library.render("page", context: ["page": ["title": "T"]]) == "custom T")
        #expect(library.names.contains("post"), "files the site does not override come from the built-in theme")
        #expect(library.assets.map(\.path).contains("extra.css"))
        #expect(library.assets.map(\.path).contains("style.css"))
    }
}
