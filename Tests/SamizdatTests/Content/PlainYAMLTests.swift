import Foundation
import Testing
@testable import Samizdat

/// `PlainYAML` reads the front matter most files have without Yams: what it reads must be what
/// Yams reads, keys' lines and columns included, and whatever it does not read is left to Yams.
@Suite("Front matter read without Yams")
struct PlainYAMLTests {
    /// What Yams makes of `yaml` (nil for an error), printed, so that NaN equals NaN.
    static func yams(_ yaml: String) -> String {
        String(describing: try? DataTable.parseYAML(yaml, plainFirst: false))
    }

    static func plain(_ yaml: String) -> String? {
        PlainYAML.parse(yaml).map { String(describing: Optional($0)) }
    }

    /// Shapes real front matter has: each is read here, and as Yams reads it.
    static let accepted = [
        "",
        "\n\n",
        "# only a comment\n",
        "title: Hello world\n",
        "title: Hello world",
        "title:    spaced out   \n",
        "date: 2024-03-05T09:30:00+01:00\ntags: [swift, linux]\n",
        "date: 2024-03-05\nupdated: 2024-03-06 10:00\n",
        "title: \"Quoted: with a colon\"\nsummary: 'It''s quoted'\n",
        "title: \"\"\nsummary: ''\n",
        "title: Été à Paris — 日本 👍🏽\nlang: fr\n",
        "tags:\n  - swift\n  - linux\n",
        "tags:\n- swift\n- linux\ntitle: After\n",
        "tags:\n    - a\n\n    - b\n    # comment\n    - c\ndraft: true\n",
        "tags: []\ncategories: [ ]\n",
        "tags: [ \"a, b\", 'c', d e ]\n",
        "draft: true\npinned: False\ncount: 42\nratio: 1.5\nnegative: -3\nhex: 0x1F\n",
        "empty:\nnull_value: null\ntilde: ~\n",
        "title: c# and f#\nurl: https://example.com/a#b\n",
        "title: a # a comment\nother: b   # another\n",
        "title: x\n# a comment between\n\nslug: y\n",
        "reply_to: https://social.example/@bob/123\n",
        "title: brackets [inside] {braces}, and commas\n",
        "title: 'single \"double\" inside'\nother: \"double 'single' inside\"\n",
        "list:\n  -\n  - x\n",
        "key-with-dash: 1\nkey_with_underscore2: 2\n",
        "time: 1:30\nversion: 1.2.3\nzip: 01234\n",
        "title: yes\nother: on\n",
        "tags: [1, 2.5, true, null]\n",
        "title: .inf\nnan: .nan\n",
        "photos:\n  - a.jpg   # the first\n  - 'b.jpg'\n",
        "title: end:x\n",
    ]

    @Test(arguments: accepted)
    func readsWhatYamsReads(_ yaml: String) {
        let plain = Self.plain(yaml)
        #expect(plain != nil, "not read without Yams: \(yaml)")
        #expect(plain == Self.yams(yaml), "\(yaml)")
    }

    /// What is left to Yams: nested values, block scalars, anchors, tags, escapes, values on
    /// several lines, tabs and other characters, duplicate keys, errors.
    static let refused = [
        "author:\n  name: Lea\n",
        "summary: |\n  text\n",
        "summary: >\n  text\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "title: \"a \\\" b\"\n",
        "title: a\n  continued\n",
        "title: \"a\n  b\"\n",
        "tags: [a,\n  b]\n",
        "title:\ta\n",
        "title: a\r\n",
        "\u{FEFF}title: a\n",
        "title: a\u{85}b\n",
        "title: a\u{2028}b\n",
        "title: a\ntitle: b\n",
        "title: a: b\n",
        "title: note:\n",
        "tags: [a, ]\n",
        "title: [brackets] then text\n",
        "title: -.inf\n",
        "tags: [a] b\n",
        "tags: [a: b]\n",
        "tags: {a: 1}\n",
        "- a\n- b\n",
        "just text\n",
        "title : spaced key\n",
        " title: indented\n",
        "---\ntitle: a\n",
        "%YAML 1.2\n---\na: 1\n",
        "title: @at\n",
        "title: `tick`\n",
        "title: -dash\n",
        "tags:\n  - a\n - b\n",
        "tags:\n  - a\n  b\n",
        "tags:\n  - - nested\n",
        "tags:\n  - key: value\n",
        "? complex\n: key\n",
        "title: \"a\" trailing\n",
        "title: 'unclosed\n",
        "title: a\n\n  # indented comment\n  more\n",
        "1984: a year as a key\n",
        "été: non-ASCII key\n",
    ]

