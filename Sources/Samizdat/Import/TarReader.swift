import Foundation

/// A small, strict reader of tar archives (ustar, pax and GNU long names), reading a stream
/// from start to end without seeking.
///
/// Only regular files, folders and hard links to a file read before are accepted. A member
/// whose path leaves the archive (`../`, absolute), a symbolic link, a device or any kind of
/// member it does not know stops the reading with an error naming the member: an archive to
/// import has no reason to hold one. An archive that ends inside a header or a file, or without
/// its end-of-archive block, is `truncated`; a header whose checksum is wrong is `damaged`.
final class TarReader {
    enum Failure: Error, Equatable {
        case notTar
        case truncated(member: String?)
        case damaged(String)
        case unsafe(member: String, reason: String)
        case source(Error)

        static func == (a: Failure, b: Failure) -> Bool { "\(a)" == "\(b)" }
    }

    /// One member: a regular file, or a hard link to one read before.
    struct Member: Equatable {
        var path: String
        /// Where its bytes start in the unpacked stream.
        var offset: Int
        var size: Int
    }

    static let blockSize = 512

    private let source: (Int) throws -> Data
    /// Bytes read from the source and not yet consumed: `buffer[start...]`.
    private var buffer: [UInt8] = []
    private var start = 0
    /// Bytes of the stream consumed so far.
    private(set) var position = 0
    private var headersRead = 0

    /// - Parameter source: hands out the next bytes of the stream, up to the count asked for;
    ///   empty at its end.
    init(source: @escaping (Int) throws -> Data) {
        self.source = source
    }

    /// Reads every member, calling `visit` for each file with a reader of its bytes; bytes
    /// `visit` leaves unread are skipped. Hard links come as the file they point to, again.
    func read(_ visit: (Member, (Int) throws -> Data) throws -> Void) throws {
        var files: [String: Member] = [:]
        var longName: String?
        var longLink: String?
        var pax: [String: String] = [:]
        while true {
            guard let header = try take(Self.blockSize, member: nil) else {
                // Ended where a header would start, without the end-of-archive block.
                throw headersRead == 0 ? Failure.notTar : Failure.truncated(member: nil)
            }
            if header.allSatisfy({ $0 == 0 }) { return }
            let fields = try Header(header, isFirst: headersRead == 0)
            headersRead += 1
            let path = pax["path"] ?? longName ?? fields.path
            let link = pax["linkpath"] ?? longLink ?? fields.linkName
            var size = fields.size
            if let paxSize = pax["size"] {
                guard let value = Int(paxSize), value >= 0 else { throw Failure.damaged("member '\(path)' has a pax size of '\(paxSize)'") }
                size = value
            }
            let padded = (size + Self.blockSize - 1) / Self.blockSize * Self.blockSize
            switch fields.type {
            case "x", "g", "L", "K":
                // Extended headers describe the next member (`g`: all of them; not used here).
                guard size <= 1 << 20 else { throw Failure.damaged("an extended header of \(size) bytes") }
                guard let data = try take(padded, member: path) else { throw Failure.truncated(member: path) }
                let body = data.prefix(size)
                switch fields.type {
                case "x": pax = Self.paxRecords(body)
                case "L": longName = Self.cString(body)
                case "K": longLink = Self.cString(body)
                default: break
                }
                continue
            default:
                break
            }
            longName = nil
            longLink = nil
            pax = [:]
            guard ImportArchive.isContained(path) else {
                throw Failure.unsafe(member: path, reason: "points outside the archive")
            }
            let normalized = ImportArchive.normalized(path)
            switch fields.type {
            case "0", "\0", "7":
                let member = Member(path: normalized, offset: position, size: size)
                files[normalized] = member
                var left = size
                try visit(member) { count in
                    let wanted = min(count, left)
                    guard wanted > 0 else { return Data() }
                    guard let data = try self.take(wanted, member: normalized) else { throw Failure.truncated(member: normalized) }
                    left -= wanted
                    return data
                }
                try skip(left + padded - size, member: normalized)
            case "5":
                try skip(padded, member: normalized)
            case "1":
                guard ImportArchive.isContained(link), let target = files[ImportArchive.normalized(link)] else {
                    throw Failure.unsafe(member: path, reason: "is a hard link to '\(link)', which is not a file before it in the archive")
                }
                try skip(padded, member: normalized)
                try visit(Member(path: normalized, offset: target.offset, size: target.size)) { _ in Data() }
            case "2":
                throw Failure.unsafe(member: path, reason: "is a symbolic link")
            default:
                throw Failure.unsafe(member: path, reason: "is not a regular file (tar type '\(fields.type)')")
            }
        }
    }

