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
///   with the absolute base URL), so the output works from any host, sub-folder or disk;
/// - `#hashtags` link to their tag page and `@user@instance.social` mentions to the profile,
///   found in the text nodes of the syntax tree (never in code, links, images or raw HTML).
public struct MarkdownRenderer: Sendable {
    public struct Options: Sendable, Equatable {
        /// Pass raw HTML through (cmark-gfm's `UNSAFE`); when false it is replaced by a comment.
        public var unsafeHTML: Bool = true
        /// Profile URLs for bare `@name` mentions (site.yml `mentions`), keyed by name without `@`,
        /// matched case-insensitively. `@user@instance.social` needs no entry.
        public var mentions: [String: String] = [:]

        /// `#word` links to the tag's page and counts as a tag (site.yml `markdown.hashtags`,
        /// front matter `hashtags`).
        public var hashtags: Bool = true

        /// `:smile:` becomes 😄 (site.yml `markdown.emoji`, Hugo's `enableEmoji`).
        public var emoji: Bool = false

        public init(unsafeHTML: Bool = true, mentions: [String: String] = [:], hashtags: Bool = true, emoji: Bool = false) {
            self.unsafeHTML = unsafeHTML
            self.mentions = mentions
            self.hashtags = hashtags
            self.emoji = emoji
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

    /// Held while cmark-gfm parses: see `render`.
    private static let parseLock = NSLock()

    /// Renders `markdown`.
    ///
    /// - Parameters:
    ///   - idPrefix: put before every heading and footnote id, so that several posts shown on one
    ///     page (a timeline) never share an id.
    ///   - basePath: the site path of the folder the document's relative URLs point into, e.g.
    ///     `/2026/11/20/hello/`; relative links and images are resolved against it.
    ///   - sourceFolder: the document's folder below `Content/` (`posts/2019/`): links to other
    ///     Markdown files are marked for the build to point at their pages (`SiteURL.sourceLink`).
    public func render(_ markdown: String, idPrefix: String = "", basePath: String = "/", sourceFolder: String? = nil) -> RenderedMarkdown {
        precondition(Self.extensionsRegistered)
        // The placeholders must only ever come from us.
        var source = SiteURL.removingPlaceholders(from: markdown)
        // So are the block attributes' markers.
        if source.unicodeScalars.contains(Self.markerScalar) { source.unicodeScalars.removeAll { $0 == Self.markerScalar } }

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
        // cmark-gfm keeps the special characters of its inline extensions (`~` for strikethrough,
        // `|` for tables…) in one process-wide table that every parser adds to when it starts and
        // removes from when it finishes (cmark-gfm PR #176). Two parses at once on different
        // threads race on it and `~~x~~` comes out as text or as `<del>` by chance, so parsing is
        // serialized. It is the cheap part (~0.3 s for 10,000 posts); the tree walk, the edits and
        // the HTML rendering below stay parallel.
        let document: OpaquePointer = Self.parseLock.withLock {
            utf8.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                    cmark_parser_feed(parser, pointer, buffer.count)
                }
            }
            guard let document = cmark_parser_finish(parser) else {
                preconditionFailure("cmark_parser_finish returned NULL: out of memory")
            }
            return document
        }
        defer { cmark_node_free(document) }

        var result = RenderedMarkdown()
        // Attribute lists go first, so that `{#gpg}` is neither heading text nor a hashtag.
        var detached: [OpaquePointer] = []
        defer { for node in detached { cmark_node_free(node) } }
        var blockAttributes: [AttributeList] = []
        let headingAttributes = source.utf8.contains(UInt8(ascii: "{"))
            ? takeAttributeLists(document, detached: &detached, blocks: &blockAttributes, result: &result) : [:]
        if options.emoji && source.utf8.contains(UInt8(ascii: ":")) { replaceEmojiShortcodes(document) }
        var headings: [OpaquePointer] = []
        var links: [OpaquePointer] = []
        var rawHTML: [OpaquePointer] = []
        var footnoteDepth = 0
        var text = PlainTextCollector()
        // Without a `#` or `@` byte in the source there is nothing to find (entities such as
        // `&#35;` decode to one, but an escaped character never starts a hashtag or mention).
        let marks: Set<UInt8> = options.hashtags ? [UInt8(ascii: "#"), UInt8(ascii: "@")] : [UInt8(ascii: "@")]
        var social = SocialTextCollector(source: source.utf8.contains { marks.contains($0) } ? MarkdownSource(source) : nil)

