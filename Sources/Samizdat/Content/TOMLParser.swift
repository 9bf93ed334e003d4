/// A value in a TOML document.
///
/// Date-times are kept as text rather than converted to `Date`: TOML's local date-times, dates and
/// times carry no time zone, so only the caller knows how to interpret them.
enum TOMLValue: Equatable, Sendable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    /// An offset date-time, local date-time, local date or local time, as written but normalized.
    ///
    /// A space between date and time becomes "T", and a lower-case "t" or "z" becomes upper-case,
    /// e.g. "2026-11-20T14:05:00+01:00", "2026-11-20T14:05:00", "2026-11-20" or "14:05:00".
    case datetime(String)
    case array([TOMLValue])
    case table(TOMLTable)
}

/// A TOML table whose entries keep their document order.
///
/// Lookup by key is a linear scan, which is cheaper than hashing for the handful of keys that
/// front matter holds.
struct TOMLTable: Equatable, Sendable {
    /// The key-value pairs, in the order they were first defined in the document.
    var entries: [(key: String, value: TOMLValue)]

    /// 1-based line and column where each top-level key of this table was defined.
    ///
    /// For tables opened by a header, this is the position of the key within the header. It lets
    /// callers report unknown or mistyped keys at the place the user wrote them.
    var keyPositions: [String: TOMLPosition]

    /// Creates a table from entries in document order.
    init(_ entries: [(key: String, value: TOMLValue)] = [], keyPositions: [String: TOMLPosition] = [:]) {
        self.entries = entries
        self.keyPositions = keyPositions
    }

    /// The value stored under `key`, or `nil` if the table has no such key.
    subscript(key: String) -> TOMLValue? {
        entries.first { $0.key == key }?.value
    }

    /// Compares entries in order.
    ///
    /// Key positions are ignored: two tables with the same content are equal wherever they were
    /// written, which keeps tests and comparisons independent of formatting.
    static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

extension TOMLTable: ExpressibleByDictionaryLiteral {
    /// Creates a table from a literal, keeping the literal's order.
    init(dictionaryLiteral elements: (String, TOMLValue)...) {
        self.init(elements.map { (key: $0.0, value: $0.1) })
    }
}

/// A 1-based line and column in TOML text, with columns counted in characters.
struct TOMLPosition: Equatable, Sendable {
    var line: Int
    var column: Int

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// A syntax or semantic error in TOML text, located at the offending character.
struct TOMLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A sentence-case description that quotes the offending text.
    var message: String
    /// The 1-based line in the parsed text.
    var line: Int
    /// The 1-based column, counted in characters rather than bytes.
    var column: Int

    init(message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    /// The error as "line:column: message", ready to be prefixed with a file path.
    var description: String { "\(line):\(column): \(message)" }
}

/// A parser for TOML 1.0 documents such as Hugo-style front matter.
enum TOMLParser {
    /// Parses a complete TOML document into its root table.
    ///
    /// The whole document is validated, including duplicate keys and table redefinitions, and the
    /// first problem found is thrown with the line and column where it occurs.
    static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var parser = Parser(text)
        return try parser.parseDocument()
    }
}

// MARK: - Document model under construction

/// Deeper structures are rejected so that recursive parsing and conversion cannot exhaust the stack.
private let maximumNesting = 128

/// A table being built, with the bookkeeping TOML needs to reject redefinitions.
private final class TableNode {
    /// How a table came into existence, which decides how it may be extended later.
    enum Origin {
        /// Created as a parent of a header such as `[a.b]`; a later `[a]` may still define it.
        case implicit
        /// Defined by a `[header]` or as an element of `[[array.of.tables]]`.
        case header
        /// Created by a dotted key such as `a.b = 1`; headers may add sub-tables but not redefine it.
        case dotted
        /// An inline table or the document root; neither can be opened by a header.
        case closed
    }

    var origin: Origin
    let depth: Int
    private(set) var keys: [String] = []
    private(set) var items: [String: Item] = [:]
    private(set) var positions: [String: TOMLPosition] = [:]

    init(origin: Origin, depth: Int) {
        self.origin = origin
        self.depth = depth
    }

    func set(_ key: String, _ item: Item, at position: TOMLPosition) {
        if items.updateValue(item, forKey: key) == nil {
            keys.append(key)
            positions[key] = position
        }
    }

    /// Turns an implicitly created child table into a defined one.
    ///
    /// The child's position moves to the definition, because that is where the user meant to
    /// write it and where a later conflicting definition should point back to.
    func define(_ key: String, _ child: TableNode, as origin: Origin, at position: TOMLPosition) {
        guard child.origin == .implicit else { return }
        child.origin = origin
        positions[key] = position
    }