    /// Exactly `count` bytes, nil at the very end of the stream, `truncated` when it ends inside.
    private func take(_ count: Int, member: String?) throws -> Data? {
        while buffer.count - start < count {
            let chunk: Data
            do {
                chunk = try source(max(count - (buffer.count - start), GzipStream.chunkSize))
            } catch let failure as Failure {
                throw failure
            } catch GzipStream.Failure.truncated {
                throw Failure.truncated(member: member)
            } catch {
                throw Failure.source(error)
            }
            if chunk.isEmpty {
                if buffer.count == start { return nil }
                throw Failure.truncated(member: member)
            }
            // Drop what was consumed before growing, so the buffer stays about one chunk long.
            if start > 0 {
                buffer.removeFirst(start)
                start = 0
            }
            buffer.append(contentsOf: chunk)
        }
        let result = Data(buffer[start..<(start + count)])
        start += count
        position += count
        return result
    }

    private func skip(_ count: Int, member: String) throws {
        var left = count
        while left > 0 {
            let step = min(left, GzipStream.chunkSize)
            guard try take(step, member: member) != nil else { throw Failure.truncated(member: member) }
            left -= step
        }
    }

    /// `30 path=a/b.json\n` records.
    static func paxRecords(_ data: Data) -> [String: String] {
        var result: [String: String] = [:]
        var rest = data[...]
        while let space = rest.firstIndex(of: UInt8(ascii: " ")),
              let length = Int(String(decoding: rest[rest.startIndex..<space], as: UTF8.self)), length > 0,
              length <= rest.count {
            let record = rest[rest.startIndex..<(rest.startIndex + length)]
            let text = String(decoding: record[(space + 1)...].dropLast(record.last == UInt8(ascii: "\n") ? 1 : 0), as: UTF8.self)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            rest = rest.dropFirst(length)
        }
        return result
    }

    static func cString(_ data: Data) -> String {
        String(decoding: data.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// The fields of a 512-byte header that matter here.
    struct Header {
        var path: String
        var linkName: String
        var size: Int
        var type: Character

        init(_ block: Data, isFirst: Bool) throws {
            let bytes = [UInt8](block)
            func text(_ start: Int, _ length: Int) -> String { TarReader.cString(Data(bytes[start..<(start + length)])) }
            func octal(_ start: Int, _ length: Int) -> Int? {
                let field = bytes[start..<(start + length)]
                // GNU's base-256 for sizes of 8 GB and more.
                if let first = field.first, first & 0x80 != 0 {
                    guard first == 0x80 else { return nil }
                    return field.dropFirst().reduce(0) { $0 > Int.max >> 9 ? Int.max : $0 << 8 | Int($1) }
                }
                let digits = String(decoding: field, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: " \0"))
                return digits.isEmpty ? 0 : Int(digits, radix: 8)
            }
            let expected = octal(148, 8)
            var sum = 0
            for (index, byte) in bytes.enumerated() { sum += (148..<156).contains(index) ? 32 : Int(byte) }
            guard let expected, expected == sum else {
                throw isFirst ? Failure.notTar : Failure.damaged("a member header's checksum is wrong")
            }
            let magic = Array(bytes[257..<263])
            let prefix = magic == Array("ustar\0".utf8) ? text(345, 155) : ""
            let name = text(0, 100)
            path = prefix.isEmpty ? name : prefix + "/" + name
            linkName = text(157, 100)
            guard let size = octal(124, 12), size >= 0 else { throw Failure.damaged("member '\(path)' has an unreadable size") }
            self.size = size
            type = Character(Unicode.Scalar(bytes[156]))
        }
    }
}
