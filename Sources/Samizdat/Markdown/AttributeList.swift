/// A kramdown or Hugo attribute list written after a heading (`## GPG {#gpg}`, `{.note}`) or on
/// its own line after a block (kramdown's `{: .float-end }`).
///
/// Only `#id` and `.class` are kept; `key=value` pairs are read and dropped, since the theme
/// decides what attributes its elements carry. Anything else between the braces (`{% raw %}`,
/// `{{ x }}`, prose) is not an attribute list, and stays text.
struct AttributeList: Sendable, Equatable {
    var id: String?
    var classes: [String] = []
    /// `{: …}`: kramdown's block form, which applies to the block before it.
    var isKramdownBlock = false

    /// The list `text` ends with, and `text` without it (and the spaces before it); nil when
    /// `text` does not end with one.
    static func trailing(in text: String) -> (attributes: AttributeList, rest: String)? {
        guard text.hasSuffix("}"), let open = text.lastIndex(of: "{"),
              let attributes = parse(text[open...]) else { return nil }
        let rest = text[..<open]
        // Hugo needs a space before the brace: `word{#id}` is text.
        guard rest.isEmpty || rest.last == " " || rest.last == "\t" else { return nil }
        return (attributes, String(rest.reversed().drop { $0 == " " || $0 == "\t" }.reversed()))
    }

    /// The list at the start of `text` (`{: .center} more`), and what follows it.
    static func leading(in text: String) -> (attributes: AttributeList, rest: String)? {
        guard text.hasPrefix("{:"), let close = text.firstIndex(of: "}"),
              let attributes = parse(text[...close]) else { return nil }
        return (attributes, String(text[text.index(after: close)...]))
    }

    /// `{#id .class key="value"}` or `{: …}`, braces included.
    static func parse(_ text: Substring) -> AttributeList? {
        guard text.hasPrefix("{"), text.hasSuffix("}"), text.count >= 2 else { return nil }
        var inner = text.dropFirst().dropLast()
        var result = AttributeList()
        if inner.hasPrefix(":") {
            result.isKramdownBlock = true
            inner = inner.dropFirst()
        }
        guard !inner.contains("{"), !inner.contains("}") else { return nil }
        let tokens = inner.split(whereSeparator: { $0 == " " || $0 == "\t" })
        // `{}` is not a list; kramdown's bare `{:toc}`-style references are, and say nothing.
        guard !tokens.isEmpty || result.isKramdownBlock else { return nil }
        for token in tokens {
            if token.hasPrefix("#"), isName(token.dropFirst()) {
                result.id = String(token.dropFirst())
            } else if token.hasPrefix("."), isName(token.dropFirst()) {
                result.classes.append(String(token.dropFirst()))
            } else if let equals = token.firstIndex(of: "="), isName(token[..<equals]) {
                continue
            } else if result.isKramdownBlock, isName(token) {
                // `{:toc}`, `{:.class}` written without a space, a reference name.
                continue
            } else {
                return nil
            }
        }
        return result
    }

    /// Letters, digits, `-`, `_`, `:` and `.` after a letter or `_`: what an id or class may be
    /// without quoting, and what cannot break out of an attribute.
    private static func isName(_ text: Substring) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" || $0 == "." }
    }
}
