import Foundation

#if SAMIZDAT_FUZZING
/// libFuzzer's driver, which parses its options from the command line and calls the target.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif

/// The program's entry point.
///
/// Built with `-sanitize=fuzzer -D SAMIZDAT_FUZZING` (`make fuzz`), it hands the command line to
/// libFuzzer's driver: SwiftPM gives an executable's entry point its own name, so libFuzzer's own
/// `main` cannot be used, but its driver can. A plain build (no libFuzzer) replays inputs from
/// files instead: `SamizdatFuzz TARGET FILE…`, which is how a crash that `make fuzz` saved is
/// reproduced in the debugger.
@main
enum FuzzMain {
    static func main() {
        #if SAMIZDAT_FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        FuzzTarget.warmUp()
        exit(LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in fuzzOneInput(bytes, count) })
        #else
        replay(Array(CommandLine.arguments.dropFirst()))
        #endif
    }

    static func replay(_ arguments: [String]) {
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
            FileHandle.standardError.write(Data("usage: SamizdatFuzz \(names) FILE…\n".utf8))
            exit(64)
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("SamizdatFuzz: cannot read \(path)\n".utf8))
                exit(1)
            }
            target.run(data)
            print("ok \(path)")
        }
    }
}
