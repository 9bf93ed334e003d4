import Foundation
import Mustache
import Testing
@testable import Samizdat

/// The built-in template engine renders what swift-mustache renders.
///
/// Themes were written against swift-mustache; Samizdat's own engine (`Theme/Mustache/`) replaced
/// it because rendering through `Any` was a third of a cold build. These tests hold the two to the
/// same bytes: hand-picked cases for each rule of the spec, the built-in theme, and thousands of
/// generated templates over generated data.
@Suite("Mustache compatibility")
struct MustacheCompatibilityTests {
    /// Test data in both forms: a `TemplateValue` for Samizdat, plain Swift values for swift-mustache.
    indirect enum Value {
        case string(String), int(Int), double(Double), bool(Bool), list([Value]), object([String: Value])

        var value: TemplateValue {
            switch self {
            case .string(let s): return .string(s)
            case .int(let i): return .int(i)
            case .double(let d): return .double(d)
            case .bool(let b): return .bool(b)
            case .list(let l): return .list(l.map(\.value))
            case .object(let o): return .object(o.mapValues(\.value))
            }
        }

        var any: Any {
            switch self {
            case .string(let s): return s
            case .int(let i): return i
            case .double(let d): return d
            case .bool(let b): return b
            // A list of strings is a `[String]`, as pages passed `article.tags`: swift-mustache sorts those.
            case .list(let l): return l.allSatisfy { if case .string = $0 { true } else { false } } ? l.map { $0.any as! String } : l.map(\.any)
            case .object(let o): return o.mapValues(\.any) as [String: Any]
            }
        }
    }

    /// Renders `main` with both engines; `nil` for an engine that refused to parse.
    static func render(_ templates: [String: String], data: Value) -> (samizdat: String?, reference: String?) {
        var ours: [String: Samizdat.Template] = [:]
        var oursFailed = false
        for (name, text) in templates {
            if let template = try? Samizdat.Template(string: text) { ours[name] = template } else { oursFailed = true }
        }
        var library = MustacheLibrary()
        var referenceFailed = false
        for (name, text) in templates {
            if let template = try? MustacheTemplate(string: text) { library.register(template, named: name) } else { referenceFailed = true }
        }
        let samizdat = oursFailed ? nil : String(decoding: try! TemplateRenderer.render(ours["main"]!, value: data.value, templates: ours), as: UTF8.self)
        let reference = referenceFailed ? nil : library.render(data.any, withTemplate: "main")
        return (samizdat, reference)
    }

    static let data: Value = .object([
        "title": .string("Tom & \"Jerry\" <3 'x'"),
        "name": .string("élan vital"),
        "empty": .string(""),
        "count": .int(3),
        "zero": .int(0),
        "ratio": .double(1.5),
        "yes": .bool(true),
        "no": .bool(false),
        "tags": .list([.string("a"), .string("b<"), .string("c")]),
        "none": .list([]),
        "child": .object(["title": .string("inner"), "count": .int(7), "yes": .bool(false)]),
        "items": .list([
            .object(["title": .string("one"), "count": .int(1), "yes": .bool(true), "tags": .list([.string("x")])]),
            .object(["title": .string("two"), "yes": .bool(false), "child": .object(["title": .string("deep")])]),
            .object(["name": .string("three\nlines"), "count": .int(0)]),
        ]),
    ])

