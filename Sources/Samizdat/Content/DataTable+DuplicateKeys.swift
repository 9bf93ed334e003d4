import CYaml
import Foundation

extension DataTable {
    /// A key written twice in one YAML mapping: where the ignored, earlier one is, and the line
    /// of the later one that is used.
    struct DuplicateKey: Sendable, Equatable {
        var key: String
        var line: Int
        var column: Int
        var laterLine: Int
    }

    /// Parses YAML front matter as Hugo and Jekyll read it: a key given twice in a mapping takes
    /// its last value, and each ignored one is returned to be reported.
    ///
    /// Yams refuses duplicate keys outright and has no option to keep the last, so the earlier
    /// pairs are blanked out of the text (spaces in place of their characters, so every line
    /// and column stays where it was) and the text is parsed again. In a flow mapping
    /// (`{a: 1, a: 2}`) the comma after the earlier pair is blanked with it.
    static func parseYAMLKeepingLastKeys(_ yaml: String) throws(DataSyntaxError) -> (DataTable, [DuplicateKey]) {
        do {
            return (try parseYAML(yaml), [])
        } catch {
            let (duplicates, ranges) = duplicateKeys(in: yaml)
            guard !duplicates.isEmpty else { throw error }
            return (try parseYAML(blanking(ranges, in: yaml)), duplicates)
        }
    }

    /// A span of the text by 0-based line and column (in Unicode scalars, as libyaml counts).
    struct Span {
        var start: (line: Int, column: Int)
        var end: (line: Int, column: Int)
        /// A pair of a flow mapping, followed by the comma that goes with it.
        var flow = false
    }

    /// The earlier pairs of keys repeated in mappings, from libyaml's events.
    static func duplicateKeys(in yaml: String) -> ([DuplicateKey], [Span]) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return ([], []) }
        defer { yaml_parser_delete(&parser) }

        final class Mapping {
            let isBlock: Bool
            var expectsKey = true
            /// The key whose value is being read, and where it starts.
            var key: (name: String?, line: Int, column: Int)?
            var seen: [String: (line: Int, column: Int, end: (line: Int, column: Int))] = [:]
            init(isBlock: Bool) { self.isBlock = isBlock }
        }
        var duplicates: [DuplicateKey] = []
        var spans: [Span] = []
        // One entry per open collection: a mapping, or nil for a sequence.
        var stack: [Mapping?] = []

        func valueEnded(in mapping: Mapping, line: Int, column: Int) {
            defer {
                mapping.key = nil
                mapping.expectsKey = true
            }
            guard let key = mapping.key, let name = key.name else { return }
            if let earlier = mapping.seen[name] {
                duplicates.append(DuplicateKey(key: name, line: earlier.line + 1, column: earlier.column + 1, laterLine: key.line + 1))
                spans.append(Span(start: (earlier.line, earlier.column), end: earlier.end, flow: !mapping.isBlock))
            }
            mapping.seen[name] = (key.line, key.column, (line, column))
        }

        let bytes = Array(yaml.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                let type = event.type
                let start = (line: Int(event.start_mark.line), column: Int(event.start_mark.column))
                let end = (line: Int(event.end_mark.line), column: Int(event.end_mark.column))
                var scalar: String?
                if type == YAML_SCALAR_EVENT, let value = event.data.scalar.value {
                    scalar = String(decoding: UnsafeBufferPointer(start: value, count: Int(event.data.scalar.length)), as: UTF8.self)
                }
                let isBlockMapping = type == YAML_MAPPING_START_EVENT && event.data.mapping_start.style != YAML_FLOW_MAPPING_STYLE
                yaml_event_delete(&event)
                switch type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_SCALAR_EVENT, YAML_ALIAS_EVENT, YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let isCollection = type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT
                    if case let mapping?? = stack.last {
                        if mapping.expectsKey {
                            mapping.key = (scalar, start.line, start.column)
                            mapping.expectsKey = false
                        } else if !isCollection {
                            valueEnded(in: mapping, line: end.line, column: end.column)
                        }
                    }
                    if type == YAML_SEQUENCE_START_EVENT { stack.append(nil) }
                    if type == YAML_MAPPING_START_EVENT { stack.append(Mapping(isBlock: isBlockMapping)) }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    _ = stack.popLast()
                    // A collection that was a value ends its pair.
                    if case let mapping?? = stack.last, !mapping.expectsKey, mapping.key != nil {
                        valueEnded(in: mapping, line: end.line, column: end.column)
                    }
                default:
                    break
                }
            }
        }
        return (duplicates, spans)
    }

    /// `text` with the characters of `spans` turned into spaces, line breaks kept.
    static func blanking(_ spans: [Span], in text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        for span in spans {
            guard span.start.line < lines.count else { continue }
            for line in span.start.line...min(span.end.line, lines.count - 1) {
                let from = line == span.start.line ? span.start.column : 0
                let to = line == span.end.line ? min(span.end.column, lines[line].count) : lines[line].count
                guard from < to else { continue }
                for index in from..<to { lines[line][index] = " " }
            }
            // An earlier pair of a flow mapping is never its last: a comma follows, maybe after spaces or line breaks.
            guard span.flow else { continue }
            var line = span.end.line, column = span.end.column
            search: while line < lines.count {
                while column < lines[line].count {
                    let character = lines[line][column]
                    if character == "," { lines[line][column] = " "; break search }
                    guard character == " " || character == "\t" || character == "\r" else { break search }
                    column += 1
                }
                line += 1
                column = 0
            }
        }
        return lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
    }
}
