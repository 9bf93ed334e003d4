import Testing

@testable import Samizdat

/// An input that must fail, with the exact diagnostic it must produce.
struct TOMLErrorCase: Sendable, CustomTestStringConvertible {
    var toml: String
    var message: String
    var line: Int
    var column: Int

    init(_ toml: String, _ message: String, line: Int, column: Int) {
        self.toml = toml
        self.message = message
        self.line = line
        self.column = column
    }

    var testDescription: String { toml.debugDescription }
}

/// Asserts that `errorCase.toml` fails with exactly the expected message and position.
private func expectFailure(_ errorCase: TOMLErrorCase, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let expected = TOMLError(message: errorCase.message, line: errorCase.line, column: errorCase.column)
    #expect(throws: expected, sourceLocation: sourceLocation) {
        try TOMLParser.parse(errorCase.toml)
    }
}

/// Parses `toml` and returns the value under `key`, failing the test if parsing throws.
private func value(_ key: String, in toml: String) throws -> TOMLValue? {
    try TOMLParser.parse(toml)[key]
}

@Suite("TOMLParser")
struct TOMLParserTests {
    // MARK: Documents

    @Test func parsesHugoFrontMatter() throws {
        let table = try TOMLParser.parse(
            """
            title = "Hello, Samizdat"
            date = 2026-11-20T14:05:00+01:00
            draft = true
            tags = ["swift", "web"]

            [params]
            author = "Ada Lovelace"
            reading_time = 7
            """)

        let expected: TOMLTable = [
            "title": .string("Hello, Samizdat"),
            "date": .datetime("2026-11-20T14:05:00+01:00"),
            "draft": .boolean(true),
            "tags": .array([.string("swift"), .string("web")]),
            "params": .table(["author": .string("Ada Lovelace"), "reading_time": .integer(7)]),
        ]
        #expect(table == expected)
        #expect(table.entries.map(\.key) == ["title", "date", "draft", "tags", "params"])
    }

    @Test func recordsKeyPositions() throws {
        let table = try TOMLParser.parse(
            """
            title = "Hello"
              draft = true
            [params]
            author = "Ada"
            """)

        #expect(table.keyPositions["title"] == TOMLPosition(line: 1, column: 1))
        #expect(table.keyPositions["draft"] == TOMLPosition(line: 2, column: 3))
        #expect(table.keyPositions["params"] == TOMLPosition(line: 3, column: 2))
        guard case .table(let params) = table["params"] else {
            Issue.record("params is not a table")
            return
        }
        #expect(params.keyPositions["author"] == TOMLPosition(line: 4, column: 1))
    }

    @Test(arguments: ["", "\n\n", "# Only a comment", "  \t\n# indented\n\t# comment\n", "\r\n"])
    func parsesDocumentsWithoutKeys(toml: String) throws {
        #expect(try TOMLParser.parse(toml) == [:])
    }

    @Test func ignoresCommentsAfterValuesAndHeaders() throws {
        let table = try TOMLParser.parse(
            """
            # Front matter
            title = "A # is not a comment here" # but this is
            [params] # a table
            """)
        #expect(table["title"] == .string("A # is not a comment here"))
        #expect(table["params"] == .table([:]))
    }

    @Test func acceptsCRLFLineEndings() throws {
        let table = try TOMLParser.parse("title = \"Hello\"\r\n[params]\r\ncount = 2\r\n")
        #expect(table == ["title": .string("Hello"), "params": .table(["count": .integer(2)])])
    }

    @Test func ignoresLeadingByteOrderMark() throws {
        #expect(try TOMLParser.parse("\u{FEFF}title = \"Hello\"") == ["title": .string("Hello")])
    }

    // MARK: Keys

    @Test(arguments: [
        ("title = 1", "title"),
        ("bare-key_2 = 1", "bare-key_2"),
        ("1234 = 1", "1234"),
        ("\"quoted key\" = 1", "quoted key"),
        ("\"ʎǝʞ\" = 1", "ʎǝʞ"),
        ("'literal \\ key' = 1", "literal \\ key"),
        ("\"\" = 1", ""),
        ("\"a.b\" = 1", "a.b"),
    ])
    func parsesSingleKeys(toml: String, key: String) throws {
        #expect(try TOMLParser.parse(toml).entries.map(\.key) == [key])
    }

