import CYaml
import Foundation
import Yams

extension DataTable {
    /// Parses a YAML mapping, reporting syntax errors with the line and column in `yaml`.
    ///
    /// An empty document is an empty table; a document whose top level is not a mapping is an error.
    ///
    /// Most front matter is read by `PlainYAML`, without Yams; `plainFirst: false` reads it with
    /// Yams, and `cheapChecksFirst: false` types scalars in the order Yams' conversions were first
    /// called, for tests to compare with.
    static func parseYAML(_ yaml: String, cheapChecksFirst: Bool = true, plainFirst: Bool = true) throws(DataSyntaxError) -> DataTable {
        if plainFirst && cheapChecksFirst, let table = PlainYAML.parse(yaml) { return table }
        if let key = firstComplexKey(in: yaml) {
            throw DataSyntaxError(
                message: "Invalid YAML: a key must be text, not a list, a mapping or an alias ('*name'). Write keys as 'name: value'",
                line: key.line, column: key.column)
        }
        let root: Node?
        do {
            // (Yams' default resolver, though scalars are typed from their text: its tags decide
            // which keys repeat, and `Bool`'s conversion refuses a node whose tag is `str`, which an
            // anchored key reused as a value gets from the empty resolver. Its seven ICU regular
            // expressions cost about a millisecond per build that reads such YAML.)
            root = try Parser(yaml: yaml, resolver: .default, constructor: yamlConstructor, encoding: yamlEncoding).singleRoot()
        } catch let error as YamlError {
            throw DataSyntaxError(yaml: error).explainingTab(in: yaml)
        } catch {
            throw DataSyntaxError(message: "Invalid YAML: \(error)", line: nil, column: nil)
        }
        guard let root else { return DataTable() }
        if case .scalar(let scalar) = root, scalar.string.isEmpty || root.null != nil {
            return DataTable()
        }
        var budget = maximumValues
        guard case .mapping = root else {
            let kind = (try? DataValue(yaml: root, budget: &budget))?.kindName ?? "a list"
            throw DataSyntaxError(message: "Expected 'key: value' lines, found \(kind)", line: root.mark?.line, column: root.mark?.column)
        }
        guard case .table(let table) = try DataValue(yaml: root, budget: &budget, cheapChecksFirst: cheapChecksFirst) else { return DataTable() }
        return table
    }

    /// Where the first mapping key that is not a scalar starts (`? [a, b]: x`, `*name : x`).
    ///
    /// Yams checks a mapping's keys for duplicates by hashing them whole, aliases expanded, so
    /// one key naming nested aliases took Yams.compose itself minutes (found by fuzzing). Front
    /// matter and `site.yml` never need such keys; they are refused from libyaml's events before
    /// Yams composes anything. A syntax error stops the scan, and Yams reports it.
    static func firstComplexKey(in yaml: String) -> (line: Int, column: Int)? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(yaml.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> (line: Int, column: Int)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            // One entry per open collection: whether it is a mapping whose next node is a key.
            var expectsKey: [Bool?] = []
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                let type = event.type
                let mark = event.start_mark
                yaml_event_delete(&event)
                switch type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT, YAML_ALIAS_EVENT, YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    if case let isKey?? = expectsKey.last {
                        if isKey && type != YAML_SCALAR_EVENT { return (Int(mark.line) + 1, Int(mark.column) + 1) }
                        expectsKey[expectsKey.count - 1] = !isKey
                    }
                    if type == YAML_SEQUENCE_START_EVENT { expectsKey.append(nil) }
                    if type == YAML_MAPPING_START_EVENT { expectsKey.append(true) }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    _ = expectsKey.popLast()
                default:
                    break
                }
            }
            return nil
        }
    }

    /// The most values a document may hold, counting each copy an alias makes. Aliases repeat
    /// what an anchor names, so 528 bytes of nested aliases stood for a billion values and hung
    /// the build ("billion laughs"); real front matter and `site.yml` hold a few dozen values.
    static let maximumValues = 10_000

    /// What `Yams.compose(yaml:)` passes, made once: its default encoding reads the process's
    /// environment on every call (a copy of the whole environment, per front matter), and its
    /// default constructor builds three dictionaries. Neither changes while a build runs.
    nonisolated(unsafe) private static let yamlEncoding = Parser.Encoding.default
    nonisolated(unsafe) private static let yamlConstructor = Constructor.default
}

extension DataValue {
    init(yaml node: Node, budget: inout Int, cheapChecksFirst: Bool = true) throws(DataSyntaxError) {
        budget -= 1
        guard budget >= 0 else {
            throw DataSyntaxError(
                message: "Invalid YAML: more than \(DataTable.maximumValues) values, counting each copy that an alias ('*name') makes. Use fewer aliases or fewer values",
                line: node.mark?.line, column: node.mark?.column)
        }
        switch node {
        case .scalar(let scalar):
            // Only plain scalars are typed; `"10"` or `'true'` stay text, as YAML says.
            guard scalar.style == .plain || scalar.style == .any else {
                self = .string(scalar.string)
                return
            }
            self = cheapChecksFirst ? .typed(scalar) : .typedInCallOrder(node)
        case .sequence(let sequence):
            var items: [DataValue] = []
            for item in sequence { items.append(try DataValue(yaml: item, budget: &budget, cheapChecksFirst: cheapChecksFirst)) }
            self = .array(items)
        case .mapping(let mapping):
            var table = DataTable()
            for (key, value) in mapping {
                var name = key.string
                if name == nil { name = "\(try DataValue(yaml: key, budget: &budget))" }
                table.entries.append(.init(
                    key: name ?? "", value: try DataValue(yaml: value, budget: &budget, cheapChecksFirst: cheapChecksFirst),
                    line: key.mark?.line, column: key.mark?.column))
            }
            self = .table(table)
        case .alias:
            self = .null
        }
    }
}

