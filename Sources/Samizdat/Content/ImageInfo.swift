import Foundation

/// The type and pixel size of an image, read from the first bytes of its file.
///
/// Photo galleries need `width` and `height` attributes so the page does not jump while images
/// load, and feeds need the MIME type of enclosures. Only the header is parsed — no pixel is
/// decoded — so this is cheap enough to run on every photo of every build. The size is the one a
/// browser lays out: a JPEG's EXIF orientation and an AVIF's `irot` rotation are applied, and an
/// SVG's size comes from its root element's `width`/`height` or `viewBox`.
public struct ImageInfo: Sendable, Equatable, Codable {
    /// The image formats whose size can be read.
    public enum Format: String, Sendable, Codable {
        case png, jpeg, gif, webp, svg, avif
    }

    public var format: Format
    public var width: Int
    public var height: Int

    public init(format: Format, width: Int, height: Int) {
        self.format = format
        self.width = width
        self.height = height
    }

    /// The IANA media type, as feeds' enclosures and `<source type>` want it.
    public var mimeType: String {
        switch format {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .webp: "image/webp"
        case .svg: "image/svg+xml"
        case .avif: "image/avif"
        }
    }

    /// Sizes above this are treated as corrupt headers rather than real pictures.
    static let maximumDimension = 100_000

    /// How much of an SVG is searched for its root element.
    static let svgScanLimit = 4 * 1024

    /// How much of a file `read(contentsOf:)` reads at most.
    ///
    /// A JPEG's size comes after its EXIF block, which a camera can fill with a large preview
    /// image; 512 KiB covers those without reading whole photos.
    static let fileReadLimit = 512 * 1024

    /// Reads the type and size of the image whose file starts with `data`.
    ///
    /// Returns nil when the bytes are not a supported image, or when the header is truncated,
    /// corrupt, or gives a zero or absurd (over 100,000 px) size.
    public static func read(_ data: Data) -> ImageInfo? {
        data.withUnsafeBytes { raw in
            guard let info = parse(Bytes(raw)),
                  (1...maximumDimension).contains(info.width),
                  (1...maximumDimension).contains(info.height)
            else { return nil }
            return info
        }
    }

    /// Reads the type and size of the image in a file, reading no more of it than needed.
    ///
    /// Most formats need only the first few bytes, and an SVG its first 4 KiB. A JPEG or an
    /// AVIF is read further, in growing steps up to 512 KiB, for the camera file whose EXIF
    /// block pushes the size further in; past that the file is given up on. Returns nil when
    /// the file cannot be read or is not a supported image.
    public static func read(contentsOf url: URL) -> ImageInfo? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var data = Data()
        var target = svgScanLimit
        while true {
            let wanted = target - data.count
            // Foundation returns nil or empty data at the end of the file, and throws for a
            // folder or an I/O error; all three mean there is nothing more to read.
            let chunk = ((try? handle.read(upToCount: wanted)) ?? nil) ?? Data()
            data.append(chunk)
            if let info = read(data) { return info }
            let reachedEnd = chunk.count < wanted
            if reachedEnd || target >= fileReadLimit || !mayNeedMoreBytes(data) { return nil }
            target = min(target * 8, fileReadLimit)
        }
    }

    /// Whether the formats whose header can sit deep in the file (JPEG, AVIF) start this data.
    private static func mayNeedMoreBytes(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            let bytes = Bytes(raw)
            return bytes.matches([0xFF, 0xD8], at: 0) || bytes.matches(Array("ftyp".utf8), at: 4)
        }
    }

    private static func parse(_ bytes: Bytes) -> ImageInfo? {
        if bytes.matches([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], at: 0) { return png(bytes) }
        if bytes.matches([0xFF, 0xD8], at: 0) { return jpeg(bytes) }
        if bytes.matches(Array("GIF87a".utf8), at: 0) || bytes.matches(Array("GIF89a".utf8), at: 0) {
            return gif(bytes)
        }
        if bytes.matches(Array("RIFF".utf8), at: 0) && bytes.matches(Array("WEBP".utf8), at: 8) {
            return webp(bytes)
        }
        if bytes.matches(Array("ftyp".utf8), at: 4) { return avif(bytes) }
        return svg(bytes)
    }
}

// MARK: - PNG, GIF, WebP