    @Test func dottedKeysCreateNestedTables() throws {
        let table = try TOMLParser.parse(
            """
            site.name = "Samizdat"
            site . "base url" = "https://example.org"
            site.'social'.mastodon = "@ada"
            """)
        let expected: TOMLTable = [
            "site": .table([
                "name": .string("Samizdat"),
                "base url": .string("https://example.org"),
                "social": .table(["mastodon": .string("@ada")]),
            ])
        ]
        #expect(table == expected)
    }

    // MARK: Tables

    @Test func tableHeadersCreateImplicitParents() throws {
        let table = try TOMLParser.parse(
            """
            [params.author]
            name = "Ada"
            [ params . 'seo' ]
            noindex = false
            [params]
            summary = "Later definition of an implicit table"
            """)
        let expected: TOMLTable = [
            "params": .table([
                "author": .table(["name": .string("Ada")]),
                "seo": .table(["noindex": .boolean(false)]),
                "summary": .string("Later definition of an implicit table"),
            ])
        ]
        #expect(table == expected)
    }

    @Test func headersMayAddSubTablesToDottedTables() throws {
        let table = try TOMLParser.parse(
            """
            [fruit]
            apple.color = "red"
            [fruit.apple.texture]
            smooth = true
            """)
        let apple: TOMLTable = ["color": .string("red"), "texture": .table(["smooth": .boolean(true)])]
        #expect(table == ["fruit": .table(["apple": .table(apple)])])
    }

    @Test func arraysOfTablesCollectElementsWithSubTables() throws {
        let table = try TOMLParser.parse(
            """
            [[menu.main]]
            name = "Home"
            [menu.main.params]
            icon = "house"

            [[menu.main]]
            name = "Blog"
            [[menu.main.children]]
            name = "Archive"
            """)
        let expected: TOMLTable = [
            "menu": .table([
                "main": .array([
                    .table(["name": .string("Home"), "params": .table(["icon": .string("house")])]),
                    .table(["name": .string("Blog"), "children": .array([.table(["name": .string("Archive")])])]),
                ])
            ])
        ]
        #expect(table == expected)
    }

    // MARK: Strings

