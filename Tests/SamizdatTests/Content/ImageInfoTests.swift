import Foundation
import Testing
@testable import Samizdat

@Suite("ImageInfo")
struct ImageInfoTests {
    // MARK: PNG

    @Test("PNG", arguments: [(1, 1), (3, 2), (2, 3), (300, 1)])
    func png(width: Int, height: Int) {
        #expect(read(SampleImage.png(width: width, height: height)) == ImageInfo(format: .png, width: width, height: height))
    }

    @Test func pngWithoutIHDRFirstIsRejected() {
        var bytes = SampleImage.png(width: 3, height: 2)
        bytes.replaceSubrange(12..<16, with: SampleImage.ascii("IDAT"))
        #expect(read(bytes) == nil)
    }

    // MARK: JPEG

    @Test("JPEG orientations: 5 to 8 swap width and height", arguments: 1...8, [true, false])
    func jpegOrientation(orientation: Int, bigEndian: Bool) {
        let bytes = SampleImage.jpeg(width: 3, height: 2, exif: SampleImage.exif(orientation: orientation, bigEndian: bigEndian))
        let expected = orientation >= 5 ? ImageInfo(format: .jpeg, width: 2, height: 3) : ImageInfo(format: .jpeg, width: 3, height: 2)
        #expect(read(bytes) == expected)
    }

    @Test func jpegWithoutExif() {
        #expect(read(SampleImage.jpeg(width: 17, height: 9, exif: nil)) == ImageInfo(format: .jpeg, width: 17, height: 9))
    }

    @Test("Every start-of-frame marker gives the size",
          arguments: [0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF] as [UInt8])
    func jpegFrameMarkers(marker: UInt8) {
        let bytes = [0xFF, 0xD8] + SampleImage.frameHeader(marker: marker, width: 640, height: 480)
        #expect(read(bytes) == ImageInfo(format: .jpeg, width: 640, height: 480))
    }

    @Test("DHT, JPG and DAC share the SOF range but are skipped", arguments: [0xC4, 0xC8, 0xCC] as [UInt8])
    func jpegNonFrameMarkers(marker: UInt8) {
        let decoy = SampleImage.frameHeader(marker: marker, width: 999, height: 999)
        let bytes = [0xFF, 0xD8] + decoy + SampleImage.frameHeader(marker: 0xC0, width: 4, height: 5)
        #expect(read(bytes) == ImageInfo(format: .jpeg, width: 4, height: 5))
    }