extension DataValue {
    /// A plain scalar typed as YAML's core schema says, by Yams' conversions: null, a boolean
    /// (only `true` and `false` in three cases, not YAML 1.1's `yes` or `on`), an integer, a
    /// number with a point or an exponent, else text.
    ///
    /// The cheap conditions first: Yams' conversions go through Foundation for every title and
    /// tag. An integer has an ASCII digit whatever its form (`0x1F`, `1_000`, `1:30`).
    static func typed(_ scalar: Node.Scalar) -> DataValue {
        let string = scalar.string
        if string.isEmpty || NSNull.construct(from: scalar) != nil { return .null }
        if ["true", "false", "True", "False", "TRUE", "FALSE"].contains(string), let bool = Bool.construct(from: scalar) {
            return .bool(bool)
        }
        let hasDigit = string.utf8.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        // Yams reads an integer from digits, hex digits, the `0x`, `0o` and `0b` prefixes, `_`,
        // a sign and `:` only; a date (`2024-03-30T10:04:00+01:00`) is not worth its attempt.
        if hasDigit, string.utf8.allSatisfy(Self.mayBeInInteger), let int = Int.construct(from: scalar) {
            return .integer(int)
        }
        // A number has a digit, unless it is infinity or NaN: a title ending in a full stop is not one.
        if string.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) || string.lowercased().hasSuffix("inf") {
            let lowered = string.lowercased()
            if hasDigit || lowered.contains("inf") || lowered.contains("nan"), let double = Double.construct(from: scalar) {
                return .double(double)
            }
        }
        return .string(string)
    }

    private static func mayBeInInteger(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"),
             UInt8(ascii: "x"), UInt8(ascii: "o"), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "+"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    /// A plain scalar read without Yams (`PlainYAML`), typed as Yams' node of it would be: its
    /// tag is implicit (no `!!str` can precede it there).
    static func plain(_ string: String) -> DataValue {
        typed(Node.Scalar(string, implicitTag, .plain))
    }

    /// One tag for every such scalar: `Tag.implicit` makes a new `Constructor`, and its three
    /// dictionaries, on each use. The conversions only read its name, which nothing resolves: so
    /// its resolver is Yams' empty one, not `.default`, whose first use compiles seven regular
    /// expressions with ICU (a tenth of the CPU of a build of 1,000 posts with nothing to do).
    nonisolated(unsafe) private static let implicitTag = Tag(.implicit, .basic, .default)

    /// The same typing with Yams' conversions called in the order they were first written, for
    /// tests to compare `typed(_:)` with.
    private static func typedInCallOrder(_ node: Node) -> DataValue {
        let string = node.scalar?.string ?? ""
        if string.isEmpty || node.null != nil { return .null }
        if let bool = node.bool, ["true", "false", "True", "False", "TRUE", "FALSE"].contains(string) { return .bool(bool) }
        if let int = node.int { return .integer(int) }
        if let double = node.float, string.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) || string.lowercased().hasSuffix("inf") {
            return .double(double)
        }
        return .string(string)
    }
}

/// A syntax error in YAML or TOML text, positioned within that text.
struct DataSyntaxError: Error, Sendable {
    private var problem: String
    /// The line of the construct the error happened in ("while parsing a list started on line 2").
    private var context: (text: String, line: Int)?
    var line: Int?
    var column: Int?

    init(message: String, line: Int?, column: Int?) {
        self.problem = message
        self.line = line
        self.column = column
    }

    /// The message, with lines of the text turned into lines of the file.
    func message(lineOffset: Int) -> String {
        guard let context else { return problem }
        return problem + " (\(context.text) on line \(context.line + lineOffset))"
    }

    var message: String { message(lineOffset: 0) }

    /// YAML's own words for a tab ("found character that cannot start any token") do not say
    /// "tab"; when the line of the error, or the one before, holds one, the message does.
    func explainingTab(in text: String) -> DataSyntaxError {
        guard let line else { return self }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for number in [line, line - 1] where number >= 1 && number <= lines.count {
            guard let tab = lines[number - 1].firstIndex(of: "\t") else { continue }
            let column = lines[number - 1].distance(from: lines[number - 1].startIndex, to: tab) + 1
            return DataSyntaxError(
                message: "Invalid YAML: a tab character. YAML indents and separates with spaces only: replace the tab with spaces",
                line: number, column: column)
        }
        return self
    }

    init(yaml error: YamlError) {
        func sentence(_ problem: String) -> String {
            "Invalid YAML: " + problem.prefix(1).uppercased() + problem.dropFirst()
        }
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            self.init(message: sentence(problem), line: mark.line, column: mark.column)
            if let context { self.context = (context.text, context.mark.line) }
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            self.init(message: "Duplicate key \(keys)", line: context.mark.line, column: context.mark.column)
        case let .reader(problem, _, _, _):
            self.init(message: "Invalid YAML: \(problem)", line: nil, column: nil)
        default:
            self.init(message: "Invalid YAML: \(error)", line: nil, column: nil)
        }
    }
}
