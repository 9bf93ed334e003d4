/// A value a template sees: what a page's view is made of.
///
/// Typed instead of `Any`, so that rendering a page looks names up in dictionaries and switches
/// over a few cases, where a renderer over `Any` casts every value it meets to a handful of
/// protocols (that was a third of a cold build). Sections, inverted sections and truthiness follow
/// the Mustache spec as swift-mustache implements it: `false`, missing values and empty lists are
/// falsy; everything else, an empty string or `0` included, is truthy.
public indirect enum TemplateValue: Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// A string that is only set when there is one: `nil` leaves the key out, so a section on it is
    /// skipped (and Mustache looks the name up in enclosing contexts).
    public init?(_ string: String?) {
        guard let string else { return nil }
        self = .string(string)
    }

    public init(_ string: String) { self = .string(string) }
    public init(_ bool: Bool) { self = .bool(bool) }
    public init(_ int: Int) { self = .int(int) }
    public init(_ list: [TemplateValue]) { self = .list(list) }
    public init(_ object: [String: TemplateValue]) { self = .object(object) }
    public init(_ strings: [String]) { self = .list(strings.map(TemplateValue.string)) }
    public init(_ strings: [String: String]) { self = .object(strings.mapValues(TemplateValue.string)) }

    /// The member `name` of an object; nothing for other values.
    @inline(__always)
    func member(_ name: String) -> TemplateValue? {
        if case .object(let members) = self { return members[name] }
        return nil
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByStringInterpolation
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension TemplateValue: Hashable {}
