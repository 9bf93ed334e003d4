extension String {
    /// The string as output paths are compared on case-insensitive file systems (macOS, Windows):
    /// `lowercased()`, read as bytes when the path is ASCII, as nearly every path of a site is.
    var foldedForPathComparison: String {
        var isASCII = true
        var hasUpper = false
        for byte in utf8 {
            if byte >= 0x80 { isASCII = false; break }
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { hasUpper = true }
        }
        guard isASCII else { return lowercased() }
        guard hasUpper else { return self }
        return String(decoding: utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
