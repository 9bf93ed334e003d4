import Foundation
import Testing
@testable import Samizdat

@Suite("ControlCharacters")
struct ControlCharactersTests {
    static let file = URL(fileURLWithPath: "/site/Content/posts/hello.md")
    static let siteFile = URL(fileURLWithPath: "/site/site.yml")

    @Test(arguments: [0x00, 0x01, 0x08, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x90, 0x9F,
                      0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF] as [UInt32])
    func removes(_ value: UInt32) {
        #expect(ControlCharacters.isRemoved(Unicode.Scalar(value)!))
    }

    @Test(arguments: [0x09, 0x0A, 0x0D, 0x20, 0x7E, 0xA0, 0xAD, 0xFDCF, 0xFDF0, 0xFEFF, 0xFFFD, 0x1F600, 0x2028] as [UInt32])
    func keeps(_ value: UInt32) {
        #expect(!ControlCharacters.isRemoved(Unicode.Scalar(value)!))
    }

    /// The byte scan (`containsEncoded`) finds exactly the scalars `isRemoved` names: every
    /// scalar, alone, between letters, and at the end of a text.
    @Test func theByteScanAgreesWithTheScalarsForEveryScalar() {
        var disagreements: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let removed = ControlCharacters.isRemoved(scalar)
            let alone = String(Character(scalar)), inside = "é\(alone)a", atEnd = "«\(alone)"
            for text in [alone, inside, atEnd] where ControlCharacters.contains(text) != removed {
                disagreements.append(value)
            }
        }
        #expect(disagreements.isEmpty, "first: \(disagreements.prefix(5).map { String($0, radix: 16) })")
        // A substring's view of its bytes is read the same way.
        #expect(ControlCharacters.contains("ab\u{85}cd".dropFirst()))
        #expect(!ControlCharacters.contains("« Été » \u{FDCF}\u{FFFD}".dropFirst()))
        // Bytes cut short after a lead byte (no `String` holds them, but the scan must not read past them).
        for cut in [[0xC2], [0xEF], [0xEF, 0xB7], [0xEF, 0xBF], [0xF0], [0xF0, 0x9F], [0xF0, 0x9F, 0xBF], [0x41, 0xF4, 0x8F, 0xBF]] as [[UInt8]] {
            #expect(!cut.withUnsafeBufferPointer(ControlCharacters.containsEncoded), "\(cut)")
        }
        #expect([0x41, 0xF4, 0x8F, 0xBF, 0xBF].withUnsafeBufferPointer(ControlCharacters.containsEncoded))
    }

    @Test func warnsAtTheLineAndColumnOfEachOne() {
        let (text, warnings) = ControlCharacters.removing(from: "one\ntwo\u{85}x\n\u{7F}é\u{FFFE}\n", file: Self.file)
        #expect(text == "one\ntwox\né\n")
        #expect(warnings.map { $0.formatted() } == [
            "/site/Content/posts/hello.md:2:4: warning: Removed control character U+0085: pages and feeds cannot carry it. Delete it from the file to silence this warning",
            "/site/Content/posts/hello.md:3:1: warning: Removed control character U+007F: pages and feeds cannot carry it. Delete it from the file to silence this warning",
            "/site/Content/posts/hello.md:3:3: warning: Removed noncharacter U+FFFE: pages and feeds cannot carry it. Delete it from the file to silence this warning",
        ])
    }

    @Test func manyInOneFileAreCountedAfterTheFirstTen() {
        let (text, warnings) = ControlCharacters.removing(from: String(repeating: "a\u{0}", count: 25), file: Self.file)
        #expect(text == String(repeating: "a", count: 25))
        #expect(warnings.count == 11)
        #expect(warnings.last?.message == "Removed 15 more control characters or noncharacters from this file")
    }

    @Test func textWithoutAnyIsUnchanged() {
        let (text, warnings) = ControlCharacters.removing(from: "tab\there\r\nÉté 🚲", file: Self.file)
        #expect(text == "tab\there\r\nÉté 🚲")
        #expect(warnings.isEmpty)
    }

    // MARK: Content files

    private func parse(_ text: String) -> (ContentParser.Parsed?, [Diagnostic]) {
        var config = SiteConfig()
        config.timeZone = TimeZone(identifier: "UTC")!
        return ContentParser(config: config).parse(Data(text.utf8), file: Self.file, sourcePath: "posts/hello.md", kind: .post)
    }

    @Test func contentFileRawCharactersAreRemovedFromFrontMatterAndBody() throws {
        let (parsed, diagnostics) = parse("---\ntitle: Caf\u{85}é\ndate: 2026-11-20\n---\nLine one\nwith \u{90}a C1 and \u{1B}[31man escape\n")
        let post = try #require(parsed?.post)
        #expect(post.title == "Café")
        #expect(post.content.html == "<p>Line one\nwith a C1 and [31man escape</p>\n")
        #expect(diagnostics.map { $0.formatted() } == [
            "/site/Content/posts/hello.md:2:11: warning: Removed control character U+0085: pages and feeds cannot carry it. Delete it from the file to silence this warning",
            "/site/Content/posts/hello.md:6:6: warning: Removed control character U+0090: pages and feeds cannot carry it. Delete it from the file to silence this warning",
            "/site/Content/posts/hello.md:6:16: warning: Removed control character U+001B: pages and feeds cannot carry it. Delete it from the file to silence this warning",
        ])
    }

    @Test func yamlEscapesAreRemovedWithAWarningAtTheKey() throws {
        let (parsed, diagnostics) = parse("---\ndate: 2026-11-20\ntitle: \"A\\x85B\\u0000C\"\nmood: {inner: \"x\\u009Fy\"}\n---\nBody\n")
        let post = try #require(parsed?.post)
        #expect(post.title == "ABC")
        #expect(post.frontMatter.params["mood"] == .table(DataTable(entries: [.init(key: "inner", value: .string("xy"), line: 3, column: 8)])))
        #expect(diagnostics.map { $0.formatted() } == [
            "/site/Content/posts/hello.md:3:1: warning: Removed control character U+0085 and 1 more from 'title': pages and feeds cannot carry it. Remove the escape that produces it",
            "/site/Content/posts/hello.md:4:8: warning: Removed control character U+009F from 'mood.inner': pages and feeds cannot carry it. Remove the escape that produces it",
        ])
    }

    @Test func tomlEscapesAreRemovedWithAWarningAtTheKey() throws {
        let (parsed, diagnostics) = parse("+++\ndate = 2026-11-20\ntags = [\"a\\u007Fb\"]\n+++\nBody\n")
        let post = try #require(parsed?.post)
        #expect(post.tags == ["ab"])
        #expect(diagnostics.map { $0.formatted() } == [
            "/site/Content/posts/hello.md:3:1: warning: Removed control character U+007F from 'tags': pages and feeds cannot carry it. Remove the escape that produces it",
        ])
    }

    @Test func characterReferencesInMarkdownAreRemovedFromTheHTML() throws {
        let (parsed, diagnostics) = parse("---\ndate: 2026-11-20\n---\n# Head&#133;ing\n\nA&#x9F;B\n")
        let post = try #require(parsed?.post)
        #expect(!post.content.html.unicodeScalars.contains(where: ControlCharacters.isRemoved))
        #expect(post.content.html.contains("<p>AB</p>"))
        #expect(!post.listHTML.unicodeScalars.contains(where: ControlCharacters.isRemoved))
        #expect(post.content.headings.map(\.text) == ["Heading"])
        #expect(diagnostics.map { $0.formatted() } == [
            "/site/Content/posts/hello.md: warning: Removed control character U+0085 that a character reference such as '&#133;' produces: pages and feeds cannot carry it. Remove the reference",
        ])
    }

    // MARK: site.yml

    @Test func siteValuesLoseThemWithAWarningNamingSiteYml() {
        let (config, diagnostics) = SiteConfig.parse(
            yaml: "title: My\u{7F} notes\ndescription: \"Short\\x85 notes\"\nauthor:\n  name: \"Ada\\u0090\"\n", file: Self.siteFile)
        #expect(config.title == "My notes")
        #expect(config.description == "Short notes")
        #expect(config.author.name == "Ada")
        #expect(diagnostics.map { $0.formatted() } == [
            "/site/site.yml:1:10: warning: Removed control character U+007F: pages and feeds cannot carry it. Delete it from the file to silence this warning",
            "/site/site.yml:2:1: warning: Removed control character U+0085 from 'description': pages and feeds cannot carry it. Remove the escape that produces it",
            "/site/site.yml:4:3: warning: Removed control character U+0090 from 'author.name': pages and feeds cannot carry it. Remove the escape that produces it",
        ])
    }
}