extension ImageInfo {
    /// The size from the IHDR chunk, which the PNG specification requires to come first.
    private static func png(_ bytes: Bytes) -> ImageInfo? {
        guard bytes.uint32BE(at: 8) == 13, bytes.matches(Array("IHDR".utf8), at: 12),
              let width = bytes.uint32BE(at: 16), let height = bytes.uint32BE(at: 20)
        else { return nil }
        return ImageInfo(format: .png, width: width, height: height)
    }

    /// The logical screen size, which is what browsers lay out for an animated GIF too.
    private static func gif(_ bytes: Bytes) -> ImageInfo? {
        guard let width = bytes.uint16LE(at: 6), let height = bytes.uint16LE(at: 8) else { return nil }
        return ImageInfo(format: .gif, width: width, height: height)
    }

    /// The size from the first chunk: a VP8 key frame, a VP8L header or a VP8X canvas.
    private static func webp(_ bytes: Bytes) -> ImageInfo? {
        let chunk = 12, payload = 20
        if bytes.matches(Array("VP8 ".utf8), at: chunk) {
            // A lossy WebP is a single key frame: bit 0 of the frame tag clear, then a start code.
            guard let tag = bytes.byte(at: payload), tag & 1 == 0,
                  bytes.matches([0x9D, 0x01, 0x2A], at: payload + 3),
                  let width = bytes.uint16LE(at: payload + 6), let height = bytes.uint16LE(at: payload + 8)
            else { return nil }
            // The top two bits are an upscaling hint for the decoder, not part of the size.
            return ImageInfo(format: .webp, width: width & 0x3FFF, height: height & 0x3FFF)
        }
        if bytes.matches(Array("VP8L".utf8), at: chunk) {
            guard bytes.byte(at: payload) == 0x2F, let bits = bytes.uint32LE(at: payload + 1),
                  bits >> 29 == 0 // version 0 is the only one defined
            else { return nil }
            return ImageInfo(format: .webp, width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1)
        }
        if bytes.matches(Array("VP8X".utf8), at: chunk) {
            guard let width = bytes.uint24LE(at: payload + 4), let height = bytes.uint24LE(at: payload + 7)
            else { return nil }
            return ImageInfo(format: .webp, width: width + 1, height: height + 1)
        }
        return nil
    }
}

// MARK: - JPEG

extension ImageInfo {
    /// Start-of-frame markers, which carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the
    /// range but are not frames.
    private static let startOfFrameMarkers: Set<UInt8> = [
        0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF,
    ]

    /// Walks the marker segments up to the first frame header, noting the EXIF orientation.
    private static func jpeg(_ bytes: Bytes) -> ImageInfo? {
        var position = 2
        var orientation: Int?
        while true {
            guard let marker = nextMarker(bytes, from: &position) else { return nil }
            switch marker {
            case 0x01, 0xD0...0xD8:
                continue // TEM, RSTn and SOI stand alone, without a length
            case 0xD9, 0xDA:
                return nil // an image or a scan that starts before any frame header has no size
            default:
                break
            }
            guard let length = bytes.uint16BE(at: position), length >= 2,
                  let segment = bytes.slice(position + 2, count: length - 2)
            else { return nil }
            if startOfFrameMarkers.contains(marker) {
                guard let height = segment.uint16BE(at: 1), let width = segment.uint16BE(at: 3),
                      segment.byte(at: 5) != nil // the component count completes the fixed header
                else { return nil }
                let rotated = (5...8).contains(orientation ?? 1)
                return ImageInfo(format: .jpeg, width: rotated ? height : width, height: rotated ? width : height)
            }
            if marker == 0xE1, orientation == nil, segment.matches(Array("Exif\0\0".utf8), at: 0),
               let tiff = segment.slice(6, count: segment.count - 6) {
                orientation = exifOrientation(tiff)
            }
            position += length
        }
    }

    /// The next marker code at or after `position`, which it moves past the code.
    ///
    /// Like libjpeg (and so browsers), this skips stray bytes between segments and stuffed
    /// `FF 00` pairs instead of rejecting the file, and any number of `FF` fill bytes.
    private static func nextMarker(_ bytes: Bytes, from position: inout Int) -> UInt8? {
        while true {
            while let byte = bytes.byte(at: position), byte != 0xFF { position += 1 }
            while bytes.byte(at: position) == 0xFF { position += 1 }
            guard let marker = bytes.byte(at: position) else { return nil }
            position += 1
            if marker != 0x00 { return marker }
        }
    }

