import CLibXML2
import Foundation

/// A Mastodon post's HTML `content` as Markdown, read with libxml2's HTML parser (the one
/// `RawHTML` uses), so that any markup, however malformed, becomes safe text.
///
/// - `<p>` and other blocks become paragraphs, `<br>` a line break.
/// - A mention (`<a class="u-url mention">@<span>bob</span></a>`) becomes a link to the profile.
/// - A hashtag (`<a class="mention hashtag">#<span>tag</span></a>`) becomes `#tag` as text, which
///   the build reads as a tag.
/// - Mastodon shortens long links for display (`<span class="invisible">https://</span>` and an
///   `ellipsis` span): the link becomes the whole address from its `href`.
/// - Other links to `http`, `https` and `mailto` stay links; anything else is kept as its text,
///   with Markdown's special characters escaped (`MarkdownText`).
enum MastodonHTML {
    static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "figcaption", "figure", "footer",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tr", "ul",
    ]
    static let hiddenElements: Set<String> = ["script", "style", "template", "head", "title", "noscript"]

    /// The Markdown for `html`; paragraphs are separated by a blank line.
    static func markdown(_ html: String) -> String {
        convert(html).paragraphs.joined(separator: "\n\n")
    }

    /// The first link's address, or the text when it is itself an address: a profile link in
    /// `actor.json` is HTML (`<a href="https://ada.example">ada.example</a>`).
    static func firstLink(_ html: String) -> String? {
        let result = convert(html)
        if let link = result.links.first { return link }
        let text = result.plainText.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.hasPrefix("https://") || text.hasPrefix("http://") ? text : nil
    }

    struct Conversion {
        var paragraphs: [String] = []
        var links: [String] = []
        var plainText = ""
    }

    static func convert(_ html: String) -> Conversion {
        var converter = Converter()
        let bytes = Array(html.utf8)
        guard !bytes.isEmpty else { return Conversion() }
        _ = initialized
        let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_RECOVER.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                htmlReadMemory(pointer, Int32(clamping: buffer.count), nil, "UTF-8", options)
            }
        }
        guard let document else { return Conversion() }
        defer { xmlFreeDoc(document) }
        var child = document.pointee.children
        while let node = child {
            converter.visit(node)
            child = node.pointee.next
        }
        converter.flush()
        return converter.result
    }

    /// `xmlInitParser` must run once before threads use libxml2.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    private struct Converter {
        var result = Conversion()
        var parts: [MarkdownText.Part] = []

        mutating func flush() {
            let text = MarkdownText.join(parts).trimmingCharacters(in: .whitespacesAndNewlines)
            // A paragraph that ended in a `<br>` keeps no dangling hard break.
            let trimmed = text.hasSuffix("\\") && !text.hasSuffix("\\\\") ? String(text.dropLast()) : text
            if !trimmed.isEmpty { result.paragraphs.append(trimmed) }
            parts = []
        }

        mutating func visit(_ node: xmlNodePtr) {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                let text = MastodonHTML.content(node)
                result.plainText += text
                // HTML collapses white space; line breaks come from `<br>` only.
                var collapsed = ""
                var lastWasSpace = false
                for character in text {
                    if character.isWhitespace && !character.isNewline || character == "\n" || character == "\r" {
                        if !lastWasSpace { collapsed.append(" ") }
                        lastWasSpace = true
                    } else {
                        collapsed.append(character)
                        lastWasSpace = false
                    }
                }
                if case .text(let previous)? = parts.last, previous.hasSuffix("\n") || previous.hasSuffix(" ") {
                    collapsed = String(collapsed.drop { $0 == " " })
                } else if parts.isEmpty {
                    collapsed = String(collapsed.drop { $0 == " " })
                }
                if !collapsed.isEmpty { parts.append(.text(collapsed)) }
            case XML_ELEMENT_NODE:
                let name = MastodonHTML.name(node)
                if MastodonHTML.hiddenElements.contains(name) { return }
                if name == "br" {
                    if case .text(let previous)? = parts.last, previous.hasSuffix(" ") {
                        parts[parts.count - 1] = .text(String(previous.dropLast()))
                    }
                    parts.append(.text("\n"))
                    return
                }
                if name == "a" {
                    link(node)
                    return
                }
                let isBlock = MastodonHTML.blockElements.contains(name)
                if isBlock { flush() }
                visitChildren(node)
                if isBlock { flush() }
            default:
                return
            }
        }

        mutating func visitChildren(_ node: xmlNodePtr) {
            var child = node.pointee.children
            while let current = child {
                visit(current)
                child = current.pointee.next
            }
        }

        mutating func link(_ node: xmlNodePtr) {
            let classes = Set((MastodonHTML.attribute(node, "class") ?? "").split(separator: " ").map(String.init))
            let href = MastodonHTML.attribute(node, "href")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let text = MastodonHTML.textContent(node).trimmingCharacters(in: .whitespacesAndNewlines)
            result.plainText += text
            let lowercased = href.lowercased()
            let isWeb = lowercased.hasPrefix("https://") || lowercased.hasPrefix("http://")
            if isWeb || lowercased.hasPrefix("mailto:") { result.links.append(href) }
            if classes.contains("hashtag") || (text.hasPrefix("#") && classes.contains("mention")) {
                let tag = text.drop { $0 == "#" }.filter { !$0.isWhitespace }
                if !tag.isEmpty { parts.append(.text("#" + tag)) }
                return
            }
            guard isWeb || lowercased.hasPrefix("mailto:") else {
                if !text.isEmpty { parts.append(.text(text)) }
                return
            }
            if text.isEmpty || MastodonHTML.isShortened(node) || MastodonHTML.shows(href, as: text) {
                parts.append(.markdown(MarkdownText.autolink(href)))
            } else {
                parts.append(.markdown(MarkdownText.link(text, to: href)))
            }
        }
    }

    /// Whether the link's text is its address, shortened for display (`example.com/long…`).
    static func shows(_ href: String, as text: String) -> Bool {
        func bare(_ url: String) -> String {
            var url = url
            for scheme in ["https://", "http://", "mailto:"] where url.lowercased().hasPrefix(scheme) { url = String(url.dropFirst(scheme.count)) }
            if url.hasPrefix("www.") { url = String(url.dropFirst(4)) }
            return url
        }
        let shown = bare(text.hasSuffix("…") ? String(text.dropLast()) : text)
        return !shown.isEmpty && bare(href).hasPrefix(shown) && (shown.count >= bare(href).count || text.hasSuffix("…"))
    }

    /// Mastodon's display form of a long link: `invisible` and `ellipsis` spans inside it.
    static func isShortened(_ node: xmlNodePtr) -> Bool {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                let classes = (attribute(current, "class") ?? "").split(separator: " ")
                if classes.contains("invisible") || classes.contains("ellipsis") || isShortened(current) { return true }
            }
            child = current.pointee.next
        }
        return false
    }

    static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
    }

    static func content(_ node: xmlNodePtr) -> String {
        node.pointee.content.map { String(cString: $0) } ?? ""
    }

    /// All the text below `node`, hidden parts included (a shortened link's `invisible` spans).
    static func textContent(_ node: xmlNodePtr) -> String {
        var text = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: text += content(current)
            case XML_ELEMENT_NODE where !hiddenElements.contains(name(current)): text += textContent(current)
            default: break
            }
            child = current.pointee.next
        }
        return text
    }

    /// An attribute's value, read from the parsed tree (nothing to free).
    static func attribute(_ node: xmlNodePtr, _ wanted: String) -> String? {
        var property = node.pointee.properties
        while let current = property {
            if let name = current.pointee.name, String(cString: name).lowercased() == wanted {
                var value = ""
                var child = current.pointee.children
                while let text = child {
                    value += content(text)
                    child = text.pointee.next
                }
                return value
            }
            property = current.pointee.next
        }
        return nil
    }
}
