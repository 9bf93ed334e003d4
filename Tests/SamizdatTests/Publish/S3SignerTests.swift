import Foundation
import Testing
@testable import Samizdat

/// Signature Version 4, checked against the examples of the S3 documentation
/// (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html).
@Suite("S3Signer")
struct S3SignerTests {
    static let signer = S3Signer(
        credentials: .init(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1")
    static let date = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z
    static let emptySHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    private func authorization(_ url: String) throws -> String {
        let headers = Self.signer.headers(method: "GET", url: try #require(URL(string: url)), payloadSHA256: Self.emptySHA, date: Self.date)
        #expect(headers.first { $0.0 == "x-amz-date" }?.1 == "20130524T000000Z")
        return try #require(headers.first { $0.0 == "Authorization" }?.1)
    }

    @Test func getBucketLifecycle() throws {
        #expect(try authorization("https://examplebucket.s3.amazonaws.com/?lifecycle") ==
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
    }

    @Test func listObjects() throws {
        #expect(try authorization("https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J") ==
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
    }

    @Test func keysAreEncodedOnceSegmentBySegment() {
        #expect(S3Signer.encodeKey("blog/tags/c++/ünï code.html") == "blog/tags/c%2B%2B/%C3%BCn%C3%AF%20code.html")
    }

    @Test func credentialsComeFromTheEnvironmentOrAProfile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("credentials", "[default]\naws_access_key_id = D\naws_secret_access_key = DS\n\n[work]\naws_access_key_id=W\naws_secret_access_key=WS\naws_session_token=T\n")
        let file = folder.url.appendingPathComponent("credentials").path
        #expect(S3Signer.credentials(from: ["AWS_ACCESS_KEY_ID": "E", "AWS_SECRET_ACCESS_KEY": "ES", "AWS_SHARED_CREDENTIALS_FILE": file])
            == .init(accessKeyID: "E", secretAccessKey: "ES", sessionToken: nil))
        #expect(S3Signer.credentials(from: ["AWS_SHARED_CREDENTIALS_FILE": file])?.accessKeyID == "D")
        #expect(S3Signer.credentials(from: ["AWS_SHARED_CREDENTIALS_FILE": file, "AWS_PROFILE": "work"])
            == .init(accessKeyID: "W", secretAccessKey: "WS", sessionToken: "T"))
        #expect(S3Signer.credentials(from: ["AWS_SHARED_CREDENTIALS_FILE": file, "AWS_PROFILE": "none"]) == nil)
    }
}
