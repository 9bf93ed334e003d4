import CLibXML2
import Foundation

/// Raw HTML written in a post (`<img src="/images/x.svg">`, a `<figure>` block), read with
/// libxml2's HTML parser so that its URLs follow the same rules as Markdown links.
///
/// The parser is the tokenizer: it finds the start tags and decodes their attributes (quotes,
/// entities, attributes without a value), whatever the author's spelling. Only the start tags
/// whose URLs change are written again, from the parser's attributes, in place; every other byte
/// of the author's HTML is kept as written. This is also where the text of raw HTML (its words
/// and its images' alt text) is read for summaries.
///
/// One of the two files that import CLibXML2 (with `Import/MastodonHTML.swift`), both through its HTML parser.
enum RawHTML {
    /// Elements cmark-gfm's tag filter shows as text (`&lt;iframe …`): their URLs are text too.
    static let filteredElements: Set<String> = ["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"]

    /// Attributes holding one URL, and `srcset` holding a list of them.
    static let urlAttributes: Set<String> = ["href", "src", "poster", "cite", "action", "formaction", "data", "srcset", "xlink:href"]

    /// Elements whose start or end separates words in the text read for summaries.
    static let breakingElements: Set<String> = [
        "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption", "figure",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
        "summary", "table", "td", "th", "tr", "ul",
    ]

    struct Result: Equatable {
        /// The HTML with the URLs that `transform` changed.
        var html: String
        /// Visible text and image alt texts, in document order, for plain-text summaries.
        var text: String
    }

    /// Rewrites the URL attributes of every start tag in `html` with `transform` (nil keeps the
    /// URL as it is).
    static func rewrite(_ html: String, url transform: (String) -> String?) -> Result {
        guard html.utf8.contains(UInt8(ascii: "<")) else { return Result(html: html, text: html) }
        _ = initialized
        return withoutActuallyEscaping(transform) { transform in
            let scanner = Scanner(bytes: Array(html.utf8), transform: transform)
            scanner.run()
            return Result(html: scanner.rewritten(), text: scanner.text)
        }
    }

    /// `xmlInitParser` must run once before threads use libxml2.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Rewrites each URL of a `srcset` (`a.jpg 1x, b.jpg 2x`), keeping the descriptors.
    ///
    /// As HTML reads it: a candidate's URL runs to the next whitespace (commas included, so
    /// `data:` URLs survive) less its trailing commas; its descriptors run to the next comma
    /// outside parentheses.
    static func rewriteSrcset(_ value: String, _ transform: (String) -> String?) -> String? {
        let scalars = Array(value.unicodeScalars)
        var index = 0
        var candidates: [String] = []
        var changed = false
        // HTML splits on ASCII whitespace only: a no-break space belongs to the URL.
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { ["\u{20}", "\u{9}", "\u{A}", "\u{C}", "\u{D}"].contains(scalar) }
        while index < scalars.count {
            while index < scalars.count, isSpace(scalars[index]) || scalars[index] == "," { index += 1 }
            guard index < scalars.count else { break }
            var url = ""
            while index < scalars.count, !isSpace(scalars[index]) { url.unicodeScalars.append(scalars[index]); index += 1 }
            var descriptors = ""
            if url.hasSuffix(",") {
                while url.hasSuffix(",") { url.removeLast() }
            } else {
                var depth = 0
                while index < scalars.count {
                    let scalar = scalars[index]
                    if scalar == "(" { depth += 1 } else if scalar == ")" { depth = max(0, depth - 1) }
                    if scalar == ",", depth == 0 { index += 1; break }
                    descriptors.unicodeScalars.append(scalar)
                    index += 1
                }
            }
            descriptors = descriptors.trimmingCharacters(in: CharacterSet(charactersIn: "\u{20}\u{9}\u{A}\u{C}\u{D}"))
            if let new = transform(url), new != url {
                url = new
                changed = true
            }
            candidates.append(descriptors.isEmpty ? url : url + " " + descriptors)
        }
        return changed ? candidates.joined(separator: ", ") : nil
    }

    /// The SAX side: libxml2 calls back with each start tag and text run; the scanner records
    /// the edits, applied once parsing is over.
    private final class Scanner {
        let bytes: [UInt8]
        let transform: (String) -> String?
        var context: htmlParserCtxtPtr?
        /// Where the parser stood after the last start tag, text, comment or script: the next
        /// start tag begins at or after it, so finding it never rescans what came before.
        /// (Not after end tags: libxml2 reports the ones a new tag closes while it stands inside
        /// that new tag.)
        var lastTagEnd = 0
        var edits: [(range: Range<Int>, replacement: String)] = []
        var textParts: [String] = []

        init(bytes: [UInt8], transform: @escaping (String) -> String?) {
            self.bytes = bytes
            self.transform = transform
        }

