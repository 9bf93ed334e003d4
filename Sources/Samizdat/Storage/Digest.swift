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

    static func hex(_ digest: some ContiguousBytes) -> String {
        // Written straight into the string's storage: a build makes tens of thousands of these.
        func digit(_ value: UInt8) -> UInt8 { value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10 }
        return digest.withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: 2 * bytes.count) { buffer in
                for (index, byte) in bytes.enumerated() {
                    buffer[2 * index] = digit(byte >> 4)
                    buffer[2 * index + 1] = digit(byte & 0x0f)
                }
                return 2 * bytes.count
            }
        }
    }

    /// Hashes fields one after the other.
    ///
    /// Fields are gathered in a buffer and handed to the hasher a few kilobytes at a time: a
    /// build digests hundreds of thousands of short fields, and each call into the hasher has a
    /// cost of its own.
    public struct Builder {
        private var hasher = SHA256()
        private var buffer: [UInt8] = []
        private static let flushSize = 4096

        public init(_ domain: String) {
            // Most digests are of a few hundred bytes; the buffer grows for the others.
            buffer.reserveCapacity(512)
            add(domain)
        }

        public mutating func add(_ text: String) {
            var text = text
            tag(0x53, count: text.utf8.count)
            text.withUTF8 { bytes in
                if bytes.count >= Self.flushSize {
                    flush()
                    hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes))
                } else {
                    buffer.append(contentsOf: bytes)
                    if buffer.count >= Self.flushSize { flush() }
                }
            }
        }

        private mutating func flush() {
            guard !buffer.isEmpty else { return }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            buffer.removeAll(keepingCapacity: true)
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

        public mutating func add(_ date: Date?) {
            if let date { add(date) } else { tag(0x4e, count: 0) }
        }

        public mutating func add(_ data: Data) {
            tag(0x58, count: data.count)
            flush()
            hasher.update(data: data)
        }

        public mutating func add(_ list: [String]) {
            tag(0x4c, count: list.count)
            for item in list { add(item) }
        }

        private mutating func tag(_ kind: UInt8, count: Int) {
            buffer.append(kind)
            withUnsafeBytes(of: UInt64(bitPattern: Int64(count)).littleEndian) { buffer.append(contentsOf: $0) }
            if buffer.count >= Self.flushSize { flush() }
        }

        /// The digest. Consuming: a copy of the builder (of its buffer, and of the hasher's
        /// context on its next update) is made only if the caller goes on using it.
        public consuming func finalize() -> String {
            flush()
            return Digest.hex(hasher.finalize())
        }
    }
}
