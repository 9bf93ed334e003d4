import Foundation

/// A `.tar.gz` archive (a Mastodon export as downloaded), read without unpacking it to disk.
///
/// Opening reads the whole archive once, through `TarReader`'s checks, and keeps only an index
/// (each member's place in the unpacked stream) and the small data files (`*.json`) in memory.
/// A member read later (a photo) is found by unpacking again up to its place; reading members
/// in the order of their places (`ImportArchive.position(of:)`) makes all of them one more pass.
final class TarGzArchive {
    let url: URL
    private(set) var members: [String: TarReader.Member] = [:]
    private var kept: [String: Data] = [:]
    /// The stream the last member was read from, reused when the next one is further on.
    private var cursor: GzipStream?

    /// Data files larger than this are read again from the archive when asked for.
    static let keptSize = 1 << 28

    init(url: URL) throws(DiagnosticList) {
        self.url = url
        do {
            let gzip = try GzipStream(url: url)
            let reader = TarReader { count in try gzip.read(upTo: count) }
            try reader.read { member, read in
                members[member.path] = member
                guard member.path.hasSuffix(".json"), member.size <= Self.keptSize else { return }
                var data = Data()
                while case let chunk = try read(GzipStream.chunkSize), !chunk.isEmpty { data.append(chunk) }
                // A hard link hands over no bytes of its own: it is read later from its target's place.
                if data.count == member.size { kept[member.path] = data }
            }
        } catch {
            throw failure(error)
        }
    }

    /// Hands the member's bytes to `consume` in chunks.
    func stream(_ member: String, _ consume: (Data) throws -> Void) throws {
        if let data = kept[member] {
            try consume(data)
            return
        }
        guard let entry = members[member] else { throw ImportArchive.failure("Member '\(member)' is not in the archive", at: url) }
        do {
            if cursor == nil || cursor!.position > entry.offset { cursor = try GzipStream(url: url) }
            let gzip = cursor!
            while gzip.position < entry.offset {
                guard !(try gzip.read(upTo: min(GzipStream.chunkSize, entry.offset - gzip.position))).isEmpty else { throw GzipStream.Failure.truncated }
            }
            var left = entry.size
            while left > 0 {
                let chunk = try gzip.read(upTo: min(GzipStream.chunkSize, left))
                guard !chunk.isEmpty else { throw GzipStream.Failure.truncated }
                left -= chunk.count
                try consume(chunk)
            }
        } catch let error as GzipStream.Failure {
            cursor = nil
            throw failure(error, member: member)
        }
    }

    /// The message for what went wrong, naming the member where it is known.
    private func failure(_ error: Error, member: String? = nil) -> DiagnosticList {
        let name = url.lastPathComponent
        switch error {
        case let list as DiagnosticList:
            return list
        case GzipStream.Failure.notGzip:
            return ImportArchive.failure("\(name) is not a .tar.gz archive. Give the .tar.gz file as downloaded, or the folder it unpacks to", at: url)
        case GzipStream.Failure.truncated:
            return ImportArchive.failure("\(name) is incomplete: it ends " + (member.map { "inside member '\($0)'" } ?? "before the end of the archive")
                                         + ". Download the archive again", at: url)
        case GzipStream.Failure.damaged(let reason):
            return ImportArchive.failure("\(name) is a damaged .tar.gz archive (\(reason))" + (member.map { ", in member '\($0)'" } ?? "")
                                         + ". Download the archive again", at: url)
        case GzipStream.Failure.unreadable(let reason):
            return ImportArchive.failure("Cannot read \(name): \(reason)", at: url)
        case TarReader.Failure.notTar:
            return ImportArchive.failure("\(name) is compressed, but what it holds is not a tar archive. Give the .tar.gz file as downloaded, or the folder it unpacks to", at: url)
        case TarReader.Failure.truncated(let member):
            return ImportArchive.failure("\(name) is incomplete: it ends " + (member.map { "inside member '\($0)'" } ?? "before the end of the archive")
                                         + ". Download the archive again", at: url)
        case TarReader.Failure.damaged(let reason):
            return ImportArchive.failure("\(name) is a damaged tar archive: \(reason). Download the archive again", at: url)
        case TarReader.Failure.unsafe(let member, let reason):
            return ImportArchive.failure("Member '\(member)' \(reason). The archive is not safe to import; nothing was imported", at: url)
        case TarReader.Failure.source(let inner):
            return failure(inner, member: member)
        default:
            return ImportArchive.failure("Cannot read \(name): \(error)", at: url)
        }
    }
}
