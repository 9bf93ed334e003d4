import Foundation

/// Cuts the JSON list of an archive's data file (`window.YTD.tweets.part0 = [{…}, {…}]`) into
/// its entries as the bytes arrive, so that a large `tweets.js` is never in memory whole: only
/// the entry being read is.
///
/// It follows strings and nesting only, enough to find where each entry ends; each entry is then
/// parsed on its own by `JSONSerialization`, which reports what is wrong inside it.
struct JSONListSplitter {
    enum Failure: Error, Equatable {
        /// The bytes before the list are not `window.…=`; `found` is how they start.
        case prefix(found: String)
        /// An entry of the list that is not an object (`entry` counts from 1).
        case notAnObject(entry: Int)
        /// The list is not closed: the file is cut short.
        case truncated
    }

    private enum State {
        case prefix, badPrefix, beforeList, list, done
    }

    private var state = State.prefix
    private var head = Data()
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var entry = Data()
    private(set) var count = 0

    /// Reads `chunk`, calling `emit` with each complete entry and its number (from 1).
    mutating func feed(_ chunk: Data, _ emit: (Data, Int) throws -> Void) throws {
        for byte in chunk {
            switch state {
            case .prefix:
                // A UTF-8 byte order mark is skipped; then `window.` and up to `=`.
                if head.isEmpty && byte == 0xEF || head == Data([0xEF]) && byte == 0xBB || head == Data([0xEF, 0xBB]) && byte == 0xBF {
                    head.append(byte)
                    if head.count == 3 { head = Data() }
                    continue
                }
                head.append(byte)
                let expected = Data("window.".utf8)
                if head.count <= expected.count ? !expected.starts(with: head) : head.count > 256 {
                    // Read on to the end of the line, to quote what the file starts with.
                    state = .badPrefix
                } else if byte == UInt8(ascii: "=") && head.count > expected.count {
                    state = .beforeList
                }
            case .badPrefix:
                if byte == 0x0A || head.count >= 40 { throw Failure.prefix(found: Self.describe(head)) }
                head.append(byte)
            case .beforeList:
                if Self.isSpace(byte) {
                    head.append(byte)
                    continue
                }
                guard byte == UInt8(ascii: "[") else { throw Failure.prefix(found: Self.describe(head + [byte])) }
                state = .list
            case .list:
                if depth == 0 {
                    if Self.isSpace(byte) || byte == UInt8(ascii: ",") { continue }
                    if byte == UInt8(ascii: "]") {
                        state = .done
                        continue
                    }
                    guard byte == UInt8(ascii: "{") else { throw Failure.notAnObject(entry: count + 1) }
                }
                entry.append(byte)
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        count += 1
                        let complete = entry
                        entry = Data()
                        try emit(complete, count)
                    }
                default: break
                }
            case .done:
                continue
            }
        }
    }

    /// After the last chunk: the list must have been closed.
    func finish() throws {
        switch state {
        case .done: return
        case .prefix, .badPrefix: throw Failure.prefix(found: Self.describe(head))
        case .beforeList, .list: throw Failure.truncated
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// The first line of what was found, shortened, for a message.
    private static func describe(_ bytes: Data) -> String {
        let text = String(decoding: bytes.prefix(40), as: UTF8.self)
        return text.components(separatedBy: .newlines).first ?? ""
    }
}
