import Foundation
import Testing
@testable import Samizdat

/// A typed view renders exactly as the dictionary with the same members did: names missing from it
/// are looked up in the enclosing contexts, `has_…` flags keep a note from taking its page's title,
/// and transforms see its members.
@Suite("Typed views")
struct TypedViewTests {
    /// A note: no title of its own, no `updated_iso`.
    struct Note: TemplateObject {
        var url: String
        var tags: [String]

        func value(for key: TemplateKey) -> TemplateValue? {
            switch key {
            case .hasTitle: return false
            case .title: return ""
            case .url: return .string(url)
            case .tags: return TemplateValue(tags)
            case .hasTags: return .bool(!tags.isEmpty)
            default: return nil
            }
        }
    }

    static let note = Note(url: "a/b.html", tags: ["x", "y & z"])
    static let noteDictionary: TemplateValue = ["has_title": false, "title": "", "url": "a/b.html", "tags": ["x", "y & z"], "has_tags": true]

    static func render(_ text: String, _ value: TemplateValue) throws -> String {
        let template = try Template(string: text)
        return String(decoding: try TemplateRenderer.render(template, value: value, templates: [:]), as: UTF8.self)
    }

    @Test(arguments: [
        "{{#post}}{{title}}|{{#has_title}}T{{/has_title}}{{^has_title}}note{{/has_title}}|{{url}}{{/post}}",
        "{{#post}}{{updated_iso}}/{{page_title}}/{{nothing}}{{/post}}",
        "{{#post}}{{#tags}}<{{.}}>{{/tags}}{{count(tags)}}{{/post}}",
        "{{post.url}} {{post.title}} {{post.page_title}} {{.post.url}}",
        "{{count(post)}} {{#enumerated(post)}}{{key}};{{/enumerated(post)}}",
        "{{#post}}{{#has_tags}}{{#first(tags)}}{{.}}{{/first(tags)}}{{/has_tags}}{{/post}}",
        "{{^post}}none{{/post}}{{#post}}some{{/post}}",
    ])
    func rendersAsItsDictionary(_ text: String) throws {
        let page: [String: TemplateValue] = ["page_title": "Page", "updated_iso": "2026-01-01", "title": "Page title"]
        var typed = page, dictionary = page
        typed["post"] = TemplateValue(Self.note)
        dictionary["post"] = Self.noteDictionary
        #expect(try Self.render(text, .object(typed)) == Self.render(text, .object(dictionary)))
    }

    @Test func aViewsMembersAreItsKeys() {
        #expect(Self.note.members == ["has_title": false, "title": "", "url": "a/b.html", "tags": ["x", "y & z"], "has_tags": true])
        #expect(Self.note.value(forKey: "url") == "a/b.html")
        #expect(Self.note.value(forKey: "no_such_key") == nil)
        #expect(TemplateValue(Self.note) == TemplateValue(Self.note))
        #expect(TemplateValue(Self.note) != TemplateValue(Note(url: "c.html", tags: [])))
    }

    @Test func everyKeyIsSpelledAsTemplatesWriteIt() {
        for key in TemplateKey.allCases {
            #expect(key.rawValue.allSatisfy { $0.isLowercase || $0 == "_" || $0.isNumber }, "\(key)")
        }
        #expect(Set(TemplateKey.allCases.map(\.rawValue)).count == TemplateKey.allCases.count)
    }
}
