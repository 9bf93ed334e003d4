import Foundation
import Testing

/// The Makefile's targets for newcomers, read with `make -n -B` (nothing runs; every step is
/// listed, done or not).
@Suite("Makefile")
struct MakefileTests {
    static func dryRun(_ target: String) throws -> String {
        try Validators.run(URL(fileURLWithPath: "/usr/bin/make"), ["-n", "-B", "-C", Paths.repository.path, target]).output
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/make")))
    func buildAndServeDoSomething() throws {
        #expect(try Self.dryRun("build").contains(".build/release/samizdat build --site ."))
        #expect(try Self.dryRun("serve").contains(".build/release/samizdat serve --site ."))
    }

    /// Only `make test` needs the validators' Python virtualenv (and Java, for the Nu checker).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/make")), arguments: ["site", "release", "build"])
    func buildingInstallsNothingForTheTests(_ target: String) throws {
        let commands = try Self.dryRun(target)
        #expect(!commands.contains("-m venv") && !commands.contains("pip install"), "\(commands)")
        #expect(!commands.contains("chromium"), "\(commands)")
        #expect(try Self.dryRun("test").contains("-m venv"), "the check itself can fail")
    }
}
