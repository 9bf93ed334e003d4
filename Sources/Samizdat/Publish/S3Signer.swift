import Crypto
import Foundation

/// AWS Signature Version 4 for S3 requests (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html),
/// on swift-crypto's HMAC and SHA-256.
struct S3Signer: Sendable {
    struct Credentials: Sendable, Equatable {
        var accessKeyID: String
        var secretAccessKey: String
        var sessionToken: String?
    }

    let credentials: Credentials
    let region: String
    let service = "s3"

    /// The headers to send with a request (`host` is the URL's, sent by the HTTP client itself):
    /// `x-amz-date`, `x-amz-content-sha256`, the session token when there is one, and
    /// `Authorization`.
    func headers(method: String, url: URL, payloadSHA256: String, date: Date) -> [(String, String)] {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let amzDate = formatter.string(from: date)
        let day = String(amzDate.prefix(8))

        var host = url.host ?? ""
        if let port = url.port { host += ":\(port)" }
        var signed: [(String, String)] = [("host", host), ("x-amz-content-sha256", payloadSHA256), ("x-amz-date", amzDate)]
        if let token = credentials.sessionToken { signed.append(("x-amz-security-token", token)) }
        signed.sort { $0.0 < $1.0 }
        let signedHeaders = signed.map(\.0).joined(separator: ";")
        let canonicalRequest = [
            method,
            url.path.isEmpty ? "/" : Self.encodePath(URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? url.path),
            Self.canonicalQuery(url),
            signed.map { "\($0.0):\($0.1.trimmingCharacters(in: .whitespaces))\n" }.joined(),
            signedHeaders,
            payloadSHA256,
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, Digest.of(canonicalRequest)].joined(separator: "\n")
        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        let signature = Digest.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
        var result = signed.filter { $0.0 != "host" }
        result.append(("Authorization", "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"))
        return result
    }

    /// Characters S3 leaves as they are in a path (RFC 3986 unreserved, and `/`).
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// A key as it goes into a URL path: each segment percent-encoded.
    static func encodeKey(_ key: String) -> String {
        key.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: unreserved) ?? String($0) }
            .joined(separator: "/")
    }

    /// An already-encoded path, made canonical (encoded once, the same way whatever the URL did).
    static func encodePath(_ path: String) -> String {
        encodeKey(path.removingPercentEncoding ?? path)
    }

    static func canonicalQuery(_ url: URL) -> String {
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        var pairs: [(name: String, value: String)] = []
        for item in items {
            let name = item.name.addingPercentEncoding(withAllowedCharacters: unreserved) ?? item.name
            let value = (item.value ?? "").addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
            pairs.append((name, value))
        }
        pairs.sort { $0.name == $1.name ? $0.value < $1.value : $0.name < $1.name }
        return pairs.map { $0.name + "=" + $0.value }.joined(separator: "&")
    }

    /// Credentials from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` (and `AWS_SESSION_TOKEN`), else
    /// from the profile `AWS_PROFILE` (or `default`) of `~/.aws/credentials`
    /// (`AWS_SHARED_CREDENTIALS_FILE` moves it); nil when there are none.
    static func credentials(from environment: [String: String]) -> Credentials? {
        if let id = environment["AWS_ACCESS_KEY_ID"], let secret = environment["AWS_SECRET_ACCESS_KEY"], !id.isEmpty, !secret.isEmpty {
            return Credentials(accessKeyID: id, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 })
        }
        let file = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.aws/credentials")
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        let profile = environment["AWS_PROFILE"] ?? "default"
        var section = ""
        var values: [String: String] = [:]
        for rawLine in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard section == profile, let equals = line.firstIndex(of: "=") else { continue }
            values[line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        guard let id = values["aws_access_key_id"], let secret = values["aws_secret_access_key"] else { return nil }
        return Credentials(accessKeyID: id, secretAccessKey: secret, sessionToken: values["aws_session_token"])
    }
}
