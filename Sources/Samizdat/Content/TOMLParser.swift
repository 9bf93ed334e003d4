// Temporary stand-in; replaced by the real parser.
public enum TOMLValue: Equatable, Sendable {
    case string(String), integer(Int64), float(Double), boolean(Bool), datetime(String), array([TOMLValue]), table(TOMLTable)
}
public struct TOMLPosition: Equatable, Sendable { public var line: Int; public var column: Int }
public struct TOMLTable: Equatable, Sendable {
    public var entries: [(key: String, value: TOMLValue)] = []
    public var keyPositions: [String: TOMLPosition] = [:]
    public static func == (a: TOMLTable, b: TOMLTable) -> Bool { a.entries.map(\.key) == b.entries.map(\.key) }
}
public struct TOMLError: Error, Equatable, Sendable { public var message: String; public var line: Int; public var column: Int }
public enum TOMLParser { public static func parse(_ text: String) throws(TOMLError) -> TOMLTable { TOMLTable() } }
