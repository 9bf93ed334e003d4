/// Plain text from a platform turned into Markdown that renders as the same text.
public enum MarkdownText {
    /// A piece of a post's text: plain text to escape, or Markdown made by the importer (a link).
    public enum Part: Sendable, Equatable {
        case text(String)
        case markdown(String)
    }

    /// `text` with every character Markdown would read as markup escaped, and its line breaks
    /// kept as line breaks. Hashtags (`#swift` inside a line) stay hashtags.
    public static func escaped(_ text: String) -> String {
        join([.text(text)])
    }

    /// The parts one after the other, the plain ones escaped.
    public static func join(_ parts: [Part]) -> String {
        var result = ""
        var atLineStart = true
        for part in parts {
            switch part {
            case .markdown(let markdown):
                result += markdown
                atLineStart = false
            case .text(let text):
                for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    if index > 0 {
                        result.append("\n")
                        atLineStart = true
                    }
                    guard !line.isEmpty else { continue }
                    result += escaped(line, atLineStart: atLineStart)
                    atLineStart = false
                }
            }
        }
        return hardBreaks(result)
    }

    private static func escaped(_ line: Substring, atLineStart: Bool) -> String {
        var result = ""
        var rest = line[...]
        if atLineStart {
            // Leading spaces would make an indented code block: kept as character references.
            while let first = rest.first, first == " " || first == "\t" {
                result += first == " " ? "&#32;" : "&#9;"
                rest = rest.dropFirst()
            }
            if rest.isEmpty { return "" }
            // What starts a heading, a quote, a list or a setext underline at the start of a line.
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, let after = rest.dropFirst(digits.count).first, after == "." || after == ")" {
                result += digits + "\\"
                rest = rest.dropFirst(digits.count)
            } else if let first = rest.first {
                let second = rest.dropFirst().first
                // (`>` is escaped wherever it is, below.)
                if first == "#" && (second == nil || second == " " || second == "#") || "-+=".contains(first) {
                    result += "\\"
                }
            }
        }
        for character in rest {
            if "\\`*_[]<>~|&!".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// Single line breaks become Markdown hard breaks (a `\` at the end of the line); blank
    /// lines stay paragraph breaks.
    static func hardBreaks(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingTrailingSpaces() }
        var output: [String] = []
        for (index, line) in lines.enumerated() {
            let nextIsText = index + 1 < lines.count && !lines[index + 1].isEmpty
            output.append(!line.isEmpty && nextIsText ? line + "\\" : line)
        }
        return output.joined(separator: "\n")
    }

    /// A URL as a Markdown autolink, with the characters an autolink cannot hold encoded.
    public static func autolink(_ url: String) -> String {
        var encoded = ""
        for scalar in url.unicodeScalars {
            switch scalar {
            case " ": encoded += "%20"
            case "<": encoded += "%3C"
            case ">": encoded += "%3E"
            case "\"": encoded += "%22"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                encoded.unicodeScalars.append(scalar)
            }
        }
        return "<" + encoded + ">"
    }

    /// `[text](url)`.
    public static func link(_ text: String, to url: String) -> String {
        "[" + escaped(text) + "](" + autolink(url) + ")"
    }
}

private extension Substring {
    func trimmingTrailingSpaces() -> String {
        var text = String(self)
        while text.hasSuffix(" ") || text.hasSuffix("\t") { text.removeLast() }
        return text
    }
}
