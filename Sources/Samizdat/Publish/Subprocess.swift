import Foundation

/// Runs the system commands mirrors go through (`rsync`, `git`, `ipfs`).
struct Subprocess {
    struct Result {
        var status: Int32
        var output: Data
        var error: String

        var text: String { String(decoding: output, as: UTF8.self) }
        /// The last line of standard error: what the command said went wrong.
        var reason: String {
            error.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.last { !$0.isEmpty } ?? "exit status \(status)"
        }
    }

    let environment: [String: String]

    /// The absolute path of `name` on the `PATH`, or nil.
    func find(_ name: String) -> String? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `executable` (a path) and waits; throws only when it cannot be started.
    func run(_ executable: String, _ arguments: [String], in directory: URL? = nil, extraEnvironment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = environment.merging(extraEnvironment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Both pipes are drained at once, so a command that writes much to one cannot block. The
        // second reader is a thread of its own, not a Dispatch block: commands run from
        // `concurrentPerform` workers, which may hold every thread of Dispatch's pool.
        let errorData = LockedData()
        let errorHandle = Handle(file: err.fileHandleForReading)
        let done = DispatchSemaphore(value: 0)
        let reader = Thread {
            errorData.set(errorHandle.file.readDataToEndOfFile())
            done.signal()
        }
        reader.start()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: output, error: String(decoding: errorData.get(), as: UTF8.self))
    }

    private struct Handle: @unchecked Sendable {
        let file: FileHandle
    }

    private final class LockedData: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func set(_ value: Data) { lock.withLock { data = value } }
        func get() -> Data { lock.withLock { data } }
    }
}