        /// Words separated by single spaces, with one space kept at either end where the HTML
        /// had some (an inline `<br>` reads as " ", so the words around it stay apart).
        var text: String {
            let raw = textParts.joined(separator: "")
            let words = raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard let first = raw.first, let last = raw.last else { return "" }
            if words.isEmpty { return " " }
            return (first.isWhitespace ? " " : "") + words + (last.isWhitespace ? " " : "")
        }

        func run() {
            var handler = htmlSAXHandler()
            handler.initialized = XML_SAX2_MAGIC
            handler.startElement = { userData, name, attributes in
                guard let userData, let name else { return }
                Unmanaged<Scanner>.fromOpaque(userData).takeUnretainedValue()
                    .startTag(String(cString: name), attributes: attributes)
            }
            handler.characters = { userData, characters, length in
                guard let userData, let characters, length > 0 else { return }
                let scanner = Unmanaged<Scanner>.fromOpaque(userData).takeUnretainedValue()
                scanner.textParts.append(String(decoding: UnsafeBufferPointer(start: characters, count: Int(length)), as: UTF8.self))
                scanner.markPosition()
            }
            handler.comment = { userData, _ in
                guard let userData else { return }
                Unmanaged<Scanner>.fromOpaque(userData).takeUnretainedValue().markPosition()
            }
            handler.processingInstruction = { userData, _, _ in
                guard let userData else { return }
                Unmanaged<Scanner>.fromOpaque(userData).takeUnretainedValue().markPosition()
            }
            handler.endElement = { userData, name in
                guard let userData, let name else { return }
                let scanner = Unmanaged<Scanner>.fromOpaque(userData).takeUnretainedValue()
                if RawHTML.breakingElements.contains(String(cString: name).lowercased()) { scanner.textParts.append(" ") }
            }
            // Script and style contents are not text a reader sees.
            handler.cdataBlock = { userData, _, _ in
                guard let userData else { return }
                Unmanaged<Scanner>.fromOpaque(userData).takeUnretainedValue().markPosition()
            }
            handler.serror = { _, _ in }
            let this = Unmanaged.passUnretained(self).toOpaque()
            guard let context = htmlCreatePushParserCtxt(&handler, this, nil, 0, nil, XML_CHAR_ENCODING_UTF8) else {
                preconditionFailure("htmlCreatePushParserCtxt returned NULL: out of memory")
            }
            defer {
                if let document = context.pointee.myDoc { xmlFreeDoc(document) }
                htmlFreeParserCtxt(context)
            }
            self.context = context
            // IGNORE_ENC: a `<meta charset>` in a post must not make libxml2 re-decode the rest
            // (the offsets would no longer be the text's).
            let options = HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOIMPLIED.rawValue | HTML_PARSE_NODEFDTD.rawValue
                | HTML_PARSE_IGNORE_ENC.rawValue
            htmlCtxtUseOptions(context, Int32(options))
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                    _ = htmlParseChunk(context, pointer, Int32(buffer.count), 1)
                }
            }
            self.context = nil
        }

        /// Where libxml2's parser stands, as an offset into `bytes`.
        private var position: Int? {
            guard let context, let input = context.pointee.input, let base = input.pointee.base, let cur = input.pointee.cur else { return nil }
            return Int(input.pointee.consumed) + (cur - base)
        }

        func markPosition() {
            if let position { lastTagEnd = max(lastTagEnd, min(position, bytes.count)) }
        }

        /// Called by libxml2 with the parser standing on the `>` (or `/>`) that ends the tag.
        func startTag(_ name: String, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
            guard let end = position else { return }
            defer { lastTagEnd = max(lastTagEnd, min(end, bytes.count)) }

            var pairs: [(name: String, value: String?)] = []
            if var pointer = attributes {
                while let attributeName = pointer.pointee {
                    let value = pointer.successor().pointee.map { String(cString: $0) }
                    pairs.append((String(cString: attributeName), value))
                    pointer = pointer.advanced(by: 2)
                }
            }
            if RawHTML.breakingElements.contains(name.lowercased()) { textParts.append(" ") }
            if name == "img", let alt = pairs.first(where: { $0.name == "alt" })?.value, !alt.isEmpty {
                textParts.append(" \(alt) ")
            }
            var changed = false
            for index in pairs.indices where !RawHTML.filteredElements.contains(name.lowercased()) {
                let attribute = pairs[index].name.lowercased()
                guard RawHTML.urlAttributes.contains(attribute), let value = pairs[index].value else { continue }
                let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
                let new = attribute == "srcset" ? RawHTML.rewriteSrcset(trimmed, transform) : transform(trimmed)
                if let new, new != value {
                    pairs[index].value = new
                    changed = true
                }
            }
            guard changed, end <= bytes.count,
                  let start = tagStart(name: name, endingAt: end, attributes: pairs.map { $0.name.lowercased() }) else { return }
            let selfClosing = end + 1 < bytes.count && bytes[end] == UInt8(ascii: "/") && bytes[end + 1] == UInt8(ascii: ">")
            let closing = selfClosing ? end + 2 : (end < bytes.count && bytes[end] == UInt8(ascii: ">") ? end + 1 : end)
            guard closing > end else { return }  // a tag cut off by the end of the text: leave it
            let spelledName = String(decoding: bytes[(start + 1)..<(start + 1 + name.utf8.count)], as: UTF8.self)
            var tag = "<" + spelledName
            for (attribute, value) in pairs {
                tag += " " + attribute
                if let value { tag += "=\"" + HTML.escapeAttribute(value) + "\"" }
            }
            tag += selfClosing ? " />" : ">"
            edits.append((start..<closing, tag))
        }

        /// The `<` of the tag `name` whose attributes end at `end`: the first `<name` after where
        /// the parser last stood from which the tag's own syntax leads to `end` through the
        /// attributes libxml2 read, in their order. A `<name` inside a quoted value, a comment or
        /// a stray end tag's attributes never reads as those.
        private func tagStart(name: String, endingAt end: Int, attributes: [String]) -> Int? {
            let nameBytes = Array(name.lowercased().utf8)
            var candidate = lastTagEnd
            while candidate < end {
                if bytes[candidate] == UInt8(ascii: "<"), matchesName(nameBytes, at: candidate + 1),
                   let read = attributesEnd(from: candidate + 1 + nameBytes.count, limit: end), read.end == end,
                   Self.firstOfEach(read.names) == attributes {
                    return candidate
                }
                candidate += 1
            }
            return nil
        }

        /// Names in order, each kept once (libxml2 keeps an attribute's first occurrence).
        private static func firstOfEach(_ names: [String]) -> [String] {
            var seen: Set<String> = []
            return names.filter { seen.insert($0).inserted }
        }

        private func matchesName(_ name: [UInt8], at offset: Int) -> Bool {
            guard offset + name.count <= bytes.count else { return false }
            for (index, byte) in name.enumerated() where lowercase(bytes[offset + index]) != byte { return false }
            let next = offset + name.count
            return next == bytes.count || isSpace(bytes[next]) || bytes[next] == UInt8(ascii: ">") || bytes[next] == UInt8(ascii: "/")
        }

        /// Follows HTML's attribute syntax (the tokenizer's attribute states) from just after
        /// the tag name to the `>` or `/>` that ends the tag: where that is, and the attribute
        /// names on the way (lower-cased). Nil once past `limit`.
        private func attributesEnd(from offset: Int, limit: Int) -> (end: Int, names: [String])? {
            let gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/"), equals = UInt8(ascii: "=")
            var index = offset
            var names: [String] = []
            func skipSpaces() { while index < bytes.count, isSpace(bytes[index]) { index += 1 } }
            while index <= limit {
                skipSpaces()
                guard index < bytes.count else { return (bytes.count, names) }
                if bytes[index] == gt { return (index, names) }
                if bytes[index] == slash {
                    if index + 1 < bytes.count, bytes[index + 1] == gt { return (index, names) }
                    index += 1
                    continue
                }
                // An attribute name (its first character may be `=`), then perhaps `=` and a value.
                let nameStart = index
                index += 1
                while index < bytes.count, !isSpace(bytes[index]), ![gt, slash, equals].contains(bytes[index]) { index += 1 }
                names.append(String(decoding: bytes[nameStart..<index].map(lowercase), as: UTF8.self))
                skipSpaces()
                guard index < bytes.count, bytes[index] == equals else { continue }
                index += 1
                skipSpaces()
                guard index < bytes.count else { return (bytes.count, names) }
                let quote = bytes[index]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    guard let close = bytes[(index + 1)...].firstIndex(of: quote) else { return (bytes.count, names) }
                    index = close + 1
                } else {
                    while index < bytes.count, !isSpace(bytes[index]), bytes[index] != gt { index += 1 }
                }
            }
            return nil
        }

        private func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
        }

        private func lowercase(_ byte: UInt8) -> UInt8 {
            (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
        }

        func rewritten() -> String {
            guard !edits.isEmpty else { return String(decoding: bytes, as: UTF8.self) }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + edits.count * 16)
            var position = 0
            for edit in edits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) where edit.range.lowerBound >= position {
                result += bytes[position..<edit.range.lowerBound]
                result += Array(edit.replacement.utf8)
                position = edit.range.upperBound
            }
            result += bytes[position...]
            return String(decoding: result, as: UTF8.self)
        }
    }
}
