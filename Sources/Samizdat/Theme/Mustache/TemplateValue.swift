/// A value a template sees: what a page's view is made of.
///
/// Typed instead of `Any`, so that rendering a page looks names up in typed views and dictionaries
/// and switches over a few cases, where a renderer over `Any` casts every value it meets to a
/// handful of protocols (that was a third of a cold build). Sections, inverted sections and
/// truthiness follow the Mustache spec as swift-mustache implements it: `false`, missing values
/// and empty lists are falsy; everything else, an empty string or `0` included, is truthy.
///
/// Not `indirect`: lists and objects hold their elements in arrays and dictionaries already, so a
/// string or a flag is stored in place rather than in a box of its own.
public enum TemplateValue: Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])
    /// A typed view (`TemplateObject`): its members are computed by a `switch` on the key when a
    /// template asks for them, with no dictionary built.
    case view(TemplateView)

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
    public init<View: TemplateObject>(_ view: View) { self = .view(TemplateView(view)) }

    /// The member `name` of an object or a view; nothing for other values. `key` is `name` as a
    /// `TemplateKey`, when it is one (the parser looks it up once).
    @inline(__always)
    func member(_ name: String, _ key: TemplateKey?) -> TemplateValue? {
        switch self {
        case .object(let members): return members[name]
        case .view(let view): return key.flatMap(view.value(for:))
        default: return nil
        }
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

/// A typed view: a struct whose members a template reads by name, computed in a `switch` on the
/// key. A key the view does not have (`nil`) is looked up in the enclosing contexts, as a key
/// missing from a dictionary is: that is why optional things come with a `has_…` flag.
public protocol TemplateObject: Sendable, Hashable {
    func value(for key: TemplateKey) -> TemplateValue?
}

extension TemplateObject {
    /// The member called `name`; nothing for a name no view has.
    public func value(forKey name: String) -> TemplateValue? {
        TemplateKey(rawValue: name).flatMap(value(for:))
    }

    /// Every member, for the transforms that list an object's members (`count`, `enumerated`…).
    public var members: [String: TemplateValue] {
        var result: [String: TemplateValue] = [:]
        for key in TemplateKey.allCases {
            if let value = value(for: key) { result[key.rawValue] = value }
        }
        return result
    }
}

/// A `TemplateObject` of any type, as a `TemplateValue` holds it: one reference, its members
/// reached through one dynamic call.
public struct TemplateView: Sendable, Hashable {
    private let box: AnyViewBox

    public init<View: TemplateObject>(_ view: View) { box = ViewBox(view) }

    @inline(__always)
    public func value(for key: TemplateKey) -> TemplateValue? { box.value(for: key) }

    public var members: [String: TemplateValue] { box.members }

    public static func == (lhs: TemplateView, rhs: TemplateView) -> Bool { lhs.box === rhs.box || lhs.box.isEqual(to: rhs.box) }
    public func hash(into hasher: inout Hasher) { box.hash(into: &hasher) }
}

private class AnyViewBox: @unchecked Sendable {
    func value(for key: TemplateKey) -> TemplateValue? { nil }
    var members: [String: TemplateValue] { [:] }
    func isEqual(to other: AnyViewBox) -> Bool { false }
    func hash(into hasher: inout Hasher) {}
}

private final class ViewBox<View: TemplateObject>: AnyViewBox, @unchecked Sendable {
    let view: View
    init(_ view: View) { self.view = view }
    override func value(for key: TemplateKey) -> TemplateValue? { view.value(for: key) }
    override var members: [String: TemplateValue] { view.members }
    override func isEqual(to other: AnyViewBox) -> Bool { (other as? ViewBox<View>)?.view == view }
    override func hash(into hasher: inout Hasher) { view.hash(into: &hasher) }
}
