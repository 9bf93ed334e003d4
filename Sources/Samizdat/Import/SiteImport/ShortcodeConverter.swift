import Foundation

/// Turns Hugo shortcodes and Liquid tags that have a Markdown or HTML equivalent into it, and
/// lists, with their line, those that have none.
///
/// Converted: `figure`, `highlight`, `ref`/`relref`/`post_url`/`link` (a relative link to the
/// target's source file, which the build resolves), `youtube`/`vimeo`/`gist`/`tweet`/`instagram`
/// (plain links), `raw`/`endraw` (the wrappers go, the text stays), `{{ site.baseurl }}` and
/// `{{ "/x" | relative_url }}`. Anything else is left as written.
struct ShortcodeConverter {
    enum Syntax { case hugo, liquid }

    /// A tag left as written, with why.
    struct Leftover: Equatable, Sendable {
        /// 1-based line in the converted text's source (the body).
        var line: Int
        var text: String
        var reason: String
    }

    var syntax: Syntax
    /// The relative link to the source file a reference names, or nil when it names none.
    var resolve: (String) -> String?

    struct Result {
        var text: String
        /// How many of each tag were converted, by name.
        var converted: [String: Int] = [:]
        var leftovers: [Leftover] = []
    }

    func convert(_ source: String) -> Result {
        var result = Result(text: "")
        var out = ""
        let text = source
        var index = text.startIndex
        func line(at position: String.Index) -> Int {
            text[..<position].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        }
        func leave(_ tag: String, at position: String.Index, _ reason: String) {
            result.leftovers.append(Leftover(line: line(at: position), text: Self.oneLine(tag), reason: reason))
            out += tag
        }
        while index < text.endIndex {
            let rest = text[index...]
            if syntax == .hugo, let escape = [("{{</*", "*/>}}"), ("{{%/*", "*/%}}")].first(where: { rest.hasPrefix($0.0) }),
               let end = rest.dropFirst(escape.0.count).range(of: escape.1) {
                // Hugo's escape for a shortcode shown as code: `{{</* x */>}}` is `{{< x >}}` as text.
                let inner = String(rest[rest.index(rest.startIndex, offsetBy: escape.0.count)..<end.lowerBound])
                out += String(escape.0.prefix(3)) + inner + String(escape.1.suffix(3))
                index = end.upperBound
                continue
            }
            if syntax == .hugo, rest.hasPrefix("{{<") || rest.hasPrefix("{{%") {
                let close = rest.hasPrefix("{{<") ? ">}}" : "%}}"
                // The closing marker is looked for after the opening one: `{{%}}` is no tag.
                guard let end = rest.dropFirst(3).range(of: close) else { out.append(text[index]); index = text.index(after: index); continue }
                let tag = String(rest[..<end.upperBound])
                let inner = String(rest[rest.index(rest.startIndex, offsetBy: 3)..<end.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
                let words = Self.arguments(inner)
                let name = words.positional.first ?? ""
                let args = Arguments(positional: Array(words.positional.dropFirst()), named: words.named)
                if name == "highlight" {
                    let closing = text[end.upperBound...].range(of: #"\{\{[<%]\s*/highlight\s*[>%]\}\}"#, options: .regularExpression)
                    if let closing {
                        out += Self.fence(String(text[end.upperBound..<closing.lowerBound]), language: args.positional.first ?? args.named["lang"] ?? "")
                        result.converted["highlight", default: 0] += 1
                        index = closing.upperBound
                    } else {
                        leave(tag, at: index, "'highlight' has no closing {{< /highlight >}}")
                        index = end.upperBound
                    }
                    continue
                }
                if let converted = hugo(name, args) {
                    out += converted
                    result.converted[name, default: 0] += 1
                } else if ["ref", "relref"].contains(name) {
                    leave(tag, at: index, "'\(name)' names '\(args.positional.first ?? args.named["path"] ?? "")', which is not in the site")
                } else {
                    leave(tag, at: index, name.hasPrefix("/") ? "closing tag of shortcode '\(name.dropFirst())'" : "shortcode '\(name)' has no Markdown equivalent")
                }
                index = end.upperBound
                continue
            }
            if syntax == .liquid, rest.hasPrefix("{%"), let end = rest.dropFirst(2).range(of: "%}") {
                let tag = String(rest[..<end.upperBound])
                let inner = Self.liquidInner(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound]))
                let name = String(inner.prefix { !$0.isWhitespace })
                let argument = inner.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
                switch name {
                case "raw":
                    if let closing = text[end.upperBound...].range(of: #"\{%-?\s*endraw\s*-?%\}"#, options: .regularExpression) {
                        out += text[end.upperBound..<closing.lowerBound]
                        result.converted["raw", default: 0] += 1
                        index = closing.upperBound
                    } else {
                        leave(tag, at: index, "'raw' has no closing {% endraw %}")
                        index = end.upperBound
                    }
                    continue
                case "highlight":
                    if let closing = text[end.upperBound...].range(of: #"\{%-?\s*endhighlight\s*-?%\}"#, options: .regularExpression) {
                        let language = argument.split(separator: " ").first.map(String.init) ?? ""
                        out += Self.fence(String(text[end.upperBound..<closing.lowerBound]), language: language)
                        result.converted["highlight", default: 0] += 1
                        index = closing.upperBound
                    } else {
                        leave(tag, at: index, "'highlight' has no closing {% endhighlight %}")
                        index = end.upperBound
                    }
                    continue
                case "post_url", "link":
                    let target = Self.unquoted(argument)
                    if let link = resolve(name == "post_url" ? "post_url:" + target : target) {
                        out += link
                        result.converted[name, default: 0] += 1
                    } else {
                        leave(tag, at: index, "'\(name)' names '\(target)', which is not in the site")
                    }
                case "youtube", "vimeo", "gist", "tweet", "twitter", "instagram":
                    let words = Self.arguments(argument).positional
                    if let link = embed(name == "twitter" ? "tweet" : name, words, [:]) {
                        out += link
                        result.converted[name, default: 0] += 1
                    } else {
                        leave(tag, at: index, "'\(name)' without an id")
                    }
                case "include", "include_relative":
                    leave(tag, at: index, "includes are theme files; copy what it shows into the post")
                default:
                    leave(tag, at: index, "Liquid tag '\(name)' has no Markdown equivalent")
                }
                index = end.upperBound
                continue
            }
            if syntax == .liquid, rest.hasPrefix("{{"), let end = rest.dropFirst(2).range(of: "}}") {
                let tag = String(rest[..<end.upperBound])
                let inner = Self.liquidInner(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound]))
                if let value = Self.liquidOutput(inner) {
                    out += value
                    result.converted["site.baseurl", default: 0] += 1
                } else {
                    leave(tag, at: index, "Liquid output has no Markdown equivalent")
                }
                index = end.upperBound
                continue
            }
            out.append(text[index])
            index = text.index(after: index)
        }
        if syntax == .liquid {
            for (number, lineText) in out.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where lineText.range(of: #"\{:[^}]*\}"#, options: .regularExpression) != nil {
                // Line numbers of the converted text: conversions keep the lines they replace in most cases.
                let attribute = String(lineText[lineText.range(of: #"\{:[^}]*\}"#, options: .regularExpression)!])
                result.leftovers.append(Leftover(line: number + 1, text: attribute, reason: "kramdown attributes are left to the build"))
            }
        }
        result.text = out
        result.leftovers = result.leftovers.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        return result
    }

    struct Arguments {
        var positional: [String] = []
        var named: [String: String] = [:]
    }

    /// Hugo's arguments: `name "quoted value" key="value" key=value`.
    static func arguments(_ text: String) -> Arguments {
        var result = Arguments()
        var index = text.startIndex
        func readValue() -> String {
            guard index < text.endIndex else { return "" }
            let quote = text[index]
            if quote == "\"" || quote == "`" || quote == "'" {
                let start = text.index(after: index)
                var end = start
                var value = ""
                while end < text.endIndex && text[end] != quote {
                    if text[end] == "\\", quote == "\"", text.index(after: end) < text.endIndex {
                        end = text.index(after: end)
                    }
                    value.append(text[end])
                    end = text.index(after: end)
                }
                index = end < text.endIndex ? text.index(after: end) : end
                return value
            }
            let start = index
            while index < text.endIndex && !text[index].isWhitespace { index = text.index(after: index) }
            return String(text[start..<index])
        }
        while index < text.endIndex {
            if text[index].isWhitespace { index = text.index(after: index); continue }
            // `key=` before any quote or space: a named argument.
            var probe = index
            while probe < text.endIndex, text[probe].isLetter || text[probe].isNumber || text[probe] == "_" || text[probe] == "-" {
                probe = text.index(after: probe)
            }
            if probe > index, probe < text.endIndex, text[probe] == "=" {
                let key = String(text[index..<probe])
                index = text.index(after: probe)
                result.named[key] = readValue()
            } else {
                result.positional.append(readValue())
            }
        }
        return result
    }

    private func hugo(_ name: String, _ args: Arguments) -> String? {
        switch name {
        case "figure":
            guard let src = args.named["src"] else { return nil }
            let alt = args.named["alt"] ?? ""
            let caption = args.named["caption"] ?? args.named["title"]
            if caption == nil, args.named["link"] == nil {
                return "![\(MarkdownText.escaped(alt))](\(Self.destination(src)))"
            }
            var image = "<img src=\"\(HTML.escape(src))\" alt=\"\(HTML.escape(alt))\">"
            if let link = args.named["link"] { image = "<a href=\"\(HTML.escape(link))\">\(image)</a>" }
            return "<figure>" + image + (caption.map { "<figcaption>\(HTML.escape($0))</figcaption>" } ?? "") + "</figure>"
        case "ref", "relref":
            guard let target = args.positional.first ?? args.named["path"] else { return nil }
            return resolve(target)
        case "youtube", "vimeo", "gist", "tweet", "instagram", "x":
            return embed(name == "x" ? "tweet" : name, args.positional, args.named)
        default:
            return nil
        }
    }

    /// An embedded video, gist or post as a plain link on its own.
    private func embed(_ name: String, _ positional: [String], _ named: [String: String]) -> String? {
        let id = named["id"] ?? positional.first.map { $0 } ?? ""
        var url: String?
        switch name {
        case "youtube": url = id.isEmpty ? nil : "https://www.youtube.com/watch?v=\(id)"
        case "vimeo": url = id.isEmpty ? nil : "https://vimeo.com/\(id)"
        case "instagram": url = id.isEmpty ? nil : "https://www.instagram.com/p/\(id)/"
        case "gist":
            if positional.count >= 2 {
                url = "https://gist.github.com/\(positional[0])/\(positional[1])"
            } else if let only = positional.first {
                url = "https://gist.github.com/\(only)"
            }
        case "tweet":
            if id.hasPrefix("http") {
                url = id
            } else if let user = named["user"], let id = named["id"] {
                url = "https://twitter.com/\(user)/status/\(id)"
            } else if positional.count >= 2 {
                url = "https://twitter.com/\(positional[0])/status/\(positional[1])"
            } else if !id.isEmpty {
                url = "https://twitter.com/i/status/\(id)"
            }
        default: break
        }
        guard let url, !url.contains(" ") else { return nil }
        return "<\(url)>"
    }

    /// A fenced code block with the language, fenced with more backticks than the code holds.
    static func fence(_ code: String, language: String) -> String {
        var body = code
        if body.hasPrefix("\n") { body.removeFirst() }
        while body.hasSuffix("\n") { body.removeLast() }
        var longest = 0, run = 0
        for character in body {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let ticks = String(repeating: "`", count: max(3, longest + 1))
        return ticks + language + "\n" + body + "\n" + ticks
    }

    static func destination(_ url: String) -> String {
        url.contains(" ") || url.contains("(") || url.contains(")") ? "<" + url + ">" : url
    }

    /// The tag's words without Liquid's whitespace control dashes.
    static func liquidInner(_ text: String) -> String {
        var inner = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if inner.hasPrefix("-") { inner.removeFirst() }
        if inner.hasSuffix("-") { inner.removeLast() }
        return inner.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func unquoted(_ text: String) -> String {
        var value = text.trimmingCharacters(in: .whitespaces)
        if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
            value = String(value.dropFirst().dropLast())
        }
        return value
    }

    /// `site.baseurl`, `site.url` (nothing: links stay site paths) and `"/x" | relative_url`.
    static func liquidOutput(_ inner: String) -> String? {
        if ["site.baseurl", "site.url", "site.url }}{{ site.baseurl"].contains(inner) { return "" }
        let parts = inner.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count == 2, ["relative_url", "absolute_url", "prepend: site.baseurl"].contains(parts[1]),
           let first = parts.first, first.hasPrefix("\"") || first.hasPrefix("'") {
            return unquoted(first)
        }
        return nil
    }

    static func oneLine(_ text: String) -> String {
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? text
        return line.count > 80 ? String(line.prefix(80)) + "…" : line
    }
}