    @Test func jpegFillBytesAndStandaloneMarkersAreSkipped() {
        let bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xFF, 0xFF, 0x01, 0xFF, 0xD0, 0xFF, 0xFF, 0xD7]
            + SampleImage.segment(0xFE, SampleImage.ascii("a comment"))
            + [0xFF, 0xFF] + SampleImage.frameHeader(marker: 0xC2, width: 8, height: 6)
        #expect(read(bytes) == ImageInfo(format: .jpeg, width: 8, height: 6))
    }

    @Test func jpegStrayBytesBetweenSegmentsAreSkippedAsLibjpegDoes() {
        var bytes = SampleImage.jpeg(width: 8, height: 6, exif: nil)
        let afterJFIF = 20
        #expect(Array(bytes[afterJFIF..<(afterJFIF + 2)]) == [0xFF, 0xDB])
        bytes.insert(contentsOf: [0x12, 0x34, 0xFF, 0x00, 0xFF, 0xFF, 0x00, 0x56], at: afterJFIF)
        #expect(read(bytes) == ImageInfo(format: .jpeg, width: 8, height: 6))
    }

    @Test("A corrupt JPEG structure gives nil", arguments: [
        ("segment length past the end", [0xFF, 0xD8] + [0xFF, 0xE0, 0x40, 0x00] + Array(repeating: 0, count: 40)),
        ("segment length below two", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01] + SampleImage.frameHeader(marker: 0xC0, width: 3, height: 2)),
        ("scan before any frame", [0xFF, 0xD8] + SampleImage.segment(0xDA, [1, 1, 0, 0, 63, 0]) + SampleImage.frameHeader(marker: 0xC0, width: 3, height: 2)),
        ("end of image before any frame", [0xFF, 0xD8, 0xFF, 0xD9] + SampleImage.frameHeader(marker: 0xC0, width: 3, height: 2)),
        ("frame header too short", [0xFF, 0xD8] + SampleImage.segment(0xC0, [8, 0, 2, 0])),
        ("zero height (set later by DNL)", [0xFF, 0xD8] + SampleImage.frameHeader(marker: 0xC0, width: 3, height: 0)),
        ("only fill bytes", [0xFF, 0xD8] + Array(repeating: 0xFF, count: 100)),
    ] as [(String, [UInt8])])
    func corruptJPEG(_ name: String, bytes: [UInt8]) {
        #expect(read(bytes) == nil, "\(name)")
    }

    @Test("Unusable EXIF leaves the size as stored", arguments: [
        ("not TIFF", SampleImage.segment(0xE1, SampleImage.ascii("Exif\0\0XX\0*\0\0\0\u{8}"))),
        ("IFD offset past the end", SampleImage.segment(0xE1, SampleImage.ascii("Exif\0\0") + [0x4D, 0x4D, 0, 42, 0x7F, 0xFF, 0xFF, 0xFF])),
        ("entry count past the end", SampleImage.segment(0xE1, SampleImage.ascii("Exif\0\0") + [0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0xFF, 0xFF, 0x01, 0x12])),
        ("orientation out of range", SampleImage.exif(orientation: 9, bigEndian: true)),
        ("orientation of an unexpected type", SampleImage.exif(orientation: 6, bigEndian: false, type: 7)),
        ("XMP rather than EXIF", SampleImage.segment(0xE1, SampleImage.ascii("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>"))),
    ] as [(String, [UInt8])])
    func unusableExif(_ name: String, app1: [UInt8]) {
        #expect(read(SampleImage.jpeg(width: 3, height: 2, exif: app1)) == ImageInfo(format: .jpeg, width: 3, height: 2), "\(name)")
    }

    @Test func orientationStoredAsLongIsAccepted() {
        let app1 = SampleImage.exif(orientation: 8, bigEndian: false, type: 4)
        #expect(read(SampleImage.jpeg(width: 3, height: 2, exif: app1)) == ImageInfo(format: .jpeg, width: 2, height: 3))
    }

    @Test func firstExifBlockWins() {
        let bytes = [0xFF, 0xD8] + SampleImage.exif(orientation: 6, bigEndian: true) + SampleImage.exif(orientation: 1, bigEndian: true)
            + SampleImage.frameHeader(marker: 0xC0, width: 3, height: 2)
        #expect(read(bytes) == ImageInfo(format: .jpeg, width: 2, height: 3))
    }

    // MARK: GIF

    @Test("GIF", arguments: ["87a", "89a"], [(1, 1), (3, 2), (2, 3)])
    func gif(version: String, size: (Int, Int)) {
        #expect(read(SampleImage.gif(version: version, width: size.0, height: size.1)) == ImageInfo(format: .gif, width: size.0, height: size.1))
    }

    @Test func gifOfAnotherVersionIsRejected() {
        var bytes = SampleImage.gif(version: "89a", width: 3, height: 2)
        bytes.replaceSubrange(3..<6, with: SampleImage.ascii("90a"))
        #expect(read(bytes) == nil)
    }

    // MARK: WebP

    @Test("WebP lossy (VP8)", arguments: [(1, 1), (3, 2), (2, 3), (16, 16)])
    func webpLossy(width: Int, height: Int) {
        #expect(read(SampleImage.webpLossy(width: width, height: height)) == ImageInfo(format: .webp, width: width, height: height))
    }

    @Test("WebP lossless (VP8L)", arguments: [(1, 1), (3, 2), (2, 3), (16384, 16384)])
    func webpLossless(width: Int, height: Int) {
        #expect(read(SampleImage.webpLossless(width: width, height: height)) == ImageInfo(format: .webp, width: width, height: height))
    }

    @Test("WebP extended (VP8X)", arguments: [(1, 1), (3, 2), (2, 3), (70_000, 3)])
    func webpExtended(width: Int, height: Int) {
        #expect(read(SampleImage.webpExtended(width: width, height: height)) == ImageInfo(format: .webp, width: width, height: height))
    }

    @Test func webpLossyScalingBitsAreNotPartOfTheSize() {
        var bytes = SampleImage.webpLossy(width: 3, height: 2)
        bytes[27] |= 0xC0
        bytes[29] |= 0x40
        #expect(read(bytes) == ImageInfo(format: .webp, width: 3, height: 2))
    }

    @Test("A corrupt lossy WebP gives nil", arguments: [
        ("an interframe", 20, [0x31]),
        ("no VP8 start code", 23, [0x9D, 0x01, 0x2B]),
        ("an unknown first chunk", 12, SampleImage.ascii("ALPH")),
    ] as [(String, Int, [UInt8])])
    func corruptLossyWebP(_ name: String, offset: Int, patch: [UInt8]) {
        var bytes = SampleImage.webpLossy(width: 3, height: 2)
        bytes.replaceSubrange(offset..<(offset + patch.count), with: patch)
        #expect(read(bytes) == nil, "\(name)")
    }

    @Test func webpLosslessWithBadSignatureOrVersionIsRejected() {
        var badSignature = SampleImage.webpLossless(width: 3, height: 2)
        badSignature[20] = 0x2E
        var badVersion = SampleImage.webpLossless(width: 3, height: 2)
        badVersion[24] |= 0x20
        #expect(read(badSignature) == nil)
        #expect(read(badVersion) == nil)
    }

    // MARK: AVIF

    @Test("AVIF: irot quarter turns swap width and height", arguments: [(nil, false), (0, false), (1, true), (2, false), (3, true)] as [(UInt8?, Bool)])
    func avifRotation(angle: UInt8?, swapped: Bool) {
        let bytes = SampleImage.avif(rotation: angle)
        #expect(read(bytes) == ImageInfo(format: .avif, width: swapped ? 2 : 3, height: swapped ? 3 : 2))
    }

    @Test("AVIF brands", arguments: [("avif", true), ("avis", true), ("heic", false), ("mif1", false)])
    func avifBrands(brand: String, accepted: Bool) {
        let expected = accepted ? ImageInfo(format: .avif, width: 3, height: 2) : nil
        #expect(read(SampleImage.avif(brands: [brand, "mif1"])) == expected)
    }

    @Test func avifBrandMayBeCompatibleRatherThanMajor() {
        #expect(read(SampleImage.avif(brands: ["mif1", "miaf", "avif"])) == ImageInfo(format: .avif, width: 3, height: 2))
    }

    @Test("AVIF: the primary item's extents win over a thumbnail's", arguments: [(0, 0), (1, 1), (0, 1), (1, 0)] as [(UInt8, UInt8)])
    func avifPrimaryItem(ipmaVersion: UInt8, ipmaFlags: UInt8) {
        let bytes = SampleImage.avif(extents: (1200, 800), rotation: 1, thumbnail: (160, 120), ipmaVersion: ipmaVersion, ipmaFlags: ipmaFlags)
        #expect(read(bytes) == ImageInfo(format: .avif, width: 800, height: 1200))
    }

    @Test func avifWithoutPrimaryItemFallsBackToTheFirstExtents() {
        let bytes = SampleImage.avif(extents: (1200, 800), thumbnail: (160, 120), primaryItem: false)
        #expect(read(bytes) == ImageInfo(format: .avif, width: 160, height: 120))
    }

    @Test func avifWithoutExtentsIsRejected() {
        #expect(read(SampleImage.avif(extents: nil)) == nil)
    }

    @Test func avifBoxesWithLargeAndToTheEndSizes() {
        // A 64-bit `meta` size and an `mdat` that runs to the end of the file are both legal.
        let plain = SampleImage.avif()
        let ftypSize = Int(SampleImage.readBE32(plain, at: 0))
        let metaSize = Int(SampleImage.readBE32(plain, at: ftypSize))
        let meta = Array(plain[(ftypSize + 8)..<(ftypSize + metaSize)])
        let bytes = Array(plain[..<ftypSize]) + SampleImage.be32(1) + SampleImage.ascii("meta") + SampleImage.be64(metaSize + 8) + meta
            + SampleImage.be32(0) + SampleImage.ascii("mdat") + SampleImage.avifImageData
        #expect(read(bytes) == ImageInfo(format: .avif, width: 3, height: 2))
    }

    @Test("A corrupt AVIF box structure gives nil", arguments: [
        ("box size below its header", 4),
        ("box size past the end", 0x7FFF_FFFF),
    ])
    func corruptAVIFMetaSize(_ name: String, metaSize: Int) {
        var bytes = SampleImage.avif()
        let ftypSize = Int(SampleImage.readBE32(bytes, at: 0))
        bytes.replaceSubrange(ftypSize..<(ftypSize + 4), with: SampleImage.be32(metaSize))
        #expect(read(bytes) == nil, "\(name)")
    }

    @Test func avifWithHugeLargeSizeIsRejected() {
        let bytes = SampleImage.box("ftyp", SampleImage.ascii("avif\0\0\0\0avif"))
            + SampleImage.be32(1) + SampleImage.ascii("meta") + [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xF0]
        #expect(read(bytes) == nil)
    }

    // MARK: SVG

    @Test("SVG size", arguments: [
        ("width and height", #"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"/>"#, 120, 80),
        ("px units", #"<svg width="120px" height="80.4px" viewBox="0 0 1 1">"#, 120, 80),
        ("only a viewBox", #"<svg viewBox="0 0 64 48"><rect/></svg>"#, 64, 48),
        ("viewBox with commas and offsets", #"<svg viewBox="-10,-20, 30.6,40.5">"#, 31, 41),
        ("percentages fall back to the viewBox", #"<svg width="100%" height="100%" viewBox="0 0 24 16">"#, 24, 16),
        ("em falls back to the viewBox", #"<svg width="1em" height="1em" viewBox="0 0 24 16">"#, 24, 16),
        ("one side scales the viewBox", #"<svg width="48" viewBox="0 0 24 16">"#, 48, 32),
        ("the other side scales the viewBox", #"<svg height="32" width="auto" viewBox="0 0 24 16">"#, 48, 32),
        ("absolute units", #"<svg width="1in" height="3pt">"#, 96, 4),
        ("centimetres and picas", #"<svg width="2.54cm" height="1pc">"#, 96, 16),
        ("exponent", #"<svg width="1e2" height="2.5E1px">"#, 100, 25),
        ("single quotes and spaces around =", "<svg\n\twidth = '12'\n\theight= '7' >", 12, 7),
        ("rounding half away from zero", #"<svg width="10.5" height="2.49">"#, 11, 2),
        ("negative width falls back", #"<svg width="-5" height="5" viewBox="0 0 8 4">"#, 10, 5),
        ("self-closing root", #"<svg viewBox="0 0 5 5"/>"#, 5, 5),
        ("XML declaration and comment first",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Generator: <svg width=\"1\"> -->\n<svg width=\"30\" height=\"20\">", 30, 20),
        ("DOCTYPE with an internal subset",
         "<?xml version=\"1.0\"?><!DOCTYPE svg [ <!ENTITY ns \"http://x>\"> ]>\n<?xml-stylesheet href=\"a.css\"?><svg viewBox=\"0 0 9 3\">", 9, 3),
        ("byte order mark", "\u{FEFF}<svg width=\"4\" height=\"2\">", 4, 2),
        ("upper bound", #"<svg width="100000.4" height="1">"#, 100_000, 1),
    ] as [(String, String, Int, Int)])
    func svg(_ name: String, text: String, width: Int, height: Int) {
        #expect(read(Array(text.utf8)) == ImageInfo(format: .svg, width: width, height: height), "\(name)")
    }

    @Test("SVG without a usable size gives nil", arguments: [
        ("no size at all", #"<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>"#),
        ("percentages and no viewBox", #"<svg width="100%" height="100%">"#),
        ("one side and no viewBox", #"<svg width="100">"#),
        ("viewBox with three numbers", #"<svg viewBox="0 0 10">"#),
        ("viewBox with a zero side", #"<svg viewBox="0 0 10 0">"#),
        ("viewBox with junk", #"<svg viewBox="0 0 10px 10">"#),
        ("rounds to zero", #"<svg width="0.4" height="0.4">"#),
        ("too large", #"<svg width="100001" height="1">"#),
        ("not a number", #"<svg width="inf" height="nan" viewBox="0 0 0x10 1e999">"#),
        ("svg not the root", #"<html><svg width="10" height="10"></svg></html>"#),
        ("another element named svg…", #"<svgx width="10" height="10">"#),
        ("unclosed start tag", #"<svg width="10" height="10""#),
        ("unclosed attribute value", #"<svg width="10 height="10>"#),
        ("attribute without a value", #"<svg hidden width="10" height="10">"#),
        ("unclosed comment", "<!-- <svg width=\"10\" height=\"10\">"),
        ("unclosed declaration", "<?xml version=\"1.0\" <svg width=\"10\" height=\"10\">"),
        ("plain text", "Hello, world"),
        ("whitespace only", " \n\t "),
    ])
    func svgWithoutSize(_ name: String, text: String) {
        #expect(read(Array(text.utf8)) == nil, "\(name)")
    }

    @Test func svgRootIsOnlySearchedInTheFirst4KiB() {
        let comment = "<!--" + String(repeating: "-x", count: 2100) + "-->"
        #expect(read(Array((comment + #"<svg width="10" height="10">"#).utf8)) == nil)
        let shorter = "<!--" + String(repeating: "-x", count: 1900) + "-->"
        #expect(read(Array((shorter + #"<svg width="10" height="10">"#).utf8)) == ImageInfo(format: .svg, width: 10, height: 10))
    }

    // MARK: Limits, truncation and garbage

    @Test("Zero and absurd sizes give nil", arguments: [
        ("PNG 0×1", SampleImage.pngHeader(width: 0, height: 1), false),
        ("PNG 1×100,001", SampleImage.pngHeader(width: 1, height: 100_001), false),
        ("PNG 100,000×100,000", SampleImage.pngHeader(width: 100_000, height: 100_000), true),
        ("PNG 2³²−1 wide", SampleImage.pngHeader(width: 0xFFFF_FFFF, height: 1), false),
        ("JPEG 0 wide", [0xFF, 0xD8] + SampleImage.frameHeader(marker: 0xC0, width: 0, height: 8), false),
        ("GIF 0×0", SampleImage.gifHeader(version: "89a", width: 0, height: 0), false),
        ("WebP VP8 0×0", SampleImage.webpLossy(width: 0, height: 0), false),
        ("WebP VP8X 2²⁴ wide", SampleImage.webpExtended(width: 1 << 24, height: 1), false),
        ("AVIF 0×2", SampleImage.avif(extents: (0, 2)), false),
        ("AVIF 2³²−1 high", SampleImage.avif(extents: (1, 0xFFFF_FFFF)), false),
    ] as [(String, [UInt8], Bool)])
    func sizeLimits(_ name: String, bytes: [UInt8], accepted: Bool) {
        #expect((read(bytes) != nil) == accepted, "\(name)")
    }

    @Test("Every prefix shorter than the header gives nil, and every longer one the same size", arguments: SampleImage.all)
    func truncation(sample: SampleImage.Sample) {
        #expect(read(sample.bytes) == sample.expected)
        for length in 0..<sample.bytes.count {
            let result = read(Array(sample.bytes.prefix(length)))
            #expect(result == (length < sample.headerLength ? nil : sample.expected), "prefix of \(length) bytes")
        }
    }

    @Test("Damaged bytes never crash and never give an out-of-range size", arguments: SampleImage.all)
    func damage(sample: SampleImage.Sample) {
        var random = SplitMix64(seed: UInt64(sample.bytes.count))
        for index in sample.bytes.indices {
            for value in [0x00, 0xFF, UInt8(truncatingIfNeeded: random.next())] as [UInt8] {
                var damaged = sample.bytes
                damaged[index] = value
                if let info = read(damaged) {
                    #expect((1...100_000).contains(info.width) && (1...100_000).contains(info.height))
                }
            }
        }
    }

    @Test("Random bytes give nil", arguments: 1...40)
    func garbage(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let bytes = (0..<Int(random.next() % 3000)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        #expect(read(bytes) == nil)
    }

    @Test("Random bytes after a signature never crash", arguments: [
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], [0xFF, 0xD8], SampleImage.ascii("GIF89a"),
        SampleImage.ascii("RIFF\0\0\0\0WEBPVP8 "), SampleImage.ascii("RIFF\0\0\0\0WEBPVP8L"), SampleImage.ascii("RIFF\0\0\0\0WEBPVP8X"),
        SampleImage.ascii("\0\0\0\u{14}ftypavif\0\0\0\0avif"), SampleImage.ascii("<svg "),
    ] as [[UInt8]])
    func garbageAfterSignature(signature: [UInt8]) {
        var random = SplitMix64(seed: UInt64(signature.count))
        for _ in 0..<200 {
            let bytes = signature + (0..<Int(random.next() % 200)).map { _ in UInt8(truncatingIfNeeded: random.next() % 4 == 0 ? 0xFF : random.next()) }
            if let info = read(bytes) {
                #expect((1...100_000).contains(info.width) && (1...100_000).contains(info.height))
            }
        }
    }

    @Test func emptyData() {
        #expect(ImageInfo.read(Data()) == nil)
    }

    @Test func dataSliceThatDoesNotStartAtZero() {
        let data = Data([0, 1, 2] + SampleImage.png(width: 3, height: 2))
        #expect(ImageInfo.read(data.dropFirst(3)) == ImageInfo(format: .png, width: 3, height: 2))
    }

    // MARK: Files

    @Test func readsATemporaryFile() throws {
        try withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("photo.jpg")
            try Data(SampleImage.jpeg(width: 3, height: 2, exif: SampleImage.exif(orientation: 6, bigEndian: false))).write(to: file)
            #expect(ImageInfo.read(contentsOf: file) == ImageInfo(format: .jpeg, width: 2, height: 3))
        }
    }

    @Test func missingFileOrFolderGivesNil() throws {
        try withTemporaryFolder { folder in
            #expect(ImageInfo.read(contentsOf: folder.appendingPathComponent("missing.png")) == nil)
            #expect(ImageInfo.read(contentsOf: folder) == nil)
            let empty = folder.appendingPathComponent("empty.png")
            try Data().write(to: empty)
            #expect(ImageInfo.read(contentsOf: empty) == nil)
        }
    }

    @Test("A JPEG frame header after large metadata is found up to 512 KiB in", arguments: [(5, true), (9, false)])
    func jpegAfterLargeMetadata(segments: Int, found: Bool) throws {
        // Each APP2 segment holds just under 64 KiB, the most one segment can.
        let filler = (0..<segments).flatMap { _ in SampleImage.segment(0xE2, Array(repeating: 0x42, count: 65_000)) }
        let bytes = [0xFF, 0xD8] + SampleImage.exif(orientation: 6, bigEndian: true) + filler
            + SampleImage.frameHeader(marker: 0xC0, width: 4000, height: 3000)
        let expected = ImageInfo(format: .jpeg, width: 3000, height: 4000)
        #expect(read(bytes) == expected)
        try withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("camera.jpg")
            try Data(bytes).write(to: file)
            #expect(ImageInfo.read(contentsOf: file) == (found ? expected : nil))
        }
    }

    @Test("Files made by real encoders", arguments: [
        ("rgb-3x2.png", ImageInfo.Format.png, 3, 2),
        ("palette-3x2.gif", .gif, 3, 2),
        ("exif-orientation-6-3x2.jpg", .jpeg, 2, 3),
        ("lossy-3x2.webp", .webp, 3, 2),
        ("lossless-3x2.webp", .webp, 3, 2),
        ("alpha-3x2.webp", .webp, 3, 2),
        ("still-3x2.avif", .avif, 3, 2),
        ("rotated-3x2.avif", .avif, 2, 3),
        ("drawing-120x80.svg", .svg, 120, 80),
    ] as [(String, ImageInfo.Format, Int, Int)])
    func fixture(name: String, format: ImageInfo.Format, width: Int, height: Int) {
        let file = Self.fixtures.appendingPathComponent(name)
        #expect(ImageInfo.read(contentsOf: file) == ImageInfo(format: format, width: width, height: height))
    }

    // MARK: MIME types

    @Test("MIME types", arguments: [
        (ImageInfo.Format.png, "image/png"), (.jpeg, "image/jpeg"), (.gif, "image/gif"),
        (.webp, "image/webp"), (.svg, "image/svg+xml"), (.avif, "image/avif"),
    ] as [(ImageInfo.Format, String)])
    func mimeType(format: ImageInfo.Format, expected: String) {
        #expect(ImageInfo(format: format, width: 1, height: 1).mimeType == expected)
    }

    // MARK: Helpers

    /// `Tests/Fixtures/images`, found from this file's place in the repository.
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/images")

    private func read(_ bytes: [UInt8]) -> ImageInfo? {
        ImageInfo.read(Data(bytes))
    }

    private func withTemporaryFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ImageInfoTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }
}

extension ImageInfoTests {
    /// Small images built byte by byte from their formats' specifications.
    ///
    /// The complete ones were checked when written: they decode, at the expected size and
    /// orientation, in Pillow (zlib, libjpeg, libwebp, libavif) and librsvg, so the tests read
    /// genuine files rather than only what the parser expects.
    enum SampleImage {
        /// One image with the size it must read as, and how many bytes that takes.
        struct Sample: Sendable, CustomTestStringConvertible {
            var name: String
            var bytes: [UInt8]
            var expected: ImageInfo
            var headerLength: Int
            var testDescription: String { name }
        }

        static let all: [Sample] = {
            let jpeg = SampleImage.jpeg(width: 3, height: 2, exif: exif(orientation: 6, bigEndian: true))
            let avif = SampleImage.avif(rotation: 1)
            let svg = "<?xml version=\"1.0\"?>\n<!-- a comment -->\n<svg width=\"30\" height=\"20px\" viewBox=\"0 0 3 2\">\n<rect/></svg>\n"
            let avifHeader = Int(readBE32(avif, at: 0)) + Int(readBE32(avif, at: Int(readBE32(avif, at: 0))))
            return [
                Sample(name: "PNG", bytes: png(width: 3, height: 2), expected: ImageInfo(format: .png, width: 3, height: 2), headerLength: 24),
                Sample(name: "JPEG", bytes: jpeg, expected: ImageInfo(format: .jpeg, width: 2, height: 3), headerLength: frameHeaderEnd(jpeg)),
                Sample(name: "GIF87a", bytes: gif(version: "87a", width: 3, height: 2), expected: ImageInfo(format: .gif, width: 3, height: 2), headerLength: 10),
                Sample(name: "GIF89a", bytes: gif(version: "89a", width: 3, height: 2), expected: ImageInfo(format: .gif, width: 3, height: 2), headerLength: 10),
                Sample(name: "WebP VP8", bytes: webpLossy(width: 3, height: 2), expected: ImageInfo(format: .webp, width: 3, height: 2), headerLength: 30),
                Sample(name: "WebP VP8L", bytes: webpLossless(width: 3, height: 2), expected: ImageInfo(format: .webp, width: 3, height: 2), headerLength: 25),
                Sample(name: "WebP VP8X", bytes: webpExtended(width: 3, height: 2), expected: ImageInfo(format: .webp, width: 3, height: 2), headerLength: 30),
                Sample(name: "AVIF", bytes: avif, expected: ImageInfo(format: .avif, width: 2, height: 3), headerLength: avifHeader),
                Sample(name: "SVG", bytes: Array(svg.utf8), expected: ImageInfo(format: .svg, width: 30, height: 20),
                       headerLength: Array(svg.utf8).lengthThrough(UInt8(ascii: ">"), after: "<svg")),
            ]
        }()

        // MARK: Bytes

        static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }
        static func be16(_ value: Int) -> [UInt8] { [UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)] }
        static func be32(_ value: Int) -> [UInt8] { be16(value >> 16) + be16(value) }
        static func be64(_ value: Int) -> [UInt8] { be32(value >> 32) + be32(value) }
        static func le16(_ value: Int) -> [UInt8] { be16(value).reversed() }
        static func le24(_ value: Int) -> [UInt8] { [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value >> 16)] }
        static func le32(_ value: Int) -> [UInt8] { be32(value).reversed() }

        static func readBE32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
            bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
        }

        // MARK: PNG

        /// An 8-bit greyscale PNG whose pixel data is a stored (uncompressed) zlib stream.
        static func png(width: Int, height: Int) -> [UInt8] {
            // Each row starts with filter type 0 (none).
            let rows: [UInt8] = (0..<height).flatMap { row -> [UInt8] in
                [0] + (0..<width).map { UInt8(truncatingIfNeeded: $0 * 40 + row * 90) }
            }
            precondition(rows.count <= 0xFFFF, "one stored deflate block holds at most 65,535 bytes")
            let zlib: [UInt8] = [0x78, 0x01, 0x01] + le16(rows.count) + le16(~rows.count) + rows + be32(Int(adler32(rows)))
            return pngHeader(width: width, height: height) + pngChunk("IDAT", zlib) + pngChunk("IEND", [])
        }

        /// The signature and IHDR chunk, without pixel data.
        static func pngHeader(width: Int, height: Int) -> [UInt8] {
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + pngChunk("IHDR", be32(width) + be32(height) + [8, 0, 0, 0, 0])
        }

        static func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            be32(data.count) + ascii(type) + data + be32(Int(crc32(ascii(type) + data)))
        }

        static func crc32(_ bytes: [UInt8]) -> UInt32 {
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in bytes {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            }
            return ~crc
        }

        static func adler32(_ bytes: [UInt8]) -> UInt32 {
            var a: UInt32 = 1, b: UInt32 = 0
            for byte in bytes {
                a = (a + UInt32(byte)) % 65521
                b = (b + a) % 65521
            }
            return b << 16 | a
        }

        // MARK: JPEG

        static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
            [0xFF, marker] + be16(payload.count + 2) + payload
        }

        /// A one-component frame header (SOFn) with the given marker.
        static func frameHeader(marker: UInt8, width: Int, height: Int) -> [UInt8] {
            segment(marker, [8] + be16(height) + be16(width) + [1, 1, 0x11, 0])
        }

        /// An APP1 EXIF block whose IFD0 holds only the Orientation tag.
        static func exif(orientation: Int, bigEndian: Bool, type: Int = 3) -> [UInt8] {
            let u16 = bigEndian ? be16 : le16
            let u32 = bigEndian ? be32 : le32
            let value = type == 3 ? u16(orientation) + [0, 0] : u32(orientation)
            let tiff = ascii(bigEndian ? "MM" : "II") + u16(42) + u32(8)
                + u16(1) + u16(0x0112) + u16(type) + u32(1) + value + u32(0)
            return segment(0xE1, ascii("Exif\0\0") + tiff)
        }

        /// A baseline greyscale JPEG: JFIF, optional EXIF, then tables, frame, scan and end.
        ///
        /// Each Huffman table has a single one-bit code — DC difference 0 and end-of-block — so
        /// every 8×8 block is two zero bits: a flat grey image of any size.
        static func jpeg(width: Int, height: Int, exif: [UInt8]?) -> [UInt8] {
            let blocks = ((width + 7) / 8) * ((height + 7) / 8)
            var scan = [UInt8](repeating: 0, count: (blocks * 2) / 8)
            if (blocks * 2) % 8 != 0 { scan.append(0xFF >> ((blocks * 2) % 8)) } // padded with one bits
            let singleCode = [1] + [UInt8](repeating: 0, count: 15) + [0]
            return [0xFF, 0xD8]
                + segment(0xE0, ascii("JFIF\0") + [1, 1, 0] + be16(1) + be16(1) + [0, 0])
                + (exif ?? [])
                + segment(0xDB, [0] + [UInt8](repeating: 1, count: 64))
                + segment(0xC4, [0x00] + singleCode)
                + segment(0xC4, [0x10] + singleCode)
                + frameHeader(marker: 0xC0, width: width, height: height)
                + segment(0xDA, [1, 1, 0x00, 0, 63, 0])
                + scan + [0xFF, 0xD9]
        }

        /// Where the first SOF0 segment ends.
        static func frameHeaderEnd(_ jpeg: [UInt8]) -> Int {
            let start = (0..<(jpeg.count - 1)).first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xC0 } ?? 0
            return start + 2 + (Int(jpeg[start + 2]) << 8 | Int(jpeg[start + 3]))
        }

        // MARK: GIF

        /// A two-colour GIF filled with colour 0.
        ///
        /// Every pixel is coded as a clear code then a literal, so all codes stay three bits wide
        /// and no LZW dictionary has to be modelled.
        static func gif(version: String, width: Int, height: Int) -> [UInt8] {
            var bits: [Bool] = []
            for code in Array(repeating: [4, 0], count: width * height).flatMap({ $0 }) + [5] {
                bits += (0..<3).map { code >> $0 & 1 == 1 }
            }
            var data = [UInt8](repeating: 0, count: (bits.count + 7) / 8)
            for (index, bit) in bits.enumerated() where bit { data[index / 8] |= 1 << (index % 8) }
            let blocks = stride(from: 0, to: data.count, by: 255).flatMap { start in
                let block = data[start..<min(start + 255, data.count)]
                return [UInt8(block.count)] + block
            }
            let control: [UInt8] = version == "89a" ? [0x21, 0xF9, 4, 0, 0, 0, 0, 0] : []
            return gifHeader(version: version, width: width, height: height)
                + [0x80, 0, 0] + [0, 0, 0, 255, 255, 255] + control
                + [0x2C] + le16(0) + le16(0) + le16(width) + le16(height) + [0]
                + [2] + blocks + [0] + [0x3B]
        }

        static func gifHeader(version: String, width: Int, height: Int) -> [UInt8] {
            ascii("GIF" + version) + le16(width) + le16(height)
        }

        // MARK: WebP

        static func riff(_ chunks: [(String, [UInt8])]) -> [UInt8] {
            let body: [UInt8] = chunks.flatMap { type, data -> [UInt8] in
                let padding: [UInt8] = data.count % 2 == 1 ? [0] : []
                return ascii(type) + le32(data.count) + data + padding
            }
            return ascii("RIFF") + le32(4 + body.count) + ascii("WEBP") + body
        }

        /// A VP8 key frame whose compressed data comes from libwebp's encoding of a 1×1 grey image.
        ///
        /// Any size up to 16×16 is a single macroblock, so that data decodes at each test size.
        static func webpLossy(width: Int, height: Int) -> [UInt8] {
            let frame: [UInt8] = [0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A] + le16(width) + le16(height)
                + [0x0F, 0xC0, 0xFE, 0x25, 0xA4, 0x00, 0x03, 0x70, 0x00, 0x00, 0x00, 0x00]
            return riff([("VP8 ", frame)])
        }

        /// A VP8L bitstream of one colour, valid at any size.
        ///
        /// With no transform and five prefix codes of one symbol each, a pixel takes zero bits,
        /// so the stream is the header and the codes alone.
        static func webpLossless(width: Int, height: Int) -> [UInt8] {
            riff([("VP8L", vp8l(width: width, height: height))])
        }

        static func vp8l(width: Int, height: Int) -> [UInt8] {
            var writer = BitWriter()
            writer.write(width - 1, bits: 14)
            writer.write(height - 1, bits: 14)
            writer.write(0, bits: 1) // alpha is not used
            writer.write(0, bits: 3) // version
            writer.write(0, bits: 1) // no transform
            writer.write(0, bits: 1) // no colour cache
            writer.write(0, bits: 1) // no meta prefix codes
            for symbol in [0x80, 0x20, 0xC0, 0xFF] { // green, red, blue, alpha
                writer.write(1, bits: 1) // simple code
                writer.write(0, bits: 1) // one symbol
                writer.write(1, bits: 1) // eight-bit symbol
                writer.write(symbol, bits: 8)
            }
            writer.write(0b0001, bits: 4) // distance: simple code, one one-bit symbol, 0
            return [0x2F] + writer.bytes
        }

        /// An extended-format WebP: a VP8X canvas holding the lossless image.
        static func webpExtended(width: Int, height: Int) -> [UInt8] {
            let bitstreamWidth = min(width, 1 << 14), bitstreamHeight = min(height, 1 << 14)
            return riff([
                ("VP8X", [0, 0, 0, 0] + le24(width - 1) + le24(height - 1)),
                ("VP8L", vp8l(width: bitstreamWidth, height: bitstreamHeight)),
            ])
        }

        struct BitWriter {
            var bytes: [UInt8] = []
            private var count = 0

            /// Appends the low `bits` bits of `value`, least significant first, as WebP reads them.
            mutating func write(_ value: Int, bits: Int) {
                for index in 0..<bits {
                    if count % 8 == 0 { bytes.append(0) }
                    if value >> index & 1 == 1 { bytes[bytes.count - 1] |= 1 << (count % 8) }
                    count += 1
                }
            }
        }

        // MARK: AVIF

        /// The `av1C` configuration and the AV1 data of libavif's encoding of a flat 3×2 image.
        static let avifConfiguration: [UInt8] = [0x81, 0x00, 0x0C, 0x00]
        static let avifImageData: [UInt8] = [
            0x12, 0x00, 0x0A, 0x08, 0x18, 0x04, 0x2B, 0x44, 0x04, 0x34, 0x1A, 0x10, 0x32, 0x14, 0x1F, 0xF7, 0x87,
            0x85, 0x15, 0xDF, 0xFF, 0xFF, 0xE2, 0xC0, 0x00, 0x00, 0x90, 0x35, 0x8E, 0x3B, 0x71, 0x01, 0xE6, 0xE0,
        ]

        static func box(_ type: String, _ payload: [UInt8]) -> [UInt8] {
            be32(payload.count + 8) + ascii(type) + payload
        }

        static func fullBox(_ type: String, version: UInt8 = 0, flags: UInt8 = 0, _ payload: [UInt8]) -> [UInt8] {
            box(type, [version, 0, 0, flags] + payload)
        }

        /// An AVIF still image: `ftyp`, then `meta` describing item 1, then its AV1 data in `mdat`.
        ///
        /// `thumbnail` adds the extents of a second item as the first property, to check that the
        /// primary item's are the ones read.
        static func avif(brands: [String] = ["avif", "mif1", "miaf"], extents: (Int, Int)? = (3, 2), rotation: UInt8? = nil,
                         thumbnail: (Int, Int)? = nil, primaryItem: Bool = true, ipmaVersion: UInt8 = 0, ipmaFlags: UInt8 = 0) -> [UInt8] {
            let fileType = box("ftyp", ascii(brands[0]) + be32(0) + brands.flatMap(ascii))

            var properties: [[UInt8]] = []
            var primaryProperties: [(index: Int, essential: Bool)] = []
            if let thumbnail {
                properties.append(fullBox("ispe", be32(thumbnail.0) + be32(thumbnail.1)))
            }
            if let extents {
                properties.append(fullBox("ispe", be32(extents.0) + be32(extents.1)))
                primaryProperties.append((properties.count, false))
            }
            properties.append(fullBox("pixi", [3, 8, 8, 8]))
            primaryProperties.append((properties.count, false))
            properties.append(box("av1C", avifConfiguration))
            primaryProperties.append((properties.count, true))
            if let rotation {
                properties.append(box("irot", [rotation]))
                primaryProperties.append((properties.count, true))
            }

            func itemID(_ id: Int) -> [UInt8] { ipmaVersion == 0 ? be16(id) : be32(id) }
            func association(_ property: (index: Int, essential: Bool)) -> [UInt8] {
                ipmaFlags & 1 == 1
                    ? be16(property.index | (property.essential ? 0x8000 : 0))
                    : [UInt8(property.index | (property.essential ? 0x80 : 0))]
            }
            var entries = itemID(1) + [UInt8(primaryProperties.count)] + primaryProperties.flatMap(association)
            if thumbnail != nil { entries += itemID(2) + [1] + association((1, false)) }
            let associations = fullBox("ipma", version: ipmaVersion, flags: ipmaFlags, be32(thumbnail == nil ? 1 : 2) + entries)

            func meta(dataOffset: Int) -> [UInt8] {
                fullBox("meta",
                        fullBox("hdlr", be32(0) + ascii("pict") + [UInt8](repeating: 0, count: 12) + [0])
                        + (primaryItem ? fullBox("pitm", be16(1)) : [])
                        + fullBox("iloc", [0x44, 0x00] + be16(1) + be16(1) + be16(0) + be16(1) + be32(dataOffset) + be32(avifImageData.count))
                        + fullBox("iinf", be16(1) + fullBox("infe", version: 2, be16(1) + be16(0) + ascii("av01") + [0]))
                        + box("iprp", box("ipco", properties.flatMap { $0 }) + associations))
            }
            // The data's offset depends on the size of `meta`, which does not depend on the offset.
            let dataOffset = fileType.count + meta(dataOffset: 0).count + 8
            return fileType + meta(dataOffset: dataOffset) + box("mdat", avifImageData)
        }
    }
}

private extension Array where Element == UInt8 {
    /// The length of the prefix that ends with the first `byte` after `marker`.
    func lengthThrough(_ byte: UInt8, after marker: String) -> Int {
        let needle = Array(marker.utf8)
        let start = (0...(count - needle.count)).first { Array(self[$0..<($0 + needle.count)]) == needle } ?? 0
        return (self[start...].firstIndex(of: byte) ?? count - 1) + 1
    }
}
