/// Reads Mustache text into a `Template`.
///
/// Whitespace rules are the spec's, implemented as swift-mustache does (whose output themes were
/// written against): a line holding only a section, comment, partial, parent, block or
/// set-delimiter tag is removed whole; the indentation of a standalone partial is given to every
/// line the partial renders after its first. Works on `Character`s, as swift-mustache does, so
/// `\r\n` is one line break. Templates are parsed once per build; the renderer is what must be fast.
struct TemplateParser {
    private struct State {
        var sectionName: String?
        var sectionTransforms: [String] = []
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var startDelimiter: [Character] = ["{", "{"]
        var endDelimiter: [Character] = ["}", "}"]
        var partialDefinitionIndent: Int?

        func withSectionName(_ name: String, newLine: Bool, transforms: [String] = []) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = transforms
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func withInheritancePartial(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = []
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }
    }

    private let text: [Character]
    private var position = 0

    private init(_ string: String) {
        text = Array(string)
    }

    static func parse(_ string: String) throws(TemplateSyntaxError) -> Template {
        var parser = TemplateParser(string)
        do {
            return try parser.parse(state: State())
        } catch {
            let (line, column) = parser.lineAndColumn()
            throw TemplateSyntaxError(reason: error, line: line, column: column)
        }
    }

    // MARK: - Reading

    private var atEnd: Bool { position == text.count }
    /// The character at the cursor, or NUL at the end (as swift-mustache's parser).
    private var current: Character { atEnd ? "\0" : text[position] }

    private static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let nameCharactersWithoutBrackets = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let partialNameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    @discardableResult
    private mutating func read(while predicate: (Character) -> Bool) -> String {
        let start = position
        while !atEnd, predicate(text[position]) { position += 1 }
        return String(text[start..<position])
    }

    private mutating func skipWhitespace() {
        read(while: \.isWhitespace)
    }

    /// Reads `string` if the text continues with it; leaves the cursor where it was otherwise.
    private mutating func read(_ string: [Character]) -> Bool {
        guard text.count - position >= string.count else { return false }
        for (offset, character) in string.enumerated() where text[position + offset] != character { return false }
        position += string.count
        return true
    }

    private mutating func lineAndColumn() -> (Int, Int) {
        var column = 0
        var cursor = position
        while cursor > 0 {
            cursor -= 1
            if text[cursor] == "\n" { break }
            column += 1
        }
        let line = text[..<position].filter(\.isNewline).count + 1
        return (line, column + 1)
    }

    // MARK: - Parsing

