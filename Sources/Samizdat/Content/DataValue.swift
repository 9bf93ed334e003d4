import Foundation

/// A value read from YAML or TOML (front matter, `site.yml`), independent of the syntax it came from.
///
/// Dates stay strings here: YAML and TOML disagree on how to type them, and `DateParser` gives one
/// behaviour for both (a date without a zone is in the site's time zone).
public indirect enum DataValue: Sendable, Equatable, Codable {
    case string(String)
    case integer(Int)
    case double(Double)
    case bool(Bool)
    case null
    case array([DataValue])
    case table(DataTable)

    /// The value as text, for keys that take a string but where authors write `title: 1984` or `slug: 2026`.
    var scalarText: String? {
        switch self {
        case .string(let s): return s
        case .integer(let i): return String(i)
        case .double(let d): return String(d)
        case .bool(let b): return b ? "true" : "false"
        case .null, .array, .table: return nil
        }
    }

    var kindName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .double: return "a number"
        case .bool: return "a boolean"
        case .null: return "empty"
        case .array: return "a list"
        case .table: return "a mapping"
        }
    }

    /// The value as a template sees it (an empty value is an empty string).
    var templateValue: TemplateValue {
        switch self {
        case .string(let s): return .string(s)
        case .integer(let i): return .int(i)
        case .double(let d): return .double(d)
        case .bool(let b): return .bool(b)
        case .null: return .string("")
        case .array(let a): return .list(a.map(\.templateValue))
        case .table(let t): return .object(t.templateValue)
        }
    }
}

/// An ordered mapping of keys to values, remembering where each key was written.
public struct DataTable: Sendable, Equatable, Codable {
    public struct Entry: Sendable, Equatable, Codable {
        public var key: String
        public var value: DataValue
        /// 1-based line and column of the key in the text it was parsed from.
        public var line: Int?
        public var column: Int?
    }

    public var entries: [Entry] = []

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    public subscript(key: String) -> DataValue? {
        entries.first { $0.key == key }?.value
    }

    var templateValue: [String: TemplateValue] {
        var result: [String: TemplateValue] = [:]
        for entry in entries { result[entry.key] = entry.value.templateValue }
        return result
    }
}