    static let cases: [(String, [String: String])] = [
        ("variables and escaping", ["main": "{{title}}|{{{title}}}|{{&title}}|{{ count }}|{{ratio}}|{{yes}}|{{missing}}|{{child.title}}|{{child.missing.x}}"]),
        ("sections", ["main": "{{#items}}[{{title}}{{#yes}}!{{/yes}}{{^yes}}?{{/yes}}]{{/items}}{{#none}}x{{/none}}{{^none}}empty{{/none}}{{#empty}}e{{/empty}}{{#zero}}z{{/zero}}"]),
        ("context stack", ["main": "{{#items}}{{count}}:{{name}};{{/items}}{{#child}}{{title}}/{{name}}{{/child}}"]),
        ("implicit iterator", ["main": "{{#tags}}<{{.}}>{{/tags}}{{#title}}{{.}}{{/title}}{{#count}}{{.}}{{/count}}"]),
        ("leading dot", ["main": "{{#child}}{{.title}}|{{.name}}|{{name}}{{/child}}"]),
        ("standalone lines", ["main": "a\n  {{#yes}}\n  b\n  {{/yes}}\n  {{! comment }}\nc\n{{^no}}\nd\n{{/no}}\n"]),
        ("standalone CRLF", ["main": "a\r\n  {{#yes}}\r\n  b\r\n  {{/yes}}\r\nc"]),
        ("inline tags keep their line", ["main": "  {{#yes}}x{{/yes}}  \n {{title}} \n"]),
        ("partial indentation", [
            "main": "<ul>\n  {{> item}}\n  {{#items}}\n    {{> item}}\n  {{/items}}\n</ul>\n",
            "item": "<li>\n{{title}}\n{{#tags}}\n  <i>{{.}}</i>\n{{/tags}}\n</li>\n",
        ]),
        ("multi-line values are not indented", ["main": "  {{> p}}\n", "p": "{{{name}}}\n{{#items}}\n{{name}}\n{{/items}}\n"]),
        ("inheritance", [
            "base": "<head>{{$head}}default head{{/head}}</head>\n<main>\n  {{$main}}\n  default main\n  {{/main}}\n</main>\n",
            "main": "{{<base}}\n{{$main}}\n    <p>{{title}}</p>\n    {{#items}}\n    <i>{{title}}</i>\n    {{/items}}\n{{/main}}\n{{/base}}\n",
        ]),
        ("nested inheritance, outermost wins", [
            "base": "[{{$a}}base-a{{/a}}|{{$b}}base-b{{/b}}]",
            "middle": "{{<base}}{{$a}}middle-a{{/a}}{{$b}}middle-b{{/b}}{{/base}}",
            "main": "{{<middle}}{{$a}}main-a{{/a}}{{/middle}}",
        ]),
        ("set delimiters", ["main": "{{=<% %>=}}<% title %>{{title}}<%={{ }}=%>{{count}}"]),
        ("transforms", ["main": "{{uppercased(title)}}|{{lowercased(name)}}|{{capitalized(name)}}|{{reversed(name)}}|{{empty(empty)}}|{{plusone(count)}}|{{minusone(count)}}|{{even(count)}}|{{odd(count)}}|{{equalzero(zero)}}|{{count(items)}}|{{first(tags)}}|{{last(tags)}}|{{empty(none)}}|{{count(child)}}"]),
        ("list position", ["main": "{{#items}}{{index()}}{{#first()}}F{{/first()}}{{#last()}}L{{/last()}}{{^first()}}-{{/first()}}{{plusone(index())}}{{/items}}{{#sorted(tags)}}{{.}}{{/sorted(tags)}}{{#reversed(tags)}}{{.}}{{/reversed(tags)}}"]),
        ("dynamic partial", ["main": "{{>*which}}", "p": "P{{title}}"]),
        ("content type", ["main": "{{title}}{{%CONTENT_TYPE:TEXT}}{{title}}{{> p}}", "p": "{{title}}"]),
    ]

    @Test(arguments: cases.map(\.0))
    func handPickedCasesRenderTheSameBytes(_ name: String) {
        let templates = Self.cases.first { $0.0 == name }!.1
        var data = Self.data
        if case .object(var root) = data { root["which"] = .string("p"); data = .object(root) }
        let (samizdat, reference) = Self.render(templates, data: data)
        #expect(samizdat != nil)
        #expect(samizdat == reference)
    }

    /// Both engines refuse the same broken templates, and say the same line and column.
    @Test(arguments: [
        "{{#a}}x{{/b}}", "{{title", "{{#a}}never closed", "{{=<%>=}}", "{{<base}}{{title}}{{/base}}",
        "{{%CONTENT_TYPE:XML}}", "{{$block(x)}}{{/block(x)}}", "{{{title}}", "<h1>\n  {{#post}}\n  <p>{{title}</p>\n",
        "{{#a}}\nx{{/b}}", "a\r\nb {{ c d }}", "{{uppercased(title}}", "{{#post}}\n{{! unclosed comment\n",
    ])
    func bothEnginesRejectBrokenTemplatesAtTheSamePlace(_ text: String) {
        var reference: MustacheTemplate.ParserError?
        do { _ = try MustacheTemplate(string: text) } catch { reference = error as? MustacheTemplate.ParserError }
        var samizdat: TemplateSyntaxError?
        do { _ = try Samizdat.Template(string: text) } catch { samizdat = error }
        #expect(reference != nil)
        #expect(samizdat != nil)
        #expect(samizdat?.line == reference?.context.lineNumber)
        #expect(samizdat?.column == reference?.context.columnNumber)
    }

