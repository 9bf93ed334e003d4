/// A parsed Mustache template: tokens with their names already split, ready to render many times.
///
/// The language is Mustache as the spec defines it (variables, sections, inverted sections,
/// comments, partials with standalone indentation, set delimiters, template inheritance with
/// parents and blocks, dynamic partial names) plus swift-mustache's transforms
/// (`{{uppercased(name)}}`, `{{#first()}}` in a list) and its `{{%CONTENT_TYPE:TEXT}}` pragma, so
/// themes written for swift-mustache render the same bytes. Lambdas do not exist here: a view is
/// plain data.
public struct Template: Sendable {
    /// A name in a tag, split once when parsing: `a.b.c`, `.` (the current value), `.a` (only in
    /// the current value), or empty with transforms (the position in a list).
    ///
    /// A class: where a token is copied out of its template to be rendered, a struct of four
    /// arrays and strings was four retains and four releases per tag (`callgrind` counted it).
    final class Name: Sendable, Equatable {
        enum Scope: Sendable, Equatable {
            /// The first part is looked up through the context stack, the others in what it found.
            case stack
            /// Every part is looked up in the top of the stack only (a leading `.`).
            case current
            /// `{{.}}`: the top of the stack.
            case implicit
            /// An empty name with transforms: the position in the enclosing list.
            case sequence
        }

        let scope: Scope
        let parts: [String]
        /// Each part as a typed view's key, looked up once here: `nil` for a name no view has.
        let keys: [TemplateKey?]
        /// Applied innermost first: `uppercased(reversed(name))` is `["uppercased", "reversed"]`.
        let transforms: [String]
        let text: String

        init(_ text: String, transforms: [String]) {
            self.text = text
            self.transforms = transforms
            if text == "." {
                scope = .implicit
                parts = []
            } else if text.isEmpty && !transforms.isEmpty {
                scope = .sequence
                parts = []
            } else {
                scope = text.first == "." ? .current : .stack
                parts = text.split(separator: ".").map(String.init)
            }
            keys = parts.map { TemplateKey(rawValue: $0) }
        }

        /// The rest follows from the text.
        static func == (lhs: Name, rhs: Name) -> Bool { lhs.text == rhs.text && lhs.transforms == rhs.transforms }
    }

    /// `indirect`: a token is one reference to copy out of its template (in place, copying a
    /// token meant copying each of its strings and arrays, which cost more).
    indirect enum Token: Sendable {
        case text(String)
        case variable(Name)
        case unescapedVariable(Name)
        case section(Name, Template)
        case invertedSection(Name, Template)
        case blockDefinition(String, Template)
        case blockExpansion(String, default: Template, indentation: String)
        case partial(String, indentation: String?, overrides: [String: Template]?)
        case dynamicPartial(Name, indentation: String?, overrides: [String: Template]?)
        case escaping(Bool)
    }

    var tokens: [Token]

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses a template; a syntax error carries the line and column where parsing stopped.
    public init(string: String) throws(TemplateSyntaxError) {
        self = try TemplateParser.parse(string)
    }
}

/// A template that cannot be parsed, with where it went wrong (1-based line and column).
public struct TemplateSyntaxError: Error, Sendable, Equatable {
    public enum Reason: Error, Sendable, Equatable {
        case sectionCloseNameIncorrect
        case unfinishedName
        case expectedSectionEnd
        case invalidSetDelimiter
        case transformAppliedToInheritanceSection
        case illegalTokenInsideInheritSection
        case invalidConfigVariableSyntax
        case unrecognisedConfigVariable
    }

    public var reason: Reason
    public var line: Int
    public var column: Int

    /// What went wrong, for an author.
    public var message: String {
        switch reason {
        case .sectionCloseNameIncorrect: return "this closing tag does not match the section it closes"
        case .unfinishedName: return "a tag is not closed with '}}'"
        case .expectedSectionEnd: return "a section is never closed; add its '{{/name}}' tag"
        case .invalidSetDelimiter: return "the set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: return "a transform cannot be applied to an inheritance section"
        case .illegalTokenInsideInheritSection: return "only block definitions are allowed inside a parent tag"
        case .invalidConfigVariableSyntax: return "the configuration tag is malformed"
        case .unrecognisedConfigVariable: return "unknown configuration variable"
        }
    }
}
