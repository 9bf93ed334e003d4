import Foundation

/// A mirror on IPFS, through the system `ipfs` command (Kubo): the whole folder is added (IPFS
/// stores each block once, so unchanged files cost nothing), and the summary gives the root CID,
/// a gateway URL and the DNSLink TXT record that points the mirror's domain at it.
struct IPFSTransport: MirrorTransport {
    let mirror: String
    let url: URL
    let runner: Subprocess

    var isAllOrNothing: Bool { true }

    private final class Root: @unchecked Sendable {
        let lock = NSLock()
        var cid: String?
    }
    private let root = Root()

    func check() throws(PublishError) {
        guard runner.find("ipfs") != nil else {
            throw PublishError("Mirror '\(mirror)' needs the 'ipfs' command (Kubo), which is not installed: install it from https://docs.ipfs.tech/install/command-line/ and run 'ipfs init' (and 'ipfs daemon' to serve the files)")
        }
    }

    func send(_ files: [PublishFile], from folder: URL, window: Int, sent: @escaping @Sendable (PublishFile) -> Void) throws(PublishError) {}

    func delete(_ paths: [String], deleted: @escaping @Sendable (String) -> Void) throws(PublishError) {}

    func finish(from folder: URL, sent: Int, deleted: Int) throws(PublishError) -> [String] {
        let result: Subprocess.Result
        do {
            result = try runner.run(runner.find("ipfs") ?? "ipfs", ["add", "-r", "-Q", "--cid-version=1", folder.path])
        } catch {
            throw PublishError("Mirror '\(mirror)': cannot run ipfs: \(error.localizedDescription)")
        }
        let cid = result.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard result.status == 0, !cid.isEmpty, !cid.contains(where: \.isWhitespace) else {
            throw PublishError("Mirror '\(mirror)': 'ipfs add' failed: \(result.reason)")
        }
        root.lock.withLock { root.cid = cid }
        return [
            "CID: \(cid)",
            "Gateway: https://ipfs.io/ipfs/\(cid)/",
            "DNSLink: add the TXT record _dnslink.\(url.host ?? "example.org") with the value \"dnslink=/ipfs/\(cid)\"",
        ]
    }

    func read(_ paths: [String]) throws(PublishError) -> [String: Data?] {
        guard let cid = root.lock.withLock({ root.cid }) else { return [:] }
        var result: [String: Data?] = [:]
        for path in paths {
            let shown = try? runner.run(runner.find("ipfs") ?? "ipfs", ["cat", "/ipfs/\(cid)/\(path)"])
            result[path] = shown.flatMap { $0.status == 0 ? $0.output : nil }
        }
        return result
    }
}
