import Foundation
import SamizdatFuzz
import Testing

/// Every input the fuzzers once crashed, hung or broke a promise on, replayed through the same
/// entry points as `make fuzz` (`FuzzTarget.run`), so that `make test` keeps them fixed.
///
/// Inputs live in `Tests/Fixtures/fuzz-regressions/<target>/`, one file each.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-regressions")

    struct Input: CustomTestStringConvertible, Sendable {
        var target: FuzzTarget
        var file: URL
        var testDescription: String { "\(target.rawValue)/\(file.lastPathComponent)" }
    }

    static var inputs: [Input] {
        FuzzTarget.allCases.flatMap { target in
            let files = (try? FileManager.default.contentsOfDirectory(
                at: folder.appendingPathComponent(target.rawValue), includingPropertiesForKeys: nil)) ?? []
            return files.filter { !$0.lastPathComponent.hasPrefix(".") }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
                .map { Input(target: target, file: $0) }
        }
    }

    @Test func thereAreRegressionInputs() {
        #expect(!Self.inputs.isEmpty, "no inputs found in \(Self.folder.path)")
    }

    /// A crash stops the test process; a broken promise is a `precondition` failure in `run`.
    @Test(arguments: inputs)
    func replays(_ input: Input) throws {
        let data = try Data(contentsOf: input.file)
        input.target.run(data)
    }
}
