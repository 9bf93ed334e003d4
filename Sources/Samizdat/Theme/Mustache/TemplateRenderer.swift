import Foundation

/// Renders `Template`s over `TemplateValue`s into one growing byte buffer.
///
/// Semantics are swift-mustache's (names looked up through the context stack, dotted names,
/// transforms, inheritance with the outermost block override winning, indentation of standalone
/// partials), so a theme renders the same bytes; `MustacheCompatibilityTests` compares the two.
/// What differs is the cost: no `Any`, no casts, names split once, no string per token, and HTML
/// escaping that copies runs of bytes.
struct TemplateRenderer {
    /// Where in a list a section's element is, for `{{#first()}}`, `{{index()}}` and the like.
    struct Position {
        var first: Bool
        var last: Bool
        var index: Int
    }

    struct Context {
        var stack: [TemplateValue]
        var position: Position?
        var indentation: String?
        var overrides: [String: Template]?
        var escapes = true
    }

    let templates: [String: Template]
    var output: [UInt8] = []
    /// Partials and parents being rendered, innermost last: a template that includes itself
    /// without end stops here instead of overflowing the stack.
    var partials: [String] = []
    /// The chain of partials that went deeper than `maxDepth`, if one did.
    var tooDeep: [String]?
    static let maxDepth = 64

    init(templates: [String: Template]) {
        self.templates = templates
    }

    /// Renders `template` with `value` at the bottom of the context stack.
    static func render(_ template: Template, value: TemplateValue, templates: [String: Template], capacity: Int = 16_384) throws(TooDeep) -> [UInt8] {
        var renderer = TemplateRenderer(templates: templates)
        renderer.output.reserveCapacity(capacity)
        var context = Context(stack: [value])
        renderer.render(template, &context)
        if let chain = renderer.tooDeep { throw TooDeep(chain: chain) }
        return renderer.output
    }

    /// Partials nested deeper than `maxDepth`: a partial or parent that includes itself whatever the data.
    struct TooDeep: Error {
        var chain: [String]

        var message: String {
            // The repeating part of the chain names the templates that include each other.
            let names = chain.suffix(4).map { "'\($0)'" }.joined(separator: " → ")
            return "Templates include each other without end (\(names) → …); a partial or parent must not include itself unless a section stops it"
        }
    }

    /// Renders `template` in `context`, which it leaves as it found it.
    ///
    /// One context is changed in place and put back after each section, partial and block: a
    /// copy per section would copy its stack (an array of values, each retained), and the
    /// renderer spent more time in retains and releases than in writing.
    mutating func render(_ template: Template, _ context: inout Context) {
        // `{{=…=}}`-style changes (`.escaping`) last to the end of the template they are in.
        let escapes = context.escapes
        defer { context.escapes = escapes }
        if let indentation = context.indentation, !indentation.isEmpty {
            let start = output.count
            for index in template.tokens.indices {
                let before = output.count
                // Indent what a token renders when it starts a line of this template's output.
                let atLineStart = before > start && output[before - 1] == 0x0A && !(before - 1 > start && output[before - 2] == 0x0D)
                render(template.tokens[index], &context)
                if atLineStart && output.count > before {
                    output.insert(contentsOf: indentation.utf8, at: before)
                }
            }
        } else {
            // By index: the array's iterator keeps a copy of the array and copies out each token,
            // which the optimizer kept; read in place, it mostly does not.
            for index in template.tokens.indices {
                render(template.tokens[index], &context)
            }
        }
    }

