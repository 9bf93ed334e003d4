import Crypto
import Foundation

/// SHA-256 digests (swift-crypto) of sources, outputs and the inputs of each output.
///
/// A `Digest.Builder` hashes a sequence of typed fields: each is written with its kind and length
/// first, so `("ab", "c")` and `("a", "bc")` never hash the same.
public enum Digest {
    /// The hex digest of `data`.
    public static func of(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    public static func of(_ text: String) -> String {
        var text = text
        return text.withUTF8 { hex(SHA256.hash(data: UnsafeRawBufferPointer($0))) }
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Hashes fields one after the other.
    public struct Builder {
        private var hasher = SHA256()

        public init(_ domain: String) {
            add(domain)
        }

        public mutating func add(_ text: String) {
            var text = text
            tag(0x53, count: text.utf8.count)
            text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }

        public mutating func add(_ text: String?) {
            if let text { add(text) } else { tag(0x4e, count: 0) }
        }

        public mutating func add(_ number: Int) {
            tag(0x49, count: number)
        }

        public mutating func add(_ number: Int?) {
            if let number { add(number) } else { tag(0x4e, count: 0) }
        }

        public mutating func add(_ flag: Bool) {
            tag(0x42, count: flag ? 1 : 0)
        }

        public mutating func add(_ date: Date) {
            // Dates before 2001 (the epoch of an empty site's feeds) have the sign bit set.
            tag(0x44, count: Int(truncatingIfNeeded: date.timeIntervalSinceReferenceDate.bitPattern))
        }

        public mutating func add(_ data: Data) {
            tag(0x58, count: data.count)
            hasher.update(data: data)
        }

        public mutating func add(_ list: [String]) {
            tag(0x4c, count: list.count)
            for item in list { add(item) }
        }

        private mutating func tag(_ kind: UInt8, count: Int) {
            // One update of nine bytes: each call into the hasher has a cost of its own.
            var header: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (kind, 0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &header) { buffer in
                withUnsafeBytes(of: UInt64(bitPattern: Int64(count)).littleEndian) { buffer.baseAddress!.advanced(by: 1).copyMemory(from: $0.baseAddress!, byteCount: 8) }
                hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer))
            }
        }

        public func finalize() -> String {
            Digest.hex(hasher.finalize())
        }
    }
}