    /// The Orientation tag (0x0112) of IFD0 in an EXIF TIFF structure, or nil if it has none.
    private static func exifOrientation(_ tiff: Bytes) -> Int? {
        let bigEndian: Bool
        if tiff.matches(Array("MM".utf8), at: 0) {
            bigEndian = true
        } else if tiff.matches(Array("II".utf8), at: 0) {
            bigEndian = false
        } else {
            return nil
        }
        func uint16(_ offset: Int) -> Int? { bigEndian ? tiff.uint16BE(at: offset) : tiff.uint16LE(at: offset) }
        func uint32(_ offset: Int) -> Int? { bigEndian ? tiff.uint32BE(at: offset) : tiff.uint32LE(at: offset) }

        guard uint16(2) == 42, let directory = uint32(4), let declaredCount = uint16(directory) else { return nil }
        // A corrupt count must not send the loop past the bytes that are there.
        let entryCount = min(declaredCount, max(0, (tiff.count - directory - 2) / 12))
        for index in 0..<entryCount {
            let entry = directory + 2 + index * 12
            guard uint16(entry) == 0x0112 else { continue }
            // SHORT is the type the standard prescribes; some writers use LONG.
            let value: Int? = switch uint16(entry + 2) {
            case 3: uint16(entry + 8)
            case 4: uint32(entry + 8)
            default: nil
            }
            guard let value, (1...8).contains(value) else { return nil }
            return value
        }
        return nil
    }
}

// MARK: - AVIF

extension ImageInfo {
    /// The size of the primary item, from the `ispe` property it is associated with.
    ///
    /// An AVIF is an ISO base media file: `ftyp` names the brands, and `meta` describes the
    /// items. Its `pitm` says which item is the picture, and `iprp` holds the item
    /// properties (`ipco`) and which item has which (`ipma`). A file may also carry
    /// thumbnails, alpha planes or grid tiles, each with its own `ispe`, so the first one
    /// found is only a fallback for files that lack the associations.
    private static func avif(_ bytes: Bytes) -> ImageInfo? {
        let top = boxes(in: bytes)
        guard let fileType = top.first, fileType.type == "ftyp" else { return nil }
        let brands = stride(from: 0, to: fileType.payload.count - 3, by: 4)
            .filter { $0 != 4 } // the minor version, between the major and the compatible brands
            .map { fileType.payload.fourCC(at: $0) }
        guard brands.contains("avif") || brands.contains("avis") else { return nil }

        // `meta` is a full box: a version and flags come before its children.
        guard let meta = top.first(where: { $0.type == "meta" })?.payload.slice(4, count: nil) else { return nil }
        let metaChildren = boxes(in: meta)
        guard let properties = metaChildren.first(where: { $0.type == "iprp" }) else { return nil }
        let propertyChildren = boxes(in: properties.payload)
        guard let container = propertyChildren.first(where: { $0.type == "ipco" }) else { return nil }
        let list = boxes(in: container.payload)

        var associated: [Int] = []
        if let primary = metaChildren.first(where: { $0.type == "pitm" }).flatMap({ primaryItem($0.payload) }) {
            for association in propertyChildren where association.type == "ipma" {
                associated += propertyIndices(of: primary, in: association.payload)
            }
        }
        let associatedBoxes = associated.compactMap { list.indices.contains($0 - 1) ? list[$0 - 1] : nil }
        guard let extents = associatedBoxes.first(where: { $0.type == "ispe" }) ?? list.first(where: { $0.type == "ispe" }),
              let width = extents.payload.uint32BE(at: 4), let height = extents.payload.uint32BE(at: 8)
        else { return nil }
        // Browsers apply `irot`, like a JPEG's orientation: a quarter turn swaps the sides.
        let angle = associatedBoxes.first(where: { $0.type == "irot" })?.payload.byte(at: 0).map { $0 & 3 }
        let rotated = angle == 1 || angle == 3
        return ImageInfo(format: .avif, width: rotated ? height : width, height: rotated ? width : height)
    }