    private mutating func render(_ token: Template.Token, _ context: inout Context) {
        switch token {
        case .text(let text):
            output.append(contentsOf: text.utf8)
        case .variable(let name):
            if let value = lookUp(name, context) { write(value, escaped: context.escapes) }
        case .unescapedVariable(let name):
            if let value = lookUp(name, context) { write(value, escaped: false) }
        case .section(let name, let template):
            renderSection(lookUp(name, context), template, &context)
        case .invertedSection(let name, let template):
            renderInvertedSection(lookUp(name, context), template, &context)
        case .blockExpansion(let name, let defaultTemplate, let indentation):
            let (outerIndentation, position) = (context.indentation, context.position)
            let template = context.overrides?[name] ?? defaultTemplate
            context.indentation = (outerIndentation ?? "") + indentation
            context.position = nil
            render(template, &context)
            (context.indentation, context.position) = (outerIndentation, position)
        case .partial(let name, let indentation, let overrides):
            if let template = templates[name] { renderPartial(name, template, indentation, overrides, &context) }
        case .dynamicPartial(let name, let indentation, let overrides):
            if case .string(let templateName)? = lookUp(name, context), let template = templates[templateName] {
                renderPartial(templateName, template, indentation, overrides, &context)
            }
        case .escaping(let escapes):
            context.escapes = escapes
        case .blockDefinition:
            preconditionFailure("block definitions only appear inside parent tags, where the parser keeps them apart")
        }
    }

    private mutating func renderPartial(_ name: String, _ template: Template, _ indentation: String?, _ overrides: [String: Template]?,
                                        _ context: inout Context) {
        guard tooDeep == nil else { return }
        guard partials.count < Self.maxDepth else {
            tooDeep = partials + [name]
            return
        }
        partials.append(name)
        defer { partials.removeLast() }
        let (outerIndentation, outerOverrides, position, escapes) = (context.indentation, context.overrides, context.position, context.escapes)
        context.position = nil
        context.escapes = true
        if let indentation { context.indentation = (outerIndentation ?? "") + indentation }
        if let overrides {
            // The outermost override of a block wins.
            context.overrides = outerOverrides.map { $0.merging(overrides) { outer, _ in outer } } ?? overrides
        }
        render(template, &context)
        (context.indentation, context.overrides, context.position, context.escapes) = (outerIndentation, outerOverrides, position, escapes)
    }

    private mutating func renderSection(_ value: TemplateValue?, _ template: Template, _ context: inout Context) {
        switch value {
        case .list(let elements)?:
            guard !elements.isEmpty else { return }
            let position = context.position
            context.stack.append(.bool(false))
            let top = context.stack.count - 1
            for (index, element) in elements.enumerated() {
                context.stack[top] = element
                context.position = Position(first: index == 0, last: index == elements.count - 1, index: index)
                render(template, &context)
            }
            context.stack.removeLast()
            context.position = position
        case .bool(let flag)?:
            if flag { render(template, &context) }
        case .none:
            return
        case .some(let value):
            let position = context.position
            context.stack.append(value)
            context.position = nil
            render(template, &context)
            context.stack.removeLast()
            context.position = position
        }
    }

    private mutating func renderInvertedSection(_ value: TemplateValue?, _ template: Template, _ context: inout Context) {
        switch value {
        case .list(let elements)?:
            guard elements.isEmpty else { return }
            let position = context.position
            context.stack.append(.list([]))
            context.position = nil
            render(template, &context)
            context.stack.removeLast()
            context.position = position
        case .bool(let flag)?:
            if !flag { render(template, &context) }
        case .none:
            render(template, &context)
        case .some:
            return
        }
    }

    // MARK: - Names

    private func lookUp(_ name: Template.Name, _ context: Context) -> TemplateValue? {
        var value: TemplateValue?
        switch name.scope {
        case .implicit:
            value = context.stack.last
        case .sequence:
            guard let position = context.position else { return nil }
            return Self.transform(position, name.transforms)
        case .current:
            value = context.stack.last
            for (part, key) in zip(name.parts, name.keys) {
                value = value?.member(part, key)
            }
        case .stack:
            guard let first = name.parts.first else {
                value = context.stack.last
                break
            }
            let firstKey = name.keys[0]
            // By index, innermost first (not through a reversed iterator's copies).
            var level = context.stack.count - 1
            while level >= 0 {
                if let found = context.stack[level].member(first, firstKey) {
                    value = found
                    break
                }
                level -= 1
            }
            var part = 1
            while part < name.parts.count, value != nil {
                value = value?.member(name.parts[part], name.keys[part])
                part += 1
            }
        }
        guard var result = value else { return nil }
        for transform in name.transforms.reversed() {
            guard let transformed = Self.transform(result, transform) else { return nil }
            result = transformed
        }
        return result
    }

