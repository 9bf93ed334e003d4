import Foundation

/// A content file's text split into its front matter and its Markdown body.
struct SourceText: Sendable {
    enum Format: Sendable { case none, yaml, toml, json }

    var format: Format = .none
    /// The front matter text, without its fences.
    var frontMatter = ""
    /// Line of the file on which the front matter text starts, minus one: add it to a line of
    /// `frontMatter` to get a line of the file.
    var frontMatterLineOffset = 1
    var body = ""
    /// Lines of the file before the body: add it to a line of `body` to get a line of the file.
    var bodyLineOffset = 0
    /// Problems that did not stop the split, such as control characters that were removed.
    var warnings: [Diagnostic] = []

    /// Decodes UTF-8 (reporting the line and column of the first bad byte), drops a byte-order
    /// mark, normalizes line endings, removes control characters (with a warning for each) and
    /// splits off the front matter.
    static func split(_ data: Data, file: URL) -> Result<SourceText, Diagnostic> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8(bytes)
            return .failure(.error(
                "File is not valid UTF-8 text (bad byte at this position). Save it as UTF-8 in your editor",
                at: SourceLocation(file: file, line: line, column: column)))
        }
        let (clean, warnings) = ControlCharacters.removing(from: normalizingLineEndings(text), file: file)
        return split(clean, file: file).map { source in
            var source = source
            source.warnings = warnings
            return source
        }
    }

    /// `\r\n` and a lone `\r` become `\n`, so that lines count the same in every file.
    static func normalizingLineEndings(_ text: String) -> String {
        text.utf8.contains(UInt8(ascii: "\r")) ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : text
    }

    static func split(_ text: String, file: URL) -> Result<SourceText, Diagnostic> {
        // Lines are found by their `\n` bytes, and only as far as the closing fence: the body is
        // taken whole, not split into lines and joined again.
        let utf8 = text.utf8
        let firstEnd = utf8.firstIndex(of: 0x0A) ?? utf8.endIndex
        let fence = text[..<firstEnd].trimmingASCIIWhitespace()
        let format: Format
        switch fence {
        case "---": format = .yaml
        case "+++": format = .toml
        // `{` alone or `{ "key"…`: a body that starts with `{{< shortcode >}}` or `{% tag %}` is not JSON.
        case _ where fence == "{" || (fence.hasPrefix("{") && fence.dropFirst().drop(while: \.isWhitespace).hasPrefix("\"")):
            return splitJSON(text, file: file)
        default: return .success(SourceText(body: text))
        }
        if firstEnd < utf8.endIndex {
            let frontMatterStart = utf8.index(after: firstEnd)
            var lineStart = frontMatterStart
            while true {
                let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
                let line = text[lineStart..<lineEnd].trimmingASCIIWhitespace()
                if line == fence || (format == .yaml && line == "...") {
                    var source = SourceText()
                    source.format = format
                    source.frontMatter = lineStart == frontMatterStart ? "" : String(text[frontMatterStart..<utf8.index(before: lineStart)])
                    source.frontMatterLineOffset = 1
                    source.body = lineEnd == utf8.endIndex ? "" : String(text[utf8.index(after: lineEnd)...])
                    source.bodyLineOffset = text.utf8[..<lineEnd].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
                    return .success(source)
                }
                guard lineEnd < utf8.endIndex else { break }
                lineStart = utf8.index(after: lineEnd)
            }
        }
        return .failure(.error(
            "Front matter opened with '\(fence)' is never closed. Add a line with '\(fence)' after the last key",
            at: SourceLocation(file: file, line: 1, column: 1)))
    }

    /// Hugo's JSON front matter: an object from the first `{` to its matching `}`, then the body
    /// from the next line. JSON is YAML's flow style, so the YAML parser reads it, with positions.
    static func splitJSON(_ text: String, file: URL) -> Result<SourceText, Diagnostic> {
        var depth = 0
        var inString = false
        var escaped = false
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "{") {
                depth += 1
            } else if byte == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 {
                    let end = utf8.index(after: index)
                    let lineEnd = utf8[end...].firstIndex(of: 0x0A) ?? utf8.endIndex
                    guard text[end..<lineEnd].allSatisfy(\.isWhitespace) else { break }
                    var source = SourceText()
                    source.format = .json
                    source.frontMatter = String(text[..<end])
                    source.frontMatterLineOffset = 0
                    source.body = lineEnd == utf8.endIndex ? "" : String(text[utf8.index(after: lineEnd)...])
                    source.bodyLineOffset = text.utf8[..<lineEnd].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
                    return .success(source)
                }
            }
            index = utf8.index(after: index)
        }
        return .failure(.error(
            "JSON front matter opened with '{' is never closed. End it with a '}' on a line of its own, the text below",
            at: SourceLocation(file: file, line: 1, column: 1)))
    }

    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, index - lineStart + 1)
            }
            if index + length > bytes.count { return (line, index - lineStart + 1) }
            if length > 1 {
                let sequence = Array(bytes[index..<(index + length)])
                if String(validating: sequence, as: UTF8.self) == nil { return (line, index - lineStart + 1) }
            }
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += length
        }
        return (line, max(1, index - lineStart + 1))
    }
}
