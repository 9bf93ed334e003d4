import Foundation

extension DataTable {
    /// Parses TOML front matter (Hugo's `+++` blocks).
    static func parseTOML(_ text: String) throws(DataSyntaxError) -> DataTable {
        do {
            let table = try TOMLParser.parse(text)
            return DataTable(toml: table)
        } catch {
            throw DataSyntaxError(message: "Invalid TOML: " + error.message, line: error.line, column: error.column)
        }
    }

    init(toml table: TOMLTable) {
        self.init()
        for (key, value) in table.entries {
            let position = table.keyPositions[key]
            entries.append(Entry(key: key, value: DataValue(toml: value), line: position?.line, column: position?.column))
        }
    }
}

extension DataValue {
    init(toml value: TOMLValue) {
        switch value {
        case .string(let s): self = .string(s)
        case .integer(let i): self = .integer(Int(i))
        case .float(let d): self = .double(d)
        case .boolean(let b): self = .bool(b)
        case .datetime(let s): self = .string(s)
        case .array(let items): self = .array(items.map(DataValue.init(toml:)))
        case .table(let table): self = .table(DataTable(toml: table))
        }
    }
}
