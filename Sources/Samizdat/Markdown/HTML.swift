/// Escaping for text placed into HTML and XML.
public enum HTML {
    public static func escape(_ text: String) -> String {
        // Most text has nothing to escape: return it as it is.
        guard needsEscaping(text) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 32)
        appendEscaped(text, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// `& < > " '` escaped (as swift-mustache does, which themes were written against) onto
    /// `output`, the runs between them copied whole: the template renderer writes pages this way.
    static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendEscaped(bytes: $0, to: &output) }
    }

    /// Whether `text` holds one of `& < > " '`.
    static func needsEscaping(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            escaped.withUnsafeBufferPointer { escaped in bytes.contains { escaped[Int($0)] } }
        } ?? text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 })
    }

    /// The bytes `appendEscaped` replaces, by value: one lookup per byte of a page's text.
    private static let escaped: [Bool] = (0...255).map { [0x26, 0x3C, 0x3E, 0x22, 0x27].contains($0) }

    /// The same for UTF-8 bytes.
    static func appendEscaped(bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        escaped.withUnsafeBufferPointer { escaped in appendEscaped(bytes: bytes, to: &output, escaped: escaped) }
    }

    private static func appendEscaped(bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8], escaped: UnsafeBufferPointer<Bool>) {
        var runStart = 0
        for index in bytes.indices where escaped[Int(bytes[index])] {
            let replacement: StaticString
            switch bytes[index] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            default: continue
            }
            if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            output.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            runStart = index + 1
        }
        if runStart < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    public static func escapeAttribute(_ text: String) -> String {
        escape(text)
    }
}