    /// One box of an ISO base media file: its four-character type and its contents.
    private struct Box {
        var type: String
        var payload: Bytes
    }

    /// The complete boxes, in order, up to the first one that is malformed or runs past the end.
    ///
    /// Stopping there keeps what comes before usable when a file is read only in part, as
    /// `read(contentsOf:)` does, and its media data runs on past what was read.
    private static func boxes(in bytes: Bytes) -> [Box] {
        var result: [Box] = []
        var position = 0
        while let size32 = bytes.uint32BE(at: position), bytes.slice(position + 4, count: 4) != nil {
            var header = 8
            var size = size32
            if size32 == 1 {
                guard let large = bytes.uint64BE(at: position + 8) else { break }
                header = 16
                size = large
            } else if size32 == 0 {
                size = bytes.count - position // the last box runs to the end of its container
            }
            guard size >= header, let payload = bytes.slice(position + header, count: size - header) else { break }
            result.append(Box(type: bytes.fourCC(at: position + 4), payload: payload))
            position += size
        }
        return result
    }

    /// The item ID in a `pitm` box: 16 bits in version 0, 32 bits after.
    private static func primaryItem(_ payload: Bytes) -> Int? {
        guard let version = payload.byte(at: 0) else { return nil }
        return version == 0 ? payload.uint16BE(at: 4) : payload.uint32BE(at: 4)
    }

    /// The 1-based `ipco` indices that an `ipma` box associates with an item.
    private static func propertyIndices(of item: Int, in payload: Bytes) -> [Int] {
        guard let version = payload.byte(at: 0), let flags = payload.byte(at: 3),
              let entryCount = payload.uint32BE(at: 4)
        else { return [] }
        let idSize = version == 0 ? 2 : 4
        let indexSize = flags & 1 == 1 ? 2 : 1
        var position = 8
        // Every pass reads at least three bytes or stops, so a lying count cannot loop long.
        for _ in 0..<entryCount {
            guard let id = idSize == 2 ? payload.uint16BE(at: position) : payload.uint32BE(at: position),
                  let count = payload.byte(at: position + idSize)
            else { return [] }
            position += idSize + 1
            guard let list = payload.slice(position, count: Int(count) * indexSize) else { return [] }
            position += list.count
            if id == item {
                // The top bit of each entry marks the property essential; the rest is the index.
                return stride(from: 0, to: list.count, by: indexSize).compactMap { offset in
                    indexSize == 2 ? list.uint16BE(at: offset).map { $0 & 0x7FFF } : list.byte(at: offset).map { Int($0 & 0x7F) }
                }
            }
        }
        return []
    }
}

// MARK: - SVG

extension ImageInfo {
    /// The size of the root `<svg>` element, as a browser sizes it in an `<img>`.
    ///
    /// `width` and `height` in absolute units are used as they are; a relative one (`%`, `em`)
    /// does not give a size, so the `viewBox` supplies it — its aspect ratio scaled to the one
    /// absolute side, or its own size when neither side is absolute.
    private static func svg(_ bytes: Bytes) -> ImageInfo? {
        guard let text = bytes.slice(0, count: min(bytes.count, svgScanLimit)),
              let attributes = rootSVGAttributes(text)
        else { return nil }
        let width = attributes["width"].flatMap(svgLength)
        let height = attributes["height"].flatMap(svgLength)
        let viewBox = attributes["viewBox"].flatMap(svgViewBox)

        let size: (width: Double, height: Double)
        switch (width, height, viewBox) {
        case let (width?, height?, _):
            size = (width, height)
        case let (width?, nil, box?):
            size = (width, width * box.height / box.width)
        case let (nil, height?, box?):
            size = (height * box.width / box.height, height)
        case let (nil, nil, box?):
            size = box
        default:
            return nil
        }
        guard let pixelWidth = roundedPixels(size.width), let pixelHeight = roundedPixels(size.height) else { return nil }
        return ImageInfo(format: .svg, width: pixelWidth, height: pixelHeight)
    }

    /// A length rounded to whole pixels, or nil when it is not a usable size.
    private static func roundedPixels(_ value: Double) -> Int? {
        let rounded = value.rounded()
        // Checked before converting, because Int(_:) traps on values it cannot hold.
        guard rounded.isFinite, rounded >= 1, rounded <= Double(maximumDimension) else { return nil }
        return Int(rounded)
    }