    private static func transform(_ position: Position, _ transforms: [String]) -> TemplateValue? {
        // Only one transform applies to a position; what it gives may be transformed further.
        guard let innermost = transforms.last else { return nil }
        var result: TemplateValue
        switch innermost {
        case "first": result = .bool(position.first)
        case "last": result = .bool(position.last)
        case "index": result = .int(position.index)
        case "even": result = .bool(position.index & 1 == 0)
        case "odd": result = .bool(position.index & 1 == 1)
        default: return nil
        }
        for transform in transforms.dropLast().reversed() {
            guard let transformed = Self.transform(result, transform) else { return nil }
            result = transformed
        }
        return result
    }

    /// swift-mustache's transforms, on the values a view can hold.
    static func transform(_ value: TemplateValue, _ name: String) -> TemplateValue? {
        switch value {
        case .string(let string):
            switch name {
            case "empty": return .bool(string.isEmpty)
            case "capitalized": return .string(string.capitalized)
            case "lowercased": return .string(string.lowercased())
            case "uppercased": return .string(string.uppercased())
            case "reversed": return .string(String(string.reversed()))
            default: return nil
            }
        case .int(let int):
            switch name {
            case "equalzero": return .bool(int == 0)
            case "plusone": return .int(int &+ 1)
            case "minusone": return .int(int &- 1)
            case "even": return .bool(int & 1 == 0)
            case "odd": return .bool(int & 1 == 1)
            default: return nil
            }
        case .list(let elements):
            switch name {
            case "first": return elements.first
            case "last": return elements.last
            case "reversed": return .list(elements.reversed())
            case "count": return .int(elements.count)
            case "empty": return .bool(elements.isEmpty)
            case "sorted":
                // Only lists of strings or of whole numbers have an order.
                if let strings = elements.allStrings { return .list(strings.sorted().map(TemplateValue.string)) }
                if let ints = elements.allInts { return .list(ints.sorted().map(TemplateValue.int)) }
                return nil
            default: return nil
            }
        case .object, .view:
            let members: [String: TemplateValue]
            if case .object(let dictionary) = value { members = dictionary } else if case .view(let view) = value { members = view.members } else { return nil }
            switch name {
            case "count": return .int(members.count)
            case "empty": return .bool(members.isEmpty)
            case "enumerated", "sorted":
                return .list(members.keys.sorted().map { .object(["key": .string($0), "value": members[$0]!]) })
            default: return nil
            }
        case .double, .bool:
            return nil
        }
    }

    // MARK: - Output

    private mutating func write(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .string(let string):
            if escaped { HTML.appendEscaped(string, to: &output) } else { output.append(contentsOf: string.utf8) }
        case .int(let int):
            output.append(contentsOf: String(int).utf8)
        case .double(let double):
            output.append(contentsOf: String(double).utf8)
        case .bool(let bool):
            output.append(contentsOf: (bool ? "true" : "false").utf8)
        case .list, .object, .view:
            // A list or an object has no text of its own; a template shows its members.
            break
        }
    }
}

private extension [TemplateValue] {
    var allStrings: [String]? {
        var result: [String] = []
        for element in self {
            guard case .string(let string) = element else { return nil }
            result.append(string)
        }
        return result
    }

    var allInts: [Int]? {
        var result: [Int] = []
        for element in self {
            guard case .int(let int) = element else { return nil }
            result.append(int)
        }
        return result
    }
}
