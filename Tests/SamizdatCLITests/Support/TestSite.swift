import Foundation

/// A site written into a temporary folder from inline strings, and the built `samizdat` binary
/// run on it. Remove it with `remove()` (use `defer`).
struct TestSite {
    let root: URL

    static let minimalConfig = """
        title: Test site
        base_url: https://example.org/blog/
        language: en
        timezone: Europe/Paris
        posts_per_page: 2
        author: {name: Ada, url: https://example.org/}

        """

    init(_ files: [String: String] = [:], config: String? = TestSite.minimalConfig) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("samizdat-cli-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if let config { try write("site.yml", config) }
        for (path, text) in files { try write(path, text) }
    }

    /// A folder made by something else (`samizdat init`), removed with its parent's `remove()`.
    init(existing root: URL) {
        self.root = root
    }

    /// A copy of a fixture folder from `Tests/Fixtures/`.
    init(fixture name: String) throws {
        try self.init([:], config: nil)
        try FileManager.default.removeItem(at: root)
        try FileManager.default.copyItem(at: Paths.fixtures.appendingPathComponent(name), to: root)
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: root.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// This site, removed when the test process exits: for a site a whole suite shares
    /// (`static let`), which no test can remove.
    func removedAtExit() -> TestSite {
        SharedFolders.removeAtExit(root)
        return self
    }

    /// Runs `samizdat` with the site folder as the working directory.
    @discardableResult
    func run(_ arguments: String...) throws -> ProcessResult {
        try Samizdat.run(arguments, in: root)
    }

    /// Runs `samizdat` in the site folder with standard input and environment variables.
    @discardableResult
    func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> ProcessResult {
        try Samizdat.run(arguments, in: root, input: input, environment: environment)
    }

    /// Runs `samizdat` under `script`, so that its standard input, output and error are a
    /// terminal, as for a person typing the command. Output and error come together, with `\r`
    /// removed.
    func runOnATerminal(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        let command = ([Paths.binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = root
        // Plain text whatever the caller's terminal: the tests compare words, not colours
        // (a `TERM=xterm` from the shell that runs the tests would turn colours on).
        process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"].merging(environment) { $1 }) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).replacingOccurrences(of: "\r", with: "")
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// The files below `folder`, sorted, folders left out.
    func files(in folder: String) -> [String] {
        snapshot(folder).keys.filter { !$0.hasSuffix("/") }.sorted()
    }

    /// Every file below `folder` with its bytes: a snapshot to prove a failed build changed nothing.
    func snapshot(_ folder: String = "Output") -> [String: Data] {
        let base = root.appendingPathComponent(folder)
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [:] }
        for case let url as URL in enumerator {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            let relative = String(url.standardizedFileURL.path.dropFirst(base.standardizedFileURL.path.count + 1))
            result[relative + (isDirectory.boolValue ? "/" : "")] = isDirectory.boolValue ? Data() : FileManager.default.contents(atPath: url.path)
        }
        return result
    }
}

struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum Samizdat {
    /// - Parameters:
    ///   - input: standard input (a pipe that is closed after it); without it, `/dev/null`.
    ///   - environment: variables set or replaced for this run.
    static func run(_ arguments: [String], in directory: URL, input: String? = nil, environment: [String: String] = [:]) throws -> ProcessResult {
        let process = Process()
        process.executableURL = Paths.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        // Output goes to files, not pipes: a server another test starts at the same moment (sshd,
        // moto, `samizdat serve`) can inherit a pipe's writing end and keep it open for as long as
        // it runs, so reading a pipe to its end could wait for that server instead of for samizdat.
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let outFile = capture.appendingPathComponent("stdout"), errFile = capture.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        let out = try FileHandle(forWritingTo: outFile), err = try FileHandle(forWritingTo: errFile)
        process.standardOutput = out
        process.standardError = err
        let inputPipe = input.map { _ in Pipe() }
        process.standardInput = inputPipe ?? FileHandle.nullDevice
        try process.run()
        if let inputPipe, let input {
            // Small texts: they fit the pipe's buffer, so writing cannot wait for the reader.
            inputPipe.fileHandleForWriting.write(Data(input.utf8))
            try inputPipe.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return ProcessResult(status: process.terminationStatus,
                             stdout: String(decoding: (try? Data(contentsOf: outFile)) ?? Data(), as: UTF8.self),
                             stderr: String(decoding: (try? Data(contentsOf: errFile)) ?? Data(), as: UTF8.self))
    }
}

enum Paths {
    /// The repository, found from this file's place in it.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = repository.appendingPathComponent("Tests/Fixtures")

    /// The `samizdat` built next to the test bundle.
    static let binary: URL = {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        var folder = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("samizdat")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return repository.appendingPathComponent(".build/debug/samizdat")
    }()
}

/// Folders shared by a whole suite, removed when the test process exits (`atexit`).
enum SharedFolders {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var folders: [URL] = []

    static func removeAtExit(_ folder: URL) {
        lock.withLock {
            if folders.isEmpty { atexit { SharedFolders.removeAll() } }
            folders.append(folder)
        }
    }

    private static func removeAll() {
        for folder in lock.withLock({ folders }) {
            try? FileManager.default.removeItem(at: folder)
        }
    }
}