    /// The line where `key` was first defined, for messages about conflicting definitions.
    func line(of key: String) -> Int {
        positions[key]?.line ?? 0
    }

    func build() -> TOMLTable {
        let entries = keys.compactMap { key -> (key: String, value: TOMLValue)? in
            guard let item = items[key] else { return nil }
            switch item {
            case .value(let value):
                return (key, value)
            case .table(let table):
                return (key, .table(table.build()))
            case .tableArray(let array):
                return (key, .array(array.tables.map { .table($0.build()) }))
            }
        }
        return TOMLTable(entries, keyPositions: positions)
    }
}

/// The elements of a `[[array.of.tables]]`, which is never empty.
private final class TableArray {
    private(set) var tables: [TableNode]
    private(set) var last: TableNode

    init(_ first: TableNode) {
        tables = [first]
        last = first
    }

    func append(_ table: TableNode) {
        tables.append(table)
        last = table
    }
}

private enum Item {
    case value(TOMLValue)
    case table(TableNode)
    case tableArray(TableArray)
}

/// One part of a possibly dotted key, with the scalar offset where it starts for error reporting.
private struct KeySegment {
    var name: String
    var offset: Int
}

// MARK: - Parser

private struct Parser {
    private let scalars: [Unicode.Scalar]
    /// Scalar offsets at which each line starts, so positions can be found by binary search.
    private let lineStarts: [Int]
    private var offset = 0
    private let root = TableNode(origin: .closed, depth: 0)

    init(_ text: String) {
        var scalars = Array(text.unicodeScalars)
        // Editors on Windows may prepend a byte order mark; it is not part of the document.
        if scalars.first == "\u{FEFF}" {
            scalars.removeFirst()
        }
        self.scalars = scalars
        var lineStarts = [0]
        for (offset, scalar) in scalars.enumerated() where scalar == "\n" {
            lineStarts.append(offset + 1)
        }
        self.lineStarts = lineStarts
    }

    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        var current = root
        while true {
            skipWhitespace()
            guard let scalar = peek() else { break }
            switch scalar {
            case "\n", "\r", "#":
                try finishLine(after: nil)
            case "[":
                current = try parseHeader()
                try finishLine(after: "table header")
            default:
                try parseKeyValue(into: current)
                try finishLine(after: "value")
            }
        }
        return root.build()
    }

