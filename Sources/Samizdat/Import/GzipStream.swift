// zlib's module as ZIPFoundation declares it (its `CZLib` system library target): a module of
// our own for the same header would clash with it in the module cache.
import CZlib
import Foundation

/// The bytes of a gzip file, unpacked through zlib one chunk at a time: a 500 MB export never
/// sits in memory whole.
///
/// Several gzip members one after the other read as one stream (as `gunzip` reads them); zero
/// bytes after the last member are ignored, as `gunzip` does. A file that ends before its
/// compressed stream does is `truncated`.
final class GzipStream {
    enum Failure: Error, Equatable {
        case notGzip
        case truncated
        case damaged(String)
        case unreadable(String)
    }

    static let chunkSize = 1 << 16

    private let handle: FileHandle
    /// zlib keeps a pointer back to its `z_stream`, which therefore must not move: it lives on
    /// the heap, not in a Swift property.
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutablePointer<UInt8>
    private var inputEnded = false
    private var finished = false
    /// Bytes handed out so far.
    private(set) var position = 0

    init(url: URL) throws(Failure) {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { throw .unreadable(url.path) }
        let head = (try? handle.read(upToCount: 2)) ?? Data()
        guard head.elementsEqual([0x1F, 0x8B]) else {
            try? handle.close()
            throw .notGzip
        }
        try? handle.seek(toOffset: 0)
        self.handle = handle
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(capacity: Self.chunkSize)
        // 16 + MAX_WBITS: a gzip header and trailer around the deflate stream.
        let status = inflateInit2_(stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "zlib's inflateInit2 failed with status \(status)")
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
        try? handle.close()
    }

    /// Up to `maxLength` bytes; empty at the end of the stream.
    func read(upTo maxLength: Int) throws(Failure) -> Data {
        guard !finished, maxLength > 0 else { return Data() }
        var output = Data(count: maxLength)
        var produced = 0
        while produced == 0 && !finished {
            if stream.pointee.avail_in == 0 {
                try refill()
                if stream.pointee.avail_in == 0 {
                    // The file ended inside the compressed stream.
                    throw .truncated
                }
            }
            let status = output.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) -> Int32 in
                stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + produced
                stream.pointee.avail_out = UInt32(maxLength - produced)
                let status = inflate(stream, Z_NO_FLUSH)
                produced = maxLength - Int(stream.pointee.avail_out)
                return status
            }
            switch status {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                try nextMember()
            case Z_NEED_DICT, Z_DATA_ERROR:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "bad compressed data"
                throw .damaged(message)
            default:
                throw .damaged("zlib status \(status)")
            }
        }
        position += produced
        return produced == maxLength ? output : output.prefix(produced)
    }

    private func refill() throws(Failure) {
        guard !inputEnded else { return }
        let chunk: Data
        do {
            chunk = try handle.read(upToCount: Self.chunkSize) ?? Data()
        } catch {
            throw .unreadable(error.localizedDescription)
        }
        if chunk.isEmpty {
            inputEnded = true
            return
        }
        chunk.copyBytes(to: input, count: chunk.count)
        stream.pointee.next_in = input
        stream.pointee.avail_in = UInt32(chunk.count)
    }

    /// After a member's end: another member follows, or only zero padding, or nothing.
    private func nextMember() throws(Failure) {
        while true {
            if stream.pointee.avail_in == 0 { try refill() }
            guard stream.pointee.avail_in > 0 else {
                finished = true
                return
            }
            if stream.pointee.next_in.pointee == 0 {
                stream.pointee.next_in += 1
                stream.pointee.avail_in -= 1
                continue
            }
            guard stream.pointee.next_in.pointee == 0x1F else {
                throw .damaged("unexpected bytes after the end of the compressed data")
            }
            inflateReset(stream)
            return
        }
    }
}