    @Test(arguments: [
        (#"s = "plain""#, "plain"),
        (#"s = "tab\there""#, "tab\there"),
        (#"s = "\b\f\n\r""#, "\u{08}\u{0C}\n\r"),
        (#"s = "say \"hi\" \\ bye""#, #"say "hi" \ bye"#),
        (#"s = "\u00E9\U0001F600""#, "é😀"),
        ("s = \"raw\ttab\"", "raw\ttab"),
        (#"s = """#, ""),
    ])
    func parsesBasicStrings(toml: String, expected: String) throws {
        #expect(try value("s", in: toml) == .string(expected))
    }

    @Test(arguments: [
        (#"s = 'C:\Users\ada'"#, #"C:\Users\ada"#),
        (#"s = '<\i\c*\s*>'"#, #"<\i\c*\s*>"#),
        (#"s = 'say "hi"'"#, #"say "hi""#),
        ("s = ''", ""),
    ])
    func parsesLiteralStrings(toml: String, expected: String) throws {
        #expect(try value("s", in: toml) == .string(expected))
    }

    @Test(arguments: [
        ("s = \"\"\"\nRoses\nViolets\"\"\"", "Roses\nViolets"),
        ("s = \"\"\"one \\\n    two \\\n\n    three\"\"\"", "one two three"),
        ("s = \"\"\"trailing \\   \n  spaces\"\"\"", "trailing spaces"),
        ("s = \"\"\"Here are two quotes: \"\". Simple.\"\"\"", "Here are two quotes: \"\". Simple."),
        ("s = \"\"\"\"quoted\"\"\"\"\"", "\"quoted\"\""),
        ("s = \"\"\"tab\\tand \\u00E9\"\"\"", "tab\tand é"),
        ("s = \"\"\"\r\nwindows\r\nlines\"\"\"", "windows\nlines"),
    ])
    func parsesMultiLineBasicStrings(toml: String, expected: String) throws {
        #expect(try value("s", in: toml) == .string(expected))
    }

    @Test(arguments: [
        ("s = '''\nThe first newline is\ntrimmed.'''", "The first newline is\ntrimmed."),
        ("s = '''No \\escapes \\n here'''", "No \\escapes \\n here"),
        ("s = ''''That,' she said, 'is all.''''", "'That,' she said, 'is all.'"),
    ])
    func parsesMultiLineLiteralStrings(toml: String, expected: String) throws {
        #expect(try value("s", in: toml) == .string(expected))
    }

    // MARK: Numbers, booleans and date-times

    @Test(arguments: [
        ("42", 42),
        ("+17", 17),
        ("-17", -17),
        ("0", 0),
        ("-0", 0),
        ("1_000_000", 1_000_000),
        ("0xDEAD_beef", 0xDEAD_BEEF),
        ("0x00ff", 255),
        ("0o755", 0o755),
        ("0b1101_0110", 0b1101_0110),
        ("9223372036854775807", Int64.max),
        ("-9223372036854775808", Int64.min),
        ("0x7FFFFFFFFFFFFFFF", Int64.max),
    ] as [(String, Int64)])
    func parsesIntegers(literal: String, expected: Int64) throws {
        #expect(try value("n", in: "n = \(literal)") == .integer(expected))
    }

    @Test(arguments: [
        ("3.1415", 3.1415),
        ("-0.01", -0.01),
        ("+1.0", 1.0),
        ("5e+22", 5e22),
        ("1e06", 1e6),
        ("-2E-2", -2e-2),
        ("6.626e-34", 6.626e-34),
        ("224_617.445_991", 224_617.445_991),
        ("0.0", 0.0),
        ("inf", Double.infinity),
        ("+inf", Double.infinity),
        ("-inf", -Double.infinity),
    ])
    func parsesFloats(literal: String, expected: Double) throws {
        #expect(try value("n", in: "n = \(literal)") == .float(expected))
    }

    @Test(arguments: ["nan", "+nan", "-nan"])
    func parsesNaN(literal: String) throws {
        guard case .float(let number) = try value("n", in: "n = \(literal)") else {
            Issue.record("\(literal) did not parse as a float")
            return
        }
        #expect(number.isNaN)
    }

    @Test func parsesBooleans() throws {
        let table = try TOMLParser.parse("yes = true\nno = false")
        #expect(table == ["yes": .boolean(true), "no": .boolean(false)])
    }

    @Test(arguments: [
        ("2026-11-20T14:05:00+01:00", "2026-11-20T14:05:00+01:00"),
        ("2026-11-20T13:05:00Z", "2026-11-20T13:05:00Z"),
        ("2026-11-20t13:05:00z", "2026-11-20T13:05:00Z"),
        ("2026-11-20 14:05:00-05:30", "2026-11-20T14:05:00-05:30"),
        ("2026-11-20T14:05:00.999999+01:00", "2026-11-20T14:05:00.999999+01:00"),
        ("2026-11-20T14:05:00", "2026-11-20T14:05:00"),
        ("2026-11-20 14:05:00.5", "2026-11-20T14:05:00.5"),
        ("2026-11-20", "2026-11-20"),
        ("2024-02-29", "2024-02-29"),
        ("2000-02-29", "2000-02-29"),
        ("14:05:00", "14:05:00"),
        ("00:00:00.000", "00:00:00.000"),
    ])
    func parsesDateTimes(literal: String, expected: String) throws {
        #expect(try value("d", in: "d = \(literal) # comment") == .datetime(expected))
    }

    // MARK: Arrays and inline tables

    @Test func parsesMixedAndNestedArrays() throws {
        let toml = #"mixed = [1, 2.5, "three", true, 2026-11-20, [4, [5]], {six = 6}, []]"#
        let expected: TOMLValue = .array([
            .integer(1), .float(2.5), .string("three"), .boolean(true), .datetime("2026-11-20"),
            .array([.integer(4), .array([.integer(5)])]), .table(["six": .integer(6)]), .array([]),
        ])
        #expect(try value("mixed", in: toml) == expected)
    }

    @Test func parsesMultiLineArraysWithCommentsAndTrailingComma() throws {
        let toml = """
            tags = [ # the post's tags
              "swift",   # language
              "web",
              # "draft",
            ]
            next = 1
            """
        let table = try TOMLParser.parse(toml)
        #expect(table == ["tags": .array([.string("swift"), .string("web")]), "next": .integer(1)])
    }

    @Test func parsesInlineTables() throws {
        let toml = #"author = { name = "Ada", social.mastodon = "@ada", "x y" = {}, tags = ["a", "b"] }"#
        let expected: TOMLValue = .table([
            "name": .string("Ada"),
            "social": .table(["mastodon": .string("@ada")]),
            "x y": .table([:]),
            "tags": .array([.string("a"), .string("b")]),
        ])
        #expect(try value("author", in: toml) == expected)
    }

    @Test func inlineTablesRecordTheirOwnKeyPositions() throws {
        guard case .table(let author) = try value("author", in: "author = { name = \"Ada\",  born = 1815 }") else {
            Issue.record("author is not a table")
            return
        }
        #expect(author.keyPositions == ["name": TOMLPosition(line: 1, column: 12), "born": TOMLPosition(line: 1, column: 27)])
    }

    @Test func arraysOfInlineTablesAreValues() throws {
        let toml = """
            points = [ { x = 1, y = 2 },
                       { x = 7, y = 8 } ]
            """
        let expected: TOMLValue = .array([
            .table(["x": .integer(1), "y": .integer(2)]),
            .table(["x": .integer(7), "y": .integer(8)]),
        ])
        #expect(try value("points", in: toml) == expected)
    }

    // MARK: Errors

    @Test func errorDescriptionStartsWithPosition() {
        let error = TOMLError(message: "Expected '=' after key 'title'", line: 2, column: 7)
        #expect(error.description == "2:7: Expected '=' after key 'title'")
    }

    @Test func columnsCountCharactersNotBytesOrScalars() {
        // The flag is one character made of two scalars and eight UTF-8 bytes.
        expectFailure(TOMLErrorCase(#"flag = "🇫🇷" x"#, "Expected a newline after value, found 'x'", line: 1, column: 12))
        expectFailure(TOMLErrorCase("title = \"é\"\nnom = \"café\" !", "Expected a newline after value, found '!'", line: 2, column: 14))
    }

    @Test(arguments: [
        TOMLErrorCase(#"title "Hello""#, "Expected '=' after key 'title'", line: 1, column: 7),
        TOMLErrorCase("my key = 1", "Expected '=' after key 'my'", line: 1, column: 4),
        TOMLErrorCase(#""a b".c d = 1"#, #"Expected '=' after key '"a b".c'"#, line: 1, column: 9),
        TOMLErrorCase("title", "Expected '=' after key 'title'", line: 1, column: 6),
        TOMLErrorCase("= 1", "Expected a key, found '='", line: 1, column: 1),
        TOMLErrorCase("a. = 1", "Expected a key, found '='", line: 1, column: 4),
        TOMLErrorCase("\"\"\"key\"\"\" = 1", "Multi-line strings cannot be used as keys", line: 1, column: 1),
    ])
    func reportsMalformedKeys(errorCase: TOMLErrorCase) {
        expectFailure(errorCase)
    }

    @Test(arguments: [
        TOMLErrorCase("[params", "Expected ']' after table name 'params'", line: 1, column: 8),
        TOMLErrorCase("[[posts]", "Expected ']]' after array of tables name 'posts'", line: 1, column: 9),
        TOMLErrorCase("[]", "Expected a key, found ']'", line: 1, column: 2),
        TOMLErrorCase("[ [posts]]", "Expected a key, found '['", line: 1, column: 3),
        TOMLErrorCase("[params] x = 1", "Expected a newline after table header, found 'x'", line: 1, column: 10),
    ])
    func reportsMalformedHeaders(errorCase: TOMLErrorCase) {
        expectFailure(errorCase)
    }

    @Test(arguments: [
        TOMLErrorCase("title = 1\ntitle = 2", "Duplicate key 'title' (first defined on line 1)", line: 2, column: 1),
        TOMLErrorCase("name = 'x'\n\"name\" = 'y'", "Duplicate key 'name' (first defined on line 1)", line: 2, column: 1),
        TOMLErrorCase("a.b = 1\n\na.b = 2", "Duplicate key 'a.b' (first defined on line 1)", line: 3, column: 3),
        TOMLErrorCase("t = {a = 1, a = 2}", "Duplicate key 'a' (first defined on line 1)", line: 1, column: 13),
        TOMLErrorCase(
            "a = 1\na.b = 2", "Cannot add key 'a.b' because 'a' is already an integer (defined on line 1)",
            line: 2, column: 1),
        TOMLErrorCase(
            "a = {x = 1}\na.y = 2", "Cannot add key 'a.y' because 'a' is already an inline table (defined on line 1)",
            line: 2, column: 1),
    ])
    func reportsDuplicateKeys(errorCase: TOMLErrorCase) {
        expectFailure(errorCase)
    }

    @Test(arguments: [
        TOMLErrorCase("[a]\n[a]", "Redefinition of table 'a' (first defined on line 1)", line: 2, column: 2),
        TOMLErrorCase("[a.b]\n[a]\n[a]", "Redefinition of table 'a' (first defined on line 2)", line: 3, column: 2),
        TOMLErrorCase(
            "[fruit]\napple.color = 'red'\n[fruit.apple]", "Redefinition of table 'fruit.apple' (first defined on line 2)",
            line: 3, column: 8),
        TOMLErrorCase(
            "a = 1\n[a]", "Cannot define table 'a' because it is already an integer (defined on line 1)",
            line: 2, column: 2),
        TOMLErrorCase(
            "a = 1\n[a.b]", "Cannot define table 'a.b' because 'a' is already an integer (defined on line 1)",
            line: 2, column: 2),
        TOMLErrorCase(
            "a = {x = 1}\n[a]", "Cannot define table 'a' because it is already an inline table (defined on line 1)",
            line: 2, column: 2),
        TOMLErrorCase(
            "[a]\n[[a]]", "Cannot define array of tables 'a' because it is already a table (defined on line 1)",
            line: 2, column: 3),
        TOMLErrorCase(
            "[[a]]\n[a]", "Cannot define table 'a' because it is already an array of tables (defined on line 1)",
            line: 2, column: 2),
        TOMLErrorCase(
            "a = []\n[[a]]", "Cannot define array of tables 'a' because it is already an array (defined on line 1)",
            line: 2, column: 3),
        TOMLErrorCase(
            "[[albums.songs]]\n[[albums]]",
            "Cannot define array of tables 'albums' because it is already a table (defined on line 1)",
            line: 2, column: 3),
    ])
    func reportsTableRedefinitions(errorCase: TOMLErrorCase) {
        expectFailure(errorCase)
    }

    @Test(arguments: [
        TOMLErrorCase(
            "[a.b.c]\nz = 9\n[a]\nb.c.t = 1",
            "Cannot add key 'b.c.t' with dotted keys because table 'b.c' was defined by a header on line 1",
            line: 4, column: 3),
        TOMLErrorCase(
            "[[a.b]]\n[a]\nb.y = 2",
            "Cannot add key 'b.y' with dotted keys because 'b' is an array of tables (defined on line 1)",
            line: 3, column: 1),
        TOMLErrorCase(
            "[a.b.c]\n[a]\nb.d = 1\n[a.b]", "Redefinition of table 'a.b' (first defined on line 3)",
            line: 4, column: 4),
    ])
    func reportsDottedKeysExtendingDefinedTables(errorCase: TOMLErrorCase) {
        expectFailure(errorCase)
    }

    @Test func dottedKeysMayExtendTablesImpliedByHeaders() throws {
        let table = try TOMLParser.parse("[a.b.c]\nz = 9\n[a]\nb.d = 1")
        let b: TOMLTable = ["c": .table(["z": .integer(9)]), "d": .integer(1)]
        #expect(table == ["a": .table(["b": .table(b)])])
    }

    @Test(arguments: [
        TOMLErrorCase(#"s = "a\qb""#, #"Invalid escape sequence '\q'"#, line: 1, column: 7),
        TOMLErrorCase(#"s = "\x41""#, #"Invalid escape sequence '\x'"#, line: 1, column: 6),
        TOMLErrorCase(#"s = "\u12G4""#, #"Invalid Unicode escape '\u12'; expected 4 hexadecimal digits"#, line: 1, column: 6),
        TOMLErrorCase(#"s = "\U0001F60""#, #"Invalid Unicode escape '\U0001F60'; expected 8 hexadecimal digits"#, line: 1, column: 6),
        TOMLErrorCase(#"s = "\uD800""#, #"Invalid Unicode escape '\uD800'; it is not a Unicode scalar value"#, line: 1, column: 6),
        TOMLErrorCase(
            #"s = "\U00110000""#, #"Invalid Unicode escape '\U00110000'; it is not a Unicode scalar value"#,
            line: 1, column: 6),
        TOMLErrorCase("s = \"\"\"\n  a \\  b\"\"\"", #"Invalid escape sequence '\ '"#, line: 2, column: 5),
    ])
    func reportsInvalidEscapes(errorCase: TOMLErrorCase) {
        expectFailure(errorCase)
    }

    @Test(arguments: [
        TOMLErrorCase(#"s = "abc"#, #"Unterminated string; expected closing '"'"#, line: 1, column: 5),
        TOMLErrorCase(#"s = "abc\"#, #"Unterminated string; expected closing '"'"#, line: 1, column: 5),
        TOMLErrorCase("s = 'abc", #"Unterminated string; expected closing "'""#, line: 1, column: 5),
        TOMLErrorCase("s = \"\"\"\nabc\"\"", #"Unterminated multi-line string; expected closing '"""'"#, line: 1, column: 5),
        TOMLErrorCase("x = 1\ns = '''abc''", #"Unterminated multi-line string; expected closing "'''""#, line: 2, column: 5),
    ])
    func reportsUnterminatedStrings(errorCase: TOMLErrorCase) {
        expectFailure(errorCase)
    }

    @Test(arguments: [
        TOMLErrorCase("s = \"abc\nt = 1", #"Newline in single-line string; expected closing '"'"#, line: 1, column: 9),
        TOMLErrorCase("s = \"abc\\\nt = 1", #"Newline in single-line string; expected closing '"'"#, line: 1, column: 10),
        TOMLErrorCase("s = 'abc\r\nt = 1", #"Newline in single-line string; expected closing "'""#, line: 1, column: 9),
    ])
    func reportsNewlinesInSingleLineStrings(errorCase: TOMLErrorCase) {
        expectFailure(errorCase)
    }

    @Test(arguments: [
        TOMLErrorCase("s = \"a\u{07}b\"", "Control character U+0007 is not allowed in a string", line: 1, column: 7),
        TOMLErrorCase("s = 'a\u{00}'", "Control character U+0000 is not allowed in a string", line: 1, column: 7),
        TOMLErrorCase("s = \"\"\"\na\u{1F}\"\"\"", "Control character U+001F is not allowed in a string", line: 2, column: 2),
        TOMLErrorCase("s = '''a\rb'''", "Control character U+000D is not allowed in a string", line: 1, column: 9),
        TOMLErrorCase("# bell \u{07}", "Control character U+0007 is not allowed in a comment", line: 1, column: 8),
        TOMLErrorCase("a = 1 # \u{7F}", "Control character U+007F is not allowed in a comment", line: 1, column: 9),
        TOMLErrorCase("a = 1\rb = 2", "Expected a newline after value, found control character U+000D", line: 1, column: 6),
        TOMLErrorCase("\r", "Expected a newline, found control character U+000D", line: 1, column: 1),
        TOMLErrorCase("\u{7F} = 1", "Expected a key, found control character U+007F", line: 1, column: 1),
    ])
    func reportsControlCharacters(errorCase: TOMLErrorCase) {
        expectFailure(errorCase)
    }

    @Test(arguments: [
        TOMLErrorCase("title = Hello", "Invalid value 'Hello'; strings must be quoted", line: 1, column: 9),
        TOMLErrorCase("draft = True", "Invalid value 'True'; booleans must be lower-case", line: 1, column: 9),
        TOMLErrorCase("title =", "Expected a value, found end of input", line: 1, column: 8),
        TOMLErrorCase("title = \nx = 1", "Expected a value, found end of line", line: 1, column: 9),
        TOMLErrorCase("title = # none", "Expected a value, found '#'", line: 1, column: 9),
        TOMLErrorCase("a = 1 b = 2", "Expected a newline after value, found 'b'", line: 1, column: 7),
        TOMLErrorCase(#"a = "x""y""#, #"Expected a newline after value, found '"'"#, line: 1, column: 8),
    ])
    func reportsBadValues(errorCase: TOMLErrorCase) {
        expectFailure(errorCase)
    }

    @Test(arguments: [
        TOMLErrorCase("n = 012", "Invalid number '012': leading zeros are not allowed", line: 1, column: 5),
        TOMLErrorCase("n = -00.5", "Invalid number '-00.5': leading zeros are not allowed", line: 1, column: 5),
        TOMLErrorCase("n = 1__000", "Invalid number '1__000': underscores must be between digits", line: 1, column: 5),
        TOMLErrorCase("n = 1_", "Invalid number '1_': underscores must be between digits", line: 1, column: 5),
        TOMLErrorCase("n = 0x_1F", "Invalid number '0x_1F': underscores must be between digits", line: 1, column: 5),
        TOMLErrorCase("n = 1._5", "Invalid number '1._5': underscores must be between digits", line: 1, column: 5),
        TOMLErrorCase("n = 1.", "Invalid number '1.'", line: 1, column: 5),
        TOMLErrorCase("n = .5", "Invalid number '.5'", line: 1, column: 5),
        TOMLErrorCase("n = 1e", "Invalid number '1e'", line: 1, column: 5),
        TOMLErrorCase("n = 1.5.2", "Invalid number '1.5.2'", line: 1, column: 5),
        TOMLErrorCase("n = 0X1F", "Invalid number '0X1F'", line: 1, column: 5),
        TOMLErrorCase("n = +0x1F", "Invalid number '+0x1F'", line: 1, column: 5),
        TOMLErrorCase("n = 0b102", "Invalid number '0b102'", line: 1, column: 5),
        TOMLErrorCase("n = 12abc", "Invalid number '12abc'", line: 1, column: 5),
        TOMLErrorCase(
            "n = 9223372036854775808", "Invalid number '9223372036854775808': out of range for a 64-bit integer",
            line: 1, column: 5),
        TOMLErrorCase(
            "n = -9223372036854775809", "Invalid number '-9223372036854775809': out of range for a 64-bit integer",
            line: 1, column: 5),
        TOMLErrorCase(
            "n = 0x8000000000000000", "Invalid number '0x8000000000000000': out of range for a 64-bit integer",
            line: 1, column: 5),
        TOMLErrorCase("n = 1e400", "Invalid number '1e400': out of range for a 64-bit float", line: 1, column: 5),
    ])
    func reportsInvalidNumbers(errorCase: TOMLErrorCase) {
        expectFailure(errorCase)
    }

    @Test(arguments: [
        TOMLErrorCase("d = 2026-13-01", "Invalid date '2026-13-01': month must be between 01 and 12", line: 1, column: 10),
        TOMLErrorCase("d = 2026-00-01", "Invalid date '2026-00-01': month must be between 01 and 12", line: 1, column: 10),
        TOMLErrorCase("d = 2026-02-29", "Invalid date '2026-02-29': day must be between 01 and 28", line: 1, column: 13),
        TOMLErrorCase("d = 1900-02-29", "Invalid date '1900-02-29': day must be between 01 and 28", line: 1, column: 13),
        TOMLErrorCase("d = 2026-04-31", "Invalid date '2026-04-31': day must be between 01 and 30", line: 1, column: 13),
        TOMLErrorCase(
            "d = 2026-11-20T24:00:00Z", "Invalid date-time '2026-11-20T24:00:00Z': hour must be between 00 and 23",
            line: 1, column: 16),
        TOMLErrorCase(
            "d = 2026-11-20 14:60:00", "Invalid date-time '2026-11-20 14:60:00': minute must be between 00 and 59",
            line: 1, column: 19),
        TOMLErrorCase("d = 14:05:60", "Invalid time '14:05:60': second must be between 00 and 59", line: 1, column: 11),
        TOMLErrorCase(
            "d = 2026-11-20T14:05:00+24:00",
            "Invalid date-time '2026-11-20T14:05:00+24:00': offset hour must be between 00 and 23", line: 1, column: 25),
        TOMLErrorCase(
            "d = 2026-11-20T14:05:00-01:60",
            "Invalid date-time '2026-11-20T14:05:00-01:60': offset minute must be between 00 and 59", line: 1, column: 28),
        TOMLErrorCase(
            "d = 2026-11-20T14:05", "Invalid date-time '2026-11-20T14:05': seconds are required", line: 1, column: 21),
        TOMLErrorCase("d = 2026-1-20", "Invalid date '2026-1-20'", line: 1, column: 5),
        TOMLErrorCase("d = 14:05:00Z", "Invalid time '14:05:00Z'", line: 1, column: 5),
        TOMLErrorCase("d = 2026-11-20T14:05:00.Z", "Invalid date-time '2026-11-20T14:05:00.Z'", line: 1, column: 5),
        TOMLErrorCase("d = 2026-11-20X14:05:00", "Invalid date-time '2026-11-20X14:05:00'", line: 1, column: 5),
        TOMLErrorCase("d = 2026-11-20T14:05:00+0100", "Invalid date-time '2026-11-20T14:05:00+0100'", line: 1, column: 5),
    ])
    func reportsInvalidDateTimes(errorCase: TOMLErrorCase) {
        expectFailure(errorCase)
    }

    @Test(arguments: [
        TOMLErrorCase(#"tags = ["a" "b"]"#, #"Expected ',' or ']' in array, found '"'"#, line: 1, column: 13),
        TOMLErrorCase("tags = [\"a\",\n  \"b\"\n", "Unterminated array; expected ']'", line: 1, column: 8),
        TOMLErrorCase("tags = [,]", "Expected a value, found ','", line: 1, column: 9),
        TOMLErrorCase("tags = [1,,2]", "Expected a value, found ','", line: 1, column: 11),
        TOMLErrorCase("tags = [1 # no comma\n 2]", "Expected ',' or ']' in array, found '2'", line: 2, column: 2),
    ])
    func reportsMalformedArrays(errorCase: TOMLErrorCase) {
        expectFailure(errorCase)
    }

    @Test(arguments: [
        TOMLErrorCase("p = {a = 1,}", "Trailing comma is not allowed in an inline table", line: 1, column: 11),
        TOMLErrorCase(
            "p = {a = 1,\nb = 2}", "Newline in inline table; inline tables must be on a single line", line: 1, column: 12),
        TOMLErrorCase("p = {\n}", "Newline in inline table; inline tables must be on a single line", line: 1, column: 6),
        TOMLErrorCase("p = {a = 1", "Unterminated inline table; expected '}'", line: 1, column: 5),
        TOMLErrorCase("p = {a = 1 b = 2}", "Expected ',' or '}' in inline table, found 'b'", line: 1, column: 12),
        TOMLErrorCase("p = {a = }", "Expected a value, found '}'", line: 1, column: 10),
    ])
    func reportsMalformedInlineTables(errorCase: TOMLErrorCase) {
        expectFailure(errorCase)
    }

    @Test func limitsNestingDepth() throws {
        let allowed = "a = " + String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        #expect(throws: Never.self) { try TOMLParser.parse(allowed) }

        let tooDeep = "a = " + String(repeating: "[", count: 129) + String(repeating: "]", count: 129)
        expectFailure(TOMLErrorCase(tooDeep, "Values are nested too deeply (more than 128 levels)", line: 1, column: 133))

        let deepKey = Array(repeating: "k", count: 200).joined(separator: ".") + " = 1"
        expectFailure(TOMLErrorCase(deepKey, "Tables are nested too deeply (more than 128 levels)", line: 1, column: 257))
    }

    /// Every prefix and every single-character corruption of a rich document must parse or throw
    /// a positioned error, never crash or hang.
    @Test func survivesTruncatedAndCorruptedInput() {
        let document = """
            title = "Hello \\u00E9 \\"world\\"" # comment
            date = 2026-11-20 14:05:00.5+01:00
            tags = [ 'a', "b", [1, 0x1F, -0.5e3], { k.l = inf } , ]
            text = \"\"\"
            line \\
              more ""\"\"\"
            lit = '''x''\'''
            [params.deep]
            n = 1_000
            [[menu]]
            name = "é🇫🇷"
            """
        let scalars = Array(document.unicodeScalars)
        let noise: [Unicode.Scalar] = ["\"", "'", "[", "]", "{", "}", "=", ".", "\\", "\n", "\r", "#", "\u{0}", "é"]
        var inputs: [String] = []
        for end in 0...scalars.count {
            inputs.append(String(String.UnicodeScalarView(scalars[..<end])))
        }
        for position in scalars.indices {
            var removed = scalars
            removed.remove(at: position)
            inputs.append(String(String.UnicodeScalarView(removed)))
            for scalar in noise {
                var inserted = scalars
                inserted.insert(scalar, at: position)
                inputs.append(String(String.UnicodeScalarView(inserted)))
            }
        }

        #expect(throws: Never.self) { try TOMLParser.parse(document) }
        for input in inputs {
            do {
                _ = try TOMLParser.parse(input)
            } catch {
                let lineCount = input.unicodeScalars.count { $0 == "\n" } + 1
                #expect((1...lineCount).contains(error.line), "\(error) for \(input.debugDescription)")
                #expect(error.column >= 1, "\(error) for \(input.debugDescription)")
            }
        }
    }

    @Test func tableLookupAndEqualityIgnorePositions() throws {
        let parsed = try TOMLParser.parse("  b = 2\na = 1")
        let built: TOMLTable = ["b": .integer(2), "a": .integer(1)]
        #expect(parsed == built)
        #expect(parsed["a"] == .integer(1))
        #expect(parsed["missing"] == nil)
        #expect(parsed != ["a": .integer(1), "b": .integer(2)])
    }
}
