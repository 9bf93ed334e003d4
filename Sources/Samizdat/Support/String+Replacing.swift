#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Whether `target` occurs in the string, comparing UTF-8 bytes.
    ///
    /// Foundation's `contains(_:)` on Linux goes through `CFStringFind` and UTF-16: looking for
    /// the link marker in every post's HTML was a fifth of an incremental build of 10,000 posts.
    /// Exact for the ASCII markers it is used with.
    func containsBytes(_ target: String) -> Bool {
        guard !target.isEmpty else { return true }
        var text = self
        var target = target
        return text.withUTF8 { bytes in
            target.withUTF8 { needle in
                guard bytes.count >= needle.count, let base = bytes.baseAddress else { return false }
                // memchr to each candidate first byte, then memcmp (memmem is not in Glibc's module).
                let last = bytes.count - needle.count
                var position = 0
                while position <= last {
                    guard let found = memchr(base + position, Int32(needle[0]), last - position + 1) else { return false }
                    let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, needle.baseAddress!, needle.count) == 0 { return true }
                    position = at + 1
                }
                return false
            }
        }
    }

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
