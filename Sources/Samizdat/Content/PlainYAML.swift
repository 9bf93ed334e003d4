/// Front matter as nearly every file writes it, read without libyaml: `key: value` lines, values
/// that are one-line plain or quoted scalars, flow lists of them (`tags: [a, b]`) or block lists
/// of them (`- a` lines), blank lines and comments.
///
/// libyaml and Yams were a third of the cost of parsing a post (some 65 µs of a note's front
/// matter: the text is scanned once for complex keys, then again to compose the nodes), for
/// front matter that is a handful of such lines. Anything outside this subset — a nested
/// mapping, a block scalar (`|`, `>`), an anchor, a tag, an escape in double quotes, a value
/// continued on the next line, a tab, a duplicate key, a syntax error — gives nil, and the
/// caller reads the text with Yams as before, which also words every error. Scalars are typed
/// by the same function as Yams' nodes (`DataValue.plain(_:)`), so a document read here is the
/// same value, keys' lines and columns included, as Yams makes of it: `PlainYAMLTests` compares
/// both on every shape and on random documents, and the `yaml` fuzz target on every input.
enum PlainYAML {
    static func parse(_ yaml: String) -> DataTable? {
        var text = yaml
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            return reader.read()
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        /// Each line's start and end (before its `\n`).
        var lines: [Range<Int>] = []
        /// Values read (Yams' budget also counts the document's mapping: so `<`, not `<=`).
        var values = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func read() -> DataTable? {
            guard splitLines() else { return nil }
            var table = DataTable()
            var keys = Set<String>()
            var index = 0
            while index < lines.count {
                let line = lines[index]
                let keyLine = index + 1
                if isBlankOrComment(line) {
                    index += 1
                    continue
                }
                // A key at the start of the line, then a colon and a space or the end of the line.
                var at = line.lowerBound
                guard isKeyStart(bytes[at]) else { return nil }
                while at < line.upperBound, isKeyByte(bytes[at]) { at += 1 }
                // libyaml refuses a key of 1,024 characters or more (a "simple key" must be shorter).
                guard at < line.upperBound, bytes[at] == UInt8(ascii: ":"), at - line.lowerBound < 1000 else { return nil }
                let key = string(line.lowerBound..<at)
                guard keys.insert(key).inserted else { return nil }
                at += 1
                guard at == line.upperBound || bytes[at] == UInt8(ascii: " ") else { return nil }
                at = skipSpaces(from: at, to: line.upperBound)
                let value: DataValue
                index += 1
                if at == line.upperBound || bytes[at] == UInt8(ascii: "#") {
                    // Nothing on the line: empty, or a block list on the lines below.
                    guard let (list, next) = blockList(from: index) else { return nil }
                    value = list ?? .null
                    index = next
                } else {
                    guard let scalar = inlineValue(at..<line.upperBound) else { return nil }
                    value = scalar
                }
                values += 1
                guard values < DataTable.maximumValues else { return nil }
                table.entries.append(.init(key: key, value: value, line: keyLine, column: 1))
                // The next line that says anything must start a key (or end the document): an
                // indented one would continue this value.
                while index < lines.count, isBlankOrComment(lines[index]) { index += 1 }
                if index < lines.count, bytes[lines[index].lowerBound] == UInt8(ascii: " ") { return nil }
            }
            return table
        }

        /// Cuts the text into lines; false if it holds a character this reader leaves to libyaml:
        /// a control character or tab, `\r`, a byte order mark, U+FFFE/U+FFFF, C1 controls (U+0085
        /// is a line break to YAML), or the line and paragraph separators.
        private mutating func splitLines() -> Bool {
            var start = 0
            var at = 0
            let count = bytes.count
            while at < count {
                let byte = bytes[at]
                if byte < 0x20 {
                    guard byte == 0x0A else { return false }
                    lines.append(start..<at)
                    start = at + 1
                } else if byte == 0x7F {
                    return false
                } else if byte == 0xC2, at + 1 < count, bytes[at + 1] < 0xA0 {
                    return false
                } else if byte == 0xEF, at + 2 < count,
                          (bytes[at + 1] == 0xBB && bytes[at + 2] == 0xBF) || (bytes[at + 1] == 0xBF && bytes[at + 2] >= 0xBE) {
                    return false
                } else if byte == 0xE2, at + 2 < count, bytes[at + 1] == 0x80, bytes[at + 2] == 0xA8 || bytes[at + 2] == 0xA9 {
                    return false
                }
                at += 1
            }
            if start < count { lines.append(start..<count) }
            return true
        }

        private func isBlankOrComment(_ line: Range<Int>) -> Bool {
            let first = skipSpaces(from: line.lowerBound, to: line.upperBound)
            return first == line.upperBound || bytes[first] == UInt8(ascii: "#")
        }

        private func skipSpaces(from start: Int, to end: Int) -> Int {
            var at = start
            while at < end, bytes[at] == UInt8(ascii: " ") { at += 1 }
            return at
        }

        private func isKeyStart(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
        }

        private func isKeyByte(_ byte: UInt8) -> Bool {
            isKeyStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
        }

        private func string(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        /// The items of a block list starting at line `start` (`- a` lines, all at one
        /// indentation), or nil if the lines there do not start one; and the line after it.
        /// nil altogether if the lines hold what this reader leaves to libyaml.
        private mutating func blockList(from start: Int) -> (DataValue?, Int)? {
            var index = start
            while index < lines.count, isBlankOrComment(lines[index]) { index += 1 }
            guard index < lines.count else { return (nil, start) }
            let first = lines[index]
            let indent = skipSpaces(from: first.lowerBound, to: first.upperBound) - first.lowerBound
            guard isItem(first, indent: indent) else { return (nil, start) }
            var items: [DataValue] = []
            while index < lines.count {
                let line = lines[index]
                if isBlankOrComment(line) {
                    index += 1
                    continue
                }
                guard isItem(line, indent: indent) else {
                    // The list ends at the next key; anything else is left to libyaml.
                    guard bytes[line.lowerBound] != UInt8(ascii: " ") else { return nil }
                    break
                }
                let at = skipSpaces(from: line.lowerBound + indent + 1, to: line.upperBound)
                if at == line.upperBound || bytes[at] == UInt8(ascii: "#") {
                    guard at == line.upperBound || at > line.lowerBound + indent + 1 else { return nil }
                    items.append(.null)
                } else {
                    guard at > line.lowerBound + indent + 1, let item = scalar(at..<line.upperBound, inFlow: false) else { return nil }
                    items.append(item)
                }
                values += 1
                guard values < DataTable.maximumValues else { return nil }
                index += 1
            }
            return (.array(items), index)
        }

        /// Whether `line` is `-` at `indent`, followed by a space or the end of the line.
        private func isItem(_ line: Range<Int>, indent: Int) -> Bool {
            let dash = line.lowerBound + indent
            guard dash < line.upperBound, bytes[dash] == UInt8(ascii: "-"),
                  skipSpaces(from: line.lowerBound, to: line.upperBound) == dash else { return false }
            return dash + 1 == line.upperBound || bytes[dash + 1] == UInt8(ascii: " ")
        }

        /// A value on the key's line: a scalar, or a flow list of scalars.
        private mutating func inlineValue(_ range: Range<Int>) -> DataValue? {
            guard bytes[range.lowerBound] == UInt8(ascii: "[") else { return scalar(range, inFlow: false) }
            var at = skipSpaces(from: range.lowerBound + 1, to: range.upperBound)
            var items: [DataValue] = []
            guard at < range.upperBound else { return nil }
            if bytes[at] != UInt8(ascii: "]") {
                while true {
                    // An item ends at the next comma or bracket outside quotes.
                    var end = at
                    if bytes[at] == UInt8(ascii: "\"") || bytes[at] == UInt8(ascii: "'") {
                        guard let close = closingQuote(from: at, to: range.upperBound) else { return nil }
                        end = close + 1
                    }
                    while end < range.upperBound, bytes[end] != UInt8(ascii: ","), bytes[end] != UInt8(ascii: "]") { end += 1 }
                    guard end < range.upperBound, let item = scalar(at..<end, inFlow: true) else { return nil }
                    items.append(item)
                    values += 1
                    at = skipSpaces(from: end + 1, to: range.upperBound)
                    if bytes[end] == UInt8(ascii: "]") { at = end; break }
                    guard at < range.upperBound, bytes[at] != UInt8(ascii: "]"), bytes[at] != UInt8(ascii: ",") else { return nil }
                }
            }
            // `at` is at the closing bracket: after it, spaces, then a comment or the end.
            guard endsLine(from: at + 1, to: range.upperBound) else { return nil }
            return .array(items)
        }

        /// Whether only spaces, then a comment after at least one space, follow `start`.
        private func endsLine(from start: Int, to end: Int) -> Bool {
            let at = skipSpaces(from: start, to: end)
            return at == end || (bytes[at] == UInt8(ascii: "#") && at > start)
        }

        /// The index of the quote closing the one at `open` (`''` in single quotes is a quote).
        private func closingQuote(from open: Int, to end: Int) -> Int? {
            let quote = bytes[open]
            var at = open + 1
            while at < end {
                if bytes[at] == quote {
                    if quote == UInt8(ascii: "'"), at + 1 < end, bytes[at + 1] == quote {
                        at += 2
                        continue
                    }
                    return at
                }
                if quote == UInt8(ascii: "\"") && bytes[at] == UInt8(ascii: "\\") { return nil }
                at += 1
            }
            return nil
        }

        /// One scalar filling `range` (a comment after it allowed outside a flow list), or nil.
        private func scalar(_ range: Range<Int>, inFlow: Bool) -> DataValue? {
            guard !range.isEmpty else { return nil }
            let first = bytes[range.lowerBound]
            if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                guard let close = closingQuote(from: range.lowerBound, to: range.upperBound) else { return nil }
                if inFlow {
                    guard skipSpaces(from: close + 1, to: range.upperBound) == range.upperBound else { return nil }
                } else {
                    guard endsLine(from: close + 1, to: range.upperBound) else { return nil }
                }
                var text = string(range.lowerBound + 1..<close)
                if first == UInt8(ascii: "'") && text.contains("'") { text = text.replacingAll("''", with: "'") }
                return .string(text)
            }
            // A plain scalar: not starting with an indicator (`-` only before a digit), and
            // without `: ` (a mapping) or, in a flow list, any flow indicator, quote or colon.
            switch first {
            case UInt8(ascii: "-"):
                guard range.count > 1, bytes[range.lowerBound + 1] >= UInt8(ascii: "0"), bytes[range.lowerBound + 1] <= UInt8(ascii: "9") else { return nil }
            case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
                 UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"),
                 UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: " "):
                return nil
            default:
                break
            }
            var end = range.upperBound
            var at = range.lowerBound
            while at < end {
                let byte = bytes[at]
                if byte == UInt8(ascii: "#") && bytes[at - 1] == UInt8(ascii: " ") {
                    guard !inFlow else { return nil }
                    end = at
                    break
                }
                if byte == UInt8(ascii: ":") {
                    if inFlow || at + 1 == range.upperBound || bytes[at + 1] == UInt8(ascii: " ") { return nil }
                }
                if inFlow && (byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")) {
                    return nil
                }
                at += 1
            }
            while end > range.lowerBound, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
            return DataValue.plain(string(range.lowerBound..<end))
        }
    }
}

extension DataTable {
    /// Whether `yaml` is read without Yams as Yams reads it, or left to Yams: the promise the
    /// `yaml` fuzz target checks on every input.
    public static func plainReadingAgreesWithYams(_ yaml: String) -> Bool {
        guard let plain = PlainYAML.parse(yaml) else { return true }
        // Printed, so that NaN equals NaN.
        return String(describing: try? parseYAML(yaml, plainFirst: false)) == String(describing: Optional(plain))
    }
}