    /// The attributes of the root element, if it is `<svg`, after any XML declaration,
    /// processing instructions, comments and DOCTYPE.
    private static func rootSVGAttributes(_ text: Bytes) -> [String: String]? {
        var position = 0
        if text.matches([0xEF, 0xBB, 0xBF], at: 0) { position = 3 } // UTF-8 byte order mark
        while true {
            position = text.skippingWhitespace(from: position)
            if text.matches(Array("<?".utf8), at: position) {
                guard let end = text.firstIndex(of: Array("?>".utf8), from: position + 2) else { return nil }
                position = end + 2
            } else if text.matches(Array("<!--".utf8), at: position) {
                guard let end = text.firstIndex(of: Array("-->".utf8), from: position + 4) else { return nil }
                position = end + 3
            } else if text.matches(Array("<!".utf8), at: position) {
                guard let end = endOfDoctype(text, from: position + 2) else { return nil }
                position = end + 1
            } else if text.matches(Array("<svg".utf8), at: position),
                      let next = text.byte(at: position + 4), next == UInt8(ascii: ">") || next == UInt8(ascii: "/") || isWhitespace(next) {
                return attributes(text, from: position + 4)
            } else {
                return nil
            }
        }
    }

    /// The `>` that closes a DOCTYPE, past any internal subset in brackets and quoted strings.
    private static func endOfDoctype(_ text: Bytes, from start: Int) -> Int? {
        var position = start
        var depth = 0
        var quote: UInt8?
        while let byte = text.byte(at: position) {
            if let open = quote {
                if byte == open { quote = nil }
            } else {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
                case UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "]"): depth = max(0, depth - 1)
                case UInt8(ascii: ">") where depth == 0: return position
                default: break
                }
            }
            position += 1
        }
        return nil
    }

    /// The attributes of a start tag, up to its `>`; nil if the tag is malformed or cut off.
    private static func attributes(_ text: Bytes, from start: Int) -> [String: String]? {
        var result: [String: String] = [:]
        var position = start
        while true {
            position = text.skippingWhitespace(from: position)
            guard let byte = text.byte(at: position) else { return nil }
            if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") { return result }
            let nameStart = position
            while let byte = text.byte(at: position), !isWhitespace(byte),
                  byte != UInt8(ascii: "="), byte != UInt8(ascii: ">"), byte != UInt8(ascii: "/") {
                position += 1
            }
            guard position > nameStart, let name = text.string(nameStart, position) else { return nil }
            position = text.skippingWhitespace(from: position)
            guard text.byte(at: position) == UInt8(ascii: "=") else { return nil }
            position = text.skippingWhitespace(from: position + 1)
            guard let quote = text.byte(at: position), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
                  let end = text.firstIndex(of: [quote], from: position + 1),
                  let value = text.string(position + 1, end)
            else { return nil }
            if result[name] == nil { result[name] = value }
            position = end + 1
        }
    }

    /// CSS pixels per unit for the absolute units an SVG length may use.
    private static let pixelsPerUnit: [String: Double] = [
        "": 1, "px": 1, "pt": 4.0 / 3.0, "pc": 16, "in": 96, "cm": 96 / 2.54, "mm": 96 / 25.4,
    ]

    /// An absolute length in pixels, or nil for a relative, negative or malformed one.
    private static func svgLength(_ value: String) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let (number, rest) = leadingNumber(trimmed), number > 0,
              let scale = pixelsPerUnit[rest.lowercased()]
        else { return nil }
        return number * scale
    }

    /// The width and height of a `viewBox`: four numbers separated by spaces or commas.
    private static func svgViewBox(_ value: String) -> (width: Double, height: Double)? {
        let parts = value.split(whereSeparator: { $0 == "," || $0.isWhitespace })
        guard parts.count == 4 else { return nil }
        let numbers = parts.compactMap { part in leadingNumber(String(part)).flatMap { $0.rest.isEmpty ? $0.number : nil } }
        guard numbers.count == 4, numbers[2] > 0, numbers[3] > 0 else { return nil }
        return (numbers[2], numbers[3])
    }

    /// The number an SVG length starts with, and the text after it.
    ///
    /// Scanned by hand rather than with `Double(_:)` alone, which would also take `inf`, `nan`
    /// and hexadecimal, and because `1em` must read as 1 and a unit, not a broken exponent.
    private static func leadingNumber(_ text: String) -> (number: Double, rest: String)? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
            return index - start
        }
        if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" { index += 1 }
        var count = digits()
        if index < scalars.count, scalars[index] == "." {
            index += 1
            count += digits()
        }
        guard count > 0 else { return nil }
        if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
            let mark = index
            index += 1
            if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" { index += 1 }
            if digits() == 0 { index = mark }
        }
        guard let number = Double(String(String.UnicodeScalarView(scalars[..<index]))), number.isFinite else { return nil }
        return (number, String(String.UnicodeScalarView(scalars[index...])))
    }

    fileprivate static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