        guard let iterator = cmark_iter_new(document) else { preconditionFailure("cmark_iter_new returned NULL") }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let entering = event == CMARK_EVENT_ENTER
            social.visit(node, type: type, entering: entering)
            if type == CMARK_NODE_FOOTNOTE_DEFINITION {
                // Footnotes are not part of the text a summary is made from.
                footnoteDepth += entering ? 1 : -1
                continue
            }
            switch type {
            case CMARK_NODE_HTML_INLINE, CMARK_NODE_HTML_BLOCK:
                guard options.unsafeHTML, let literal = cmark_node_get_literal(node) else { break }
                rawHTML.append(node)
                if footnoteDepth == 0 {
                    let words = RawHTML.rewrite(String(cString: literal), url: { _ in nil }).text
                    if type == CMARK_NODE_HTML_BLOCK {
                        text.endBlock()
                        text.append(words)
                        text.endBlock()
                    } else if !words.isEmpty {
                        text.append(words)
                    }
                }
            case CMARK_NODE_HEADING where entering:
                headings.append(node)
            case CMARK_NODE_LINK where entering, CMARK_NODE_IMAGE where entering:
                links.append(node)
                if type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node) {
                    result.images.append(String(cString: url))
                }
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if footnoteDepth == 0, let literal = cmark_node_get_literal(node) { text.append(String(cString: literal)) }
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
        var nextSuffix: [String: Int] = [:]
        /// `id`, or `id-1`, `id-2`… when taken. Each base id remembers its next suffix: counting
        /// from 1 for every heading made a page of 20,000 headings named alike take minutes.
        func uniqueID(_ id: String) -> String {
            var unique = id
            var counter = nextSuffix[id, default: 1]
            while usedIDs.contains(unique) {
                unique = "\(id)-\(counter)"
                counter += 1
            }
            nextSuffix[id] = counter
            usedIDs.insert(unique)
            return unique
        }
        // A replaced heading is freed only after rendering: the text of its inlines (an autolink's
        // URL, raw HTML) can still point into the heading's own buffer, so freeing it earlier
        // made the renderer read freed memory (found by fuzzing: "http://1\n-").
        defer { for node in headings { cmark_node_free(node) } }
        for node in headings {
            let level = Int(cmark_node_get_heading_level(node))
            let title = Self.plainText(of: node)
            let attributes = headingAttributes[node]
            var id = attributes?.id ?? Slug.make(title)
            if id.isEmpty { id = "section" }
            let unique = uniqueID(id)
            result.headings.append(.init(level: level, id: idPrefix + unique, text: title))
            replaceHeading(node, level: level, id: idPrefix + unique, classes: attributes?.classes ?? [])
        }

        // Kramdown's block attributes: their ids are prefixed and kept unique as headings' are.
        for index in blockAttributes.indices {
            guard let id = blockAttributes[index].id else { continue }
            blockAttributes[index].id = idPrefix + uniqueID(id)
        }

        for node in links {
            guard let url = cmark_node_get_url(node) else { continue }
            let original = String(cString: url)
            if original.hasPrefix("#") {
                // A link to one of this document's headings follows the heading's prefixed id.
                if !idPrefix.isEmpty, usedIDs.contains(String(original.dropFirst())) {
                    cmark_node_set_url(node, "#" + idPrefix + original.dropFirst())
                }
            } else if let sourceFolder, cmark_node_get_type(node) == CMARK_NODE_LINK,
                      let marked = SiteURL.sourceLink(original, folder: sourceFolder) {
                cmark_node_set_url(node, marked)
            } else if let rewritten = SiteURL.placeholder(for: original, basePath: basePath) {
                cmark_node_set_url(node, rewritten)
            }
        }

