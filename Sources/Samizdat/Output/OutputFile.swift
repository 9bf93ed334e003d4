import Foundation

/// A file of the built site: its path below the output folder and where its bytes come from.
public struct OutputFile: Sendable {
    public enum Content: Sendable {
        case data(Data)
        /// A file copied as is (from `Public/`): not read into memory unless it changed.
        case copy(URL)
    }

    public var path: String
    public var content: Content

    public init(path: String, data: Data) {
        self.path = path
        self.content = .data(data)
    }

    public init(path: String, text: String) {
        self.init(path: path, data: Data(text.utf8))
    }

    public init(path: String, copying source: URL) {
        self.path = path
        self.content = .copy(source)
    }
}

/// FNV-1a, 64 bits: enough to notice that a file changed; not a security hash.
enum ContentHash {
    static func of(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { buffer in
            for byte in buffer {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        return String(hash, radix: 16)
    }

    /// Copied files are stamped by size and modification time, so unchanged photos are never read.
    static func of(fileAt url: URL) -> (hash: String, size: Int)? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              let size = (attributes[.size] as? NSNumber)?.intValue,
              let modified = attributes[.modificationDate] as? Date else { return nil }
        return ("copy-\(size)-\(Int64(modified.timeIntervalSince1970 * 1000))", size)
    }
}
