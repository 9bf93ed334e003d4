#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Every occurrence of `target` replaced by `replacement`, comparing UTF-8 bytes.
    ///
    /// Foundation's `replacingOccurrences(of:with:)` goes through `NSString` and UTF-16 on Linux
    /// and showed in profiles of every build (post ids, footnotes, UI strings); this is a scan and
    /// a copy. Byte comparison is exact for the ASCII markers and keys it is used with.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var text = self
        var target = target
        return text.withUTF8 { bytes in
            target.withUTF8 { needle in
                let first = needle[0]
                var output: [UInt8] = []
                var copied = 0
                var position = 0
                while position + needle.count <= bytes.count {
                    if bytes[position] == first && memcmp(bytes.baseAddress! + position, needle.baseAddress!, needle.count) == 0 {
                        if output.isEmpty { output.reserveCapacity(bytes.count + 64) }
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<position]))
                        output.append(contentsOf: replacement.utf8)
                        position += needle.count
                        copied = position
                    } else {
                        position += 1
                    }
                }
                guard copied > 0 else { return self }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
                return String(decoding: output, as: UTF8.self)
            }
        }
    }
}