    /// A template that includes itself outside any section is refused when the theme is loaded,
    /// before anything is written.
    @Test func templatesThatIncludeThemselvesOutsideASectionAreRefused() {
        let file = URL(fileURLWithPath: "/site/Templates/partials/a.mustache")
        let sources = [
            TemplateLibrary.TemplateSource(name: "page", file: file, text: "<p>{{> partials/a}}</p>"),
            TemplateLibrary.TemplateSource(name: "partials/a", file: file, text: "x\n  {{> partials/b}}"),
            TemplateLibrary.TemplateSource(name: "partials/b", file: file, text: "{{#items}}{{> partials/b}}{{/items}}{{> partials/a}}"),
            TemplateLibrary.TemplateSource(name: "tree", file: file, text: "{{#children}}{{> tree}}{{/children}}"),
        ]
        guard case .failure(let list) = TemplateLibrary.compile(templates: sources, assets: []) else {
            Issue.record("expected a failure")
            return
        }
        #expect(list.diagnostics.map { $0.formatted() } == [
            "/site/Templates/partials/a.mustache:2:3: error: Template 'partials/a' includes itself without end ('partials/a' → 'partials/b' → 'partials/a'). Put the inclusion inside a section that ends it, or remove it",
        ])
    }

    /// A partial or parent that includes itself whatever the data is an error, not a crash.
    @Test func templatesThatIncludeThemselvesWithoutEndAreAnError() throws {
        let file = URL(fileURLWithPath: "/site/Templates/x.mustache")
        let sources = [
            TemplateLibrary.TemplateSource(name: "page", file: file, text: "<p>{{#yes}}{{> partials/loop}}{{/yes}}</p>"),
            TemplateLibrary.TemplateSource(name: "partials/loop", file: file, text: "{{title}}{{#yes}}{{> partials/loop}}{{/yes}}"),
            TemplateLibrary.TemplateSource(name: "base", file: file, text: "[{{$main}}{{/main}}]"),
            TemplateLibrary.TemplateSource(name: "post", file: file, text: "{{<base}}{{$main}}{{<base}}{{$main}}x{{/main}}{{/base}}{{/main}}{{/base}}"),
            // Recursion that the data ends is fine: a tree of comments.
            TemplateLibrary.TemplateSource(name: "tree", file: file, text: "<ul>{{#children}}<li>{{name}}{{> tree}}</li>{{/children}}</ul>"),
        ]
        let library = try TemplateLibrary.compile(templates: sources, assets: []).get()
        #expect(throws: TemplateLibrary.RenderError.self) { try library.render("page", context: ["title": "t", "yes": true]) }
        do {
            _ = try library.render("post", context: [:])
            Issue.record("expected an error")
        } catch {
            #expect(error.message.hasPrefix("Template 'post' cannot be rendered. Templates include each other without end ('base' → 'base' → 'base' → 'base' → …)"))
        }
        let tree: TemplateValue = ["children": [["name": "a", "children": [["name": "b", "children": []]]], ["name": "c", "children": []]]]
        #expect(try library.render("tree", context: tree) == "<ul><li>a<ul><li>b<ul></ul></li></ul></li><li>c<ul></ul></li></ul>")
    }

    /// Generated templates over the data above, each tag placed inline or alone on an indented
    /// line, sections nested, partials and parents mixed in: the two engines agree on every one.
    @Test func generatedTemplatesRenderTheSameBytes() {
        var random = SplitMix64(seed: 0x5A_4D_15_7A)
        var mismatches: [String] = []
        for round in 0..<3000 {
            var generator = TemplateGenerator(random: random)
            let templates = [
                "main": generator.template(depth: 0, top: .root),
                "p1": generator.template(depth: 2, top: .unknown),
                "p2": generator.template(depth: 2, top: .unknown, partials: ["p1"]),
                "base": generator.parentBody(),
            ]
            random = generator.random
            let (samizdat, reference) = Self.render(templates, data: Self.data)
            if samizdat != reference, mismatches.count < 3 {
                mismatches.append("round \(round): \(templates)\nsamizdat:  \(samizdat.debugDescription)\nreference: \(reference.debugDescription)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n\n"))")
    }

    @Test func theBuiltInThemeRendersTheSameBytes() throws {
        // Every built-in template with a view shaped like a real page's.
        let sources = try TemplateLibrary.load(overridesIn: nil).get()
        let names = TemplateLibrary.pageTemplates
        let post: Value = .object([
            "title": .string("A <title>"), "has_title": .bool(true), "display_title": .string("A <title>"),
            "content": .string("<p>Line one\nline two</p>\n<pre><code>x\n  y\n</code></pre>"), "url": .string("../a/"),
            "date_iso": .string("2026-11-20T10:00:00+01:00"), "date_display": .string("20 November 2026"),
            "in_list": .bool(true), "has_tags": .bool(true), "has_footer": .bool(true),
            "tags": .list([.object(["name": .string("swift"), "url": .string("../tags/swift/")])]),
            "has_photos": .bool(true),
            "photo_rows": .list([.object(["ratio_sum": .string("1.5000"), "has_max_width": .bool(false),
                                          "photos": .list([.object(["url": .string("p.jpg"), "alt": .string("A \"cat\""), "ratio": .string("1.5000"), "lazy": .bool(true)])])])]),
            "has_reply_to": .bool(true), "reply_to": .object(["url": .string("https://x.example/1"), "label": .string("x.example/1"), "is_own": .bool(false)]),
            "has_more": .bool(true),
            "taxonomies": .list([.object(["name": .string("categories"), "title": .string("Categories"),
                                          "terms": .list([.object(["name": .string("Travel & <food>"), "url": .string("../categories/travel/")])])])]),
        ])
        let data: Value = .object([
            "site": .object(["title": .string("Site & co"), "has_description": .bool(true), "description": .string("About"),
                             "author": .object(["has_name": .bool(true), "name": .string("Ada"), "has_avatar": .bool(true), "avatar": .string("a.png")]),
                             "has_links": .bool(true), "links": .list([.object(["name": .string("Code"), "url": .string("https://c.example/")])])]),
            "t": .object(["skip_to_content": .string("Skip"), "pinned": .string("Pinned"), "in_reply_to": .string("In reply to")]),
            "nav": .list([.object(["name": .string("Home"), "url": .string("./"), "current": .bool(true)])]),
            "feed_links": .list([.object(["type": .string("application/rss+xml"), "title": .string("RSS"), "url": .string("feed.xml")])]),
            "page_title": .string("Page"), "has_article": .bool(true),
            "article": .object(["published_time": .string("2026"), "tags": .list([.string("swift"), .string("<b>")])]),
            "post": post, "posts": .list([post, post]),
            "pagination": .object(["has_pages": .bool(true), "has_newer": .bool(true), "newer_url": .string("../"), "label": .string("2/3")]),
            "page": .object(["title": .string("About"), "content": .string("<p>About\nme</p>")]),
            "tags": .list([.object(["name": .string("swift"), "count_label": .string("3 posts")])]),
            "years": .list([.object(["year": .string("2026"), "months": .list([.object(["name": .string("November")])])])]),
            "months": .list([.object(["name": .string("November 2026"), "posts": .list([post])])]),
            "has_inline_style": .bool(false),
            "has_intro": .bool(true), "has_intro_title": .bool(true), "intro": .string("<p>Hello\nthere</p>"), "heading": .string("Welcome"),
            "taxonomy": .object(["name": .string("categories"), "title": .string("Categories")]),
            "terms": .list([.object(["name": .string("Travel"), "url": .string("travel/"), "count_label": .string("2 posts")])]),
            "term": .object(["name": .string("Travel"), "heading": .string("Posts in the category"), "count_label": .string("2 posts"),
                             "all_url": .string("../"), "all_label": .string("All categories")]),
        ])
        for name in names {
            var library = MustacheLibrary()
            for source in sources.templates.keys {
                let data = try #require(BuiltinTheme.files[source + ".mustache"])
                library.register(try MustacheTemplate(string: String(decoding: data, as: UTF8.self)), named: source)
            }
            let reference = library.render(data.any, withTemplate: name)
            let samizdat = try sources.render(name, context: data.value)
            #expect(samizdat == reference, "template \(name)")
            #expect(samizdat.count > 100, "template \(name) rendered something")
        }
    }
}

