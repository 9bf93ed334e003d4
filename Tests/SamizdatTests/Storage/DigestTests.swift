import Crypto
import Foundation
import Testing
@testable import Samizdat

/// `Digest.Builder` hashes each field as its kind, its length and its bytes, whatever the
/// buffering: the same fields always give the digest recorded by earlier builds.
@Suite("Digest")
struct DigestTests {
    /// The bytes the builder stands for, written out plainly.
    struct Reference {
        var bytes: [UInt8] = []
        mutating func tag(_ kind: UInt8, _ count: Int) {
            bytes.append(kind)
            withUnsafeBytes(of: UInt64(bitPattern: Int64(count)).littleEndian) { bytes.append(contentsOf: $0) }
        }
        mutating func add(_ text: String) { tag(0x53, text.utf8.count); bytes += Array(text.utf8) }
        mutating func add(_ number: Int) { tag(0x49, number) }
        mutating func add(_ flag: Bool) { tag(0x42, flag ? 1 : 0) }
        mutating func add(_ data: Data) { tag(0x58, data.count); bytes += Array(data) }
        mutating func addNil() { tag(0x4e, 0) }
        var digest: String { Digest.hex(SHA256.hash(data: bytes)) }
    }

    @Test func fieldsOfEverySizeHashAsTheirPlainBytes() {
        var generator = SplitMix64(seed: 2026)
        for round in 0..<40 {
            var builder = Digest.Builder("domain \(round)")
            var reference = Reference()
            reference.add("domain \(round)")
            for _ in 0..<Int.random(in: 0...60, using: &generator) {
                switch Int.random(in: 0..<6, using: &generator) {
                case 0:
                    // Short and long texts, some longer than the builder's buffer, some not ASCII.
                    let length = [0, 1, 63, 64, 4095, 4096, 4097, 9000].randomElement(using: &generator)!
                    let text = String((0..<length).map { _ in "aé€😀\n".randomElement(using: &generator)! })
                    builder.add(text)
                    reference.add(text)
                case 1:
                    let number = Int.random(in: Int.min...Int.max, using: &generator)
                    builder.add(number)
                    reference.add(number)
                case 2:
                    let flag = Bool.random(using: &generator)
                    builder.add(flag)
                    reference.add(flag)
                case 3:
                    let data = Data((0..<Int.random(in: 0...10_000, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
                    builder.add(data)
                    reference.add(data)
                case 4:
                    builder.add(nil as String?)
                    reference.addNil()
                default:
                    let list = (0..<Int.random(in: 0...5, using: &generator)).map { "item \($0)" }
                    builder.add(list)
                    reference.tag(0x4c, list.count)
                    for item in list { reference.add(item) }
                }
            }
            #expect(builder.finalize() == reference.digest)
            // Finishing does not change the builder: a second call gives the same digest.
            #expect(builder.finalize() == reference.digest)
        }
    }

    @Test func aKnownDigestStaysTheSame() {
        // The digest of ("a", 1) as written by every build since the database's first version.
        var builder = Digest.Builder("a")
        builder.add(1)
        var bytes: [UInt8] = [0x53, 1, 0, 0, 0, 0, 0, 0, 0, 0x61, 0x49, 1, 0, 0, 0, 0, 0, 0, 0]
        #expect(builder.finalize() == Digest.hex(SHA256.hash(data: bytes)))
        bytes[11] = 2
        #expect(builder.finalize() != Digest.hex(SHA256.hash(data: bytes)))
    }
}