    // MARK: Lines, whitespace and comments

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let position = offset + ahead
        return position < scalars.count ? scalars[position] : nil
    }

    private func isNewline(at position: Int) -> Bool {
        guard position < scalars.count else { return false }
        let scalar = scalars[position]
        return scalar == "\n" || (scalar == "\r" && position + 1 < scalars.count && scalars[position + 1] == "\n")
    }

    private mutating func skipWhitespace() {
        while let scalar = peek(), scalar == " " || scalar == "\t" {
            offset += 1
        }
    }

    /// Consumes a newline if there is one, accepting both LF and CRLF.
    private mutating func skipNewline() -> Bool {
        guard isNewline(at: offset) else { return false }
        offset += peek() == "\r" ? 2 : 1
        return true
    }

    private mutating func skipComment() throws(TOMLError) {
        guard peek() == "#" else { return }
        offset += 1
        while let scalar = peek(), !isNewline(at: offset) {
            if scalar.isTOMLControl && scalar != "\t" {
                throw error("Control character \(scalar.codePoint) is not allowed in a comment", at: offset)
            }
            offset += 1
        }
    }

    /// Requires the rest of the line to be blank or a comment, then consumes its newline.
    private mutating func finishLine(after what: String?) throws(TOMLError) {
        skipWhitespace()
        try skipComment()
        if peek() == nil || skipNewline() {
            return
        }
        let expected = what.map { "a newline after \($0)" } ?? "a newline"
        throw error("Expected \(expected), found \(describe(at: offset))", at: offset)
    }

    /// Skips everything that may separate array elements, including comments and line breaks.
    private mutating func skipArraySpace() throws(TOMLError) {
        while true {
            skipWhitespace()
            try skipComment()
            if !skipNewline() {
                return
            }
        }
    }

    // MARK: Keys and tables

    private mutating func parseKey() throws(TOMLError) -> [KeySegment] {
        var segments: [KeySegment] = []
        while true {
            skipWhitespace()
            segments.append(try parseKeySegment())
            skipWhitespace()
            guard peek() == "." else { return segments }
            offset += 1
        }
    }

    private mutating func parseKeySegment() throws(TOMLError) -> KeySegment {
        let start = offset
        switch peek() {
        case "\"":
            if peek(1) == "\"" && peek(2) == "\"" {
                throw error("Multi-line strings cannot be used as keys", at: start)
            }
            return KeySegment(name: try parseBasicString(), offset: start)
        case "'":
            if peek(1) == "'" && peek(2) == "'" {
                throw error("Multi-line strings cannot be used as keys", at: start)
            }
            return KeySegment(name: try parseLiteralString(), offset: start)
        default:
            while let scalar = peek(), scalar.isBareKeyCharacter {
                offset += 1
            }
            guard offset > start else {
                throw error("Expected a key, found \(describe(at: offset))", at: offset)
            }
            return KeySegment(name: text(start..<offset), offset: start)
        }
    }

    /// Parses `[table]` or `[[array.of.tables]]` and returns the table that following keys go into.
    private mutating func parseHeader() throws(TOMLError) -> TableNode {
        offset += 1
        let isArray = peek() == "["
        if isArray {
            offset += 1
        }
        let key = try parseKey()
        if isArray {
            guard peek() == "]" && peek(1) == "]" else {
                // With "[[name]" the problem is the missing second bracket, not the first.
                let missing = peek() == "]" ? offset + 1 : offset
                throw error("Expected ']]' after array of tables name '\(display(key))'", at: missing)
            }
            offset += 2
        } else {
            guard peek() == "]" else {
                throw error("Expected ']' after table name '\(display(key))'", at: offset)
            }
            offset += 1
        }

        var table = root
        for (index, segment) in key.dropLast().enumerated() {
            switch table.items[segment.name] {
            case nil:
                table = try addTable(segment, origin: .implicit, to: table)
            case .table(let child):
                table = child
            case .tableArray(let array):
                // A sub-table header belongs to the most recently defined element.
                table = array.last
            case .value(let value):
                throw error(
                    "Cannot define table '\(display(key))' because '\(display(key[...index]))' is already "
                        + "\(value.kindDescription) (defined on line \(table.line(of: segment.name)))",
                    at: segment.offset)
            }
        }

        guard let last = key.last else { return table }
        let name = display(key)
        let firstLine = table.line(of: last.name)
        switch (table.items[last.name], isArray) {
        case (nil, false):
            return try addTable(last, origin: .header, to: table)
        case (nil, true):
            let element = try makeTable(origin: .header, parent: table, at: last.offset)
            table.set(last.name, .tableArray(TableArray(element)), at: position(of: last.offset))
            return element
        case (.table(let child), false) where child.origin == .implicit:
            table.define(last.name, child, as: .header, at: position(of: last.offset))
            return child
        case (.table, false):
            throw error("Redefinition of table '\(name)' (first defined on line \(firstLine))", at: last.offset)
        case (.table, true):
            throw error(
                "Cannot define array of tables '\(name)' because it is already a table (defined on line \(firstLine))",
                at: last.offset)
        case (.tableArray(let array), true):
            let element = try makeTable(origin: .header, parent: table, at: last.offset)
            array.append(element)
            return element
        case (.tableArray, false):
            throw error(
                "Cannot define table '\(name)' because it is already an array of tables (defined on line \(firstLine))",
                at: last.offset)
        case (.value(let value), _):
            let what = isArray ? "array of tables" : "table"
            throw error(
                "Cannot define \(what) '\(name)' because it is already \(value.kindDescription) "
                    + "(defined on line \(firstLine))",
                at: last.offset)
        }
    }

    private func makeTable(origin: TableNode.Origin, parent: TableNode, at offset: Int)
        throws(TOMLError) -> TableNode
    {
        guard parent.depth < maximumNesting else {
            throw error("Tables are nested too deeply (more than \(maximumNesting) levels)", at: offset)
        }
        return TableNode(origin: origin, depth: parent.depth + 1)
    }

    private func addTable(_ segment: KeySegment, origin: TableNode.Origin, to parent: TableNode)
        throws(TOMLError) -> TableNode
    {
        let child = try makeTable(origin: origin, parent: parent, at: segment.offset)
        parent.set(segment.name, .table(child), at: position(of: segment.offset))
        return child
    }

    /// Parses `key = value` and stores it in `table`, creating tables for the parts of a dotted key.
    private mutating func parseKeyValue(into table: TableNode) throws(TOMLError) {
        let key = try parseKey()
        guard let last = key.last else { return }
        let target = try tableForDottedKey(key, in: table)
        guard peek() == "=" else {
            throw error("Expected '=' after key '\(display(key))'", at: offset)
        }
        offset += 1
        skipWhitespace()
        let value = try parseValue(depth: target.depth + 1)
        target.set(last.name, .value(value), at: position(of: last.offset))
    }

    /// Walks the parent parts of a dotted key and checks that its last part is still free.
    ///
    /// Dotted keys may only extend tables that dotted keys created, or parents implied by a
    /// header; TOML forbids using them to add to a table a header defined, or to an inline table.
    private func tableForDottedKey(_ key: [KeySegment], in base: TableNode) throws(TOMLError) -> TableNode {
        var table = base
        for (index, segment) in key.dropLast().enumerated() {
            var prefix: String { display(key[...index]) }
            var firstLine: Int { table.line(of: segment.name) }
            switch table.items[segment.name] {
            case nil:
                table = try addTable(segment, origin: .dotted, to: table)
            case .table(let child) where child.origin == .dotted:
                table = child
            case .table(let child) where child.origin == .implicit:
                // Once extended by dotted keys, a header may no longer define this table.
                table.define(segment.name, child, as: .dotted, at: position(of: segment.offset))
                table = child
            case .table:
                throw error(
                    "Cannot add key '\(display(key))' with dotted keys because table '\(prefix)' "
                        + "was defined by a header on line \(firstLine)",
                    at: segment.offset)
            case .tableArray:
                throw error(
                    "Cannot add key '\(display(key))' with dotted keys because '\(prefix)' "
                        + "is an array of tables (defined on line \(firstLine))",
                    at: segment.offset)
            case .value(let value):
                throw error(
                    "Cannot add key '\(display(key))' because '\(prefix)' is already "
                        + "\(value.kindDescription) (defined on line \(firstLine))",
                    at: segment.offset)
            }
        }
        if let last = key.last, table.items[last.name] != nil {
            throw error(
                "Duplicate key '\(display(key))' (first defined on line \(table.line(of: last.name)))",
                at: last.offset)
        }
        return table
    }

    // MARK: Values

    private mutating func parseValue(depth: Int) throws(TOMLError) -> TOMLValue {
        switch peek() {
        case "\"":
            if peek(1) == "\"" && peek(2) == "\"" {
                return .string(try parseMultiLineString(quote: "\""))
            }
            return .string(try parseBasicString())
        case "'":
            if peek(1) == "'" && peek(2) == "'" {
                return .string(try parseMultiLineString(quote: "'"))
            }
            return .string(try parseLiteralString())
        case "[":
            return try parseArray(depth: depth)
        case "{":
            return try parseInlineTable(depth: depth)
        default:
            return try parseBareValue()
        }
    }

    private mutating func parseArray(depth: Int) throws(TOMLError) -> TOMLValue {
        let open = offset
        guard depth <= maximumNesting else {
            throw error("Values are nested too deeply (more than \(maximumNesting) levels)", at: open)
        }
        offset += 1
        var values: [TOMLValue] = []
        while true {
            try skipArraySpace()
            if peek() == "]" {
                offset += 1
                return .array(values)
            }
            if peek() == nil {
                throw error("Unterminated array; expected ']'", at: open)
            }
            values.append(try parseValue(depth: depth + 1))
            try skipArraySpace()
            switch peek() {
            case ",":
                offset += 1
            case "]":
                offset += 1
                return .array(values)
            case nil:
                throw error("Unterminated array; expected ']'", at: open)
            default:
                throw error("Expected ',' or ']' in array, found \(describe(at: offset))", at: offset)
            }
        }
    }

    private mutating func parseInlineTable(depth: Int) throws(TOMLError) -> TOMLValue {
        let open = offset
        guard depth <= maximumNesting else {
            throw error("Values are nested too deeply (more than \(maximumNesting) levels)", at: open)
        }
        offset += 1
        let table = TableNode(origin: .closed, depth: depth)
        skipWhitespace()
        if peek() == "}" {
            offset += 1
            return .table(table.build())
        }
        while true {
            skipWhitespace()
            try checkInlineTableContinues(open: open)
            try parseKeyValue(into: table)
            skipWhitespace()
            try checkInlineTableContinues(open: open)
            switch peek() {
            case "}":
                offset += 1
                return .table(table.build())
            case ",":
                let comma = offset
                offset += 1
                skipWhitespace()
                if peek() == "}" {
                    throw error("Trailing comma is not allowed in an inline table", at: comma)
                }
            default:
                throw error("Expected ',' or '}' in inline table, found \(describe(at: offset))", at: offset)
            }
        }
    }

    /// Rejects the end of input or of the line inside an inline table, which TOML 1.0 keeps to one line.
    private func checkInlineTableContinues(open: Int) throws(TOMLError) {
        if peek() == nil {
            throw error("Unterminated inline table; expected '}'", at: open)
        }
        if isNewline(at: offset) {
            throw error("Newline in inline table; inline tables must be on a single line", at: offset)
        }
    }

    // MARK: Strings

    private mutating func parseBasicString() throws(TOMLError) -> String {
        let open = offset
        offset += 1
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = peek() else {
                throw error("Unterminated string; expected closing '\"'", at: open)
            }
            if isNewline(at: offset) {
                throw error("Newline in single-line string; expected closing '\"'", at: offset)
            }
            switch scalar {
            case "\"":
                offset += 1
                return String(result)
            case "\\":
                try parseEscape(into: &result)
            default:
                try checkStringCharacter(scalar)
                result.append(scalar)
                offset += 1
            }
        }
    }

    private mutating func parseLiteralString() throws(TOMLError) -> String {
        let open = offset
        offset += 1
        let start = offset
        while true {
            guard let scalar = peek() else {
                throw error("Unterminated string; expected closing \"'\"", at: open)
            }
            if isNewline(at: offset) {
                throw error("Newline in single-line string; expected closing \"'\"", at: offset)
            }
            if scalar == "'" {
                offset += 1
                return text(start..<(offset - 1))
            }
            try checkStringCharacter(scalar)
            offset += 1
        }
    }

    /// Parses a `"""` or `'''` string; only the basic (`"`) kind processes escapes.
    private mutating func parseMultiLineString(quote: Unicode.Scalar) throws(TOMLError) -> String {
        let open = offset
        let delimiter = String(repeating: Character(quote), count: 3)
        offset += 3
        // A newline right after the opening delimiter only exists to make the source readable.
        _ = skipNewline()
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = peek() else {
                throw error("Unterminated multi-line string; expected closing \(quoted(delimiter))", at: open)
            }
            if scalar == quote {
                var run = 0
                while peek(run) == quote {
                    run += 1
                }
                if run >= 3 {
                    // Up to two quotes may directly precede the closing delimiter and belong to the content.
                    let extra = min(run - 3, 2)
                    result.append(contentsOf: repeatElement(quote, count: extra))
                    offset += 3 + extra
                    return String(result)
                }
                result.append(contentsOf: repeatElement(quote, count: run))
                offset += run
            } else if quote == "\"" && scalar == "\\" {
                if lineEndingBackslashFollows() {
                    skipLineEndingBackslash()
                } else {
                    try parseEscape(into: &result)
                }
            } else if isNewline(at: offset) {
                // CRLF is stored as LF so content does not depend on the author's platform.
                result.append("\n")
                _ = skipNewline()
            } else {
                try checkStringCharacter(scalar)
                result.append(scalar)
                offset += 1
            }
        }
    }

    /// Whether the backslash at the current offset is the last non-blank character on its line.
    private func lineEndingBackslashFollows() -> Bool {
        var position = offset + 1
        while position < scalars.count, scalars[position] == " " || scalars[position] == "\t" {
            position += 1
        }
        return isNewline(at: position)
    }

    private mutating func skipLineEndingBackslash() {
        offset += 1
        while true {
            skipWhitespace()
            if !skipNewline() {
                return
            }
        }
    }

    private mutating func parseEscape(into result: inout String.UnicodeScalarView) throws(TOMLError) {
        let start = offset
        guard let escaped = peek(1) else {
            // Leave the backslash for the caller, which reports the unterminated string.
            offset += 1
            return
        }
        let simple: Unicode.Scalar? =
            switch escaped {
            case "b": "\u{08}"
            case "t": "\t"
            case "n": "\n"
            case "f": "\u{0C}"
            case "r": "\r"
            case "\"": "\""
            case "\\": "\\"
            default: nil
            }
        if let simple {
            result.append(simple)
            offset += 2
            return
        }
        guard escaped == "u" || escaped == "U" else {
            if isNewline(at: offset + 1) {
                throw error("Newline in single-line string; expected closing '\"'", at: offset + 1)
            }
            throw error("Invalid escape sequence '\\\(escaped.printable)'", at: start)
        }
        let length = escaped == "u" ? 4 : 8
        var digits = 0
        var code: UInt32 = 0
        while digits < length, let digit = peek(2 + digits)?.hexDigitValue {
            code = code << 4 | UInt32(digit)
            digits += 1
        }
        let written = "\\" + text(offset + 1..<min(offset + 2 + digits, scalars.count))
        guard digits == length else {
            throw error("Invalid Unicode escape '\(written)'; expected \(length) hexadecimal digits", at: start)
        }
        guard let scalar = Unicode.Scalar(code) else {
            throw error("Invalid Unicode escape '\(written)'; it is not a Unicode scalar value", at: start)
        }
        result.append(scalar)
        offset += 2 + length
    }

    private func checkStringCharacter(_ scalar: Unicode.Scalar) throws(TOMLError) {
        if scalar.isTOMLControl && scalar != "\t" {
            throw error("Control character \(scalar.codePoint) is not allowed in a string", at: offset)
        }
    }

    // MARK: Numbers, booleans and date-times

    /// Parses an unquoted value: a boolean, number or date-time.
    private mutating func parseBareValue() throws(TOMLError) -> TOMLValue {
        let start = offset
        scanToken()
        // RFC 3339 allows a space between date and time; only take it when a time really follows.
        if offset - start == 10, peek() == " ", let h1 = peek(1), let h2 = peek(2), peek(3) == ":",
            h1.isDigit, h2.isDigit, scalars[start + 4] == "-"
        {
            offset += 1
            scanToken()
        }
        guard offset > start else {
            throw error("Expected a value, found \(describe(at: offset))", at: offset)
        }
        let token = Array(scalars[start..<offset])
        let word = text(start..<offset)
        switch word {
        case "true":
            return .boolean(true)
        case "false":
            return .boolean(false)
        case "inf", "+inf":
            return .float(.infinity)
        case "-inf":
            return .float(-.infinity)
        case "nan", "+nan", "-nan":
            return .float(.nan)
        default:
            break
        }
        if token.count >= 5 && token[0..<4].allSatisfy(\.isDigit) && token[4] == "-" {
            return try parseDateTime(token, at: start)
        }
        if token.count >= 3 && token[0..<2].allSatisfy(\.isDigit) && token[2] == ":" {
            return try parseDateTime(token, at: start)
        }
        if let first = token.first, first.isDigit || first == "+" || first == "-" || first == "." {
            return try parseNumber(token, at: start)
        }
        if word.lowercased() == "true" || word.lowercased() == "false" {
            throw error("Invalid value '\(abbreviated(word))'; booleans must be lower-case", at: start)
        }
        throw error("Invalid value '\(abbreviated(word))'; strings must be quoted", at: start)
    }

    private mutating func scanToken() {
        while let scalar = peek(), !scalar.endsBareValue {
            offset += 1
        }
    }

    private func parseNumber(_ token: [Unicode.Scalar], at start: Int) throws(TOMLError) -> TOMLValue {
        let word = abbreviated(String(String.UnicodeScalarView(token)))

        if token.count > 2, token[0] == "0", let radix = Self.radix(of: token[1]) {
            let digits = token[2...]
            try checkDigits(digits, radix: radix, in: word, at: start)
            var value: Int64 = 0
            for digit in digits where digit != "_" {
                let (shifted, overflow) = value.multipliedReportingOverflow(by: Int64(radix))
                let (sum, carry) = shifted.addingReportingOverflow(Int64(digit.hexDigitValue ?? 0))
                guard !overflow && !carry else {
                    throw error("Invalid number '\(word)': out of range for a 64-bit integer", at: start)
                }
                value = sum
            }
            return .integer(value)
        }

        var position = 0
        let isNegative = token.first == "-"
        if token.first == "-" || token.first == "+" {
            position += 1
        }
        let integerStart = position
        while position < token.count, token[position] != ".", token[position] != "e", token[position] != "E" {
            position += 1
        }
        let integerDigits = token[integerStart..<position]
        try checkDigits(integerDigits, radix: 10, in: word, at: start)
        if integerDigits.count > 1 && integerDigits.first == "0" {
            throw error("Invalid number '\(word)': leading zeros are not allowed", at: start)
        }

        if position == token.count {
            var value: Int64 = 0
            for digit in integerDigits where digit != "_" {
                let digitValue = Int64(digit.hexDigitValue ?? 0)
                let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
                // Accumulating negatives directly lets Int64.min be written out.
                let (sum, carry) =
                    isNegative
                    ? shifted.subtractingReportingOverflow(digitValue)
                    : shifted.addingReportingOverflow(digitValue)
                guard !overflow && !carry else {
                    throw error("Invalid number '\(word)': out of range for a 64-bit integer", at: start)
                }
                value = sum
            }
            return .integer(value)
        }

        if token[position] == "." {
            position += 1
            let fractionStart = position
            while position < token.count, token[position] != "e", token[position] != "E" {
                position += 1
            }
            try checkDigits(token[fractionStart..<position], radix: 10, in: word, at: start)
        }
        if position < token.count {
            position += 1
            if position < token.count, token[position] == "+" || token[position] == "-" {
                position += 1
            }
            try checkDigits(token[position...], radix: 10, in: word, at: start)
        }
        var cleaned = String.UnicodeScalarView()
        cleaned.append(contentsOf: token.lazy.filter { $0 != "_" })
        guard let value = Double(String(cleaned)) else { throw error("Invalid number '\(word)'", at: start) }
        guard value.isFinite else {
            throw error("Invalid number '\(word)': out of range for a 64-bit float", at: start)
        }
        return .float(value)
    }

    private static func radix(of scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "x": 16
        case "o": 8
        case "b": 2
        default: nil
        }
    }

    /// Checks a run of digits in which single underscores may separate digits.
    private func checkDigits(_ digits: ArraySlice<Unicode.Scalar>, radix: Int, in word: String, at start: Int)
        throws(TOMLError)
    {
        func isValidDigit(_ scalar: Unicode.Scalar) -> Bool {
            guard let value = scalar.hexDigitValue else { return false }
            return value < radix
        }
        var previousWasDigit = false
        var underscoreMisplaced = false
        for scalar in digits {
            if scalar == "_" {
                underscoreMisplaced = underscoreMisplaced || !previousWasDigit
                previousWasDigit = false
            } else if isValidDigit(scalar) {
                previousWasDigit = true
            } else {
                throw error("Invalid number '\(word)'", at: start)
            }
        }
        if digits.isEmpty || digits.allSatisfy({ $0 == "_" }) {
            throw error("Invalid number '\(word)'", at: start)
        }
        if underscoreMisplaced || !previousWasDigit {
            throw error("Invalid number '\(word)': underscores must be between digits", at: start)
        }
    }

    private func parseDateTime(_ token: [Unicode.Scalar], at start: Int) throws(TOMLError) -> TOMLValue {
        let word = abbreviated(String(String.UnicodeScalarView(token)))
        var reader = DigitReader(token: token)
        let hasDate = token.count > 4 && token[4] == "-"
        let kind = !hasDate ? "time" : token.count <= 10 ? "date" : "date-time"
        func malformed() -> TOMLError { error("Invalid \(kind) '\(word)'", at: start) }

        func check(_ value: Int, in range: ClosedRange<Int>, _ name: String, at position: Int) throws(TOMLError) {
            guard range.contains(value) else {
                let bounds = "\(String.twoDigits(range.lowerBound)) and \(String.twoDigits(range.upperBound))"
                throw error("Invalid \(kind) '\(word)': \(name) must be between \(bounds)", at: start + position)
            }
        }

        var normalized = token
        if hasDate {
            guard let year = reader.number(4), reader.skip("-"), let month = reader.number(2), reader.skip("-"),
                let day = reader.number(2)
            else { throw malformed() }
            try check(month, in: 1...12, "month", at: 5)
            try check(day, in: 1...Self.daysIn(month: month, year: year), "day", at: 8)
            if reader.isAtEnd {
                return .datetime(String(String.UnicodeScalarView(token)))
            }
            guard reader.skip("T") || reader.skip("t") || reader.skip(" ") else { throw malformed() }
            normalized[10] = "T"
        }

        let timeStart = reader.position
        guard let hour = reader.number(2), reader.skip(":"), let minute = reader.number(2) else { throw malformed() }
        guard reader.skip(":") else {
            throw error("Invalid \(kind) '\(word)': seconds are required", at: start + reader.position)
        }
        guard let second = reader.number(2) else { throw malformed() }
        try check(hour, in: 0...23, "hour", at: timeStart)
        try check(minute, in: 0...59, "minute", at: timeStart + 3)
        try check(second, in: 0...59, "second", at: timeStart + 6)
        if reader.skip(".") {
            guard reader.digits() > 0 else { throw malformed() }
        }

        if hasDate && !reader.isAtEnd {
            if reader.skip("Z") || reader.skip("z") {
                normalized[reader.position - 1] = "Z"
            } else {
                let offsetStart = reader.position
                guard reader.skip("+") || reader.skip("-"), let offsetHour = reader.number(2), reader.skip(":"),
                    let offsetMinute = reader.number(2)
                else { throw malformed() }
                try check(offsetHour, in: 0...23, "offset hour", at: offsetStart + 1)
                try check(offsetMinute, in: 0...59, "offset minute", at: offsetStart + 4)
            }
        }
        guard reader.isAtEnd else { throw malformed() }
        return .datetime(String(String.UnicodeScalarView(normalized)))
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            return isLeap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }

    // MARK: Diagnostics

    private func text(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(scalars[range]))
    }

    private func position(of target: Int) -> TOMLPosition {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= target {
                low = middle
            } else {
                high = middle - 1
            }
        }
        let prefix = scalars[lineStarts[low]..<min(max(target, lineStarts[low]), scalars.count)]
        // Counting grapheme clusters is only needed when the line holds non-ASCII text.
        let column =
            prefix.allSatisfy(\.isASCII) ? prefix.count : String(String.UnicodeScalarView(prefix)).count
        return TOMLPosition(line: low + 1, column: column + 1)
    }

    private func error(_ message: String, at target: Int) -> TOMLError {
        let position = position(of: target)
        return TOMLError(message: message, line: position.line, column: position.column)
    }

    /// Names what was found at `target` for "expected …, found …" messages.
    private func describe(at target: Int) -> String {
        guard target < scalars.count else { return "end of input" }
        if isNewline(at: target) {
            return "end of line"
        }
        let scalar = scalars[target]
        return scalar.isTOMLControl ? "control character \(scalar.codePoint)" : quoted(String(scalar))
    }

    /// Wraps text in single quotes, or in double quotes when it contains a single quote.
    private func quoted(_ text: String) -> String {
        text.contains("'") ? "\"\(text)\"" : "'\(text)'"
    }

    /// Shortens text quoted in a message so a runaway token cannot flood the output.
    private func abbreviated(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }

    /// Writes a key the way it would appear in TOML, so messages name keys unambiguously.
    private func display(_ key: some Collection<KeySegment>) -> String {
        key.map { segment in
            if !segment.name.isEmpty && segment.name.unicodeScalars.allSatisfy(\.isBareKeyCharacter) {
                return segment.name
            }
            var result = "\""
            for scalar in segment.name.unicodeScalars {
                switch scalar {
                case "\"": result += "\\\""
                case "\\": result += "\\\\"
                default: result += scalar.isTOMLControl ? "\\u" + scalar.hex(width: 4) : String(scalar)
                }
            }
            return result + "\""
        }
        .joined(separator: ".")
    }
}

