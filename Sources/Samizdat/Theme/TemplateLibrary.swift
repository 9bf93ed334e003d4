import Foundation

/// The theme: Mustache templates by name plus the assets (stylesheet, icons) it ships.
///
/// Made from the built-in theme with the site's own `Templates/` files laid over it file by file,
/// so a site overrides only what it wants to change.
public struct TemplateLibrary: Sendable {
    /// A theme file that is not a template: copied to the output at the same relative path.
    public struct Asset: Sendable {
        public var path: String
        public var data: Data
    }

    /// Where a template's text came from, for error messages.
    public struct TemplateSource: Sendable {
        public var name: String
        public var file: URL
        public var text: String
    }

    /// Templates every build renders; a theme that lacks one falls back to the built-in file.
    public static let pageTemplates = ["timeline", "post", "page", "tags", "tag", "taxonomy", "term", "archive", "year", "month", "404", "alias"]

    let templates: [String: Template]
    /// Where each template was read from, for messages.
    let files: [String: URL]
    public let names: Set<String>
    public let assets: [Asset]
    /// For each template, the digest of its text and of every template it uses (partials and
    /// parents, followed through): what a page rendered with it depends on.
    public let digests: [String: String]

    /// Compiles templates; reports every syntax error and every reference to a missing partial.
    ///
    /// - Parameter sources: by template name (`post`, `partials/header`); later entries for a name
    ///   have already replaced earlier ones.
    public static func compile(templates sources: [TemplateSource], assets: [Asset]) -> Result<TemplateLibrary, DiagnosticList> {
        var templates: [String: Template] = [:]
        var diagnostics: [Diagnostic] = []
        let names = Set(sources.map(\.name))
        // Each template's references are found once, for the checks and for the digests.
        var references: [String: Set<String>] = [:]
        for source in sources {
            do {
                templates[source.name] = try Template(string: source.text)
            } catch {
                diagnostics.append(.error("Template syntax error: \(error.message)",
                                          at: SourceLocation(file: source.file, line: error.line, column: error.column)))
                continue
            }
            let found = partialReferences(in: source.text)
            references[source.name] = Set(found.map(\.name))
            for reference in found where !names.contains(reference.name) {
                let suggestion = names.min { editDistance($0, reference.name) < editDistance($1, reference.name) }
                var message = "Template '\(source.name)' uses '\(reference.name)', but there is no template with that name"
                if let suggestion, editDistance(suggestion, reference.name) <= 2 { message += ". Did you mean '\(suggestion)'?" }
                diagnostics.append(.error(message, at: SourceLocation(file: source.file, line: reference.line, column: reference.column)))
            }
        }
        if diagnostics.hasErrors { return .failure(DiagnosticList(diagnostics)) }
        diagnostics += endlessInclusions(templates, sources: sources)
        if diagnostics.hasErrors { return .failure(DiagnosticList(diagnostics)) }
        return .success(TemplateLibrary(templates: templates, files: Dictionary(sources.map { ($0.name, $0.file) }, uniquingKeysWith: { _, last in last }), names: names, assets: assets, digests: digests(of: sources, references: references)))
    }

    /// The file a template was read from (a site's own, or the built-in theme's).
    public func file(of name: String) -> URL? { files[name] }

    /// A template that could not be rendered: partials that include each other without end.
    public struct RenderError: Error, Sendable {
        public var message: String
    }

    /// Renders a template with a view.
    public func render(_ name: String, context: TemplateValue) throws(RenderError) -> String {
        String(decoding: try renderBytes(name, context: context), as: UTF8.self)
    }

    /// Renders a template with a view, as the UTF-8 bytes of the page.
    public func renderBytes(_ name: String, context: TemplateValue) throws(RenderError) -> [UInt8] {
        guard let template = templates[name] else {
            preconditionFailure("template '\(name)' was checked to exist before rendering")
        }
        do {
            return try TemplateRenderer.render(template, value: context, templates: templates)
        } catch {
            throw RenderError(message: "Template '\(name)' cannot be rendered. \(error.message)")
        }
    }