    @Test(arguments: refused)
    func leavesTheRestToYams(_ yaml: String) {
        #expect(PlainYAML.parse(yaml) == nil, "\(yaml)")
    }

    /// libyaml's limits are Yams': a key of 1,024 characters, and more values than a document may
    /// hold (counting the document's own mapping).
    @Test func limitsAreYams() {
        for length in [999, 1000, 1023, 1024, 1025] {
            let yaml = String(repeating: "k", count: length) + ": x\n"
            let plain = Self.plain(yaml)
            #expect(plain == nil || plain == Self.yams(yaml), "key of \(length)")
        }
        #expect(Self.plain(String(repeating: "k", count: 1025) + ": x\n") == nil)
        for count in [9_998, 9_999, 10_000, 10_001] {
            let keys = (1...count).map { "k\($0): x\n" }.joined()
            let list = "tags: [" + (1..<count).map { "t\($0)" }.joined(separator: ", ") + "]\n"
            for yaml in [keys, list] {
                let plain = Self.plain(yaml)
                #expect(plain == nil || plain == Self.yams(yaml), "\(count) values")
                #expect((plain == nil) == (Self.yams(yaml) == "nil"), "\(count) values: read here only if Yams reads it")
            }
        }
    }

    /// Random documents of pieces that sit at the edges of the subset: whatever is read here is
    /// what Yams reads (and Yams reads it without an error).
    @Test func randomDocumentsAreReadAsYamsReadsThem() {
        let keys = ["title", "tags", "a", "b-c", "d_1", "title"]
        let values = ["x", "Hello world", "1", "-2", "0x1F", "1.5", ".inf", "true", "no", "null", "~", "", " ", "  ", "#", " # c", "a #b",
                      "a#b", ":", "a:", "a: b", "a:b", "http://x/y", "\"q\"", "\"q\" ", "\"q\"#", "'s''t'", "'", "\"", "[", "]", "[a]", "[a, b]",
                      "[ a , 'b' ]", "[a,b]", "[,]", "[a,]", "[\"x, y\"]", "[a] #c", "{", "}", "{a: 1}", "&a", "*a", "!t", "|", ">", "%", "@",
                      "`", "?", "-", "- a", "-1", ",", "é", "日本", "\t", "\\", "a\\b", "'a\\b'", "\"a\\b\"", "2024-03-05T09:30:00+01:00", "1:30"]
        let continuations = ["", "", "", "\n", "\n  - x", "\n- y", "\n  - 'z'", "\n  -", "\n  more", "\n# c", "\n  # c", "\n   - w", "\n\n  - v"]
        var generator = SplitMix64(seed: 21)
        var read = 0
        for _ in 0..<6000 {
            var yaml = ""
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let key = keys.randomElement(using: &generator)!
                let value = (0..<Int.random(in: 0...2, using: &generator)).map { _ in values.randomElement(using: &generator)! }.joined()
                yaml += "\(key):\(Bool.random(using: &generator) ? " " : "")\(value)\(continuations.randomElement(using: &generator)!)\n"
            }
            guard let plain = Self.plain(yaml) else { continue }
            read += 1
            #expect(plain == Self.yams(yaml), "\(yaml.debugDescription)")
        }
        // The pieces are not all refused: the comparison covers real documents.
        #expect(read > 500)
    }

    /// The front matter of every content file of the test fixtures reads the same both ways.
    @Test func fixturesReadAsYamsReadsThem() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
        let files = FileManager.default.enumerator(at: fixtures, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "md" }
        var compared = 0
        for file in files {
            guard case .success(let source) = SourceText.split(try Data(contentsOf: file), file: file), source.format == .yaml else { continue }
            compared += 1
            if let plain = Self.plain(source.frontMatter) {
                #expect(plain == Self.yams(source.frontMatter), "\(file.path)")
            }
        }
        #expect(compared > 20)
    }
}