        // Raw HTML follows the same rules as Markdown links: site paths become placeholders, and
        // links to this document's headings follow their prefixed ids.
        for node in rawHTML {
            guard let literal = cmark_node_get_literal(node) else { continue }
            let rewritten = RawHTML.rewrite(String(cString: literal)) { url in
                if url.hasPrefix("#") {
                    let id = String(url.dropFirst())
                    return SiteURL.selfMarker + "#" + (!idPrefix.isEmpty && usedIDs.contains(id) ? idPrefix + id : id)
                }
                // A space or a quote in a hand-written URL would cut it short in some readers.
                return SiteURL.placeholder(for: url, basePath: basePath).map(MediaURL.encodeIllegalCharacters)
            }
            precondition(cmark_node_set_literal(node, rewritten.html) == 1, "cmark refused a raw HTML literal")
        }

        // Last: the edits free the text and link nodes they replace.
        applySocialEdits(social.edits, to: &result)

        guard let rendered = cmark_render_html(document, cmarkOptions, cmark_parser_get_syntax_extensions(parser)) else {
            preconditionFailure("cmark_render_html returned NULL: out of memory")
        }
        defer { free(rendered) }
        var html = String(cString: rendered)
        if !blockAttributes.isEmpty { html = Self.applyingBlockAttributes(blockAttributes, to: html) }
        if !idPrefix.isEmpty {
            html = Self.prefixFootnoteIDs(html, with: idPrefix)
        }
        // Links within the document (footnotes, headings) point at this page; feeds make them
        // point at the post's permalink.
        html = html.replacingAll("href=\"#", with: "href=\"" + SiteURL.selfMarker + "#")
        result.html = html
        result.plainText = text.result
        return result
    }