    /// Templates that include themselves, directly or through others, outside any section: they
    /// would render without end whatever the page, so the build stops before writing anything.
    ///
    /// A partial inside a section may recurse (a tree of comments, ended by the data); the
    /// renderer stops those, and any recursion this check cannot see, at a fixed depth.
    static func endlessInclusions(_ templates: [String: Template], sources: [TemplateSource]) -> [Diagnostic] {
        func unconditional(_ template: Template) -> [String] {
            template.tokens.compactMap { token in
                if case .partial(let name, _, _) = token { return name }
                return nil
            }
        }
        let edges = templates.mapValues(unconditional)
        var reported: Set<String> = []
        var diagnostics: [Diagnostic] = []
        for start in templates.keys.sorted() where !reported.contains(start) {
            // Depth-first from `start`, looking for a path back to it.
            var stack: [(name: String, path: [String])] = [(start, [start])]
            var seen: Set<String> = []
            while let (name, path) = stack.popLast() {
                for next in edges[name] ?? [] {
                    if next == start {
                        let cycle = path + [start]
                        reported.formUnion(cycle)
                        let source = sources.last { $0.name == start }
                        let reference = source.flatMap { source in partialReferences(in: source.text).first { $0.name == cycle[1] } }
                        diagnostics.append(.error(
                            "Template '\(start)' includes itself without end (\(cycle.map { "'\($0)'" }.joined(separator: " → "))). "
                                + "Put the inclusion inside a section that ends it, or remove it",
                            at: SourceLocation(file: source?.file ?? URL(fileURLWithPath: start), line: reference?.line, column: reference?.column)))
                        stack.removeAll()
                        break
                    }
                    if seen.insert(next).inserted { stack.append((next, path + [next])) }
                }
            }
        }
        return diagnostics
    }

    static func digests(of sources: [TemplateSource], references: [String: Set<String>]) -> [String: String] {
        let texts = Dictionary(sources.map { ($0.name, $0.text) }, uniquingKeysWith: { _, last in last })
        // A dynamic partial (`{{>*name}}`) may be any template.
        let dynamic = texts.filter { $0.value.contains("{{>*") || $0.value.contains("{{> *") }.keys
        var result: [String: String] = [:]
        for name in texts.keys {
            var used: Set<String> = [name]
            var queue = [name]
            while let next = queue.popLast() {
                let more = dynamic.contains(next) ? Set(texts.keys) : references[next] ?? []
                for other in more where used.insert(other).inserted { queue.append(other) }
            }
            var digest = Digest.Builder("templates")
            for other in used.sorted() {
                digest.add(other)
                digest.add(texts[other] ?? "")
            }
            result[name] = digest.finalize()
        }
        return result
    }

    /// `{{> name}}` (partial) and `{{< name}}` (parent) tags, with their positions.
    static func partialReferences(in text: String) -> [(name: String, line: Int, column: Int)] {
        var result: [(String, Int, Int)] = []
        // (`"\r\n"` is one `Character`: lines of a file saved with CRLF are split on it too.)
        for (lineIndex, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            var searchStart = line.startIndex
            while let open = pair(UInt8(ascii: "{"), in: line, from: searchStart) {
                let afterOpen = open.upperBound
                guard afterOpen < line.endIndex, line[afterOpen] == ">" || line[afterOpen] == "<",
                      let close = pair(UInt8(ascii: "}"), in: line, from: afterOpen) else {
                    searchStart = afterOpen
                    continue
                }
                let name = line[line.index(after: afterOpen)..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                // `{{>*name}}` is a dynamic partial: its name is only known when rendering.
                if !name.isEmpty && !name.hasPrefix("*") {
                    result.append((name, lineIndex + 1, line.distance(from: line.startIndex, to: open.lowerBound) + 1))
                }
                searchStart = close.upperBound
            }
        }
        return result
    }

    /// The first `{{` or `}}` (`byte` twice) in `line` from `start`, by UTF-8 bytes: Foundation's
    /// `range(of:)` was a quarter of the theme's compile, which every build does.
    private static func pair(_ byte: UInt8, in line: Substring, from start: Substring.Index) -> Range<Substring.Index>? {
        let bytes = line.utf8
        var at = start
        while at < bytes.endIndex {
            let next = bytes.index(after: at)
            guard next < bytes.endIndex else { return nil }
            if bytes[at] == byte && bytes[next] == byte { return at..<bytes.index(after: next) }
            at = next
        }
        return nil
    }
}
