/// The Markdown source by lines, to tell how the characters of a text node were written.
///
/// cmark-gfm merges adjacent text nodes before it returns the tree (`cmark_consolidate_text_nodes`
/// in `cmark_parser_finish`), so `\#tag`, `&#35;tag` and `#tag` all come out as one text node
/// with the literal `#tag`. Inline nodes keep a source position, though, and matching the literal
/// against the source there shows which characters came from a backslash escape or an entity: the
/// author's way of saying "this `#` is not a hashtag".
///
/// cmark's inline positions are approximate (a continuation line's text reports column 1, a
/// `www.` autolink starts one column early, the text before an autolink keeps the end of the text
/// it was cut from, and the pieces cut by the e-mail autolinker have no position at all), so the
/// match tries a few columns around the reported one. When nothing matches, the caller gets nil and
/// treats every character as written literally: the worst case is a `\#tag` that still links.
struct MarkdownSource: Sendable {
    /// A place in the source: 1-based line, 0-based byte offset in that line.
    struct Position: Sendable, Equatable {
        var line: Int
        var offset: Int
    }

    struct Alignment: Sendable, Equatable {
        /// One flag per Unicode scalar of the literal.
        var escaped: [Bool]
        /// Just after the literal's last character.
        var end: Position
    }

    private let bytes: [UInt8]
    /// Byte ranges of the lines, without their line endings (`\n`, `\r\n` or `\r`, as cmark splits them).
    private let lines: [Range<Int>]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var lines: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\n"):
                lines.append(start..<index)
                index += 1
                start = index
            case UInt8(ascii: "\r"):
                lines.append(start..<index)
                index += (index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")) ? 2 : 1
                start = index
            default:
                index += 1
            }
        }
        lines.append(start..<bytes.count)
        self.lines = lines
    }

    /// Matches `literal` with the source near cmark's reported `line` and 1-based byte `column`.
    func align(_ literal: [Unicode.Scalar], line: Int, column: Int) -> Alignment? {
        guard line >= 1, line <= lines.count else { return nil }
        let range = lines[line - 1]
        let skipsIndentation = !(literal.first?.properties.isWhitespace ?? true)
        for shift in [0, 1, -1, 2, -2, 3, -3] {
            var start = range.lowerBound + column - 1 + shift
            guard start >= range.lowerBound, start <= range.upperBound else { continue }
            if skipsIndentation {
                while start < range.upperBound, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
            }
            if let alignment = match(literal, line: line, from: start) { return alignment }
        }
        return nil
    }

    /// Matches `literal` with the source exactly at `position`: the text right after a node that
    /// was matched already.
    func align(_ literal: [Unicode.Scalar], at position: Position) -> Alignment? {
        guard position.line >= 1, position.line <= lines.count else { return nil }
        let range = lines[position.line - 1]
        guard range.lowerBound + position.offset <= range.upperBound else { return nil }
        return match(literal, line: position.line, from: range.lowerBound + position.offset)
    }

    private func match(_ literal: [Unicode.Scalar], line: Int, from start: Int) -> Alignment? {
        let end = lines[line - 1].upperBound
        var escaped = [Bool](repeating: false, count: literal.count)
        var index = 0
        var cursor = start
        while index < literal.count {
            guard cursor < end else { return nil }
            let scalar = literal[index]
            let byte = bytes[cursor]

            if byte == UInt8(ascii: "\\"), cursor + 1 < end, Self.isASCIIPunctuation(bytes[cursor + 1]), scalar.value == UInt32(bytes[cursor + 1]) {
                escaped[index] = true
                cursor += 2
                index += 1
                continue
            }
            if byte == UInt8(ascii: "&"), let entity = entity(at: cursor, end: end) {
                if let value = entity.value {
                    if value == scalar {
                        escaped[index] = true
                        cursor += entity.length
                        index += 1
                        continue
                    }
                } else if !(scalar == "&" && matchesVerbatim(literal[index...].prefix(entity.length), at: cursor, end: end)) {
                    // A named entity cmark decoded (an unknown name stays as written, `&` and all).
                    escaped[index] = true
                    cursor += entity.length
                    index += 1
                    continue
                }
            }
            if let length = verbatimLength(of: scalar, at: cursor, end: end) {
                cursor += length
                index += 1
                continue
            }
            // Smart punctuation (CMARK_OPT_SMART) and the replacement of NUL.
            switch (scalar, byte) {
            case ("“", UInt8(ascii: "\"")), ("”", UInt8(ascii: "\"")), ("‘", UInt8(ascii: "'")), ("’", UInt8(ascii: "'")), ("\u{FFFD}", 0):
                cursor += 1
                index += 1
            case ("…", UInt8(ascii: ".")) where cursor + 2 < end && bytes[cursor + 1] == UInt8(ascii: ".") && bytes[cursor + 2] == UInt8(ascii: "."):
                cursor += 3
                index += 1
            case ("–", UInt8(ascii: "-")), ("—", UInt8(ascii: "-")):
                // A run of hyphens becomes a run of en and em dashes.
                while cursor < end, bytes[cursor] == UInt8(ascii: "-") { cursor += 1 }
                while index < literal.count, literal[index] == "–" || literal[index] == "—" { index += 1 }
            default:
                return nil
            }
        }
        return Alignment(escaped: escaped, end: Position(line: line, offset: cursor - lines[line - 1].lowerBound))
    }

    /// The UTF-8 length of `scalar` when the source holds it as is at `start`.
    private func verbatimLength(of scalar: Unicode.Scalar, at start: Int, end: Int) -> Int? {
        var length = 0
        var matches = true
        UTF8.encode(scalar) { byte in
            if matches, start + length < end, bytes[start + length] == byte { length += 1 } else { matches = false }
        }
        return matches ? length : nil
    }

    private func matchesVerbatim(_ scalars: ArraySlice<Unicode.Scalar>, at start: Int, end: Int) -> Bool {
        let encoded = Array(String(String.UnicodeScalarView(scalars)).utf8)
        return start + encoded.count <= end && bytes[start..<(start + encoded.count)].elementsEqual(encoded)
    }

    /// The entity reference at `start` (which holds `&`), as cmark recognises them: its length,
    /// and its value when numeric (named ones would need cmark's table).
    private func entity(at start: Int, end: Int) -> (length: Int, value: Unicode.Scalar?)? {
        var cursor = start + 1
        guard cursor < end else { return nil }
        if bytes[cursor] == UInt8(ascii: "#") {
            cursor += 1
            let hexadecimal = cursor < end && (bytes[cursor] == UInt8(ascii: "x") || bytes[cursor] == UInt8(ascii: "X"))
            if hexadecimal { cursor += 1 }
            let digitsStart = cursor
            var value: UInt32 = 0
            while cursor < end, let digit = Self.digitValue(bytes[cursor], hexadecimal: hexadecimal) {
                value = min(value * (hexadecimal ? 16 : 10) + digit, 0x110000)
                cursor += 1
            }
            let count = cursor - digitsStart
            guard count >= 1, count <= (hexadecimal ? 6 : 8), cursor < end, bytes[cursor] == UInt8(ascii: ";") else { return nil }
            let scalar = (value == 0 ? nil : Unicode.Scalar(value)) ?? "\u{FFFD}"
            return (cursor + 1 - start, scalar)
        }
        let nameStart = cursor
        while cursor < end, cursor - nameStart <= 32, Self.isASCIIAlphanumeric(bytes[cursor]) { cursor += 1 }
        guard cursor - nameStart >= 2, cursor < end, bytes[cursor] == UInt8(ascii: ";") else { return nil }
        return (cursor + 1 - start, nil)
    }

    private static func digitValue(_ byte: UInt8, hexadecimal: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hexadecimal: UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hexadecimal: UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }
}