    /// Swaps a heading for a custom block holding a custom inline that prints `<hN id="…">`,
    /// keeping the heading's inline children.
    ///
    /// cmark-gfm's HTML renderer has no attribute hook for headings. A custom block alone would put
    /// line breaks inside the heading; the inline in between keeps `<h2 id="x">Title</h2>` on one line.
    /// The caller frees the detached heading once the document is rendered.
    private func replaceHeading(_ heading: OpaquePointer, level: Int, id: String, classes: [String]) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK), let inline = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else {
            preconditionFailure("cmark_node_new returned NULL")
        }
        cmark_node_set_on_enter(block, "")
        cmark_node_set_on_exit(block, "")
        let classAttribute = classes.isEmpty ? "" : " class=\"\(HTML.escapeAttribute(classes.joined(separator: " ")))\""
        cmark_node_set_on_enter(inline, "<h\(level) id=\"\(HTML.escapeAttribute(id))\"\(classAttribute)>")
        cmark_node_set_on_exit(inline, "</h\(level)>")
        while let child = cmark_node_first_child(heading) {
            cmark_node_unlink(child)
            precondition(cmark_node_append_child(inline, child) == 1, "cmark refused a heading's child in a custom inline")
        }
        precondition(cmark_node_append_child(block, inline) == 1, "cmark refused a custom inline in a custom block")
        precondition(cmark_node_replace(heading, block) == 1, "cmark refused to replace a heading")
    }

    /// Takes the attribute lists out of the text: `## GPG {#gpg}` gives its heading an id (and
    /// `{.class}` a class), and kramdown's `{: .float-end }` lines give theirs to the block
    /// before them, as kramdown does: the paragraph they end, else the block before their own
    /// paragraph (the next one when there is none before). One that cannot be placed (in the
    /// middle of a paragraph's text) is dropped with a problem naming its line.
    ///
    /// A block's attributes are marked by a custom block just before it, which prints a marker
    /// (`blockMarker`) that `applyingBlockAttributes` turns into attributes of the element that
    /// follows; only `id` and `class` are written.
    /// Nodes are only detached here; `detached` frees them once the document is rendered.
    private func takeAttributeLists(_ document: OpaquePointer, detached: inout [OpaquePointer], blocks: inout [AttributeList],
                                    result: inout RenderedMarkdown) -> [OpaquePointer: AttributeList] {
        var headings: [OpaquePointer] = []
        var texts: [OpaquePointer] = []
        do {
            // The tree is only changed after the walk: a cmark iterator must not see it change.
            guard let iterator = cmark_iter_new(document) else { preconditionFailure("cmark_iter_new returned NULL") }
            defer { cmark_iter_free(iterator) }
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
                switch cmark_node_get_type(node) {
                case CMARK_NODE_HEADING: headings.append(node)
                case CMARK_NODE_TEXT:
                    if let literal = cmark_node_get_literal(node), literal[0] == CChar(UInt8(ascii: "{")), literal[1] == CChar(UInt8(ascii: ":")) {
                        texts.append(node)
                    }
                default: break
                }
            }
        }
        var found: [OpaquePointer: AttributeList] = [:]
        for heading in headings {
            guard let last = cmark_node_last_child(heading), cmark_node_get_type(last) == CMARK_NODE_TEXT,
                  let literal = cmark_node_get_literal(last),
                  let (attributes, rest) = AttributeList.trailing(in: String(cString: literal)),
                  !(rest.isEmpty && cmark_node_previous(last) == nil) else { continue }
            found[heading] = attributes
            if rest.isEmpty {
                cmark_node_unlink(last)
                detached.append(last)
            } else {
                precondition(cmark_node_set_literal(last, rest) == 1, "cmark refused a text node's literal")
            }
        }
        for text in texts {
            guard let literal = cmark_node_get_literal(text), case let written = String(cString: literal),
                  let (_, rest) = AttributeList.leading(in: written) else { continue }
            let previous = cmark_node_previous(text)
            let previousType = previous.map(cmark_node_get_type)
            // Only where kramdown reads one: at the start of a line, or right after an image or link.
            guard previous == nil || [CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_IMAGE, CMARK_NODE_LINK].contains(previousType) else { continue }
            let parent = cmark_node_parent(text)
            var line = Int(cmark_node_get_start_line(text))
            if line == 0, let parent { line = Int(cmark_node_get_start_line(parent)) }
            let list = String(written.dropLast(rest.count)).trimmingCharacters(in: .whitespaces)
            let attributes = AttributeList.leading(in: written)?.attributes ?? AttributeList()
            let endsLine = rest.allSatisfy({ $0 == " " || $0 == "\t" }) && cmark_node_next(text) == nil
            // An image or link alone in its paragraph (`![A cat](cat.jpg){: .float-end}`) gives its
            // attributes to the paragraph: Markdown has no way to write them on the image.
            let alone = previousType == CMARK_NODE_IMAGE || previousType == CMARK_NODE_LINK
                ? previous.map { cmark_node_previous($0) == nil } ?? false : true
            guard endsLine, alone, let parent, cmark_node_get_type(parent) == CMARK_NODE_PARAGRAPH else {
                result.problems.append("Kramdown attributes '\(list)' were left out: they must end a line after a block. Put them on the line after the paragraph, or use HTML for the classes")
                result.problemLines.append(line)
                if !rest.allSatisfy({ $0 == " " || $0 == "\t" }) {
                    precondition(cmark_node_set_literal(text, rest) == 1, "cmark refused a text node's literal")
                } else {
                    cmark_node_unlink(text)
                    detached.append(text)
                }
                continue
            }
            if let previous, previousType == CMARK_NODE_SOFTBREAK || previousType == CMARK_NODE_LINEBREAK {
                cmark_node_unlink(previous)
                detached.append(previous)
            }
            cmark_node_unlink(text)
            detached.append(text)
            var target: OpaquePointer? = parent
            if cmark_node_first_child(parent) == nil {
                // A line of its own: the block before it, else the one after it.
                target = cmark_node_previous(parent) ?? cmark_node_next(parent)
                cmark_node_unlink(parent)
                detached.append(parent)
            }
            guard let target, attributes.id != nil || !attributes.classes.isEmpty else { continue }
            if cmark_node_get_type(target) == CMARK_NODE_HEADING {
                var merged = found[target] ?? AttributeList()
                merged.id = attributes.id ?? merged.id
                merged.classes += attributes.classes
                found[target] = merged
                continue
            }
            guard let marker = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { preconditionFailure("cmark_node_new returned NULL") }
            cmark_node_set_on_enter(marker, Self.blockMarker(blocks.count))
            cmark_node_set_on_exit(marker, "")
            precondition(cmark_node_insert_before(target, marker) == 1, "cmark refused a custom block before a block")
            blocks.append(attributes)
        }
        return found
    }

    /// What the custom block before a block with kramdown attributes prints: noncharacters, which
    /// `ControlCharacters` takes out of every source, around the attributes' number.
    static func blockMarker(_ index: Int) -> String {
        let mark = String(Character(markerScalar))
        return mark + "sz-attributes-\(index)" + mark
    }

    /// U+FDD0, a noncharacter (which Swift does not allow in a literal).
    static let markerScalar = Unicode.Scalar(0xFDD0 as UInt32)!

    /// Puts each marked block's `id` and `class` on the element that follows its marker (the
    /// marker and its line break go); a marker followed by no element (a tight list's paragraph
    /// prints none) just goes.
    static func applyingBlockAttributes(_ blocks: [AttributeList], to html: String) -> String {
        var html = html
        for (index, attributes) in blocks.enumerated() {
            guard let found = html.range(of: blockMarker(index)) else { continue }
            var end = found.upperBound
            while end < html.endIndex, html[end] == "\n" { end = html.index(after: end) }
            var text = ""
            if end < html.endIndex, html[end] == "<", html.index(after: end) < html.endIndex, html[html.index(after: end)].isLetter {
                let nameEnd = html[html.index(after: end)...].firstIndex { !($0.isLetter || $0.isNumber) } ?? html.endIndex
                var written = ""
                if let id = attributes.id { written += " id=\"\(HTML.escapeAttribute(id))\"" }
                if !attributes.classes.isEmpty { written += " class=\"\(HTML.escapeAttribute(attributes.classes.joined(separator: " ")))\"" }
                text = String(html[end..<nameEnd]) + written
                html.replaceSubrange(found.lowerBound..<nameEnd, with: text)
            } else {
                html.replaceSubrange(found.lowerBound..<end, with: "")
            }
        }
        return html
    }

    /// `:smile:` in text (never in code, links' URLs or raw HTML) becomes its emoji.
    private func replaceEmojiShortcodes(_ document: OpaquePointer) {
        var texts: [OpaquePointer] = []
        do {
            guard let iterator = cmark_iter_new(document) else { preconditionFailure("cmark_iter_new returned NULL") }
            defer { cmark_iter_free(iterator) }
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_TEXT else { continue }
                texts.append(node)
            }
        }
        for node in texts {
            guard let literal = cmark_node_get_literal(node) else { continue }
            let text = String(cString: literal)
            let replaced = Emoji.replacingShortcodes(in: text)
            if replaced != text { precondition(cmark_node_set_literal(node, replaced) == 1, "cmark refused a text node's literal") }
        }
    }

    /// Splits text nodes around their hashtags and mentions, in document order, and lists them.
    private func applySocialEdits(_ edits: [SocialTextCollector.Edit], to result: inout RenderedMarkdown) {
        guard !edits.isEmpty else { return }
        let scanner = SocialTextScanner(mentions: options.mentions, hashtags: options.hashtags)
        var seenTags: Set<String> = []
        var seenMentions: Set<String> = []
        var problems: [String] = []

        func record(_ token: SocialTextScanner.Token) {
            switch token {
            case .text:
                break
            case .hashtag(let hashtag):
                if seenTags.insert(hashtag.name.lowercased()).inserted { result.hashtags.append(hashtag.name) }
            case .mention(let mention):
                if seenMentions.insert(mention.url).inserted { result.mentions.append(mention.url) }
            }
        }

        for edit in edits {
            switch edit {
            case .text(let entry):
                var scalars = entry.scalars
                var escaped = entry.escaped
                if entry.dropsTrailingAt {
                    scalars.removeLast()
                    if escaped.count > scalars.count { escaped.removeLast(escaped.count - scalars.count) }
                }
                let scan = scanner.scan(scalars, escaped: escaped, previous: entry.previous, followedByCode: entry.followedByCode)
                problems += scan.problems
                guard !scan.isPlainText || entry.dropsTrailingAt else { continue }
                for token in scan.tokens {
                    record(token)
                    insert(token, before: entry.node)
                }
                cmark_node_unlink(entry.node)
                cmark_node_free(entry.node)
            case .mailtoMention(let link, let mention):
                record(.mention(mention))
                insert(.mention(mention), before: link)
                cmark_node_unlink(link)
                cmark_node_free(link)
            case .mailtoInvalid(let link, let address, let message):
                problems.append(message)
                insert(.text(address), before: link)
                cmark_node_unlink(link)
                cmark_node_free(link)
            }
        }
        var seenProblems = Set(result.problems)
        for problem in problems where seenProblems.insert(problem).inserted {
            result.problems.append(problem)
            result.problemLines.append(0)
        }
    }

    /// Puts the node(s) for `token` just before `anchor`, as its siblings.
    ///
    /// A hashtag or mention is a custom inline printing the `<a …>` tags around a text node with
    /// the `#tag` as written; cmark prints custom nodes whatever the safe mode.
    private func insert(_ token: SocialTextScanner.Token, before anchor: OpaquePointer) {
        let opening: String, href: String, label: String
        switch token {
        case .text(let text):
            insertOrFail(Self.textNode(text), before: anchor)
            return
        case .hashtag(let hashtag):
            (opening, href, label) = (hashtag.openingTag, hashtag.href, hashtag.text)
        case .mention(let mention):
            (opening, href, label) = (mention.openingTag, mention.url, mention.text)
        }
        guard let inline = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { preconditionFailure("cmark_node_new returned NULL") }
        cmark_node_set_on_enter(inline, opening)
        cmark_node_set_on_exit(inline, "</a>")
        precondition(cmark_node_append_child(inline, Self.textNode(label)) == 1, "cmark refused a text node in a custom inline")
        if cmark_node_insert_before(anchor, inline) == 1 { return }
        cmark_node_free(inline)
        // Table cells take only a fixed list of inline types, without custom inlines. Raw HTML
        // nodes print the same tags, but safe mode replaces them by a comment: there, a plain link.
        if options.unsafeHTML {
            guard let open = cmark_node_new(CMARK_NODE_HTML_INLINE), let close = cmark_node_new(CMARK_NODE_HTML_INLINE) else {
                preconditionFailure("cmark_node_new returned NULL")
            }
            cmark_node_set_literal(open, opening)
            cmark_node_set_literal(close, "</a>")
            insertOrFail(open, before: anchor)
            insertOrFail(Self.textNode(label), before: anchor)
            insertOrFail(close, before: anchor)
        } else {
            guard let link = cmark_node_new(CMARK_NODE_LINK) else { preconditionFailure("cmark_node_new returned NULL") }
            cmark_node_set_url(link, href)
            precondition(cmark_node_append_child(link, Self.textNode(label)) == 1, "cmark refused a text node in a link")
            insertOrFail(link, before: anchor)
        }
    }

    private func insertOrFail(_ node: OpaquePointer, before anchor: OpaquePointer) {
        precondition(cmark_node_insert_before(anchor, node) == 1, "cmark refused a \(String(cString: cmark_node_get_type_string(node))) node beside a text node")
    }

    private static func textNode(_ literal: String) -> OpaquePointer {
        guard let node = cmark_node_new(CMARK_NODE_TEXT) else { preconditionFailure("cmark_node_new returned NULL") }
        precondition(cmark_node_set_literal(node, literal) == 1, "cmark refused a text node's literal")
        return node
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
        // Most texts have nothing to trim: `trimmingCharacters` goes through `NSString`.
        if let first = text.utf8.first, let last = text.utf8.last, first < 0x80, last < 0x80,
           first != UInt8(ascii: " "), first != UInt8(ascii: "\t"), last != UInt8(ascii: " "), last != UInt8(ascii: "\t") {
            return text
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// cmark-gfm writes footnotes as `id="fn-1"` / `href="#fnref-1"` with no way to set a prefix.
    private static func prefixFootnoteIDs(_ html: String, with prefix: String) -> String {
        guard html.containsBytes("fnref-") else { return html }
        return html
            .replacingAll("id=\"fn-", with: "id=\"\(prefix)fn-")
            .replacingAll("href=\"#fn-", with: "href=\"#\(prefix)fn-")
            .replacingAll("id=\"fnref-", with: "id=\"\(prefix)fnref-")
            .replacingAll("href=\"#fnref-", with: "href=\"#\(prefix)fnref-")
    }
}

/// The result of rendering one Markdown document.
public struct RenderedMarkdown: Sendable, Equatable, Codable {
    public struct Heading: Sendable, Equatable, Codable {
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
    /// Hashtag names as written, without `#`, in order of first appearance; a name differing
    /// from an earlier one only by case is left out.
    public var hashtags: [String] = []
    /// Profile URLs of the mentions, in order of first appearance, without repeats.
    public var mentions: [String] = []
    /// What the author should hear about (a hashtag too long, a mention of an invalid server);
    /// the caller reports them as warnings naming the file.
    public var problems: [String] = []
    /// The line of each problem in the Markdown text, 0 where unknown.
    public var problemLines: [Int] = []
}

/// Gathers the text of a document, one line per block.
private struct PlainTextCollector {
    private var lines: [String] = []
    private var current = ""

    mutating func append(_ text: String) {
        current += text
    }

    mutating func endBlock() {
        let line = current.collapsingWhitespace()
        if !line.isEmpty { lines.append(line) }
        current = ""
    }

    var result: String {
        var copy = self
        copy.endBlock()
        return copy.lines.joined(separator: "\n")
    }
}

/// Gathers, while the renderer walks the tree, the text nodes that may hold hashtags or mentions.
///
/// Nothing is changed during the walk (a cmark iterator must not see its tree change); the edits
/// are applied afterwards, in document order.
private struct SocialTextCollector {
    struct TextEntry {
        let node: OpaquePointer
        let scalars: [Unicode.Scalar]
        /// Per scalar: written as a backslash escape or an entity. Empty when unknown.
        let escaped: [Bool]
        /// The character before the text in its block; nil at its start.
        let previous: Unicode.Scalar?
        /// The text ends with the `@` of a mention the e-mail autolinker cut off (see `visitLink`).
        var dropsTrailingAt = false
        /// Code follows the text without a space (`` #include`<x>` ``).
        var followedByCode = false
    }

    enum Edit {
        case text(TextEntry)
        case mailtoMention(link: OpaquePointer, mention: Mention)
        case mailtoInvalid(link: OpaquePointer, address: String, message: String)
    }

    /// Nil when the source has neither `#` nor `@`: nothing to collect.
    let source: MarkdownSource?
    private(set) var edits: [Edit] = []
    private var previous: Unicode.Scalar?
    /// Where the last text node ended in the source, for the next one when cmark gave it no position.
    private var cursor: MarkdownSource.Position?
    private var linkDepth = 0
    /// Open raw HTML elements in the current block (`<span>` … `</span>`): their text is left alone.
    private var htmlDepth = 0

    init(source: MarkdownSource?) {
        self.source = source
    }

    mutating func visit(_ node: OpaquePointer, type: cmark_node_type, entering: Bool) {
        guard let source else { return }
        if type.rawValue & 0xC000 == 0x8000 {  // CMARK_NODE_TYPE_BLOCK, extension blocks (table cells) included
            previous = nil
            cursor = nil
            htmlDepth = 0
            return
        }
        switch type {
        case CMARK_NODE_TEXT:
            guard let literal = cmark_node_get_literal(node) else { return }
            let scalars = Array(String(cString: literal).unicodeScalars)
            let line = Int(cmark_node_get_start_line(node))
            var alignment: MarkdownSource.Alignment?
            if line > 0 {
                alignment = source.align(scalars, line: line, column: Int(cmark_node_get_start_column(node)))
            } else if let cursor {
                alignment = source.align(scalars, at: cursor)
            }
            cursor = alignment?.end
            if linkDepth == 0, htmlDepth == 0 {
                let next = cmark_node_next(node)
                edits.append(.text(TextEntry(node: node, scalars: scalars, escaped: alignment?.escaped ?? [], previous: previous,
                                             followedByCode: next.map { cmark_node_get_type($0) == CMARK_NODE_CODE } ?? false)))
            }
            if let last = scalars.last { previous = last }
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            if entering {
                if type == CMARK_NODE_LINK, linkDepth == 0, htmlDepth == 0 { visitLink(node) }
                linkDepth += 1
            } else {
                linkDepth -= 1
            }
            // The autolink extension's links have no position; their text continues the cursor.
            if cmark_node_get_start_line(node) != 0 { cursor = nil }
        case CMARK_NODE_CODE:
            if let literal = cmark_node_get_literal(node), let last = String(cString: literal).unicodeScalars.last { previous = last }
            cursor = nil
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            previous = " "
            cursor = nil
        case CMARK_NODE_HTML_INLINE:
            if let literal = cmark_node_get_literal(node) { htmlDepth = max(0, htmlDepth + Self.nesting(ofTag: String(cString: literal))) }
            previous = nil
            cursor = nil
        default:
            cursor = nil
        }
    }

    /// cmark-gfm's autolink extension turns `user@instance.social` into a `mailto:` link, so
    /// `@user@instance.social` arrives as a text ending with `@` and that link: put back together,
    /// it is a mention.
    private mutating func visitLink(_ link: OpaquePointer) {
        guard let urlPointer = cmark_node_get_url(link) else { return }
        let url = String(cString: urlPointer)
        guard url.hasPrefix("mailto:"),
              let child = cmark_node_first_child(link), cmark_node_next(child) == nil,
              cmark_node_get_type(child) == CMARK_NODE_TEXT, let childLiteral = cmark_node_get_literal(child),
              case let address = String(cString: childLiteral), address == url.dropFirst("mailto:".count),
              let before = cmark_node_previous(link),
              case .text(var entry)? = edits.last, entry.node == before,
              entry.scalars.last == "@", !(entry.escaped.last ?? false),
              SocialTextScanner.startsWord(after: entry.scalars.count > 1 ? entry.scalars[entry.scalars.count - 2] : entry.previous)
        else { return }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return }
        switch SocialTextScanner.address(user: String(parts[0]), host: String(parts[1])) {
        case .mention(let mention):
            entry.dropsTrailingAt = true
            edits[edits.count - 1] = .text(entry)
            edits.append(.mailtoMention(link: link, mention: mention))
        case .invalidHost(let message):
            edits.append(.mailtoInvalid(link: link, address: address, message: message))
        case .none:
            break
        }
    }

    private static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]

    /// +1 for a raw HTML opening tag, -1 for a closing one, 0 for the rest (void elements,
    /// self-closing tags, comments, declarations, processing instructions).
    static func nesting(ofTag literal: String) -> Int {
        var rest = Substring(literal)
        guard rest.hasPrefix("<") else { return 0 }
        rest = rest.dropFirst()
        let closing = rest.hasPrefix("/")
        if closing { rest = rest.dropFirst() }
        let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }.lowercased()
        guard let first = name.first, first.isLetter else { return 0 }
        if closing { return -1 }
        if voidElements.contains(name) || literal.hasSuffix("/>") { return 0 }
        return 1
    }
}
