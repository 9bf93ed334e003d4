import Foundation

/// A mirror in an S3-compatible bucket (AWS S3, Backblaze B2, Cloudflare R2, MinIO…).
///
/// Requests are signed here (`S3Signer`, AWS Signature Version 4) and sent by the system `curl`,
/// as the other mirrors go through `rsync` and `git`: the one-file `samizdat` binary then needs
/// no TLS library of its own. Signed headers go to curl in a file, never on its command line.
/// Keys are `prefix` + the file's path; a custom `endpoint` is addressed path-style
/// (`endpoint/bucket/key`), AWS itself by virtual host (`bucket.s3.region.amazonaws.com/key`).
/// Only keys Samizdat recorded putting there are ever deleted.
struct S3Transport: MirrorTransport {
    let mirror: String
    let bucket: String
    let prefix: String
    let base: URL
    let region: String
    let credentials: S3Signer.Credentials?
    let runner: Subprocess

    init(mirror: String, bucket: String, prefix: String, endpoint: String?, region: String, environment: [String: String]) throws(PublishError) {
        self.mirror = mirror
        self.bucket = bucket
        self.prefix = prefix
        self.region = region
        let text: String
        if let endpoint {
            text = (endpoint.hasSuffix("/") ? endpoint : endpoint + "/") + S3Signer.encodeKey(bucket) + "/"
        } else {
            text = "https://\(bucket).s3.\(region).amazonaws.com/"
        }
        guard let base = URL(string: text) else { throw PublishError("Mirror '\(mirror)': '\(text)' is not a URL") }
        self.base = base
        credentials = S3Signer.credentials(from: environment)
        runner = Subprocess(environment: environment)
    }

    private func url(_ path: String) -> URL {
        URL(string: base.absoluteString + S3Signer.encodeKey(prefix + path))!
    }

    func check() throws(PublishError) {
        guard runner.find("curl") != nil else {
            throw PublishError("Mirror '\(mirror)' needs the 'curl' command, which is not installed: install it with 'apt-get install curl'")
        }
        guard credentials != nil else {
            throw PublishError("Mirror '\(mirror)' has no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN if you have one), or AWS_PROFILE with a profile in ~/.aws/credentials. Samizdat never reads them from site.yml")
        }
        // The bucket exists and the credentials open it.
        let result = try request("HEAD", url: base, body: nil, sha256: Digest.of(Data()))
        guard (200..<300).contains(result.status) else { throw failure(result, "opening the bucket '\(bucket)'") }
    }

    struct Response {
        var status: Int
        var body: Data
    }

    /// One signed request; `body` is a file to send.
    private func request(_ method: String, url: URL, body: URL?, sha256: String, contentType: String? = nil) throws(PublishError) -> Response {
        guard let credentials else { throw PublishError("Mirror '\(mirror)' has no S3 credentials") }
        let signer = S3Signer(credentials: credentials, region: region)
        var headers = signer.headers(method: method, url: url, payloadSHA256: sha256, date: Date())
        if let contentType { headers.append(("Content-Type", contentType)) }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-s3-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let headerFile = work.appendingPathComponent("headers"), output = work.appendingPathComponent("body")
        var arguments = ["--silent", "--show-error", "--globoff", "--path-as-is", "--connect-timeout", "10", "--max-time", "300",
                         "-X", method, "-H", "@\(headerFile.path)", "-o", output.path, "-w", "%{http_code}"]
        if method == "HEAD" { arguments = arguments.filter { $0 != "-X" && $0 != "HEAD" } + ["--head"] }
        if let body { arguments += ["--data-binary", "@\(body.path)"] } else if method == "PUT" { arguments += ["--data-binary", ""] }
        arguments.append(url.absoluteString)
        let result: Subprocess.Result
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            try Data(headers.map { "\($0.0): \($0.1)\n" }.joined().utf8).write(to: headerFile, options: .atomic)
            result = try runner.run(runner.find("curl") ?? "curl", arguments)
        } catch {
            throw PublishError("Mirror '\(mirror)': cannot run curl: \(error.localizedDescription)")
        }
        guard result.status == 0, let status = Int(result.text.trimmingCharacters(in: .whitespacesAndNewlines)), status > 0 else {
            throw PublishError("Mirror '\(mirror)': cannot reach \(base.absoluteString): \(result.reason)")
        }
        return Response(status: status, body: FileManager.default.contents(atPath: output.path) ?? Data())
    }

    private func failure(_ response: Response, _ what: String) -> PublishError {
        let text = String(decoding: response.body, as: UTF8.self)
        func tag(_ name: String) -> String? {
            guard let start = text.range(of: "<\(name)>"), let end = text.range(of: "</\(name)>", range: start.upperBound..<text.endIndex) else { return nil }
            return String(text[start.upperBound..<end.lowerBound])
        }
        let code = tag("Code").map { " \($0)" } ?? ""
        let message = tag("Message").map { ": \($0)" } ?? ""
        if response.status == 403 || code.contains("InvalidAccessKeyId") || code.contains("SignatureDoesNotMatch") {
            return PublishError("Mirror '\(mirror)': the store refused the credentials while \(what) (HTTP 403\(code)\(message)); check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or the profile")
        }
        if response.status == 404 {
            return PublishError("Mirror '\(mirror)': no bucket '\(bucket)' at \(base.absoluteString) (HTTP 404\(code)); create it first")
        }
        return PublishError("Mirror '\(mirror)': S3 error while \(what) (HTTP \(response.status)\(code)\(message))")
    }

    func send(_ files: [PublishFile], from folder: URL, window: Int, sent: @escaping @Sendable (PublishFile) -> Void) throws(PublishError) {
        try forEachBounded(files, window: window) { file throws(PublishError) in
            let response = try request("PUT", url: url(file.path), body: folder.appendingPathComponent(file.path), sha256: file.sha256,
                                       contentType: S3Transport.contentType(file.path))
            guard (200..<300).contains(response.status) else { throw failure(response, "sending \(file.path)") }
            sent(file)
        }
    }

    func delete(_ paths: [String], deleted: @escaping @Sendable (String) -> Void) throws(PublishError) {
        try forEachBounded(paths, window: 8) { path throws(PublishError) in
            let response = try request("DELETE", url: url(path), body: nil, sha256: Digest.of(Data()))
            guard (200..<300).contains(response.status) || response.status == 404 else { throw failure(response, "deleting \(path)") }
            deleted(path)
        }
    }

    func read(_ paths: [String]) throws(PublishError) -> [String: Data?] {
        var result: [String: Data?] = [:]
        for path in paths {
            let response = try request("GET", url: url(path), body: nil, sha256: Digest.of(Data()))
            result[path] = (200..<300).contains(response.status) ? response.body : nil
        }
        return result
    }

    /// What a browser needs to be told: S3 serves a file with the type it was stored with.
    static func contentType(_ path: String) -> String {
        let types = [
            "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
            "json": "application/json", "xml": "application/xml", "txt": "text/plain; charset=utf-8",
            "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
            "avif": "image/avif", "svg": "image/svg+xml", "ico": "image/x-icon", "woff2": "font/woff2", "pdf": "application/pdf",
            "mp4": "video/mp4", "mp3": "audio/mpeg",
        ]
        let ext = (path as NSString).pathExtension.lowercased()
        if path.hasSuffix("atom.xml") { return "application/atom+xml" }
        if path.hasSuffix("feed.json") { return "application/feed+json" }
        return types[ext] ?? "application/octet-stream"
    }
}
