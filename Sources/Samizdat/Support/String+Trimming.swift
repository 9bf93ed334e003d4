import Foundation

extension StringProtocol where UTF8View: BidirectionalCollection {
    /// `trimmingCharacters(in: .whitespaces)`, or `.whitespacesAndNewlines` with `newlines`, without
    /// Foundation when the text's ends are ASCII.
    ///
    /// Foundation trims through `NSString` and UTF-16 on Linux, which showed in every parse (each
    /// front matter line, title and tag). ASCII white space is tab and space (and line feed,
    /// vertical tab, form feed and carriage return with `newlines`); where the first or last
    /// character kept would not be ASCII (it could be Unicode white space, or a mark after a
    /// space), Foundation decides. `FastPathTests` compares the two on random text.
    func trimmingASCIIWhitespace(newlines: Bool = false) -> String {
        let utf8 = self.utf8
        func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || (newlines && byte >= 0x0A && byte <= 0x0D)
        }
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, isSpace(utf8[start]) { start = utf8.index(after: start) }
        while end > start, isSpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        guard start == end || (utf8[start] < 0x80 && utf8[utf8.index(before: end)] < 0x80) else {
            return trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
        }
        return String(self[start..<end])
    }
}

extension String {
    /// The string of `scalars`, encoded straight to UTF-8.
    ///
    /// `String(String.UnicodeScalarView(scalars))` appends one scalar at a time, growing the
    /// string as it goes; the scanners of text nodes made one per node.
    init(scalars: some Collection<Unicode.Scalar>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars {
            if scalar.isASCII {
                bytes.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                bytes.append(contentsOf: UTF8.encode(scalar)!)
            }
        }
        self = String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    /// `split(whereSeparator: \.isWhitespace).joined(separator: " ")`: words joined by one space.
    ///
    /// Deciding `Character.isWhitespace` for every character of every block was a sixth of
    /// rendering a post. Bytes do for text whose white space is all ASCII and where each space is
    /// a character of its own (no mark or joiner after it, no prepended character before it);
    /// other text goes the slow way.
    func collapsingWhitespace() -> String {
        collapsingWhitespaceByBytes() ?? split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `collapsingWhitespace` by bytes; nil where that would not be exact.
    func collapsingWhitespaceByBytes() -> String? {
        var text = self
        return text.withUTF8 { bytes -> String? in
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if isSpace(byte) {
                    // A space is a character of its own unless a prepended character comes before
                    // it (U+0600…, U+0890…, U+0D4E, U+110BD…: lead bytes 0xD8–0xE0, 0xF0–0xF4) or
                    // a mark or joiner after it: after it, only U+0080–U+02FF and the general
                    // punctuation without joiners and spaces (’ “ … ‰) are known to be safe.
                    if index > 0 && bytes[index - 1] >= 0x80 {
                        var lead = index - 1
                        while lead > 0 && bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
                        if (0xD8...0xE0).contains(bytes[lead]) || bytes[lead] >= 0xF0 { return nil }
                    }
                    if index + 1 < bytes.count && bytes[index + 1] >= 0x80 {
                        let lead = bytes[index + 1]
                        let second = index + 2 < bytes.count ? bytes[index + 2] : 0
                        let third = index + 3 < bytes.count ? bytes[index + 3] : 0
                        let punctuation = lead == 0xE2
                            && ((second == 0x80 && ((0x90...0xA7).contains(third) || third >= 0xB0)) || (second == 0x81 && third <= 0x9E))
                        guard (0xC2...0xCB).contains(lead) || punctuation else { return nil }
                    }
                    pendingSpace = !output.isEmpty
                } else {
                    if byte >= 0x80 {
                        // Unicode white space: U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028,
                        // U+2029, U+202F, U+205F, U+3000.
                        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                        let third = index + 2 < bytes.count ? bytes[index + 2] : 0
                        switch byte {
                        case 0xC2 where next == 0x85 || next == 0xA0: return nil
                        case 0xE1 where next == 0x9A && third == 0x80: return nil
                        case 0xE2 where next == 0x80 && ((0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF): return nil
                        case 0xE2 where next == 0x81 && third == 0x9F: return nil
                        case 0xE3 where next == 0x80 && third == 0x80: return nil
                        default: break
                        }
                    }
                    if pendingSpace { output.append(0x20) }
                    pendingSpace = false
                    output.append(byte)
                }
                index += 1
            }
            return String(decoding: output, as: UTF8.self)
        }
    }
}
