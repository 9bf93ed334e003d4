import Foundation

/// Characters a source file may not carry into pages and feeds: C0 controls other than tab, line
/// feed and carriage return, U+007F, C1 controls (U+0080–U+009F) and Unicode noncharacters.
///
/// XML 1.0 forbids most of them, and feed readers that accept them show them as "…" or "›". They
/// reach files invisibly (pasted from a PDF or a word processor), so they are removed where a file
/// is read, with a warning that says where each one was, rather than refused.
enum ControlCharacters {
    /// More warnings than this for one file add nothing: the rest are counted in one last warning.
    static let maximumWarningsPerFile = 10

    static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0xFDD0...0xFDEF: return true
        case let value: return value & 0xFFFE == 0xFFFE
        }
    }

    static func contains(_ text: some StringProtocol) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(containsEncoded) ?? text.unicodeScalars.contains(where: isRemoved)
    }

    /// Whether valid UTF-8 holds a removed scalar, read from the bytes without decoding them.
    ///
    /// A removed scalar is a byte below 0x20 (not tab, line feed or carriage return), 0x7F,
    /// `C2 80`–`C2 9F` (U+0080–U+009F), `EF B7 90`–`EF B7 AF` (U+FDD0–U+FDEF), `EF BF BE`/`BF`
    /// (U+FFFE, U+FFFF), or four bytes `F_ _F BF BE`/`BF` (U+1FFFE … U+10FFFF). Bytes that can
    /// start none of these (nearly all of any text, French « » and accents included) are passed
    /// over with one table lookup each.
    static func containsEncoded(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        mayStart.withUnsafeBufferPointer { mayStart in containsEncoded(bytes, mayStart: mayStart) }
    }

    private static func containsEncoded(_ bytes: UnsafeBufferPointer<UInt8>, mayStart: UnsafeBufferPointer<Bool>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            guard mayStart[Int(byte)] else {
                index += 1
                continue
            }
            let next = index + 1 < count ? bytes[index + 1] : 0
            let third = index + 2 < count ? bytes[index + 2] : 0
            switch byte {
            case 0xC2:
                if (0x80...0x9F).contains(next) { return true }
            case 0xEF:
                if next == 0xB7, (0x90...0xAF).contains(third) { return true }
                if next == 0xBF, third >= 0xBE { return true }
            case 0xF0...0xF4:
                if next & 0x0F == 0x0F, third == 0xBF, index + 3 < count, bytes[index + 3] >= 0xBE { return true }
            default:
                return true
            }
            index += 1
        }
        return false
    }

    /// The bytes `containsEncoded` looks at more closely: controls, 0x7F, and the lead bytes
    /// 0xC2, 0xEF and 0xF0–0xF4.
    private static let mayStart: [Bool] = (0...255).map { (byte: Int) -> Bool in
        switch byte {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00..<0x20, 0x7F, 0xC2, 0xEF, 0xF0...0xF4: return true
        default: return false
        }
    }

    static func removing(from text: String) -> String {
        guard contains(text) else { return text }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: text.unicodeScalars.lazy.filter { !isRemoved($0) })
        return String(result)
    }

    /// `control character U+0085`, `noncharacter U+FFFE`.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let kind = scalar.value <= 0x9F ? "control character" : "noncharacter"
        return "\(kind) U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))"
    }

    /// Removes them from a whole file's text, with a warning at the line and column of each.
    ///
    /// Columns count Unicode scalars from 1. `text` has its line endings normalized to `\n`.
    static func removing(from text: String, file: URL) -> (String, [Diagnostic]) {
        guard contains(text) else { return (text, []) }
        var result = String.UnicodeScalarView()
        var warnings: [Diagnostic] = []
        var more = 0
        var line = 1
        var column = 1
        for scalar in text.unicodeScalars {
            if isRemoved(scalar) {
                if warnings.count < maximumWarningsPerFile {
                    warnings.append(.warning(
                        "Removed \(describe(scalar)): pages and feeds cannot carry it. Delete it from the file to silence this warning",
                        at: SourceLocation(file: file, line: line, column: column)))
                } else {
                    more += 1
                }
            } else {
                result.append(scalar)
            }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        if more > 0 {
            warnings.append(.warning("Removed \(more) more control characters or noncharacters from this file", at: SourceLocation(file: file)))
        }
        return (String(result), warnings)
    }
}

extension DataTable {
    /// The table with control characters removed from every key and text value, and a warning
    /// at each entry that had some.
    ///
    /// A file's text is cleaned before it is parsed; this catches what escapes produce after
    /// parsing (`title: "\u0085"` in YAML, `"\u0000"` in TOML).
    func removingControlCharacters(file: URL, lineOffset: Int, path: String = "") -> (DataTable, [Diagnostic]) {
        var table = DataTable()
        var warnings: [Diagnostic] = []
        for entry in entries {
            var removed: [Unicode.Scalar] = []
            let key = entry.key.removingControlCharacters(into: &removed)
            let name = path.isEmpty ? key : path + "." + key
            let value: DataValue
            if case .table(let nested) = entry.value {
                let (clean, nestedWarnings) = nested.removingControlCharacters(file: file, lineOffset: lineOffset, path: name)
                value = .table(clean)
                warnings += nestedWarnings
            } else {
                value = entry.value.removingControlCharacters(into: &removed, file: file, lineOffset: lineOffset, path: name, warnings: &warnings)
            }
            if let first = removed.first {
                let others = removed.count > 1 ? " and \(removed.count - 1) more" : ""
                warnings.append(.warning(
                    "Removed \(ControlCharacters.describe(first))\(others) from '\(name)': pages and feeds cannot carry it. Remove the escape that produces it",
                    at: SourceLocation(file: file, line: entry.line.map { $0 + lineOffset }, column: entry.column)))
            }
            table.entries.append(Entry(key: key, value: value, line: entry.line, column: entry.column))
        }
        return (table, warnings)
    }
}

extension DataValue {
    fileprivate func removingControlCharacters(into removed: inout [Unicode.Scalar], file: URL, lineOffset: Int, path: String,
                                               warnings: inout [Diagnostic]) -> DataValue {
        switch self {
        case .string(let text):
            return .string(text.removingControlCharacters(into: &removed))
        case .array(let items):
            return .array(items.map { $0.removingControlCharacters(into: &removed, file: file, lineOffset: lineOffset, path: path, warnings: &warnings) })
        case .table(let table):
            // A table inside a list has no position of its own: its entries keep theirs.
            let (clean, nested) = table.removingControlCharacters(file: file, lineOffset: lineOffset, path: path)
            warnings += nested
            return .table(clean)
        case .integer, .double, .bool, .null:
            return self
        }
    }
}

extension String {
    fileprivate func removingControlCharacters(into removed: inout [Unicode.Scalar]) -> String {
        guard ControlCharacters.contains(self) else { return self }
        removed += unicodeScalars.filter(ControlCharacters.isRemoved)
        return ControlCharacters.removing(from: self)
    }

    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
