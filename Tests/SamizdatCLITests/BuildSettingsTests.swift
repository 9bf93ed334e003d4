import ArgumentParser
import Foundation
import Testing
@testable import SamizdatCLI

/// `samizdat build` lines read without ArgumentParser (`BuildSettings.init?(plain:)`) must mean
/// what ArgumentParser makes of them, and every line it cannot read alike must be left to it.
@Suite("build's options read directly")
struct BuildSettingsTests {
    /// What ArgumentParser makes of a whole line: the build's settings, or nil for an error, a
    /// help or version request, or another command.
    private func parsedByArgumentParser(_ arguments: [String]) -> BuildSettings? {
        guard let command = try? SamizdatCommand.parseAsRoot(arguments), let build = command as? BuildCommand else { return nil }
        return build.settings
    }

    @Test func usualLinesAreReadDirectly() {
        #expect(BuildSettings(plain: ["build"]) == BuildSettings())
        #expect(BuildSettings(plain: ["build", "-q"]) == BuildSettings(quiet: true))
        #expect(BuildSettings(plain: ["build", "--site", "blog", "--output=/tmp/out", "--drafts", "--future", "--clean", "--verbose"])
                == BuildSettings(site: "blog", output: "/tmp/out", drafts: true, future: true, clean: true, verbose: true))
        #expect(BuildSettings(plain: ["build", "--base-url", "https://mirror.example/blog/"])
                == BuildSettings(baseURL: "https://mirror.example/blog/"))
    }

    @Test func otherLinesAreLeftToArgumentParser() {
        for line in [["build", "--help"], ["build", "-h"], ["build", "--version"], ["build", "-q", "-q"], ["build", "--site", "a", "--site", "b"],
                     ["build", "-q", "-v"], ["build", "-qv"], ["build", "--site"], ["build", "--site", "--clean"], ["build", "--clean=yes"],
                     ["build", "--base-url", "not an address"], ["build", "--", "x"], ["build", "extra"], ["serve"], [], ["--site", "x", "build"]] {
            #expect(BuildSettings(plain: line) == nil, "\(line)")
        }
    }

    /// Random lines of `build`'s options, well and badly written: every line read directly is
    /// read alike by ArgumentParser (and a line ArgumentParser refuses is never read directly).
    @Test func randomLinesMeanWhatArgumentParserReads() {
        let pieces = ["--site", "blog", "--site=blog", "--site=", "--output", "out dir", "--output=o", "--drafts", "--future", "--clean", "-q",
                      "--quiet", "-v", "--verbose", "--base-url", "https://example.org/", "--base-url=https://example.org/x/", "ftp://x",
                      "--drafts=1", "-qv", "--help", "-h", "--version", "--", "-x", "x", "--sit", "-", "--site=-x", "", "--quiet=", "build"]
        var generator = SplitMix(seed: 20261128)
        var readDirectly = 0
        for _ in 0..<1200 {
            let count = Int(generator.next() % 6)
            let line = ["build"] + (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }
            guard let plain = BuildSettings(plain: line) else { continue }
            readDirectly += 1
            #expect(parsedByArgumentParser(line) == plain, "\(line)")
        }
        // The generator must have made lines of both kinds.
        #expect(readDirectly > 150)
    }

    private struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
