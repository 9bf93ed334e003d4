import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A server process a test starts on a free loopback port and stops (`sshd`, moto's S3 server).
///
/// Started with `posix_spawn`, not Foundation's `Process`: on Linux, `Process` learns that a
/// child ended when a socket it hands the child is closed, and then waits for it without a
/// timeout on the thread that also notices every other child's end. `sshd` closes every
/// inherited file when it starts, so `Process` took it for ended, waited on it for good, and no
/// `samizdat` the test ran afterwards was ever seen to exit.
final class LocalServer {
    private(set) var pid: pid_t = 0
    let port: Int
    let log: URL

    /// Starts `executable`; `arguments` gets the port. Waits (up to 30 s) until the port accepts
    /// connections, and throws if the process ends first.
    init(_ executable: String, log: URL, environment: [String: String] = [:], arguments: (Int) -> [String]) throws {
        port = try LocalServer.freePort()
        self.log = log
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = [executable] + arguments(port)
        let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        var cArguments = argv.map { strdup($0) } + [nil]
        var cEnvironment = env.map { strdup($0) } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        let status = posix_spawn(&pid, executable, &actions, nil, &cArguments, &cEnvironment)
        guard status == 0 else { throw ServerFailed(message: "\(executable) did not start: \(String(cString: strerror(status)))") }
        let deadline = Date().addingTimeInterval(30)
        while !LocalServer.accepts(port) {
            guard isRunning, Date() < deadline else {
                stop()
                throw ServerFailed(message: "\(executable) did not start: " + (String(data: (try? Data(contentsOf: log)) ?? Data(), encoding: .utf8) ?? ""))
            }
            usleep(50_000)
        }
    }

    struct ServerFailed: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Whether the server still runs (a server that ended is reaped here).
    var isRunning: Bool {
        guard pid > 0 else { return false }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
            pid = 0
            return false
        }
        return true
    }

    /// SIGTERM, then SIGKILL if the server is still there after two seconds (moto's server does
    /// not always end on SIGTERM).
    func stop() {
        guard isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(2)
        while isRunning && Date() < deadline { usleep(20_000) }
        guard isRunning else { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        pid = 0
    }

    deinit { stop() }

    /// A port nothing listens on now (the kernel's choice for port 0).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw ServerFailed(message: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// Runs a command to the end; its status and output (standard error included).
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