// MARK: - Bytes

extension ImageInfo {
    /// Bounds-checked reads from a header: every accessor returns nil instead of reading past
    /// the end, so corrupt lengths and offsets end the parse rather than the process.
    ///
    /// It borrows the buffer of `Data.withUnsafeBytes` and must not outlive that call.
    fileprivate struct Bytes {
        let raw: UnsafeRawBufferPointer

        init(_ raw: UnsafeRawBufferPointer) {
            self.raw = raw
        }

        var count: Int { raw.count }

        /// Whether `count` bytes start at `offset`; written so that no sum can overflow.
        private func has(_ offset: Int, _ count: Int) -> Bool {
            offset >= 0 && count >= 0 && offset <= raw.count && count <= raw.count - offset
        }

        func byte(at offset: Int) -> UInt8? {
            has(offset, 1) ? raw[offset] : nil
        }

        /// The bytes from `offset` on (`count` of them, or all the rest), indexed from zero.
        func slice(_ offset: Int, count: Int?) -> Bytes? {
            let length = count ?? (raw.count - offset)
            guard has(offset, length) else { return nil }
            return Bytes(UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + length)]))
        }

        func matches(_ expected: [UInt8], at offset: Int) -> Bool {
            guard has(offset, expected.count) else { return false }
            return expected.indices.allSatisfy { raw[offset + $0] == expected[$0] }
        }

        private func unsigned(at offset: Int, count: Int, bigEndian: Bool) -> UInt64? {
            guard has(offset, count) else { return nil }
            var value: UInt64 = 0
            for index in 0..<count {
                value = value << 8 | UInt64(raw[offset + (bigEndian ? index : count - 1 - index)])
            }
            return value
        }

        func uint16BE(at offset: Int) -> Int? { unsigned(at: offset, count: 2, bigEndian: true).map { Int($0) } }
        func uint16LE(at offset: Int) -> Int? { unsigned(at: offset, count: 2, bigEndian: false).map { Int($0) } }
        func uint24LE(at offset: Int) -> Int? { unsigned(at: offset, count: 3, bigEndian: false).map { Int($0) } }
        func uint32BE(at offset: Int) -> Int? { unsigned(at: offset, count: 4, bigEndian: true).map { Int($0) } }
        func uint32LE(at offset: Int) -> Int? { unsigned(at: offset, count: 4, bigEndian: false).map { Int($0) } }

        /// A 64-bit size, or nil when it does not fit in an `Int` (no real box is that large).
        func uint64BE(at offset: Int) -> Int? {
            unsigned(at: offset, count: 8, bigEndian: true).flatMap { Int(exactly: $0) }
        }

        /// Four bytes as text, for box types and brands (non-ASCII bytes become U+FFFD).
        func fourCC(at offset: Int) -> String {
            string(offset, offset + 4) ?? ""
        }

        /// The bytes in `start..<end` decoded as UTF-8, repairing invalid sequences.
        func string(_ start: Int, _ end: Int) -> String? {
            guard let part = slice(start, count: end - start) else { return nil }
            return String(decoding: part.raw, as: UTF8.self)
        }

        func skippingWhitespace(from offset: Int) -> Int {
            var position = max(0, offset)
            while let byte = byte(at: position), ImageInfo.isWhitespace(byte) { position += 1 }
            return position
        }

        func firstIndex(of needle: [UInt8], from offset: Int) -> Int? {
            var position = max(0, offset)
            while has(position, needle.count) {
                if matches(needle, at: position) { return position }
                position += 1
            }
            return nil
        }
    }
}