/// Random templates over `MustacheCompatibilityTests.data`'s keys, with `{{.}}` only where the
/// top of the stack is a string or a number (both engines would print a list or object differently).
struct TemplateGenerator {
    enum Top { case root, object, scalar, list, unknown }

    var random: SplitMix64
    /// Set while making the parent template, which must not use itself.
    var inParent = false

    static let texts = ["a", "b c", "<&>\"'", " ", "  ", "\t", "\n", "\n", "\r\n", "é", "x}y", "{ z", "}", "-"]
    static let scalarNames = ["title", "name", "empty", "count", "zero", "ratio", "yes", "no", "missing", "child.title",
                              "child.count", "items.title", "child.missing", "uppercased(title)", "reversed(name)",
                              "empty(empty)", "plusone(count)", "count(items)", "first(tags)", "index()", "even(index())"]
    static let sectionNames = ["items", "tags", "none", "child", "yes", "no", "empty", "title", "count", "zero", "ratio", "missing",
                               "child.yes", "first()", "last()", "first(items)", "reversed(tags)", "empty(none)"]

    mutating func text() -> String { random.pick(Self.texts) }

    /// Whitespace and a line break around a tag, so that it is sometimes standalone.
    mutating func placed(_ tag: String) -> String {
        switch random.below(4) {
        case 0: return "\n" + String(repeating: " ", count: random.below(4)) + tag + "\n"
        case 1: return " " + tag + " "
        default: return tag
        }
    }

