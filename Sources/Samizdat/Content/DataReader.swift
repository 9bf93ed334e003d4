import Foundation

/// Reads typed values out of a `DataTable`, collecting a diagnostic for each value of the wrong type.
///
/// `lineOffset` maps a line of the parsed text to a line of the file (front matter starts on the
/// line after the opening `---`).
struct DataReader {
    let file: URL
    let lineOffset: Int
    private(set) var diagnostics: [Diagnostic] = []

    init(file: URL, lineOffset: Int) {
        self.file = file
        self.lineOffset = lineOffset
    }

    func location(_ entry: DataTable.Entry) -> SourceLocation {
        SourceLocation(file: file, line: entry.line.map { $0 + lineOffset }, column: entry.column)
    }

    mutating func error(_ message: String, at entry: DataTable.Entry) {
        diagnostics.append(.error(message, at: location(entry)))
    }

    mutating func warning(_ message: String, at entry: DataTable.Entry) {
        diagnostics.append(.warning(message, at: location(entry)))
    }

    mutating func string(_ entry: DataTable.Entry) -> String? {
        if let text = entry.value.scalarText { return text }
        if entry.value == .null { return nil }
        error("'\(entry.key)' must be text; found \(entry.value.kindName)", at: entry)
        return nil
    }

    mutating func bool(_ entry: DataTable.Entry) -> Bool? {
        switch entry.value {
        case .bool(let b): return b
        case .string(let s) where s == "true" || s == "false": return s == "true"
        default:
            error("'\(entry.key)' must be true or false; found \(describe(entry.value))", at: entry)
            return nil
        }
    }

    /// A whole number from 1 to `maximum`: counts such as `posts_per_page`, which paging adds
    /// and multiplies (`posts_per_page: 9223372036854775807` overflowed and stopped the build).
    mutating func positiveInteger(_ entry: DataTable.Entry, maximum: Int = 100_000) -> Int? {
        if case .integer(let i) = entry.value, i > 0 {
            if i <= maximum { return i }
            error("'\(entry.key)' must be at most \(maximum); found \(describe(entry.value))", at: entry)
            return nil
        }
        error("'\(entry.key)' must be a whole number greater than 0; found \(describe(entry.value))", at: entry)
        return nil
    }

    mutating func table(_ entry: DataTable.Entry) -> DataTable? {
        if case .table(let table) = entry.value { return table }
        error("'\(entry.key)' must be a mapping of keys to values; found \(entry.value.kindName)", at: entry)
        return nil
    }

    /// A list of strings; a single string is accepted as a list of one (`tags: swift`).
    mutating func stringList(_ entry: DataTable.Entry) -> [String]? {
        switch entry.value {
        case .array(let items):
            var result: [String] = []
            for item in items {
                guard let text = item.scalarText else {
                    error("Each item of '\(entry.key)' must be text; found \(item.kindName)", at: entry)
                    return nil
                }
                result.append(text)
            }
            return result
        case .null:
            return []
        default:
            if let text = entry.value.scalarText { return [text] }
            error("'\(entry.key)' must be a list; found \(entry.value.kindName)", at: entry)
            return nil
        }
    }

    mutating func unknownKey(_ entry: DataTable.Entry, known: [String], in parent: String?) {
        let name = parent.map { "\($0).\(entry.key)" } ?? entry.key
        if let suggestion = isLikelyTypo(entry.key, of: known) {
            error("Unknown key '\(name)'. Did you mean '\(suggestion)'?", at: entry)
        } else {
            error("Unknown key '\(name)'. Known keys: \(known.map { "'\($0)'" }.joined(separator: ", "))", at: entry)
        }
    }

    /// The known key that `key` is probably a misspelling of (edit distance 1 or 2), if any.
    func isLikelyTypo(_ key: String, of known: [String]) -> String? {
        let lowered = key.lowercased()
        if let exact = known.first(where: { $0 == lowered }) { return exact }
        guard key.count >= 3 else { return nil }
        let allowed = key.count >= 7 ? 2 : 1
        // Lengths further apart than that cannot be that close: skip the costly comparison.
        let best = known.filter { abs($0.count - key.count) <= allowed }.map { ($0, editDistance(lowered, $0)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= allowed else { return nil }
        return best.0
    }

    private func describe(_ value: DataValue) -> String {
        if let text = value.scalarText { return "'\(text)'" }
        return value.kindName
    }
}

/// Edit distance counting an insertion, deletion, substitution or swap of two neighbours as one
/// edit (optimal string alignment), for "did you mean" suggestions: `tilte` is one edit from `title`.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
            }
        }
    }
    return d[a.count][b.count]
}
