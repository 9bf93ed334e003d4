import Foundation

/// Another address the site is published at (`mirrors:` in `site.yml`): its name, the public
/// URL readers use there, and where `samizdat publish` sends the files (`to`).
public struct Mirror: Sendable, Equatable {
    /// Where the files go, by the scheme of `to`.
    public enum Destination: Sendable, Equatable {
        /// A folder on this machine (absolute, or relative to the site's folder).
        case folder(String)
        /// `user@host:path` (over SSH) or `rsync://host/module/path` (an rsync daemon), through the system `rsync`.
        case rsync(String)
        /// A branch of a git repository (`git+ssh://…#branch`, `git+file://…#branch`); `remote` is
        /// the URL without `git+` and the fragment.
        case git(remote: String, branch: String)
        /// An S3-compatible bucket: `s3://bucket/prefix?endpoint=…&region=…`.
        case s3(bucket: String, prefix: String, endpoint: String?, region: String)
        /// IPFS, through the system `ipfs` command (`ipfs` or `ipfs://`).
        case ipfs
    }

    public var name: String
    /// Absolute http(s), ending in `/`.
    public var url: URL
    /// `to` as written in `site.yml`.
    public var to: String
    public var destination: Destination
    /// Where the entry is in `site.yml`.
    public var line: Int?

    public init(name: String, url: URL, to: String, destination: Destination, line: Int? = nil) {
        self.name = name
        self.url = url
        self.to = to
        self.destination = destination
        self.line = line
    }

    /// Why `to` names no destination.
    public struct Invalid: Error, Sendable {
        public var message: String
        init(_ message: String) { self.message = message }
    }

    /// What pages, feeds and `mirrors.json` call the address at `base_url`, so no mirror may
    /// have it: each address's name is unique, and tells the `<link rel="alternate">` apart.
    public static let mainName = "main"

    /// The branch a `git+…` mirror commits to when `to` names none.
    public static let defaultBranch = "pages"

    /// The destination `to` names, or why it names none.
    public static func destination(parsing to: String) -> Result<Destination, Invalid> {
        let text = to.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return .failure(Invalid("'to' is empty")) }
        let kinds = "a folder, 'user@host:path', 'rsync://…', 'git+ssh://…#branch', 'git+file://…#branch', 's3://bucket/prefix?endpoint=…&region=…' or 'ipfs'"
        if text == "ipfs" || text == "ipfs://" { return .success(.ipfs) }
        if let colon = text.range(of: "://") {
            let scheme = text[..<colon.lowerBound].lowercased()
            switch scheme {
            case "rsync":
                guard let components = URLComponents(string: text), components.host?.isEmpty == false else {
                    return .failure(Invalid("'\(text)' has no host; write it as 'rsync://host/module/path'"))
                }
                return .success(.rsync(text))
            case "git+ssh", "git+file", "git+https", "git+http":
                var remote = String(text.dropFirst(4))
                var branch = defaultBranch
                if let hash = remote.lastIndex(of: "#") {
                    branch = String(remote[remote.index(after: hash)...])
                    remote = String(remote[..<hash])
                    guard isBranchName(branch) else { return .failure(Invalid("'\(branch)' in '\(text)' is not a branch name")) }
                }
                guard URLComponents(string: remote) != nil, remote.count > scheme.count else {
                    return .failure(Invalid("'\(text)' is not a git URL; write it as 'git+ssh://git@host/owner/repo.git#branch'"))
                }
                return .success(.git(remote: remote, branch: branch))
            case "s3":
                guard let components = URLComponents(string: text), let bucket = components.host, !bucket.isEmpty else {
                    return .failure(Invalid("'\(text)' names no bucket; write it as 's3://bucket/prefix?endpoint=https://…&region=…'"))
                }
                var prefix = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                if !prefix.isEmpty { prefix += "/" }
                var endpoint: String?
                var region = "us-east-1"
                for item in components.queryItems ?? [] {
                    switch item.name {
                    case "endpoint":
                        guard let value = item.value, SiteConfig.isHTTPURL(value) else {
                            return .failure(Invalid("'endpoint' in '\(text)' must be an http or https URL"))
                        }
                        endpoint = value
                    case "region":
                        guard let value = item.value, !value.isEmpty else { return .failure(Invalid("'region' in '\(text)' is empty")) }
                        region = value
                    default:
                        return .failure(Invalid("Unknown option '\(item.name)' in '\(text)'; S3 mirrors know 'endpoint' and 'region'"))
                    }
                }
                return .success(.s3(bucket: bucket, prefix: prefix, endpoint: endpoint, region: region))
            case "file":
                guard let url = URL(string: text), url.isFileURL else { return .failure(Invalid("'\(text)' is not a file URL")) }
                return .success(.folder(url.path))
            default:
                return .failure(Invalid("Unknown kind of mirror '\(scheme)://' in '\(text)'; 'to' is \(kinds)"))
            }
        }
        // scp-like `user@host:path` or `host:path`, as rsync and ssh read it; a path with `/`
        // before the first `:` is a folder (`./a:b`, `/srv/www`).
        if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/"), text.distance(from: text.startIndex, to: colon) > 1 {
            return .success(.rsync(text))
        }
        return .success(.folder(text))
    }

    static func isBranchName(_ text: String) -> Bool {
        !text.isEmpty && !text.hasPrefix("-") && !text.hasPrefix("/") && !text.hasSuffix("/") && !text.contains("..")
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./".contains($0)) }
    }

    /// A name usable as a folder name and on a command line: letters, digits, `-`, `_`, `.`.
    static func isName(_ text: String) -> Bool {
        !text.isEmpty && !text.hasPrefix(".") && !text.hasPrefix("-")
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }

    /// The address as readers would type it: host and path, no scheme, no trailing slash.
    public var displayAddress: String { Mirror.displayAddress(url) }

    static func displayAddress(_ url: URL) -> String {
        var text = url.absoluteString
        for scheme in ["https://", "http://"] where text.hasPrefix(scheme) { text.removeFirst(scheme.count) }
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