/// Reads the fixed-width fields of a date-time token.
private struct DigitReader {
    let token: [Unicode.Scalar]
    private(set) var position = 0

    init(token: [Unicode.Scalar]) {
        self.token = token
    }

    var isAtEnd: Bool { position >= token.count }

    mutating func skip(_ scalar: Unicode.Scalar) -> Bool {
        guard position < token.count, token[position] == scalar else { return false }
        position += 1
        return true
    }

    /// Reads exactly `count` decimal digits.
    mutating func number(_ count: Int) -> Int? {
        guard position + count <= token.count else { return nil }
        var value = 0
        for scalar in token[position..<position + count] {
            guard scalar.isDigit, let digit = scalar.hexDigitValue else { return nil }
            value = value * 10 + digit
        }
        position += count
        return value
    }

    /// Skips any number of decimal digits and returns how many there were.
    mutating func digits() -> Int {
        let start = position
        while position < token.count, token[position].isDigit {
            position += 1
        }
        return position - start
    }
}

extension Unicode.Scalar {
    fileprivate var isDigit: Bool { ("0"..."9").contains(self) }

    fileprivate var hexDigitValue: Int? {
        switch self {
        case "0"..."9": Int(value - 0x30)
        case "a"..."f": Int(value - 0x61 + 10)
        case "A"..."F": Int(value - 0x41 + 10)
        default: nil
        }
    }

    fileprivate var isBareKeyCharacter: Bool {
        switch self {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": true
        default: false
        }
    }

    /// The C0 controls and DEL, which TOML forbids outside escapes (tab is allowed in most places).
    fileprivate var isTOMLControl: Bool { value < 0x20 || value == 0x7F }

    /// Whether this scalar cannot be part of an unquoted value such as a number or date-time.
    fileprivate var endsBareValue: Bool {
        switch self {
        case " ", "\t", ",", "[", "]", "{", "}", "#", "=", "\"", "'": true
        default: isTOMLControl
        }
    }

    fileprivate func hex(width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The conventional "U+XXXX" name, used to show characters that are invisible when quoted.
    fileprivate var codePoint: String { "U+" + hex(width: 4) }

    /// The scalar itself, or its code point when quoting it would be unreadable.
    fileprivate var printable: String { isTOMLControl ? codePoint : String(self) }
}

extension TOMLValue {
    /// The value's kind with an article, as used in messages about conflicting definitions.
    fileprivate var kindDescription: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .boolean: "a boolean"
        case .datetime: "a date-time"
        case .array: "an array"
        case .table: "an inline table"
        }
    }
}

extension String {
    fileprivate static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