    private mutating func parse(state initial: State) throws(TemplateSyntaxError.Reason) -> Template {
        var tokens: [Template.Token] = []
        var state = initial
        var whiteSpaceBefore = ""
        while !atEnd {
            if state.newLine {
                let whiteSpace = read(while: { $0 == " " || $0 == "\t" })
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    // Inside a block of a parent tag, lines lose the indentation of the block's first line.
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = String(whiteSpace.dropFirst(indent))
                    } else {
                        state.partialDefinitionIndent = whiteSpace.count
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = readUntilDelimiterOrNewline(state)
            if current.isNewline {
                tokens.append(.text(whiteSpaceBefore + text + String(current)))
                state.newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                tokens.append(.text(whiteSpaceBefore + text))
                whiteSpaceBefore = ""
                state.newLine = false
            }
            if atEnd { break }
            var setNewLine = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let (name, transforms) = try parseName(state)
                if isStandalone(state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
                let section = try parse(state: state.withSectionName(name, newLine: setNewLine, transforms: transforms))
                let parsedName = Template.Name(name, transforms: transforms)
                tokens.append(inverted ? .invertedSection(parsedName, section) : .section(parsedName, section))

            case "/":
                position += 1
                let start = position
                let (name, transforms) = try parseName(state)
                guard name == state.sectionName, transforms == state.sectionTransforms else {
                    position = start
                    throw .sectionCloseNameIncorrect
                }
                if isStandalone(state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
                return Template(tokens: tokens)

            case "!":
                position += 1
                try skipComment(state)
                setNewLine = isStandalone(state)

            case "{", "&":
                let braces = current == "{"
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
                position += 1
                let (name, transforms) = try parseName(state)
                if braces {
                    guard !atEnd, current == "}" else { throw .unfinishedName }
                    position += 1
                }
                tokens.append(.unescapedVariable(Template.Name(name, transforms: transforms)))

            case ">":
                position += 1
                skipWhitespace()
                var dynamic = false
                if current == "*" {
                    position += 1
                    dynamic = true
                }
                let name = try parsePartialName(state)
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(whiteSpaceBefore)) }
                let indentation: String? = isStandalone(state) ? whiteSpaceBefore : nil
                if indentation != nil { setNewLine = true }
                tokens.append(dynamic
                    ? .dynamicPartial(Template.Name(name, transforms: []), indentation: indentation, overrides: nil)
                    : .partial(name, indentation: indentation, overrides: nil))
                whiteSpaceBefore = ""

            case "<":
                position += 1
                skipWhitespace()
                let sectionName = try parsePartialName(state)
                let dynamic = sectionName.first == "*"
                let name = dynamic ? String(sectionName.dropFirst()) : sectionName
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(whiteSpaceBefore)) }
                if isStandalone(state) { setNewLine = true }
                let body = try parse(state: state.withInheritancePartial(sectionName))
                var overrides: [String: Template] = [:]
                for token in body.tokens {
                    switch token {
                    case .blockDefinition(let name, let template): overrides[name] = template
                    case .text: break
                    default: throw .illegalTokenInsideInheritSection
                    }
                }
                tokens.append(dynamic
                    ? .dynamicPartial(Template.Name(name, transforms: []), indentation: whiteSpaceBefore, overrides: overrides)
                    : .partial(name, indentation: whiteSpaceBefore, overrides: overrides))
                whiteSpaceBefore = ""

            case "$":
                position += 1
                let (name, transforms) = try parseName(state)
                guard transforms.isEmpty else { throw .transformAppliedToInheritanceSection }
                if state.isPartialDefinitionTopLevel {
                    if isStandalone(state) { setNewLine = true }
                    let section = try parse(state: state.withSectionName(name, newLine: setNewLine))
                    tokens.append(.blockDefinition(name, section))
                } else {
                    if !whiteSpaceBefore.isEmpty { tokens.append(.text(whiteSpaceBefore)) }
                    if isStandalone(state) { setNewLine = true }
                    let section = try parse(state: state.withSectionName(name, newLine: setNewLine))
                    tokens.append(.blockExpansion(name, default: section, indentation: whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }

            case "=":
                position += 1
                state = try setDelimiters(state)
                setNewLine = isStandalone(state)

            case "%":
                position += 1
                if let token = try configuration(state) { tokens.append(token) }
                setNewLine = isStandalone(state)

            default:
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
                let (name, transforms) = try parseName(state)
                tokens.append(.variable(Template.Name(name, transforms: transforms)))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw .expectedSectionEnd }
        return Template(tokens: tokens)
    }

    /// Text up to a line break (not consumed) or an opening delimiter (consumed).
    private mutating func readUntilDelimiterOrNewline(_ state: State) -> String {
        guard let first = state.startDelimiter.first else { return "" }
        var result = ""
        while !atEnd {
            let start = position
            while !atEnd, text[position] != "\n", text[position] != "\r\n", text[position] != first { position += 1 }
            result += String(text[start..<position])
            if atEnd || current.isNewline { break }
            if read(state.startDelimiter) { break }
            result.append(first)
            position += 1
        }
        return result
    }

    /// A tag's name and its transforms: `name`, or `outer(inner(name))`.
    private mutating func parseName(_ state: State) throws(TemplateSyntaxError.Reason) -> (String, [String]) {
        skipWhitespace()
        let name = read(while: { Self.nameCharacters.contains($0) })
        skipWhitespace()
        guard read(state.endDelimiter) else { throw .unfinishedName }
        guard name.contains("(") || name.contains(")") else { return (name, []) }

        let characters = Array(name)
        var cursor = 0
        func word() -> String {
            let start = cursor
            while cursor < characters.count, Self.nameCharactersWithoutBrackets.contains(characters[cursor]) { cursor += 1 }
            return String(characters[start..<cursor])
        }
        var transforms = [word()]
        guard cursor < characters.count, characters[cursor] == "(" else { throw .unfinishedName }
        cursor += 1
        while true {
            let part = word()
            guard cursor < characters.count else { throw .unfinishedName }
            if characters[cursor] == "(" {
                cursor += 1
                transforms.append(part)
                continue
            }
            guard characters[cursor] == ")" else { throw .unfinishedName }
            cursor += 1
            var closing = 0
            while cursor < characters.count, characters[cursor] == ")" { cursor += 1; closing += 1 }
            guard closing + 1 == transforms.count, cursor == characters.count else { throw .unfinishedName }
            return (part, transforms)
        }
    }

    private mutating func parsePartialName(_ state: State) throws(TemplateSyntaxError.Reason) -> String {
        skipWhitespace()
        let name = read(while: { Self.partialNameCharacters.contains($0) })
        skipWhitespace()
        guard read(state.endDelimiter) else { throw .unfinishedName }
        return name
    }

    private mutating func skipComment(_ state: State) throws(TemplateSyntaxError.Reason) {
        let start = position
        while !atEnd {
            if read(state.endDelimiter) { return }
            position += 1
        }
        position = start
        throw .unfinishedName
    }

    private mutating func setDelimiters(_ state: State) throws(TemplateSyntaxError.Reason) -> State {
        // An error points at the delimiter that is not finished, as swift-mustache's does.
        skipWhitespace()
        let startPosition = position
        let start = read(while: { !$0.isWhitespace })
        guard !atEnd else { position = startPosition; throw .invalidSetDelimiter }
        skipWhitespace()
        let endPosition = position
        let end = read(while: { $0 != "=" && !$0.isWhitespace })
        guard !atEnd else { position = endPosition; throw .invalidSetDelimiter }
        skipWhitespace()
        guard !atEnd, current == "=" else { throw .invalidSetDelimiter }
        position += 1
        guard read(state.endDelimiter) else { throw .invalidSetDelimiter }
        guard !start.isEmpty, !end.isEmpty else { throw .invalidSetDelimiter }
        var state = state
        state.startDelimiter = Array(start)
        state.endDelimiter = Array(end)
        state.isPartialDefinitionTopLevel = false
        return state
    }

    /// `{{%CONTENT_TYPE:TEXT}}` turns escaping off for the rest of the template; `HTML` back on.
    private mutating func configuration(_ state: State) throws(TemplateSyntaxError.Reason) -> Template.Token? {
        skipWhitespace()
        let variable = read(while: { Self.nameCharactersWithoutBrackets.contains($0) })
        skipWhitespace()
        guard !atEnd, current == ":" else { throw .invalidConfigVariableSyntax }
        position += 1
        skipWhitespace()
        let value = read(while: { Self.nameCharactersWithoutBrackets.contains($0) })
        skipWhitespace()
        guard read(state.endDelimiter) else { throw .invalidConfigVariableSyntax }
        guard !variable.isEmpty, !value.isEmpty else { throw .invalidConfigVariableSyntax }
        guard variable == "CONTENT_TYPE" else { throw .unrecognisedConfigVariable }
        switch value {
        case "HTML": return .escaping(true)
        case "TEXT": return .escaping(false)
        default: throw .unrecognisedConfigVariable
        }
    }

    /// The rest of the line is blank: the tag stood alone on it (consumes the line break).
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if atEnd { return true }
        var cursor = position
        while cursor < text.count, text[cursor] == " " || text[cursor] == "\t" { cursor += 1 }
        if cursor < text.count, text[cursor].isNewline {
            position = cursor + 1
            return true
        }
        return false
    }
}