    mutating func template(depth: Int, top: Top, partials: [String] = []) -> String {
        var result = ""
        for _ in 0..<(1 + random.below(6)) {
            switch random.below(depth < 3 ? 12 : 7) {
            case 0, 1: result += text()
            case 2: result += placed("{{\(random.pick(Self.scalarNames))}}")
            case 3: result += placed("{{{\(random.pick(Self.scalarNames))}}}")
            case 4: result += placed("{{! \(text()) }}")
            case 5: if top == .scalar { result += placed("{{.}}") } else { result += text() }
            case 6:
                if let partial = partials.isEmpty ? nil : random.pick(partials) { result += placed("{{> \(partial)}}") } else { result += text() }
            case 7, 8, 9:
                let name = random.pick(Self.sectionNames)
                let inverted = random.below(3) == 0
                let innerTop: Top = inverted ? (name == "none" || name == "empty(none)" ? .list : top)
                    : (["tags", "title", "count", "zero", "ratio", "empty", "first(tags)", "reversed(tags)"].contains(name) ? .scalar
                        : ["yes", "no", "child.yes", "first()", "last()", "missing", "empty(none)"].contains(name) ? top : .object)
                let body = template(depth: depth + 1, top: innerTop, partials: partials)
                result += placed("{{\(inverted ? "^" : "#")\(name)}}") + body + placed("{{/\(name)}}")
            case 10 where !inParent:
                // An override that used the parent again would include itself without end.
                inParent = true
                let body = template(depth: depth + 1, top: top, partials: partials)
                inParent = false
                result += placed("{{<base}}") + placed("{{$main}}") + body + placed("{{/main}}") + placed("{{/base}}")
            default:
                result += placed("{{$head}}") + template(depth: depth + 1, top: top, partials: partials) + placed("{{/head}}")
            }
        }
        // A lone `{` at the very end is text to Samizdat and an error to swift-mustache.
        if result.hasSuffix("{") { result += "." }
        return result
    }

    mutating func parentBody() -> String {
        inParent = true
        defer { inParent = false }
        return text() + placed("{{$head}}h{{/head}}") + text() + placed("{{$main}}") + template(depth: 2, top: .unknown) + placed("{{/main}}") + text()
    }
}
