import Foundation

/// What identifies the tool that made a build database's records: its version and its binary,
/// so a rebuilt `samizdat` (or test runner) never trusts what another one rendered.
public enum ToolIdentity {
    public static let version = "0.2.0"

    static let key: String = {
        var digest = Digest.Builder("tool")
        digest.add(version)
        #if os(Linux)
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
        #else
        let executable = Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
        #endif
        digest.add(executable)
        if let stamp = FileStamp.of(executable) {
            digest.add(stamp.size)
            digest.add(Int(stamp.modified))
        }
        return digest.finalize()
    }()
}
