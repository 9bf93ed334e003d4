import CCmarkGFM
import Foundation

/// Turns Markdown into HTML with cmark-gfm: GFM tables, strikethrough, autolinks, task lists,
/// the tag filter and footnotes.
///
/// This is the only file that talks to the C library; nothing of it crosses the public API.
/// Every C object is freed with `defer` in the scope that made it.
///
/// Besides rendering, the renderer prepares the HTML for the many pages a post appears on:
/// - headings get stable ids (`## Mes vélos` → `id="mes-velos"`), made unique in the document;
/// - site-internal URLs (`/about/`, or `photo.jpg` next to the post) are written with the
///   `SiteURL` placeholders, which each page replaces with its own relative path (or the feeds
///   with the absolute base URL), so the output works from any host, sub-folder or disk.
public struct MarkdownRenderer: Sendable {
    public struct Options: Sendable, Equatable {
        /// Pass raw HTML through (cmark-gfm's `UNSAFE`); when false it is replaced by a comment.
        public var unsafeHTML: Bool = true

        public init(unsafeHTML: Bool = true) {
            self.unsafeHTML = unsafeHTML
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// The core GFM extensions register themselves in a process-wide table; once is enough and
    /// doing it from one place keeps concurrent renders from racing on that table.
    private static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Renders `markdown`.
    ///
    /// - Parameters:
    ///   - idPrefix: put before every heading and footnote id, so that several posts shown on one
    ///     page (a timeline) never share an id.
    ///   - basePath: the site path of the folder the document's relative URLs point into, e.g.
    ///     `/2026/11/20/hello/`; relative links and images are resolved against it.
    public func render(_ markdown: String, idPrefix: String = "", basePath: String = "/") -> RenderedMarkdown {
        precondition(Self.extensionsRegistered)
        // The placeholders must only ever come from us.
        let source = SiteURL.removingPlaceholders(from: markdown)

        var cmarkOptions = CMARK_OPT_FOOTNOTES | CMARK_OPT_SMART | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
        if options.unsafeHTML { cmarkOptions |= CMARK_OPT_UNSAFE }

        guard let parser = cmark_parser_new(cmarkOptions) else {
            preconditionFailure("cmark_parser_new returned NULL: out of memory")
        }
        defer { cmark_parser_free(parser) }
        for name in Self.extensionNames {
            guard let extensionPointer = cmark_find_syntax_extension(name) else {
                preconditionFailure("cmark-gfm extension '\(name)' is not registered; is libcmark-gfm-extensions installed?")
            }
            cmark_parser_attach_syntax_extension(parser, extensionPointer)
        }
        var utf8 = Array(source.utf8)
        utf8.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                cmark_parser_feed(parser, pointer, buffer.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else {
            preconditionFailure("cmark_parser_finish returned NULL: out of memory")
        }
        defer { cmark_node_free(document) }

        var result = RenderedMarkdown()
        var headings: [OpaquePointer] = []
        var links: [OpaquePointer] = []
        var text = PlainTextCollector()

        guard let iterator = cmark_iter_new(document) else { preconditionFailure("cmark_iter_new returned NULL") }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let entering = event == CMARK_EVENT_ENTER
            switch type {
            case CMARK_NODE_HEADING where entering:
                headings.append(node)
            case CMARK_NODE_LINK where entering, CMARK_NODE_IMAGE where entering:
                links.append(node)
                if type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node) {
                    result.images.append(String(cString: url))
                }
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(node) { text.append(String(cString: literal)) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text.append(" ")
            case CMARK_NODE_PARAGRAPH where !entering, CMARK_NODE_HEADING where !entering, CMARK_NODE_ITEM where !entering:
                text.endBlock()
            case CMARK_NODE_CODE_BLOCK:
                text.endBlock()
            default:
                break
            }
        }

        var usedIDs: Set<String> = []
        for node in headings {
            let level = Int(cmark_node_get_heading_level(node))
            let title = Self.plainText(of: node)
            var id = Slug.make(title)
            if id.isEmpty { id = "section" }
            var unique = id
            var counter = 1
            while usedIDs.contains(unique) {
                unique = "\(id)-\(counter)"
                counter += 1
            }
            usedIDs.insert(unique)
            result.headings.append(.init(level: level, id: idPrefix + unique, text: title))
            replaceHeading(node, level: level, id: idPrefix + unique)
        }

        for node in links {
            guard let url = cmark_node_get_url(node) else { continue }
            let original = String(cString: url)
            if original.hasPrefix("#") {
                // A link to one of this document's headings follows the heading's prefixed id.
                if !idPrefix.isEmpty, usedIDs.contains(String(original.dropFirst())) {
                    cmark_node_set_url(node, "#" + idPrefix + original.dropFirst())
                }
            } else if let rewritten = SiteURL.placeholder(for: original, basePath: basePath) {
                cmark_node_set_url(node, rewritten)
            }
        }

        guard let rendered = cmark_render_html(document, cmarkOptions, cmark_parser_get_syntax_extensions(parser)) else {
            preconditionFailure("cmark_render_html returned NULL: out of memory")
        }
        defer { free(rendered) }
        var html = String(cString: rendered)
        if !idPrefix.isEmpty {
            html = Self.prefixFootnoteIDs(html, with: idPrefix)
        }
        result.html = html
        result.plainText = text.result
        return result
    }

    /// Swaps a heading for a custom block holding a custom inline that prints `<hN id="…">`,
    /// keeping the heading's inline children.
    ///
    /// cmark-gfm's HTML renderer has no attribute hook for headings. A custom block alone would put
    /// line breaks inside the heading; the inline in between keeps `<h2 id="x">Title</h2>` on one line.
    private func replaceHeading(_ heading: OpaquePointer, level: Int, id: String) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK), let inline = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else {
            preconditionFailure("cmark_node_new returned NULL")
        }
        cmark_node_set_on_enter(block, "")
        cmark_node_set_on_exit(block, "")
        cmark_node_set_on_enter(inline, "<h\(level) id=\"\(HTML.escapeAttribute(id))\">")
        cmark_node_set_on_exit(inline, "</h\(level)>")
        while let child = cmark_node_first_child(heading) {
            cmark_node_unlink(child)
            precondition(cmark_node_append_child(inline, child) == 1, "cmark refused a heading's child in a custom inline")
        }
        precondition(cmark_node_append_child(block, inline) == 1, "cmark refused a custom inline in a custom block")
        precondition(cmark_node_replace(heading, block) == 1, "cmark refused to replace a heading")
        cmark_node_free(heading)
    }

    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// cmark-gfm writes footnotes as `id="fn-1"` / `href="#fnref-1"` with no way to set a prefix.
    private static func prefixFootnoteIDs(_ html: String, with prefix: String) -> String {
        guard html.contains("fnref-") else { return html }
        return html
            .replacingOccurrences(of: "id=\"fn-", with: "id=\"\(prefix)fn-")
            .replacingOccurrences(of: "href=\"#fn-", with: "href=\"#\(prefix)fn-")
            .replacingOccurrences(of: "id=\"fnref-", with: "id=\"\(prefix)fnref-")
            .replacingOccurrences(of: "href=\"#fnref-", with: "href=\"#\(prefix)fnref-")
    }
}

/// The result of rendering one Markdown document.
public struct RenderedMarkdown: Sendable, Equatable {
    public struct Heading: Sendable, Equatable {
        public var level: Int
        public var id: String
        public var text: String
    }

    /// HTML with `SiteURL` placeholders for site-internal URLs.
    public var html: String = ""
    /// The text without markup, blocks separated by newlines: for summaries and excerpts.
    public var plainText: String = ""
    public var headings: [Heading] = []
    /// Image URLs as written, in document order.
    public var images: [String] = []
}

/// Gathers the text of a document, one line per block.
private struct PlainTextCollector {
    private var lines: [String] = []
    private var current = ""

    mutating func append(_ text: String) {
        current += text
    }

    mutating func endBlock() {
        let line = current.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if !line.isEmpty { lines.append(line) }
        current = ""
    }

    var result: String {
        var copy = self
        copy.endBlock()
        return copy.lines.joined(separator: "\n")
    }
}
